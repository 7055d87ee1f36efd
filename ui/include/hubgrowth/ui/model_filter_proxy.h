#pragma once
// The browser's filter and sort: text in the id, organisation, minimum last count, fit quality,
// and the header's sort column. Every chart that aggregates models draws the rows this proxy
// accepts.
//
// A flat row map of our own rather than QSortFilterProxyModel: a whole-Hub table has 200k rows,
// and the generic proxy's sort (two QModelIndex and a virtual call per comparison), its mapping
// rebuilt after every reset and its re-sort inside invalidate() took 0.2-2 s per action. Here a
// sort is one read of the column's keys and a sort of integers, a filter one pass over the rows.

#include <QAbstractProxyModel>
#include <QStringList>
#include <QVector>
#include <string>
#include <vector>

#include "hubgrowth/ui/model_table_model.h"

namespace hubgrowth {

class ModelFilterProxy : public QAbstractProxyModel {
    Q_OBJECT
  public:
    enum class Quality { Any, Good, Poor, Fitted, Unfitted };

    explicit ModelFilterProxy(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* source) override;

    void setSearchText(const QString& text);
    void setOrganisation(const QString& org);  // empty: every organisation
    void setMinimumCount(double count);
    void setQuality(Quality quality);
    QString searchText() const { return text_; }
    QString organisation() const { return org_; }
    double minimumCount() const { return minCount_; }
    Quality quality() const { return quality_; }

    // Re-applies the filter (the quality filter depends on fits that arrive later) and the sort.
    void refilter();
    // Source rows the filter accepts, in source order.
    QVector<int> acceptedSourceRows() const;

    // Sorts the shown rows by `column` (stable: ties keep their current order). Numeric columns
    // compare numbers, empty cells after every number in ascending order (before them in
    // descending, as QSortFilterProxyModel did); text columns compare texts case-sensitively.
    // The order is kept until the next sort, filter or dataset: fits and forecasts arriving in
    // chunks do not reorder rows under the user.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return sortColumn_; }
    Qt::SortOrder sortOrder() const { return sortOrder_; }

    QModelIndex index(int row, int column,
                      const QModelIndex& parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex& index) const override;
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex& parent = QModelIndex()) const override;
    QModelIndex mapToSource(const QModelIndex& proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex& sourceIndex) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  signals:
    void filterChanged();

  private:
    bool filterAcceptsRow(int sourceRow) const;
    const ModelTableModel* table() const;
    // Shown rows (accepted, in source order, then sorted), without telling the views.
    void rebuildRows();
    void sortRows();
    void indexSourceRows();
    // Runs `change` on the row map inside a layout change, carrying persistent indexes along
    // (rows filtered out lose theirs).
    template <typename Change>
    void changeLayout(Change change, QAbstractItemModel::LayoutChangeHint hint);
    // The sort keys of `column` by source row: numbers, or for text columns each row's rank in
    // the column's order (equal texts, equal ranks; empty cells NaN).
    std::vector<double> sortKeys(int column);

    void onSourceAboutToChange();
    void onSourceChanged();
    void onSourceDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight,
                             const QList<int>& roles);
    void onSourceHeaderDataChanged(Qt::Orientation orientation, int first, int last);

    std::vector<int> proxyToSource_;
    std::vector<int> sourceToProxy_;  // -1: filtered out
    bool sourceResetting_ = false;
    int sortColumn_ = -1;
    Qt::SortOrder sortOrder_ = Qt::AscendingOrder;

    QString text_, org_;
    std::string orgUtf8_;
    double minCount_ = 0.0;
    Quality quality_ = Quality::Any;
};

}  // namespace hubgrowth
