#include "hubgrowth/ui/panels/concentration_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <cmath>

#include "hubgrowth/core/stats/concentration.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"

namespace hubgrowth {

ConcentrationPanel::ConcentrationPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                                       QWidget* parent)
    : ChartPanel(model, filter, parent) {
    measure_ = new QComboBox();
    measure_->addItem(tr("fine-tunes at the last observed month"), int(Measure::LastCount));
    measure_->addItem(tr("fitted fine-tunes 12 months later"), int(Measure::Forecast12));
    measure_->addItem(tr("downloads (all-time)"), int(Measure::DownloadsAllTime));
    logX_ = new QCheckBox(tr("&Log x"));
    logX_->setChecked(true);
    logX_->setToolTip(tr("A log axis spreads out the few models that hold most fine-tunes"));
    summary_ = new QLabel();
    summary_->setWordWrap(true);
    auto* controls = new QHBoxLayout();
    auto* label = new QLabel(tr("&Measure:"));
    label->setBuddy(measure_);
    controls->addWidget(label);
    controls->addWidget(measure_);
    controls->addWidget(logX_);
    controls->addStretch(1);
    PlotView* plot = addPlot();
    plot->setAxes(
        PlotAxis{tr("share of models, largest first (%)"), false, 0.0, 100.0, true,
                 QStringLiteral("%.0f")},
        PlotAxis{tr("share of fine-tunes (%)"), false, 0.0, 100.0, true, QStringLiteral("%.0f")});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(plot, 1);
    layout->addWidget(summary_);
    connect(measure_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { invalidate(); });
    connect(measure_, qOverload<int>(&QComboBox::activated), this, [this] {
        preferred_ = measure();
        emit measureChanged(preferred_);
    });
    connect(logX_, &QCheckBox::toggled, this, [this] { invalidate(); });
    connect(model, &QAbstractItemModel::modelReset, this,
            &ConcentrationPanel::updateDownloadsChoice);
    updateDownloadsChoice();
}

bool ConcentrationPanel::downloadsAvailable() const {
    for (const ModelSeries& series : model_->dataset().series) {
        if (series.downloadsAllTime)
            return true;
    }
    return false;
}

ConcentrationPanel::Measure ConcentrationPanel::measure() const {
    return Measure(measure_->currentData().toInt());
}

bool ConcentrationPanel::setMeasure(Measure measure) {
    const int index = measure_->findData(int(measure));
    auto* items = qobject_cast<QStandardItemModel*>(measure_->model());
    if (index < 0 || (items && !items->item(index)->isEnabled()))
        return false;
    preferred_ = measure;
    measure_->setCurrentIndex(index);
    return true;
}

void ConcentrationPanel::setPreferredMeasure(Measure measure) {
    if (measure_->findData(int(measure)) < 0)
        return;
    setMeasure(measure);
    preferred_ = measure;
}

void ConcentrationPanel::updateDownloadsChoice() {
    const bool available = downloadsAvailable();
    const int index = measure_->findData(int(Measure::DownloadsAllTime));
    if (auto* items = qobject_cast<QStandardItemModel*>(measure_->model()))
        items->item(index)->setEnabled(available);
    measure_->setItemData(index,
                          available ? tr("All-time downloads of each base model, from the "
                                         "newest snapshot in the Hub store")
                                    : tr("Download counts come only from a Hub store "
                                         "(hubgrowth fetch); this data has none"),
                          Qt::ToolTipRole);
    if (!available && measure_->currentIndex() == index)
        measure_->setCurrentIndex(0);
    else if (available && preferred_ == Measure::DownloadsAllTime)
        measure_->setCurrentIndex(index);
}

