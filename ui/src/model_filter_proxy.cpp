#include "hubgrowth/ui/model_filter_proxy.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <utility>

namespace hubgrowth {

namespace {

bool isNumericColumn(int column) {
    return column >= ModelTableModel::Months && column < ModelTableModel::Flags;
}

// Empty cells (NaN) after every number.
bool keyLess(double a, double b) {
    if (std::isnan(a) || std::isnan(b))
        return !std::isnan(a) && std::isnan(b);
    return a < b;
}

// Ranks of `texts` in their order: equal texts share a rank.
template <typename Text, typename Less>
std::vector<double> ranksOf(const std::vector<Text>& texts, Less less) {
    std::vector<int> order(texts.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int x, int y) { return less(texts[x], texts[y]); });
    std::vector<double> ranks(texts.size());
    double rank = 0.0;
    for (size_t i = 0; i < order.size(); ++i) {
        if (i > 0 && less(texts[order[i - 1]], texts[order[i]]))
            rank += 1.0;
        ranks[size_t(order[i])] = rank;
    }
    return ranks;
}

}  // namespace

ModelFilterProxy::ModelFilterProxy(QObject* parent) : QAbstractProxyModel(parent) {}

const ModelTableModel* ModelFilterProxy::table() const {
    return qobject_cast<const ModelTableModel*>(sourceModel());
}

void ModelFilterProxy::setSourceModel(QAbstractItemModel* source) {
    beginResetModel();
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    QAbstractProxyModel::setSourceModel(source);
    if (source) {
        // The table model only resets; anything else that changes its rows is taken as a reset.
        const auto aboutToChange = &ModelFilterProxy::onSourceAboutToChange;
        const auto changed = &ModelFilterProxy::onSourceChanged;
        connect(source, &QAbstractItemModel::modelAboutToBeReset, this, aboutToChange);
        connect(source, &QAbstractItemModel::layoutAboutToBeChanged, this, aboutToChange);
        connect(source, &QAbstractItemModel::rowsAboutToBeInserted, this, aboutToChange);
        connect(source, &QAbstractItemModel::rowsAboutToBeRemoved, this, aboutToChange);
        connect(source, &QAbstractItemModel::columnsAboutToBeInserted, this, aboutToChange);
        connect(source, &QAbstractItemModel::columnsAboutToBeRemoved, this, aboutToChange);
        connect(source, &QAbstractItemModel::modelReset, this, changed);
        connect(source, &QAbstractItemModel::layoutChanged, this, changed);
        connect(source, &QAbstractItemModel::rowsInserted, this, changed);
        connect(source, &QAbstractItemModel::rowsRemoved, this, changed);
        connect(source, &QAbstractItemModel::columnsInserted, this, changed);
        connect(source, &QAbstractItemModel::columnsRemoved, this, changed);
        connect(source, &QAbstractItemModel::dataChanged, this,
                &ModelFilterProxy::onSourceDataChanged);
        connect(source, &QAbstractItemModel::headerDataChanged, this,
                &ModelFilterProxy::onSourceHeaderDataChanged);
    }
    rebuildRows();
    endResetModel();
}

void ModelFilterProxy::onSourceAboutToChange() {
    if (sourceResetting_)
        return;
    sourceResetting_ = true;
    beginResetModel();
}

void ModelFilterProxy::onSourceChanged() {
    if (!sourceResetting_)
        beginResetModel();
    sourceResetting_ = false;
    rebuildRows();
    endResetModel();
}

void ModelFilterProxy::onSourceDataChanged(const QModelIndex& topLeft,
                                           const QModelIndex& bottomRight,
                                           const QList<int>& roles) {
    if (sourceResetting_ || !topLeft.isValid() || !bottomRight.isValid())
        return;
    // The changed source rows lie scattered in a sorted table: one range over all of them.
    int first = std::numeric_limits<int>::max(), last = -1;
    const int end = std::min(bottomRight.row(), int(sourceToProxy_.size()) - 1);
    for (int r = std::max(0, topLeft.row()); r <= end; ++r) {
        const int p = sourceToProxy_[size_t(r)];
        if (p >= 0) {
            first = std::min(first, p);
            last = std::max(last, p);
        }
    }
    if (last >= 0)
        emit dataChanged(index(first, topLeft.column()), index(last, bottomRight.column()), roles);
}

