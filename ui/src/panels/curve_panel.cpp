#include "hubgrowth/ui/panels/curve_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

#include "hubgrowth/core/forecast/holdout_check.h"
#include "hubgrowth/data/forecast_batch_job.h"
#include "hubgrowth/data/forecast_job.h"
#include "hubgrowth/data/population_forecaster.h"
#include "hubgrowth/ui/as_of_dates.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/month_dates.h"
#include "hubgrowth/ui/number_format.h"
#include "hubgrowth/ui/panels/chart_style.h"
#include "hubgrowth/ui/panels/curve_time_machine.h"
#include "hubgrowth/ui/panels/forecast_text.h"
#include "hubgrowth/ui/panels/lead_relations.h"

namespace hubgrowth {

namespace {

// c∞ is drawn only when it is on the same scale as the data; a fit that saturates at 1e9 would
// otherwise flatten everything else against the axis.
constexpr double kAsymptoteScale = 5.0;
constexpr int kStepsPerMonth = 4;
constexpr double kForecastScale = 100.0;  // the forecast is drawn up to 100× the last count
constexpr double kBandScale = 3.0;        // bands up to 3× the larger of the data and the forecast

QVector<QPointF> curve(const FitResult& f, double from, double to, double scale) {
    QVector<QPointF> points;
    const int steps = std::max(1, int(std::ceil((to - from) * kStepsPerMonth)));
    points.reserve(steps + 1);
    for (int i = 0; i <= steps; ++i) {
        const double t = from + (to - from) * i / steps;
        points.push_back(QPointF(t, wsbValue(t, f.params, f.m) * scale));
    }
    return points;
}

// Observed, fit and forecast in three palette colours that stay apart for colour-blind eyes.
const QColor kForecastColor = categoryColor(4);

// How one forecast is drawn: its colour, a scale (1 / last count when normalised) and, in an
// overlay, the model's name in the series' names and no legend entries of its own.
struct ForecastStyle {
    QColor color = kForecastColor;
    double scale = 1.0;
    QString model;  // empty: the single-model view
};

// The forecast's dashed path from the last observed month on, and its 80 % / 95 % bands over
// the forecast months. The path is cut off at `ceiling` (an exploding forecast would flatten the
// data) and the bands at a few times the path's scale (a wide upper tail would do the same); the
// legend says so and the summary keeps the true numbers. The core guarantees monotone paths and
// band edges, so they are drawn as they come.
void appendForecast(const SeriesForecast& forecast, double ceiling, const ForecastStyle& style,
                    QVector<PlotSeries>* series) {
    QVector<QPointF> path, lo80, hi80, lo95, hi95;
    bool pathClipped = false;
    bool edgeClipped[4] = {false, false, false, false};
    double top = 1.0 * style.scale;
    const double floor = forecastFloor(forecast);
    for (const ForecastPoint& p : forecast.path) {
        if (p.month == forecast.observedMonths - 1 && std::isfinite(p.actual)) {
            path.append(QPointF(p.month, p.actual * style.scale));
            top = std::max(top, path.back().y());
        }
        if (p.month < forecast.observedMonths || !std::isfinite(p.fitted))
            continue;
        const double fitted = atLeastFloor(p.fitted, floor);
        pathClipped = pathClipped || fitted > ceiling;
        path.append(QPointF(p.month, std::min(fitted, ceiling) * style.scale));
        top = std::max(top, path.back().y());
    }
    const double bandCeiling = kBandScale * top;
    auto add = [&](QVector<QPointF>* band, int which, int month, double value) {
        value = atLeastFloor(value, floor) * style.scale;
        edgeClipped[which] = edgeClipped[which] || value > bandCeiling;
        band->append(QPointF(month, std::min(value, bandCeiling)));
    };
    for (const ForecastPoint& p : forecast.path) {
        if (p.month < forecast.observedMonths || !std::isfinite(p.lo95) || !std::isfinite(p.hi95) ||
            !std::isfinite(p.lo80) || !std::isfinite(p.hi80))
            continue;
        add(&lo95, 0, p.month, p.lo95);
        add(&lo80, 1, p.month, p.lo80);
        add(&hi80, 2, p.month, p.hi80);
        add(&hi95, 3, p.month, p.hi95);
    }
    auto suffix = [](bool clipped) { return clipped ? CurvePanel::tr(" (clipped)") : QString(); };
    const bool overlay = !style.model.isEmpty();
    auto named = [&](const QString& what) {
        return overlay ? QStringLiteral("%1 %2").arg(style.model, what) : what;
    };
    const QString pathName =
        named(
            CurvePanel::tr("forecast (%1)").arg(QString::fromLatin1(methodName(forecast.method)))) +
        suffix(pathClipped);
    QColor outer = style.color, inner = style.color;
    // Overlaid bands are fainter: several of them stack.
    outer.setAlphaF(overlay ? 0.07 : 0.12);
    inner.setAlphaF(overlay ? 0.14 : 0.25);
    if (!hi95.isEmpty()) {
        PlotSeries band95 = PlotSeries::band(
            named(CurvePanel::tr("95 % interval")) + suffix(edgeClipped[0] || edgeClipped[3]), lo95,
            hi95, outer);
        PlotSeries band80 = PlotSeries::band(
            named(CurvePanel::tr("80 % interval")) + suffix(edgeClipped[1] || edgeClipped[2]), lo80,
            hi80, inner);
        band95.inLegend = band80.inLegend = !overlay;
        band95.bandLevel = 95;
        band80.bandLevel = 80;
        band95.bandOf = band80.bandOf = pathName;
        series->append(band95);
        series->append(band80);
    }
    PlotSeries dashed{pathName, path, style.color, PlotSeries::Style::DashedLine};
    dashed.inLegend = !overlay;
    series->append(dashed);
}

}  // namespace

double CurvePanel::browserM() const {
    for (int row = 0; row < model_->rowCount(); ++row) {
        if (const FitResult* f = model_->fit(row))
            return f->m;  // the fit tool bar's m
    }
    return 100.0;
}

CurvePanel::CurvePanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                       QWidget* parent)
    : ChartPanel(model, filter, parent) {
    log_ = new QCheckBox(tr("&Log scale"));
    log_->setToolTip(tr("Logarithmic y axis (month 0, always 0, is then not drawn)"));
    normalise_ = new QCheckBox(tr("&Normalise overlay"));
    normalise_->setToolTip(
        tr("Divide each model's curve by its last observed count, so "
           "several models compare by shape"));
    dates_ = new QCheckBox(tr("&Dates"));
    dates_->setToolTip(
        tr("Label the x axis with calendar months from the model's creation date (one model "
           "drawn; an overlay's models start at different dates)"));
    horizon_ = new QSpinBox();
    horizon_->setRange(0, 120);
    horizon_->setValue(12);
    horizon_->setSuffix(tr(" months"));
    horizon_->setToolTip(tr("How far the forecast continues after the last observed month"));
    method_ = new QComboBox();
    method_->addItem(QString::fromLatin1(methodName(ForecastMethod::Auto)));
    for (ForecastMethod m : kAllMethods) {
        if (m != ForecastMethod::Auto)
            method_->addItem(QString::fromLatin1(methodName(m)));
    }
    for (int i = 0; i < method_->count(); ++i) {
        const auto m = parseMethod(method_->itemText(i).toStdString());
        if (m)
            method_->setItemData(i, methodDescription(*m), Qt::ToolTipRole);
    }
    method_->setToolTip(
        tr("Forecasting method: auto is the backtested ensemble; wsb-ls is the paper's fit"));
    summary_ = new QLabel();
    summary_->setWordWrap(true);  // a long summary must not widen the window
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* controls = new QHBoxLayout();
    controls->addWidget(log_);
    controls->addWidget(normalise_);
    controls->addWidget(dates_);
    controls->addSpacing(12);
    auto* horizonLabel = new QLabel(tr("Forecast &horizon:"));
    horizonLabel->setBuddy(horizon_);
    controls->addWidget(horizonLabel);
    controls->addWidget(horizon_);
    controls->addSpacing(12);
    auto* methodLabel = new QLabel(tr("&Method:"));
    methodLabel->setBuddy(method_);
    controls->addWidget(methodLabel);
    controls->addWidget(method_);
    controls->addStretch(1);

    PlotView* plot = addPlot();
    plot->setAxes(PlotAxis{tr("months since the base model's creation"), false, NAN, NAN, true,
                           QStringLiteral("%.0f")},
                  PlotAxis{tr("cumulative fine-tunes"), false, NAN, NAN, true});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    timeMachine_ = new CurveTimeMachine();
    layout->addLayout(controls);
    layout->addWidget(timeMachine_);
    layout->addWidget(plot, 1);
    layout->addWidget(summary_);
    layout->addWidget(timeMachine_->backtestLabel());
    connect(timeMachine_, &CurveTimeMachine::asOfChanged, this, [this] { invalidate(); });

    connect(log_, &QCheckBox::toggled, this, [this](bool log) {
        invalidate();
        emit logScaleChanged(log);
    });
    connect(normalise_, &QCheckBox::toggled, this, [this] { invalidate(); });
    connect(dates_, &QCheckBox::toggled, this, [this](bool dates) {
        invalidate();
        emit datesChanged(dates);
    });
    connect(horizon_, qOverload<int>(&QSpinBox::valueChanged), this, [this](int months) {
        invalidate();
        emit horizonChanged(months);
    });
    connect(method_, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        invalidate();
        emit methodChanged(name);
    });

    job_ = new ForecastJob(this);
    connect(job_, &ForecastJob::forecastReady, this,
            [this](quint64, const SeriesForecast& forecast) {
                if (requestedKey_.isEmpty())
                    return;  // asked for before the population changed
                if (forecasts_.size() >= kMaxCachedForecasts)
                    forecasts_.clear();
                forecasts_.insert(requestedKey_, forecast);
                requestedKey_.clear();
                forecastPending_ = false;
                refreshNow();  // cheap (one model), and export needs it drawn while hidden
                emit forecastUpdated();
            });
}

