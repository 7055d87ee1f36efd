#include "hubgrowth/ui/model_filter_proxy.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hubgrowth {

ModelFilterProxy::ModelFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(Qt::UserRole);
    // Fit results arrive in chunks; re-filtering on every dataChanged would also reorder rows
    // under the user. The quality filter is re-applied when the fits settle (see refilter()).
    setDynamicSortFilter(false);
}

const ModelTableModel* ModelFilterProxy::table() const {
    return qobject_cast<const ModelTableModel*>(sourceModel());
}

void ModelFilterProxy::setSearchText(const QString& text) {
    if (text == text_)
        return;
    text_ = text;
    refilter();
}

void ModelFilterProxy::setOrganisation(const QString& org) {
    if (org == org_)
        return;
    org_ = org;
    refilter();
}

void ModelFilterProxy::setMinimumCount(double count) {
    if (count == minCount_)
        return;
    minCount_ = count;
    refilter();
}

void ModelFilterProxy::setQuality(Quality quality) {
    if (quality == quality_)
        return;
    quality_ = quality;
    refilter();
}

void ModelFilterProxy::refilter() {
    // One layout change, not invalidateRowsFilter(): on a sorted table the rows that come and go
    // lie scattered, and it removes them range by range (each range an O(rows) update of the
    // view's header): minutes for 200k rows.
    invalidate();
    // Without dynamic sorting, rows the new filter lets back in are appended unsorted: sort
    // again so the order matches the header's arrow (and the table's CSV export).
    if (sortColumn() >= 0)
        sort(sortColumn(), sortOrder());
    emit filterChanged();
}

QVector<int> ModelFilterProxy::acceptedSourceRows() const {
    QVector<int> rows;
    const ModelTableModel* model = table();
    if (!model)
        return rows;
    rows.reserve(rowCount());
    for (int r = 0; r < model->rowCount(); ++r) {
        if (filterAcceptsRow(r, QModelIndex()))
            rows.push_back(r);
    }
    return rows;
}

namespace {

bool isNumericColumn(int column) {
    return column >= ModelTableModel::Months && column < ModelTableModel::Flags;
}

}  // namespace

// Text is ranked once per sort: comparing 200k scattered strings inside the sort took seconds.
// Ranks follow QString::compare (UTF-16 order) with the proxy's case sensitivity.
void ModelFilterProxy::readSortKeys(int column) {
    const ModelTableModel* model = table();
    numericKeys_.clear();
    sortingColumn_ = -1;
    if (!model || column < 0)
        return;
    const int rows = model->rowCount();
    numericKeys_.resize(size_t(rows));
    if (isNumericColumn(column)) {
        for (int r = 0; r < rows; ++r)
            numericKeys_[size_t(r)] = model->numericValue(r, column);
        sortingColumn_ = column;
        return;
    }
    // Model, org and created change only with the dataset: ranked once for it.
    const bool fixed = column < ModelTableModel::Months;
    if (fixed && rankedGeneration_ == model->datasetGeneration() &&
        size_t(column) < fixedRanks_.size() && fixedRanks_[size_t(column)].size() == size_t(rows)) {
        numericKeys_ = fixedRanks_[size_t(column)];
        sortingColumn_ = column;
        return;
    }
    QStringList texts;
    texts.reserve(rows);
    std::vector<int> order;
    order.reserve(size_t(rows));
    for (int r = 0; r < rows; ++r) {
        const QVariant v = model->index(r, column).data(sortRole());
        texts.append(v.toString());
        if (v.isValid())
            order.push_back(r);
        else
            numericKeys_[size_t(r)] = std::numeric_limits<double>::quiet_NaN();
    }
    const Qt::CaseSensitivity cs = sortCaseSensitivity();
    std::sort(order.begin(), order.end(),
              [&](int x, int y) { return texts[x].compare(texts[y], cs) < 0; });
    double rank = 0.0;
    for (size_t i = 0; i < order.size(); ++i) {
        if (i > 0 && texts[order[i - 1]].compare(texts[order[i]], cs) != 0)
            rank += 1.0;
        numericKeys_[size_t(order[i])] = rank;
    }
    sortingColumn_ = column;
    if (fixed) {
        if (rankedGeneration_ != model->datasetGeneration()) {
            fixedRanks_.clear();
            rankedGeneration_ = model->datasetGeneration();
        }
        fixedRanks_.resize(std::max(fixedRanks_.size(), size_t(column) + 1));
        fixedRanks_[size_t(column)] = numericKeys_;
    }
}

void ModelFilterProxy::sort(int column, Qt::SortOrder order) {
    readSortKeys(column);
    QSortFilterProxyModel::sort(column, order);
    sortingColumn_ = -1;  // the data may change before the next sort
    numericKeys_.clear();
}

bool ModelFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    const ModelTableModel* model = table();
    const int column = left.column();
    const bool cached = column == sortingColumn_;
    if (!model || (!cached && !isNumericColumn(column)))
        return QSortFilterProxyModel::lessThan(left, right);
    const double a =
        cached ? numericKeys_[size_t(left.row())] : model->numericValue(left.row(), column);
    const double b =
        cached ? numericKeys_[size_t(right.row())] : model->numericValue(right.row(), column);
    if (std::isnan(a) || std::isnan(b)) {
        // Empty cells sort after every number in ascending order.
        return !std::isnan(a) && std::isnan(b);
    }
    return a < b;
}

bool ModelFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex&) const {
    const ModelTableModel* model = table();
    if (!model)
        return true;
    const ModelSeries& s = model->series(sourceRow);
    if (s.lastCount() < minCount_)
        return false;
    if (!org_.isEmpty() && QString::fromStdString(s.org) != org_)
        return false;
    if (!text_.isEmpty() && !QString::fromStdString(s.id).contains(text_, Qt::CaseInsensitive)) {
        return false;
    }
    const FitQuality q = model->fitQuality(sourceRow);
    switch (quality_) {
        case Quality::Any:
            return true;
        case Quality::Good:
            return q == FitQuality::Good;
        case Quality::Poor:
            return q == FitQuality::Poor;
        case Quality::Fitted:
            return q == FitQuality::Good || q == FitQuality::Poor;
        case Quality::Unfitted:
            return q == FitQuality::Unfitted || q == FitQuality::NoAdoption;
    }
    return true;
}

}  // namespace hubgrowth
