#include "hubgrowth/ui/model_filter_proxy.h"

#include <cmath>

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
    invalidateRowsFilter();
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

bool ModelFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    const ModelTableModel* model = table();
    const int column = left.column();
    const bool numeric = column >= ModelTableModel::Months && column < ModelTableModel::Flags;
    if (!model || !numeric)
        return QSortFilterProxyModel::lessThan(left, right);
    const double a = model->numericValue(left.row(), column);
    const double b = model->numericValue(right.row(), column);
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