void CurvePanel::setHorizon(int months) {
    horizon_->setValue(months);
}
int CurvePanel::horizon() const {
    return horizon_->value();
}
void CurvePanel::setLogScale(bool log) {
    log_->setChecked(log);
}
bool CurvePanel::logScale() const {
    return log_->isChecked();
}
void CurvePanel::addContextActions(QMenu* menu) {
    menu->addSeparator();
    QAction* log = menu->addAction(tr("Log Scale"));
    log->setCheckable(true);
    log->setChecked(logScale());
    connect(log, &QAction::toggled, this, &CurvePanel::setLogScale);
    QAction* dates = menu->addAction(tr("Calendar Dates"));
    dates->setCheckable(true);
    dates->setChecked(showsDates());
    connect(dates, &QAction::toggled, this, &CurvePanel::setShowsDates);
}
void CurvePanel::setShowsDates(bool dates) {
    dates_->setChecked(dates);
}
bool CurvePanel::showsDates() const {
    return dates_->isChecked();
}
void CurvePanel::setFirstMonths(int months) {
    const int k = std::max(0, months);
    if (k == firstMonths_)
        return;
    firstMonths_ = k;
    invalidate();
}
int CurvePanel::cutOf(const ModelSeries& series) const {
    int n = series.observedMonths();
    if (const auto asOf = timeMachine_->asOf())
        n = std::min(n, asOfObservedMonths(series, *asOf));
    return firstMonths_ > 0 ? std::min(n, firstMonths_) : n;
}
void CurvePanel::setNormalised(bool normalised) {
    normalise_->setChecked(normalised);
}
void CurvePanel::setMethod(const QString& name) {
    const int index = method_->findText(name);
    if (index >= 0)
        method_->setCurrentIndex(index);
}
QString CurvePanel::summary() const {
    return summary_->text();
}
QString CurvePanel::method() const {
    return method_->currentText();
}

