#pragma once
// The browser's filter: text in the id, organisation, minimum last count, fit quality. Every
// chart that aggregates models draws the rows this proxy accepts.

#include <QSortFilterProxyModel>
#include <QVector>
#include <vector>

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
    // Sorts on keys read once per row (a whole-Hub table has 200k rows: reading two cells per
    // comparison took seconds).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

  signals:
    void filterChanged();

  protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    // Numeric columns compare raw doubles (empty cells last), text columns strings; during
    // sort() both come from the keys read for it.
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

  private:
    const ModelTableModel* table() const;
    void readSortKeys(int column);

    // The sort keys of sortingColumn_ by source row, valid while sort() runs: numbers, or for
    // text columns each row's rank in the column's order (equal texts, equal ranks; empty
    // cells last).
    int sortingColumn_ = -1;
    std::vector<double> numericKeys_;
    // Ranks of the columns fixed by the dataset (model, org, created), for its generation.
    quint64 rankedGeneration_ = 0;
    std::vector<std::vector<double>> fixedRanks_;

    QString text_, org_;
    double minCount_ = 0.0;
    Quality quality_ = Quality::Any;
};

}  // namespace hubgrowth
