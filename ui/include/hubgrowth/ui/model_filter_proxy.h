#pragma once
// The browser's filter: text in the id, organisation, minimum last count, fit quality. Every
// chart that aggregates models draws the rows this proxy accepts.

#include <QSortFilterProxyModel>
#include <QVector>

#include "hubgrowth/ui/model_table_model.h"

namespace hubgrowth {

class ModelFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
  public:
    enum class Quality { Any, Good, Poor, Fitted, Unfitted };

    explicit ModelFilterProxy(QObject* parent = nullptr);

    void setSearchText(const QString& text);
    void setOrganisation(const QString& org);  // empty: every organisation
    void setMinimumCount(double count);
    void setQuality(Quality quality);
    QString searchText() const { return text_; }
    QString organisation() const { return org_; }
    double minimumCount() const { return minCount_; }
    Quality quality() const { return quality_; }

    // Re-applies the filter (the quality filter depends on fits that arrive later).
    void refilter();
    // Source rows the filter accepts, in source order.
    QVector<int> acceptedSourceRows() const;

  signals:
    void filterChanged();

  protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    // Numeric columns compare raw doubles (empty cells last), not QVariants: sorting 20k rows
    // stays well under the UI's frame budget.
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

  private:
    const ModelTableModel* table() const;

    QString text_, org_;
    double minCount_ = 0.0;
    Quality quality_ = Quality::Any;
};

}  // namespace hubgrowth