const SeriesForecast* CurvePanel::forecastFor(int row) const {
    if (row < 0 || row >= model_->rowCount())
        return nullptr;
    const ModelSeries& s = model_->series(row);
    const auto found = forecasts_.constFind(forecastKey(s, cutOf(s)));
    return found == forecasts_.constEnd() ? nullptr : &found.value();
}

QString CurvePanel::forecastKey(const ModelSeries& series, int cut) const {
    return QStringLiteral("%1|%2|%3|%4|%5|%6")
        .arg(QString::fromStdString(series.id), QString::fromStdString(series.org))
        .arg(cut)
        .arg(method_->currentText())
        .arg(horizon_->value())
        .arg(timeMachine_->asOf().value_or(0));
}

QVector<const SeriesForecast*> CurvePanel::currentForecasts(const QVector<ForecastWanted>& wanted,
                                                            double m) {
    // As of a date the forecaster learns from the dataset known then, under a key of its own;
    // the latest (no cut) learner is the one shared with the table.
    const auto asOf = timeMachine_->asOf();
    const QString population = populationKey(model_->datasetGeneration(), m) +
                               (asOf ? QStringLiteral("|asof=%1").arg(*asOf) : QString());
    if (population != populationKey_ || !job_->hasPopulation()) {
        populationKey_ = population;
        forecasts_.clear();
        requestedKey_.clear();
        forecastPending_ = false;
        if (asOf)
            job_->setPopulation(asOfPopulation(model_->dataset().series, *asOf), m, population);
        else
            job_->setPopulation(model_->sharedSeries(), m, population);
    }
    QVector<const SeriesForecast*> found;
    const ForecastWanted* missing = nullptr;
    QString missingKey;
    bool requestedStillWanted = false;
    for (const ForecastWanted& w : wanted) {
        const QString key = forecastKey(*w.series, w.cut);
        const auto cached = forecasts_.constFind(key);
        found.append(cached == forecasts_.constEnd() ? nullptr : &cached.value());
        if (cached != forecasts_.constEnd())
            continue;
        requestedStillWanted = requestedStillWanted || (forecastPending_ && key == requestedKey_);
        if (!missing) {
            missing = &w;
            missingKey = key;
        }
    }
    // The job forecasts one series at a time (a newer request supersedes the older): ask for
    // the next missing one unless the one on its way is still wanted. Each arrival redraws and
    // so asks for the next.
    if (missing && !requestedStillWanted) {
        ModelSeries truncated = *missing->series;
        if (missing->cut < truncated.observedMonths())
            truncated.counts.resize(size_t(std::max(missing->cut, 0)));
        requestedKey_ = missingKey;
        forecastPending_ = true;
        job_->request(
            std::move(truncated),
            parseMethod(method_->currentText().toStdString()).value_or(ForecastMethod::Auto),
            horizon_->value());
    }
    return found;
}