void ModelFilterProxy::onSourceHeaderDataChanged(Qt::Orientation orientation, int first, int last) {
    if (orientation == Qt::Horizontal)
        emit headerDataChanged(orientation, first, last);
    else if (!proxyToSource_.empty())
        emit headerDataChanged(orientation, 0, int(proxyToSource_.size()) - 1);
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
    orgUtf8_ = org.toStdString();
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
    // One layout change, whatever comes and goes: removing scattered rows range by range costs
    // an O(rows) update of the view's header per range (minutes for 200k rows).
    changeLayout([this] { rebuildRows(); }, QAbstractItemModel::NoLayoutChangeHint);
    emit filterChanged();
}

void ModelFilterProxy::sort(int column, Qt::SortOrder order) {
    sortColumn_ = column < 0 ? -1 : column;
    sortOrder_ = order;
    changeLayout([this] { sortRows(); }, QAbstractItemModel::VerticalSortHint);
}

template <typename Change>
void ModelFilterProxy::changeLayout(Change change, QAbstractItemModel::LayoutChangeHint hint) {
    emit layoutAboutToBeChanged({}, hint);
    const QModelIndexList before = persistentIndexList();
    std::vector<std::pair<int, int>> sourceCells;  // (source row, column) of each
    sourceCells.reserve(size_t(before.size()));
    for (const QModelIndex& index : before) {
        const bool mapped = index.row() >= 0 && size_t(index.row()) < proxyToSource_.size();
        sourceCells.emplace_back(mapped ? proxyToSource_[size_t(index.row())] : -1, index.column());
    }
    change();
    QModelIndexList after;
    after.reserve(before.size());
    for (const auto& [row, column] : sourceCells) {
        const int p =
            row >= 0 && size_t(row) < sourceToProxy_.size() ? sourceToProxy_[size_t(row)] : -1;
        after.append(p >= 0 ? createIndex(p, column) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, hint);
}

void ModelFilterProxy::rebuildRows() {
    proxyToSource_.clear();
    const int rows = sourceModel() ? sourceModel()->rowCount() : 0;
    proxyToSource_.reserve(size_t(rows));
    for (int r = 0; r < rows; ++r) {
        if (filterAcceptsRow(r))
            proxyToSource_.push_back(r);
    }
    sortRows();
}

void ModelFilterProxy::sortRows() {
    if (sortColumn_ < 0) {
        std::sort(proxyToSource_.begin(), proxyToSource_.end());  // no sort: the source order
        indexSourceRows();
        return;
    }
    const std::vector<double> keys = sortKeys(sortColumn_);
    if (keys.size() == size_t(sourceModel() ? sourceModel()->rowCount() : 0)) {
        if (sortOrder_ == Qt::AscendingOrder) {
            std::stable_sort(proxyToSource_.begin(), proxyToSource_.end(), [&](int a, int b) {
                return keyLess(keys[size_t(a)], keys[size_t(b)]);
            });
        } else {
            std::stable_sort(proxyToSource_.begin(), proxyToSource_.end(), [&](int a, int b) {
                return keyLess(keys[size_t(b)], keys[size_t(a)]);
            });
        }
    }
    indexSourceRows();
}

void ModelFilterProxy::indexSourceRows() {
    sourceToProxy_.assign(size_t(sourceModel() ? sourceModel()->rowCount() : 0), -1);
    for (size_t p = 0; p < proxyToSource_.size(); ++p)
        sourceToProxy_[size_t(proxyToSource_[p])] = int(p);
}

// Text is ranked once per sort (the ids, organisations and creation days once per dataset, by
// the load's worker, in the table's digest): comparing 200k scattered strings inside the sort
// took seconds.
// The dataset's texts are UTF-8, whose byte order is the code-point order: QString's UTF-16 order
// but for characters beyond U+FFFF.
std::vector<double> ModelFilterProxy::sortKeys(int column) {
    const ModelTableModel* model = table();
    std::vector<double> keys;
    if (!model || column < 0 || column >= model->columnCount())
        return keys;
    const int rows = model->rowCount();
    if (isNumericColumn(column)) {
        keys.resize(size_t(rows));
        for (int r = 0; r < rows; ++r)
            keys[size_t(r)] = model->numericValue(r, column);
        return keys;
    }
    // Ranked on the load's worker, in the table's digest.
    if (column == ModelTableModel::Model)
        return model->idRanks();
    if (column == ModelTableModel::Org)
        return model->orgRanks();
    if (column == ModelTableModel::Created)
        return model->createdRanks();
    // Flags change with the fits: read as the table shows them.
    std::vector<QString> texts(static_cast<size_t>(rows));
    std::vector<bool> empty(static_cast<size_t>(rows));
    for (int r = 0; r < rows; ++r) {
        const QVariant v = model->index(r, column).data(Qt::UserRole);
        empty[size_t(r)] = !v.isValid();
        texts[size_t(r)] = v.toString();
    }
    keys = ranksOf(texts, [](const QString& a, const QString& b) { return a.compare(b) < 0; });
    for (int r = 0; r < rows; ++r) {
        if (empty[size_t(r)])
            keys[size_t(r)] = std::numeric_limits<double>::quiet_NaN();
    }
    return keys;
}

QVector<int> ModelFilterProxy::acceptedSourceRows() const {
    QVector<int> rows;
    rows.reserve(int(proxyToSource_.size()));
    for (size_t r = 0; r < sourceToProxy_.size(); ++r) {
        if (sourceToProxy_[r] >= 0)
            rows.push_back(int(r));
    }
    return rows;
}

bool ModelFilterProxy::filterAcceptsRow(int sourceRow) const {
    const ModelTableModel* model = table();
    if (!model)
        return true;
    if (model->lastCount(sourceRow) < minCount_)
        return false;
    if (!org_.isEmpty() && model->series(sourceRow).org != orgUtf8_)
        return false;
    if (!text_.isEmpty() && !model->modelId(sourceRow).contains(text_, Qt::CaseInsensitive))
        return false;
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

QModelIndex ModelFilterProxy::index(int row, int column, const QModelIndex& parent) const {
    if (parent.isValid() || row < 0 || size_t(row) >= proxyToSource_.size() || column < 0 ||
        column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex ModelFilterProxy::parent(const QModelIndex&) const {
    return {};
}

QModelIndex ModelFilterProxy::sibling(int row, int column, const QModelIndex&) const {
    return index(row, column);
}

int ModelFilterProxy::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(proxyToSource_.size());
}

int ModelFilterProxy::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

bool ModelFilterProxy::hasChildren(const QModelIndex& parent) const {
    return !parent.isValid() && !proxyToSource_.empty();
}

QModelIndex ModelFilterProxy::mapToSource(const QModelIndex& proxyIndex) const {
    if (!proxyIndex.isValid() || !sourceModel() || proxyIndex.model() != this ||
        size_t(proxyIndex.row()) >= proxyToSource_.size())
        return {};
    return sourceModel()->index(proxyToSource_[size_t(proxyIndex.row())], proxyIndex.column());
}

QModelIndex ModelFilterProxy::mapFromSource(const QModelIndex& sourceIndex) const {
    if (!sourceIndex.isValid() || sourceIndex.model() != sourceModel() ||
        size_t(sourceIndex.row()) >= sourceToProxy_.size())
        return {};
    const int p = sourceToProxy_[size_t(sourceIndex.row())];
    return p >= 0 ? createIndex(p, sourceIndex.column()) : QModelIndex();
}

// Columns are never moved: a header needs no row (QAbstractProxyModel maps it through row 0,
// which an empty filter result does not have).
QVariant ModelFilterProxy::headerData(int section, Qt::Orientation orientation, int role) const {
    if (!sourceModel())
        return {};
    if (orientation == Qt::Horizontal)
        return sourceModel()->headerData(section, orientation, role);
    if (section < 0 || size_t(section) >= proxyToSource_.size())
        return {};
    return sourceModel()->headerData(proxyToSource_[size_t(section)], orientation, role);
}

}  // namespace hubgrowth