void ConcentrationPanel::refresh() {
    const auto measure = Measure(measure_->currentData().toInt());
    std::vector<double> values;
    int unfitted = 0;
    for (int row : filter_->acceptedSourceRows()) {
        const ModelSeries& series = model_->series(row);
        double v = NAN;
        if (measure == Measure::LastCount)
            v = series.lastCount();
        else if (measure == Measure::Forecast12)
            v = model_->forecastAhead(row, ModelTableModel::kForecastMonths);
        else if (series.downloadsAllTime)
            v = *series.downloadsAllTime;
        if (!std::isfinite(v)) {
            ++unfitted;
            continue;
        }
        values.push_back(v);
    }
    const std::vector<LorenzPoint> curve = paretoCurve(values);
    share_ = modelShareForValueShare(values, kTarget);
    gini_ = giniCoefficient(values);
    const bool downloads = measure == Measure::DownloadsAllTime;
    const QString quantity = downloads ? tr("downloads") : tr("fine-tunes");
    const bool logX = logX_->isChecked();
    const double n = double(values.size());
    // On a log axis the curve starts at the first model (1/n), not at 0.
    const double xStart = logX ? (n > 0 ? 100.0 / n : 1.0) : 0.0;

    PlotSeries lorenz{tr("models by %1").arg(measure_->currentText()),
                      {},
                      QColor(0x1f, 0x77, 0xb4),
                      PlotSeries::Style::Line};
    for (const LorenzPoint& p : curve) {
        if (logX && p.modelShare <= 0.0)
            continue;
        lorenz.points.push_back(QPointF(100.0 * p.modelShare, 100.0 * p.valueShare));
    }
    PlotSeries equal{
        tr("equal adoption"), {}, QColor(0x99, 0x99, 0x99), PlotSeries::Style::DottedLine};
    for (int i = 0; i <= 50; ++i) {
        const double x = logX ? xStart * std::pow(100.0 / xStart, i / 50.0) : 2.0 * i;
        equal.points.push_back(QPointF(x, x));
    }
    const double x80 = 100.0 * share_;
    PlotSeries marker{tr("%1 % of models → 80 %").arg(x80, 0, 'f', x80 < 10 ? 2 : 1),
                      {},
                      QColor(0xd6, 0x27, 0x28),
                      PlotSeries::Style::DashedLine};
    marker.points = {QPointF(xStart, 80.0), QPointF(x80, 80.0), QPointF(x80, logX ? 0.01 : 0.0)};
    marker.labels = {QString(),
                     tr("%1 % of models account for 80 % of %2").arg(x80, 0, 'g', 3).arg(quantity),
                     QString()};
    PlotSeries point{tr("80 % point"),
                     {QPointF(x80, 80.0)},
                     QColor(0xd6, 0x27, 0x28),
                     PlotSeries::Style::Points};
    point.labels = {marker.labels[1]};
    point.markerSize = 10.0;
    point.inLegend = false;

    PlotView* plot = plots().front();
    PlotAxis x = plot->xAxis();
    x.log = logX;
    x.min = logX ? std::pow(10.0, std::floor(std::log10(xStart))) : 0.0;
    PlotAxis y = plot->yAxis();
    y.title = tr("share of %1 (%)").arg(quantity);
    plot->setAxes(x, y);
    plot->setTitle(values.empty() ? tr("No models to compare")
                                  : tr("%1 % of models account for 80 % of %2")
                                        .arg(x80, 0, 'f', x80 < 10 ? 2 : 1)
                                        .arg(quantity));
    plot->setSeries(values.empty() ? QVector<PlotSeries>{}
                                   : QVector<PlotSeries>{equal, lorenz, marker, point});
    summary_->setText(
        tr("%1 models · Gini coefficient %2").arg(values.size()).arg(gini_, 0, 'f', 3) +
        (unfitted == 0 ? QString()
         : downloads   ? tr(" · %1 models without a download figure left out").arg(unfitted)
                       : tr(" · %1 models without a fit left out").arg(unfitted)) +
        (downloadsAvailable() ? QString()
                              : tr(" · download concentration needs a Hub store (hubgrowth "
                                   "fetch)")));
}

}  // namespace hubgrowth