void CurvePanel::refresh() {
    if (datesGeneration_ != model_->datasetGeneration()) {
        datesGeneration_ = model_->datasetGeneration();
        timeMachine_->setDates(asOfDates(model_->dataset().series));
    }
    timeMachine_->updateBacktest(model_->datasetGeneration(), model_->dataset().series,
                                 filter_->acceptedSourceRows(), horizon_->value(), browserM());
    PlotView* plot = plots().front();
    PlotAxis y = plot->yAxis();
    y.log = log_->isChecked();
    const bool overlay = selected_.size() > 1;
    y.title = overlay && normalise_->isChecked() ? tr("cumulative fine-tunes / last observed count")
                                                 : tr("cumulative fine-tunes");
    PlotAxis x = plot->xAxis();
    x.valueText = {};
    x.title = tr("months since the base model's creation");
    if (!overlay && !selected_.isEmpty() && dates_->isChecked() && model_->rowCount() > 0) {
        ModelSeries created;  // a copy: the axis outlives a dataset change
        created.createdAt = model_->series(selected_.front()).createdAt;
        if (!monthDate(created, 0.0).isEmpty()) {
            x.valueText = [created](double month) { return monthDate(created, month); };
            x.title = tr("calendar month (month 0: the base model's creation, %1)")
                          .arg(monthDay(created, 0.0));
        }
    }
    plot->setAxes(x, y);
    normalise_->setEnabled(overlay);
    dates_->setEnabled(!overlay);
    if (selected_.isEmpty() || model_->rowCount() == 0) {
        plot->setTitle(tr("Select a model in the table"));
        plot->setSeries({});
        summary_->clear();
        return;
    }
    if (overlay) {
        drawOverlay();
    } else {
        drawSingle(selected_.front());
    }
}

