#include "model_table_model.h"

#include <QSet>
#include <cmath>
#include <limits>

namespace hubgrowth {

void ModelTableModel::setDataset(Dataset dataset) {
    beginResetModel();
    dataset_ = std::move(dataset);
    fits_.assign(dataset_.series.size(), FitResult{});
    fitted_.assign(dataset_.series.size(), false);
    fittedCount_ = 0;
    rowById_.clear();
    rowById_.reserve(int(dataset_.series.size()));
    for (size_t i = 0; i < dataset_.series.size(); ++i) {
        rowById_.insert(QString::fromStdString(dataset_.series[i].id), int(i));
    }
    endResetModel();
    emit fitsChanged();
}

void ModelTableModel::setFits(int first, const std::vector<FitResult>& fits) {
    if (fits.empty() || first < 0)
        return;
    int last = first - 1;
    for (size_t i = 0; i < fits.size(); ++i) {
        const size_t row = static_cast<size_t>(first) + i;
        if (row >= fits_.size())
            break;
        fits_[row] = fits[i];
        if (!fitted_[row])
            ++fittedCount_;
        fitted_[row] = true;
        last = int(row);
    }
    if (last < first)
        return;
    emit dataChanged(index(first, Lambda), index(last, Flags));
    emit fitsChanged();
}

void ModelTableModel::clearFits() {
    fits_.assign(dataset_.series.size(), FitResult{});
    fitted_.assign(dataset_.series.size(), false);
    fittedCount_ = 0;
    if (!fits_.empty())
        emit dataChanged(index(0, Lambda), index(rowCount() - 1, Flags));
    emit fitsChanged();
}

const FitResult* ModelTableModel::fit(int row) const {
    if (!isFitted(row))
        return nullptr;
    const FitResult& r = fits_[static_cast<size_t>(row)];
    return r.observedMonths >= 3 && r.outcome != FitOutcome::InvalidInput &&
                   r.outcome != FitOutcome::TooShort
               ? &r
               : nullptr;
}

FitQuality ModelTableModel::fitQuality(int row) const {
    const FitResult* f = fit(row);
    if (!f)
        return FitQuality::Unfitted;
    if (f->outcome == FitOutcome::NoAdoption)
        return FitQuality::NoAdoption;
    return f->converged() && f->r2 >= kGoodFitR2 ? FitQuality::Good : FitQuality::Poor;
}

double ModelTableModel::forecastAhead(int row, int monthsAhead) const {
    const FitResult* f = fit(row);
    if (!f)
        return std::numeric_limits<double>::quiet_NaN();
    const double t = series(row).observedMonths() - 1 + monthsAhead;
    return wsbValue(t, f->params, f->m);
}

QStringList ModelTableModel::organisations() const {
    QSet<QString> seen;
    for (const auto& s : dataset_.series)
        seen.insert(QString::fromStdString(s.org));
    QStringList orgs(seen.begin(), seen.end());
    orgs.sort(Qt::CaseInsensitive);
    return orgs;
}

double ModelTableModel::numericValue(int row, int column) const {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const ModelSeries& s = series(row);
    if (column == Months)
        return s.observedMonths();
    if (column == LastCount)
        return s.lastCount();
    const FitResult* f = fit(row);
    if (!f || f->outcome == FitOutcome::NoAdoption)
        return nan;
    switch (column) {
        case Lambda:
            return f->params.lambda;
        case Mu:
            return f->params.mu;
        case Sigma:
            return f->params.sigma;
        case Ultimate:
            return wsbUltimate(f->params, f->m);
        case Forecast12:
            return forecastAhead(row, kForecastMonths);
        case Rmse:
            return f->rmse;
        default:
            return nan;
    }
}

int ModelTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(dataset_.series.size());
}

int ModelTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString ModelTableModel::flags(int row) const {
    const ModelSeries& s = series(row);
    QStringList out;
    if (s.observedMonths() < 3)
        out << tr("short");
    if (isFitted(row)) {
        const FitResult& r = fits_[size_t(row)];
        if (r.outcome == FitOutcome::InvalidInput)
            out << tr("invalid");
        if (r.outcome == FitOutcome::NoAdoption)
            out << tr("no adoption");
        if (r.outcome == FitOutcome::MaxIterations)
            out << tr("not converged");
        if (fitQuality(row) == FitQuality::Poor && r.converged())
            out << tr("R²<0.9");
        if (r.observedMonths < s.observedMonths() && r.observedMonths >= 3) {
            out << tr("backtest %1/%2").arg(r.observedMonths).arg(s.observedMonths());
        }
    }
    if (s.publishedVerdict == "Does not fit")
        out << tr("paper: no fit");
    if (s.unknownDates > 0)
        out << tr("%1 undated").arg(s.unknownDates);
    return out.join(QStringLiteral(", "));
}

QVariant ModelTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    const int row = index.row();
    const ModelSeries& s = series(row);
    const FitResult* f = fit(row);
    auto number = [&](double v) -> QVariant {
        if (!std::isfinite(v))
            return {};
        if (role == Qt::DisplayRole)
            return QString::number(v, 'g', 4);
        return v;
    };
    if (role == Qt::TextAlignmentRole && index.column() >= Months && index.column() < Flags) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && index.column() == Model) {
        return tr("%1\n%2 · created %3")
            .arg(QString::fromStdString(s.id), QString::fromStdString(s.org),
                 QString::fromStdString(s.createdAt));
    }
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    const bool fitColumn = index.column() >= Lambda && index.column() <= Rmse;
    if (fitColumn && (!f || f->outcome == FitOutcome::NoAdoption))
        return {};
    switch (index.column()) {
        case Model:
            return QString::fromStdString(s.id);
        case Org:
            return QString::fromStdString(s.org);
        case Created:
            return QString::fromStdString(s.createdAt).left(10);
        case Months:
            return s.observedMonths();
        case LastCount:
            return number(s.lastCount());
        case Lambda:
            return number(f->params.lambda);
        case Mu:
            return number(f->params.mu);
        case Sigma:
            return number(f->params.sigma);
        case Ultimate:
            return number(wsbUltimate(f->params, f->m));
        case Forecast12:
            return number(forecastAhead(row, kForecastMonths));
        case Rmse:
            return number(f->rmse);
        case Flags:
            return flags(row);
        default:
            return {};
    }
}

QVariant ModelTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    static const char* const names[] = {"Model",      "Org",       "Created", "Months",
                                        "Last count", "λ",         "μ",       "σ",
                                        "c∞",         "c(+12 mo)", "RMSE",    "Flags"};
    static const char* const tips[] = {
        "Hub id of the base model",
        "Organisation",
        "Creation date of the base model",
        "Months observed (month 0 is the creation month)",
        "Cumulative fine-tunes at the last observed month",
        "Relative fitness λ of the WSB fit",
        "Immediacy μ (log-months)",
        "Longevity σ",
        "Ultimate impact c∞ = m(e^λ − 1)",
        "Fitted cumulative count 12 months after the last observed month",
        "Root-mean-square error of the fit",
        "Warnings about the series or its fit"};
    if (section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole)
        return QString::fromUtf8(names[section]);
    if (role == Qt::ToolTipRole)
        return tr(tips[section]);
    return {};
}

}  // namespace hubgrowth
