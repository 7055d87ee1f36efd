#include "hubgrowth/ui/model_table_model.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "hubgrowth/ui/number_format.h"

namespace hubgrowth {

void ModelTableModel::setDataset(Dataset dataset, SeriesDigest digest) {
    beginResetModel();
    dataset_ = std::make_shared<const Dataset>(std::move(dataset));
    fits_.assign(dataset_->series.size(), FitResult{});
    fitted_.assign(dataset_->series.size(), false);
    fittedCount_ = 0;
    static std::atomic<quint64> generations{0};
    generation_ = ++generations;
    forecasts_.assign(dataset_->series.size(), std::numeric_limits<double>::quiet_NaN());
    forecastReady_.assign(dataset_->series.size(), false);
    forecastErrors_ = QStringList(QVector<QString>(int(dataset_->series.size())));
    forecastsPending_ = false;
    digest_ = digest.matches(dataset_->series) ? std::move(digest) : digestSeries(dataset_->series);
    // Summed by the std::string itself: a QString per series took ~35 ms at 200 k series.
    std::unordered_map<std::string_view, double> byOrg;
    for (size_t row = 0; row < dataset_->series.size(); ++row)
        byOrg[dataset_->series[row].org] += std::max(0.0, digest_.lastCounts[row]);
    QHash<QString, double> adoption;
    adoption.reserve(qsizetype(byOrg.size()));
    for (const auto& [org, total] : byOrg)
        adoption[QString::fromUtf8(org.data(), qsizetype(org.size()))] += total;
    organisations_ = adoption.keys();
    organisations_.sort(Qt::CaseInsensitive);
    organisationsByAdoption_ = organisations_;
    std::stable_sort(
        organisationsByAdoption_.begin(), organisationsByAdoption_.end(),
        [&](const QString& a, const QString& b) { return adoption.value(a) > adoption.value(b); });
    endResetModel();
    emit fitsChanged();
}

int ModelTableModel::rowOf(const QString& id) const {
    return digest_.rowById.value(id, -1);
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
    fits_.assign(dataset_->series.size(), FitResult{});
    fitted_.assign(dataset_->series.size(), false);
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

void ModelTableModel::beginForecasts(const QString& method, int horizon) {
    forecastMethod_ = method;
    forecastHorizon_ = horizon;
    forecasts_.assign(dataset_->series.size(), std::numeric_limits<double>::quiet_NaN());
    forecastReady_.assign(dataset_->series.size(), false);
    forecastErrors_ = QStringList(QVector<QString>(int(dataset_->series.size())));
    forecastsPending_ = true;
    emit headerDataChanged(Qt::Horizontal, Forecast12, Forecast12);
    if (!forecasts_.empty())
        emit dataChanged(index(0, Forecast12), index(rowCount() - 1, Forecast12));
}

void ModelTableModel::setForecasts(const std::vector<int>& rows, const std::vector<double>& values,
                                   const QStringList& errors) {
    int first = rowCount(), last = -1;
    for (size_t i = 0; i < rows.size() && i < values.size(); ++i) {
        const int row = rows[i];
        if (row < 0 || size_t(row) >= forecasts_.size())
            continue;
        forecasts_[size_t(row)] = values[i];
        forecastReady_[size_t(row)] = true;
        forecastErrors_[row] = errors.value(int(i));
        first = std::min(first, row);
        last = std::max(last, row);
    }
    if (last >= first)
        emit dataChanged(index(first, Forecast12), index(last, Forecast12));
}

void ModelTableModel::endForecasts() {
    forecastsPending_ = false;
    if (!forecasts_.empty())
        emit dataChanged(index(0, Forecast12), index(rowCount() - 1, Forecast12));
}

double ModelTableModel::methodForecast(int row) const {
    return hasMethodForecast(row) ? forecasts_[size_t(row)]
                                  : std::numeric_limits<double>::quiet_NaN();
}

QString ModelTableModel::unavailableReason(int row, int column) const {
    const FitResult* f = fit(row);
    if (column < Lambda || column > Rmse || column == Forecast12 || !f ||
        f->outcome == FitOutcome::NoAdoption)
        return {};
    if (f->outcome == FitOutcome::MaxIterations)
        return tr("The fit did not converge (stopped after %1 iterations): its parameters are "
                  "not a result")
            .arg(f->iterations);
    if (f->outcome == FitOutcome::PowerLawLimit) {
        if (column == Rmse)
            return {};  // the curve is fitted: its error is a result
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
    return {};
}

double ModelTableModel::numericValue(int row, int column) const {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const ModelSeries& s = series(row);
    if (column == Months)
        return s.observedMonths();
    if (column == LastCount)
        return lastCount(row);
    if (column == Forecast12)
        return isPresentable(methodForecast(row)) ? methodForecast(row) : nan;
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
        case Rmse:
            return f->rmse;
        default:
            return nan;
    }
}

int ModelTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(dataset_->series.size());
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
    if (column == Forecast12 && role != Qt::TextAlignmentRole)
        return forecastData(row, role);
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
        case Rmse:
            return parameter(f->rmse, 3);
        case Flags:
            return flags(row);
        default:
            return {};
    }
}

// The method's forecast does not need the WSB fit: it has a value, a reason why not, or is
// still on its way.
QVariant ModelTableModel::forecastData(int row, int role) const {
    const double value = methodForecast(row);
    const QString error = forecastErrors_.value(row);
    if (role == Qt::ToolTipRole) {
        if (!error.isEmpty())
            return error;
        return hasMethodForecast(row) ? QVariant() : QVariant(tr("Being forecast…"));
    }
    if (role == Qt::UserRole)
        return isPresentable(value) ? QVariant(value) : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    if (!hasMethodForecast(row))
        return forecastsPending_ ? QVariant(QStringLiteral("…")) : QVariant();
    return std::isfinite(value) || !error.isEmpty() ? QVariant(formatCount(value)) : QVariant();
}

QVariant ModelTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    static const char* const names[] = {"Model", "Org", "Created", "Months", "Last count", "λ",
                                        "μ",     "σ",   "c∞",      "",       "RMSE",       "Flags"};
    static const char* const tips[] = {
        "Hub id of the base model",
        "Organisation",
        "Creation date of the base model",
        "Months observed (month 0 is the creation month)",
        "Cumulative fine-tunes at the last observed month",
        "Relative fitness λ of the WSB fit",
        "Immediacy μ (log-months)",
        "Longevity σ",
        "Ultimate impact c∞ = m(e^λ − 1); n/a where the fit's ceiling is below the data",
        "",
        "Root-mean-square error of the fit",
        "Warnings about the series or its fit"};
    if (section < 0 || section >= ColumnCount)
        return {};
    if (section == Forecast12 && role == Qt::DisplayRole)
        return tr("c(+%1 mo) %2").arg(forecastHorizon_).arg(forecastMethod_);
    if (section == Forecast12 && role == Qt::ToolTipRole)
        return tr("Forecast of method %1 (the Curve tab's method and horizon) %2 months after "
                  "the last observed month, never below the last count: the number the Curve "
                  "tab's summary shows")
            .arg(forecastMethod_)
            .arg(forecastHorizon_);
    if (role == Qt::DisplayRole)
        return QString::fromUtf8(names[section]);
    if (role == Qt::ToolTipRole)
        return tr(tips[section]);
    return {};
}

}  // namespace hubgrowth