void CurvePanel::drawSingle(int row) {
    PlotView* plot = plots().front();
    const ModelSeries& s = model_->series(row);
    const FitResult* f = model_->fit(row);
    const int n = s.observedMonths();
    const int fitted = cutOf(s);
    if (f && f->observedMonths != fitted)
        f = nullptr;  // fitted before K changed: the re-fit is on its way
    const QColor observedColor = categoryColor(0), fitColor = categoryColor(3);

    QVector<PlotSeries> series;
    PlotSeries observed{tr("observed"), {}, observedColor, PlotSeries::Style::Points};
    for (int k = 0; k < fitted; ++k)
        observed.points.append(QPointF(k, s.counts[size_t(k)]));
    series.append(observed);
    if (const auto lead = leadRelationsLine(s, fitted))
        series.append(*lead);
    const auto asOf = timeMachine_->asOf();
    if (fitted < n) {
        PlotSeries heldOut{asOf ? tr("after as-of") : tr("held out (not fitted)"),
                           {},
                           observedColor,
                           PlotSeries::Style::HollowPoints};
        for (int k = fitted; k < n; ++k)
            heldOut.points.append(QPointF(k, s.counts[size_t(k)]));
        series.append(heldOut);
        if (asOf && fitted > 0)
            series.append(asOfMarker(*asOf, fitted - 1, s.lastCount()));
    }
    // The method's forecast with its bands, drawn first so the points stay on top of them.
    QString forecastNote;
    const double ceiling = kForecastScale * std::max(s.lastCount(), 1.0);
    if (const SeriesForecast* forecast =
            currentForecasts({ForecastWanted{&s, fitted}}, f ? f->m : 100.0).front()) {
        if (forecast->ok) {
            QVector<PlotSeries> drawn;
            appendForecast(*forecast, ceiling, ForecastStyle{}, &drawn);
            series = drawn.mid(0, drawn.size() - 1) + series;
            series.append(drawn.back());
        }
        forecastNote = forecastSummary(*forecast, horizon_->value());
        if (asOf)
            forecastNote += asOfForecastNote(*forecast, s.counts, horizon_->value(), *asOf);
        else if (fitted < n)
            forecastNote += holdoutSummary(checkHoldout(*forecast, s.counts));
    } else {
        forecastNote = tr(" · forecasting (%1)…").arg(method_->currentText());
    }
    QString summary = tr("%1 · %2 · %3 observed, last count %4")
                          .arg(QString::fromStdString(s.id), QString::fromStdString(s.org),
                               formatMonths(n), formatCount(s.lastCount()));
    if (f && f->outcome != FitOutcome::NoAdoption) {
        // The c∞ line ends with the forecast (or the data, when that reaches further).
        const double last = std::max(n - 1, fitted - 1 + horizon_->value());
        PlotSeries fitLine{tr("WSB fit"), curve(*f, 0.0, fitted - 1, 1.0), fitColor,
                           PlotSeries::Style::Line};
        fitLine.definesRange = false;  // near month 0 it runs to 1e-150 on a log axis
        series.append(fitLine);
        const double ultimate = wsbUltimate(f->params, f->m);
        double top = s.lastCount();
        for (const PlotSeries& drawn : series) {
            for (const QPointF& p : drawn.points)
                top = std::max(top, p.y());
        }
        // A ceiling below the data is no prediction: it is named, not drawn.
        const bool credible = isPresentable(ultimate) && ultimate >= s.lastCount();
        if (credible && ultimate <= kAsymptoteScale * std::max(top, 1.0)) {
            series.append(PlotSeries{tr("c∞ = %1").arg(formatCount(ultimate)),
                                     {QPointF(0.0, ultimate), QPointF(last, ultimate)},
                                     QColor(0x55, 0x55, 0x55),
                                     PlotSeries::Style::DottedLine});
        }
        const bool converged = f->outcome == FitOutcome::Converged;
        summary +=
            tr(" · WSB λ = %1, μ = %2, σ = %3, c∞ = %4, R² = %5")
                .arg(converged ? formatParameter(f->params.lambda) : notAvailable(),
                     converged ? formatParameter(f->params.mu) : notAvailable(),
                     converged ? formatParameter(f->params.sigma) : notAvailable(),
                     credible && converged ? formatCount(ultimate)
                                           : (isPresentable(ultimate) && converged
                                                  ? tr("n/a (the fit's %1 is below the data)")
                                                        .arg(formatCount(ultimate))
                                                  : notAvailable()),
                     formatParameter(f->r2, 3));
        if (f->outcome == FitOutcome::PowerLawLimit)
            summary += tr(" (λ → ∞: the power-law limit, parameters not identifiable)");
        else if (!converged)
            summary += tr(" (the fit did not converge)");
        if (fitted < n)
            summary +=
                tr(" · fitted and forecast from the first %1 only").arg(formatMonths(fitted));
    } else if (f) {
        summary += tr(" · no adoption: nothing to fit");
    } else if (asOf) {
        summary += tr(" · WSB fit not drawn as of a date (the browser fits every month)");
    } else if (n < 3) {
        summary += tr(" · too short to fit (fewer than 3 months)");
    } else {
        summary += tr(" · not fitted yet");
    }
    summary += forecastNote;
    plot->setTitle(QString::fromStdString(s.id));
    plot->setSeries(series);
    summary_->setText(summary);
}

