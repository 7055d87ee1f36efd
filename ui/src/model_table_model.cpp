#include "hubgrowth/ui/model_table_model.h"

#include <QSet>
#include <cmath>
#include <limits>

#include "hubgrowth/ui/number_format.h"

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
    const ModelSeries& s = series(row);
    const double t = s.observedMonths() - 1 + monthsAhead;
    // A cumulative count cannot fall: a fit that ends below the data still forecasts the data.
    return std::max(wsbValue(t, f->params, f->m), s.lastCount());
}

QString ModelTableModel::unavailableReason(int row, int column) const {
    const FitResult* f = fit(row);
    if (column < Lambda || column > Rmse || !f || f->outcome == FitOutcome::NoAdoption)
        return {};
    if (f->outcome == FitOutcome::MaxIterations)
        return tr("The fit did not converge (stopped after %1 iterations): its parameters are "
                  "not a result")
            .arg(f->iterations);
    if (f->outcome == FitOutcome::PowerLawLimit) {
        if (column == Forecast12 || column == Rmse)
            return {};  // the curve is fitted: its values and its error are results
        return tr(
            "λ → ∞: the data follow the model's power-law limit m(exp(A·t^b) − 1), so λ, "
            "μ, σ and c∞ are not identifiable; the fitted curve and its forecast are");
    }
    for (double p : {f->params.lambda, f->params.mu, f->params.sigma}) {
        if (!isPresentable(p))
            return tr("The fit overflowed (λ = %1, μ = %2, σ = %3)")
                .arg(f->params.lambda, 0, 'g', 3)
                .arg(f->params.mu, 0, 'g', 3)
                .arg(f->params.sigma, 0, 'g', 3);
    }
    if (column == Ultimate) {
        const double ultimate = wsbUltimate(f->params, f->m);
        if (!isPresentable(ultimate))
            return tr("c∞ overflowed (%1): the fit sees no ceiling").arg(ultimate, 0, 'g', 3);
        if (ultimate < series(row).lastCount())
            return tr("The fit's c∞ = %1 is below the %2 already observed: not a prediction")
                .arg(formatCount(ultimate), formatCount(series(row).lastCount()));
    }
    if (column == Forecast12 && !isPresentable(forecastAhead(row, kForecastMonths)))
        return tr("The forecast overflowed");
    return {};
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
    if (!f || f->outcome == FitOutcome::NoAdoption || !unavailableReason(row, column).isEmpty())
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
        if (r.outcome == FitOutcome::PowerLawLimit)
            out << tr("power-law limit");
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
    const int column = index.column();
    const bool fitColumn = column >= Lambda && column <= Rmse;
    const bool fitShown = f && f->outcome != FitOutcome::NoAdoption;
    const QString unavailable = fitColumn && fitShown ? unavailableReason(row, column) : QString();
    if (role == Qt::TextAlignmentRole && column >= Months && column < Flags) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole) {
        if (column == Model) {
            return tr("%1\n%2 · created %3")
                .arg(QString::fromStdString(s.id), QString::fromStdString(s.org),
                     QString::fromStdString(s.createdAt));
        }
        if (!unavailable.isEmpty())
            return unavailable;
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    if (fitColumn && !fitShown)
        return {};
    if (!unavailable.isEmpty())
        return role == Qt::DisplayRole ? QVariant(notAvailable()) : QVariant();
    const bool display = role == Qt::DisplayRole;
    auto count = [&](double v) -> QVariant {
        if (!std::isfinite(v))
            return {};
        return display ? QVariant(formatCount(v)) : QVariant(v);
    };
    auto parameter = [&](double v, int digits = 4) -> QVariant {
        if (!std::isfinite(v))
            return {};
        return display ? QVariant(formatParameter(v, digits)) : QVariant(v);
    };
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
            return count(s.lastCount());
        case Lambda:
            return parameter(f->params.lambda);
        case Mu:
            return parameter(f->params.mu);
        case Sigma:
            return parameter(f->params.sigma);
        case Ultimate:
            return count(wsbUltimate(f->params, f->m));
        case Forecast12:
            return count(forecastAhead(row, kForecastMonths));
        case Rmse:
            return parameter(f->rmse, 3);
        case Flags:
            return flags(row);
        default:
            return {};
    }
}

QVariant ModelTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    static const char* const names[] = {"Model", "Org",  "Created", "Months", "Last count",
                                        "λ",     "μ",    "σ",       "c∞",     "c(+12 mo) wsb-ls",
                                        "RMSE",  "Flags"};
    static const char* const tips[] = {
        "Hub id of the base model", "Organisation", "Creation date of the base model",
        "Months observed (month 0 is the creation month)",
        "Cumulative fine-tunes at the last observed month", "Relative fitness λ of the WSB fit",
        "Immediacy μ (log-months)", "Longevity σ",
        "Ultimate impact c∞ = m(e^λ − 1); n/a where the fit's ceiling is below the data",
        // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one sentence over two lines
        "Forecast of method wsb-ls (the table's WSB fit continued) 12 months after the last "
        "observed month, never below the last count; the Curve tab shows the chosen method's "
        "forecast",
        "Root-mean-square error of the fit", "Warnings about the series or its fit"};
    if (section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole)
        return QString::fromUtf8(names[section]);
    if (role == Qt::ToolTipRole)
        return tr(tips[section]);
    return {};
}

}  // namespace hubgrowth
