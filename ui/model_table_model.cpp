#include "model_table_model.h"

#include <cmath>

namespace hubgrowth {

void ModelTableModel::setDataset(Dataset dataset) {
    beginResetModel();
    dataset_ = std::move(dataset);
    fits_.assign(dataset_.series.size(), FitResult{});
    fitted_.assign(dataset_.series.size(), false);
    endResetModel();
}

void ModelTableModel::setFits(int first, const std::vector<FitResult>& fits) {
    if (fits.empty()) return;
    for (size_t i = 0; i < fits.size(); ++i) {
        const size_t row = static_cast<size_t>(first) + i;
        if (row >= fits_.size()) break;
        fits_[row] = fits[i];
        fitted_[row] = true;
    }
    emit dataChanged(index(first, Lambda), index(first + static_cast<int>(fits.size()) - 1, Rmse));
}

void ModelTableModel::clearFits() {
    fits_.assign(dataset_.series.size(), FitResult{});
    fitted_.assign(dataset_.series.size(), false);
    if (!fits_.empty()) emit dataChanged(index(0, Lambda), index(rowCount() - 1, Rmse));
}

const FitResult* ModelTableModel::fit(int row) const {
    if (row < 0 || row >= static_cast<int>(fits_.size()) || !fitted_[static_cast<size_t>(row)]) {
        return nullptr;
    }
    const FitResult& r = fits_[static_cast<size_t>(row)];
    return r.observedMonths >= 3 && r.outcome != FitOutcome::InvalidInput ? &r : nullptr;
}

int ModelTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(dataset_.series.size());
}

int ModelTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const ModelSeries& s = dataset_.series[static_cast<size_t>(index.row())];
    const FitResult* f = fit(index.row());
    auto number = [&](double v) -> QVariant {
        if (!std::isfinite(v)) return {};
        if (role == Qt::DisplayRole) return QString::number(v, 'g', 4);
        return v;
    };
    if (role == Qt::TextAlignmentRole && index.column() >= Months) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole && role != Qt::UserRole) return {};
    switch (index.column()) {
        case Model: return QString::fromStdString(s.id);
        case Org: return QString::fromStdString(s.org);
        case Created: return QString::fromStdString(s.createdAt).left(10);
        case Months: return s.observedMonths();
        case LastCount: return number(s.lastCount());
        case Lambda: return f ? number(f->params.lambda) : QVariant();
        case Mu: return f ? number(f->params.mu) : QVariant();
        case Sigma: return f ? number(f->params.sigma) : QVariant();
        case Ultimate: return f ? number(wsbUltimate(f->params, f->m)) : QVariant();
        case Rmse: return f ? number(f->rmse) : QVariant();
        default: return {};
    }
}

QVariant ModelTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* const names[] = {"Model", "Org",   "Created", "Months", "Last count",
                                        "λ",     "μ",     "σ",       "c∞",     "RMSE"};
    return section >= 0 && section < ColumnCount ? QString::fromUtf8(names[section]) : QVariant();
}

}  // namespace hubgrowth
