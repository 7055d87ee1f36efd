#include "panels/curve_panel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

#include "charts/plot_view.h"
#include "model_table_model.h"
#include "panels/chart_style.h"

namespace hubgrowth {

namespace {

// c∞ is drawn only when it is on the same scale as the data; a fit that saturates at 1e9 would
// otherwise flatten everything else against the axis.
constexpr double kAsymptoteScale = 5.0;
constexpr int kStepsPerMonth = 4;
constexpr double kForecastScale = 100.0;  // the forecast is drawn up to 100× the last count

// Counts in full up to a billion (with digit grouping), in 4 significant digits beyond.
QString formatCount(double v) {
    return std::abs(v) < 1e9 ? QLocale().toString(v, 'f', 0) : QLocale().toString(v, 'g', 4);
}

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

}  // namespace

CurvePanel::CurvePanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                       QWidget* parent)
    : ChartPanel(model, filter, parent) {
    log_ = new QCheckBox(tr("&Log scale"));
    log_->setToolTip(tr("Logarithmic y axis (month 0, always 0, is then not drawn)"));
    normalise_ = new QCheckBox(tr("&Normalise overlay"));
    normalise_->setToolTip(
        tr("Divide each model's curve by its last observed count, so "
           "several models compare by shape"));
    horizon_ = new QSpinBox();
    horizon_->setRange(0, 120);
    horizon_->setValue(12);
    horizon_->setSuffix(tr(" months"));
    horizon_->setToolTip(tr("How far the forecast continues after the last observed month"));
    summary_ = new QLabel();
    summary_->setWordWrap(true);  // a long summary must not widen the window
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* controls = new QHBoxLayout();
    controls->addWidget(log_);
    controls->addWidget(normalise_);
    controls->addSpacing(12);
    auto* horizonLabel = new QLabel(tr("Forecast &horizon:"));
    horizonLabel->setBuddy(horizon_);
    controls->addWidget(horizonLabel);
    controls->addWidget(horizon_);
    controls->addStretch(1);

    PlotView* plot = addPlot();
    plot->setAxes(PlotAxis{tr("months since the base model's creation"), false, NAN, NAN, true,
                           QStringLiteral("%.0f")},
                  PlotAxis{tr("cumulative fine-tunes"), false, NAN, NAN, true});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(plot, 1);
    layout->addWidget(summary_);

    connect(log_, &QCheckBox::toggled, this, [this](bool log) {
        invalidate();
        emit logScaleChanged(log);
    });
    connect(normalise_, &QCheckBox::toggled, this, [this] { invalidate(); });
    connect(horizon_, qOverload<int>(&QSpinBox::valueChanged), this, [this](int months) {
        invalidate();
        emit horizonChanged(months);
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
void CurvePanel::setNormalised(bool normalised) {
    normalise_->setChecked(normalised);
}

void CurvePanel::refresh() {
    PlotView* plot = plots().front();
    PlotAxis y = plot->yAxis();
    y.log = log_->isChecked();
    const bool overlay = selected_.size() > 1;
    y.title = overlay && normalise_->isChecked() ? tr("cumulative fine-tunes / last observed count")
                                                 : tr("cumulative fine-tunes");
    plot->setAxes(plot->xAxis(), y);
    normalise_->setEnabled(overlay);
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
    const int fitted = f ? std::min(n, f->observedMonths) : n;
    const QColor observedColor(0x1f, 0x77, 0xb4), fitColor(0xd6, 0x27, 0x28);

    QVector<PlotSeries> series;
    PlotSeries observed{tr("observed"), {}, observedColor, PlotSeries::Style::Points};
    for (int k = 0; k < fitted; ++k)
        observed.points.append(QPointF(k, s.counts[size_t(k)]));
    series.append(observed);
    if (fitted < n) {
        PlotSeries heldOut{
            tr("held out (not fitted)"), {}, observedColor, PlotSeries::Style::HollowPoints};
        for (int k = fitted; k < n; ++k)
            heldOut.points.append(QPointF(k, s.counts[size_t(k)]));
        series.append(heldOut);
    }
    QString summary = tr("%1 · %2 · %3 months observed, last count %4")
                          .arg(QString::fromStdString(s.id), QString::fromStdString(s.org))
                          .arg(n)
                          .arg(s.lastCount());
    if (f && f->outcome != FitOutcome::NoAdoption) {
        const double last = n - 1 + horizon_->value();
        series.append(PlotSeries{tr("WSB fit"), curve(*f, 0.0, fitted - 1, 1.0), fitColor,
                                 PlotSeries::Style::Line});
        // An exploding forecast (a short backtest window can fit λ in the hundreds) is cut where
        // it leaves the data's scale; the summary still gives its value.
        QVector<QPointF> ahead = curve(*f, fitted - 1, last, 1.0);
        const double ceiling = kForecastScale * std::max(s.lastCount(), 1.0);
        bool cut = false;
        for (int i = 0; i < ahead.size(); ++i) {
            if (ahead[i].y() > ceiling) {
                ahead.resize(i + 1);
                cut = true;
                break;
            }
        }
        series.append(PlotSeries{cut ? tr("forecast (leaves the chart)") : tr("forecast"), ahead,
                                 fitColor, PlotSeries::Style::DashedLine});
        const double ultimate = wsbUltimate(f->params, f->m);
        double top = s.lastCount();
        for (const QPointF& p : series.back().points)
            top = std::max(top, p.y());
        if (std::isfinite(ultimate) && ultimate <= kAsymptoteScale * std::max(top, 1.0)) {
            series.append(PlotSeries{tr("c∞ = %1").arg(formatCount(ultimate)),
                                     {QPointF(0.0, ultimate), QPointF(last, ultimate)},
                                     QColor(0x55, 0x55, 0x55),
                                     PlotSeries::Style::DottedLine});
        }
        summary += tr(" · λ = %1, μ = %2, σ = %3, c∞ = %4, R² = %5, c(+%6 mo) = %7")
                       .arg(f->params.lambda, 0, 'g', 4)
                       .arg(f->params.mu, 0, 'g', 4)
                       .arg(f->params.sigma, 0, 'g', 4)
                       .arg(formatCount(ultimate))
                       .arg(f->r2, 0, 'f', 3)
                       .arg(horizon_->value())
                       .arg(formatCount(wsbValue(last, f->params, f->m)));
        if (fitted < n)
            summary += tr(" · fitted on the first %1 months only").arg(fitted);
    } else if (f) {
        summary += tr(" · no adoption: nothing to fit");
    } else if (n < 3) {
        summary += tr(" · too short to fit (fewer than 3 months)");
    } else {
        summary += tr(" · not fitted yet");
    }
    plot->setTitle(QString::fromStdString(s.id));
    plot->setSeries(series);
    summary_->setText(summary);
}

void CurvePanel::drawOverlay() {
    PlotView* plot = plots().front();
    const bool normalise = normalise_->isChecked();
    QVector<PlotSeries> series;
    const int shown = std::min(int(selected_.size()), kMaxOverlay);
    for (int i = 0; i < shown; ++i) {
        const int row = selected_[i];
        const ModelSeries& s = model_->series(row);
        const double scale = normalise && s.lastCount() > 0 ? 1.0 / s.lastCount() : 1.0;
        const QColor color = categoryColor(i);
        const FitResult* f = model_->fit(row);
        const int n = s.observedMonths();
        const int fitted = f ? std::min(n, f->observedMonths) : n;
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
            PlotSeries forecast{tr("%1 forecast").arg(QString::fromStdString(s.id)),
                                curve(*f, fitted - 1, n - 1 + horizon_->value(), scale), color,
                                PlotSeries::Style::DashedLine};
            forecast.inLegend = false;
            series.append(fit);
            series.append(forecast);
        }
    }
    plot->setTitle(selected_.size() > kMaxOverlay ? tr("%1 models selected; the first %2 are drawn")
                                                        .arg(selected_.size())
                                                        .arg(kMaxOverlay)
                                                  : tr("%1 models").arg(shown));
    plot->setSeries(series);
    summary_->setText(
        tr("Points: observed · hollow: held out · solid: WSB fit · dashed: forecast"));
}

}  // namespace hubgrowth