void CurvePanel::drawOverlay() {
    PlotView* plot = plots().front();
    const bool normalise = normalise_->isChecked();
    QVector<PlotSeries> series;
    const int shown = std::min(int(selected_.size()), kMaxOverlay);
    // Every overlaid model's forecast with its bands, drawn first so the points stay on top.
    QVector<ForecastWanted> wanted;
    double m = 100.0;
    for (int i = 0; i < shown; ++i) {
        const ModelSeries& s = model_->series(selected_[i]);
        if (const FitResult* f = model_->fit(selected_[i]))
            m = f->m;
        wanted.append(ForecastWanted{&s, cutOf(s)});
    }
    const QVector<const SeriesForecast*> forecasts = currentForecasts(wanted, m);
    int forecastsDrawn = 0;
    for (int i = 0; i < shown; ++i) {
        const ModelSeries& s = *wanted[i].series;
        if (forecasts[i] && forecasts[i]->ok) {
            ForecastStyle style{categoryColor(i),
                                normalise && s.lastCount() > 0 ? 1.0 / s.lastCount() : 1.0,
                                QString::fromStdString(s.id)};
            appendForecast(*forecasts[i], kForecastScale * std::max(s.lastCount(), 1.0), style,
                           &series);
            ++forecastsDrawn;
        }
    }
    for (int i = 0; i < shown; ++i) {
        const int row = selected_[i];
        const ModelSeries& s = model_->series(row);
        const double scale = normalise && s.lastCount() > 0 ? 1.0 / s.lastCount() : 1.0;
        const QColor color = categoryColor(i);
        const FitResult* f = model_->fit(row);
        const int n = s.observedMonths();
        const int fitted = cutOf(s);
        if (f && f->observedMonths != fitted)
            f = nullptr;  // fitted before K changed
        PlotSeries observed{QString::fromStdString(s.id), {}, color, PlotSeries::Style::Points};
        observed.markerSize = 5.0;
        for (int k = 0; k < fitted; ++k)
            observed.points.append(QPointF(k, s.counts[size_t(k)] * scale));
        series.append(observed);
        if (fitted < n) {
            PlotSeries heldOut{tr("%1 held out").arg(QString::fromStdString(s.id)),
                               {},
                               color,
                               PlotSeries::Style::HollowPoints};
            heldOut.markerSize = 5.0;
            heldOut.inLegend = false;
            for (int k = fitted; k < n; ++k)
                heldOut.points.append(QPointF(k, s.counts[size_t(k)] * scale));
            series.append(heldOut);
        }
        if (f && f->outcome != FitOutcome::NoAdoption) {
            PlotSeries fit{tr("%1 fit").arg(QString::fromStdString(s.id)),
                           curve(*f, 0.0, fitted - 1, scale), color, PlotSeries::Style::Line};
            fit.inLegend = false;
            fit.definesRange = false;
            series.append(fit);
            if (!forecasts[i]) {  // until the method's forecast arrives, the fit continues
                PlotSeries forecast{tr("%1 WSB continuation").arg(QString::fromStdString(s.id)),
                                    curve(*f, fitted - 1, n - 1 + horizon_->value(), scale), color,
                                    PlotSeries::Style::DashedLine};
                forecast.inLegend = false;
                forecast.definesRange = false;
                series.append(forecast);
            }
        }
    }
    plot->setTitle(selected_.size() > kMaxOverlay ? tr("%1 models selected; the first %2 are drawn")
                                                        .arg(selected_.size())
                                                        .arg(kMaxOverlay)
                                                  : tr("%1 models").arg(shown));
    plot->setSeries(series);
    summary_->setText(
        tr("Points: observed · hollow: held out · solid: WSB fit · dashed: forecast (%1) with "
           "80 %/95 % bands · %2 of %3 forecasts drawn%4")
            .arg(method_->currentText())
            .arg(forecastsDrawn)
            .arg(shown)
            .arg(forecastPending_ ? tr(", forecasting…") : QString()));
}

// The as-of backtest only: the selected model's forecast is what the tab shows.
bool CurvePanel::cancelBackgroundWork() {
    return timeMachine_->cancelBacktest();
}

}  // namespace hubgrowth
