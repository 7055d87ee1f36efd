#include "hubgrowth/ui/panels/rising_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "hubgrowth/core/forecast/as_of_rank.h"
#include "hubgrowth/core/forecast/flags.h"
#include "hubgrowth/core/series/calendar.h"
#include "hubgrowth/ui/as_of_dates.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/number_format.h"
#include "hubgrowth/ui/panels/chart_style.h"
#include "hubgrowth/ui/panels/rising_table_model.h"

namespace hubgrowth {

namespace {

// Spinning the horizon or dragging the slider starts one ranking, not one per step.
constexpr int kDebounceMs = 250;
constexpr int kMaxHorizon = 60;
// Half the width of a model's interval box on the rank axis.
constexpr double kBoxHalfWidth = 0.3;
// The chart's y axis stops at this multiple of the largest drawn gain.
constexpr double kClipFactor = 3.0;

QString dateText(std::int64_t instant) {
    return asOfDateText(instant);
}

QString percent(double fraction) {
    return std::isfinite(fraction)
               ? QString::number(100.0 * fraction, 'f', 1) + QStringLiteral(" %")
               : notAvailable();
}

// One box per model (x = rank): the band drops to 0 between models, so one series draws them
// all, and each rank's own x carries the model's edges (what the CSV export reads).
PlotSeries intervalBoxes(const QString& name, const QVector<RisingRow>& top, int level,
                         const QString& of, QColor color) {
    QVector<QPointF> lower, upper;
    for (int i = 0; i < top.size(); ++i) {
        const RisingRow& r = top[i];
        const double x = i + 1;
        const double lo = (level == 80 ? r.lo80 : r.lo95) - r.atCut;
        const double hi = (level == 80 ? r.hi80 : r.hi95) - r.atCut;
        lower << QPointF(x - kBoxHalfWidth, 0.0) << QPointF(x - kBoxHalfWidth, lo) << QPointF(x, lo)
              << QPointF(x + kBoxHalfWidth, lo) << QPointF(x + kBoxHalfWidth, 0.0);
        upper << QPointF(x - kBoxHalfWidth, 0.0) << QPointF(x - kBoxHalfWidth, hi) << QPointF(x, hi)
              << QPointF(x + kBoxHalfWidth, hi) << QPointF(x + kBoxHalfWidth, 0.0);
    }
    PlotSeries band = PlotSeries::band(name, lower, upper, color);
    band.bandLevel = level;
    band.bandOf = of;
    return band;
}

}  // namespace

RisingPanel::RisingPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                         QWidget* parent)
    : ChartPanel(model, filter, parent) {
    rows_ = new RisingTableModel(this);
    sorted_ = new QSortFilterProxyModel(this);
    sorted_->setSourceModel(rows_);
    sorted_->setSortRole(Qt::UserRole);
    table_ = new QTableView();
    table_->setModel(sorted_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(RisingTableModel::Rank, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    // Long ids would push the numbers out of a 1024 px window: the Model column is capped.
    table_->setTextElideMode(Qt::ElideMiddle);
    table_->horizontalHeader()->setSectionResizeMode(RisingTableModel::Model,
                                                     QHeaderView::Interactive);
    table_->horizontalHeader()->resizeSection(RisingTableModel::Model,
                                              table_->fontMetrics().averageCharWidth() * 26);
    table_->setToolTip(tr("Click a row to select the model in the browser"));

    slider_ = new QSlider(Qt::Horizontal);
    slider_->setToolTip(
        tr("Forecast as of this date: every series cut there, everything learned from what "
           "was known then"));
    dateLabel_ = new QLabel();
    horizon_ = new QSpinBox();
    horizon_->setRange(1, kMaxHorizon);
    horizon_->setValue(kDefaultHorizon);
    horizon_->setSuffix(tr(" months"));
    horizon_->setToolTip(tr("The gain is forecast over this many months after the date"));
    busy_ = new QProgressBar();
    busy_->setRange(0, 0);  // busy: the core reports no steps
    busy_->setMaximumWidth(80);
    busy_->setTextVisible(false);
    busy_->hide();
    status_ = new QLabel();
    summary_ = new QLabel();
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    PlotView* plot = addPlot();
    plot->setAxes(
        PlotAxis{tr("rank by forecast gain"), false, NAN, NAN, false, QStringLiteral("%.0f")},
        PlotAxis{tr("forecast gain in fine-tunes"), false, NAN, NAN, true, QStringLiteral("%g")});

    auto* controls = new QHBoxLayout();
    controls->addWidget(new QLabel(tr("As of:")));
    controls->addWidget(slider_, 1);
    controls->addWidget(dateLabel_);
    controls->addSpacing(8);
    controls->addWidget(new QLabel(tr("Gain over:")));
    controls->addWidget(horizon_);
    controls->addWidget(busy_);
    controls->addWidget(status_);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(table_);
    splitter->addWidget(plot);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({260, 320});  // room for the chart's axes at 700 px high
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);
    layout->addWidget(summary_);

    debounce_ = new QTimer(this);
    debounce_->setSingleShot(true);
    debounce_->setInterval(kDebounceMs);
    connect(debounce_, &QTimer::timeout, this, &RisingPanel::invalidate);
    connect(slider_, &QSlider::valueChanged, this, [this](int index) {
        updateDateLabel();
        debounce_->start();
        emit asOfIndexChanged(index);
    });
    connect(horizon_, qOverload<int>(&QSpinBox::valueChanged), this,
            [this] { debounce_->start(); });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        ++generation_;
        ranking_.reset();
        backtest_.reset();
        filledStale_ = true;
        rows_->setRows({});
    });
    connect(table_, &QTableView::clicked, this, &RisingPanel::activateIndex);
    connect(table_, &QTableView::activated, this, &RisingPanel::activateIndex);
    connect(plot, &PlotView::pointClicked, this, [this, plot](int series, int index) {
        if (plot->series(series).style != PlotSeries::Style::Points)
            return;
        if (index >= 0 && index < rows_->rows().size())
            emit rowActivated(rows_->rows()[index].sourceRow);
    });
}

void RisingPanel::activateIndex(const QModelIndex& index) {
    if (index.isValid())
        emit rowActivated(index.data(RisingTableModel::kSourceRowRole).toInt());
}

void RisingPanel::setAsOfIndex(int index) {
    slider_->setValue(index);
}

int RisingPanel::asOfIndex() const {
    return slider_->value();
}

std::int64_t RisingPanel::asOf() const {
    return dates_.value(slider_->value(), 0);
}

void RisingPanel::setHorizon(int months) {
    horizon_->setValue(months);
}

int RisingPanel::horizon() const {
    return horizon_->value();
}

void RisingPanel::rebuildDates() {
    dates_ = hubgrowth::asOfDates(model_->dataset().series);
    const QSignalBlocker block(slider_);
    slider_->setRange(0, std::max(0, int(dates_.size()) - 1));
    slider_->setValue(slider_->maximum());  // the data's last date
    slider_->setEnabled(dates_.size() > 1);
    updateDateLabel();
    emit datesRebuilt();
}

void RisingPanel::updateDateLabel() {
    if (dates_.isEmpty()) {
        dateLabel_->clear();
        return;
    }
    const bool last = slider_->value() == slider_->maximum();
    dateLabel_->setText(last ? tr("%1 (last date)").arg(dateText(asOf())) : dateText(asOf()));
}

RisingPanel::Request RisingPanel::wanted() const {
    // The m of the fits in the browser (the fit tool bar's), 100 until one arrived.
    double m = 100.0;
    for (int row = 0; row < model_->rowCount(); ++row) {
        if (const FitResult* f = model_->fit(row)) {
            m = f->m;
            break;
        }
    }
    return Request{generation_, asOf(), horizon_->value(), m};
}

void RisingPanel::refresh() {
    if (datesGeneration_ != generation_) {
        rebuildDates();
        datesGeneration_ = generation_;
    }
    if (!dates_.isEmpty()) {
        const Request want = wanted();
        const bool drawn = ranking_ && rankingRequest_ == want;
        if (!drawn && !(running_ && runningRequest_ == want) &&
            !(cancelledRequest_ && *cancelledRequest_ == want))
            startRanking(want);
    }
    fillTable();
    followSelection();
    drawTop();
    updateSummary();
}

void RisingPanel::followSelection() {
    const int current = selected_.isEmpty() ? -1 : selected_.front();
    if (current == followedRow_ && !filledNow_)
        return;
    followedRow_ = current;
    filledNow_ = false;
    for (int row = 0; row < sorted_->rowCount(); ++row) {
        const QModelIndex index = sorted_->index(row, RisingTableModel::Model);
        if (index.data(RisingTableModel::kSourceRowRole).toInt() == current) {
            // Programmatic: no clicked(), so the browser is not asked to select it again.
            table_->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            table_->scrollTo(index);
            return;
        }
    }
    table_->clearSelection();
}

bool RisingPanel::cancelBackgroundWork() {
    if (!running_)
        return false;
    cancelledRequest_ = runningRequest_;
    running_->disconnect(this);
    connect(running_, &BackgroundJob::ended, running_, &QObject::deleteLater);
    running_->cancel();
    running_ = nullptr;
    busy_->hide();
    status_->setText(tr("ranking cancelled: change the date or the horizon to rank again"));
    return true;
}

void RisingPanel::startRanking(const Request& request) {
    cancelledRequest_.reset();
    if (running_) {
        // Superseded: its result is dropped, and it deletes itself when its worker stops.
        running_->disconnect(this);
        connect(running_, &BackgroundJob::ended, running_, &QObject::deleteLater);
        running_->cancel();
        running_ = nullptr;
    }
    auto* job = new AsOfRankJob(this);
    AsOfOptions options;
    options.horizon = request.horizon;
    options.m = request.m;
    const bool backtest = request.asOf < dates_.back();
    connect(job, &BackgroundJob::ended, this,
            [this, job](bool cancelled) { onRankingEnded(job, cancelled); });
    if (!job->start(model_->dataset().series, request.asOf, options, backtest)) {
        delete job;
        return;
    }
    running_ = job;
    runningRequest_ = request;
    busy_->show();
    status_->setText(tr("ranking…"));
}

void RisingPanel::onRankingEnded(AsOfRankJob* job, bool cancelled) {
    job->deleteLater();
    if (job != running_)
        return;
    running_ = nullptr;
    busy_->hide();
    status_->clear();
    if (!cancelled && runningRequest_.generation == generation_) {
        ranking_ = job->takeResult();
        rankingRequest_ = runningRequest_;
        filledStale_ = true;
    }
    refreshNow();  // a newer request (controls moved meanwhile) starts from here
    emit rankingUpdated();
}

void RisingPanel::fillTable() {
    const QVector<int> accepted = filter_->acceptedSourceRows();
    if (!filledStale_ && accepted == filledRows_)
        return;
    filledRows_ = accepted;
    filledStale_ = false;
    if (!ranking_) {
        rows_->setRows({});
        backtest_.reset();
        return;
    }
    std::vector<bool> shown(model_->dataset().series.size(), false);
    for (int row : accepted)
        shown[size_t(row)] = true;
    const std::vector<ModelSeries>& series = model_->dataset().series;
    QVector<RisingRow> rows;
    bool anyLead = false;
    for (size_t position : ranking_->order) {
        const AsOfForecast& f = ranking_->forecasts[position];
        if (f.seriesIndex >= shown.size() || !shown[f.seriesIndex])
            continue;
        const ModelSeries& s = series[f.seriesIndex];
        const PredictionInterval& band = f.intervals.back();
        RisingRow r;
        r.sourceRow = int(f.seriesIndex);
        r.rank = int(rows.size()) + 1;
        r.model = QString::fromStdString(s.id);
        r.org = QString::fromStdString(s.org);
        r.age = f.observedMonths - 1;  // as `hubgrowth rank` prints it
        r.atCut = f.atCut;
        r.predicted = f.predicted.back();
        r.gain = forecastGain(f);
        r.recentLead = recentLeadChildren(s, f);
        anyLead = anyLead || r.recentLead.has_value();
        r.lo80 = band.lo80;
        r.hi80 = band.hi80;
        r.lo95 = band.lo95;
        r.hi95 = band.hi95;
        r.flags = QString::fromStdString(flagNames(f.flags, ", "));
        r.flagReasons = QString::fromStdString(describeFlags(f.flags));
        rows << r;
    }
    rows_->setRows(rows);
    // Only a store knows the lead relations: a paper CSV or the demo shows no empty column.
    table_->setColumnHidden(RisingTableModel::RecentLead, !anyLead);
    filledNow_ = true;
    backtest_.reset();
    if (ranking_->backtested) {
        std::vector<AsOfRow> scored;
        for (const AsOfRow& row : ranking_->backtestRows) {
            if (row.seriesIndex < shown.size() && shown[row.seriesIndex])
                scored.push_back(row);
        }
        backtest_ = summariseAsOf(scored);
    }
}

QVector<int> RisingPanel::rankedSourceRows() const {
    QVector<int> out;
    for (const RisingRow& r : rows_->rows())
        out << r.sourceRow;
    return out;
}

void RisingPanel::drawTop() {
    PlotView* plot = plots().front();
    const QVector<RisingRow>& all = rows_->rows();
    const QVector<RisingRow> top = all.mid(0, std::min(kTopDrawn, int(all.size())));
    const int h = ranking_ ? ranking_->options.horizon : horizon_->value();
    plot->setTitle(
        ranking_
            ? tr("Largest forecast gains, +%1 months as of %2").arg(h).arg(dateText(ranking_->asOf))
            : tr("Largest forecast gains"));
    PlotAxis x = plot->xAxis();
    x.min = 0.5;
    x.max = std::max(1, int(top.size())) + 0.5;
    // One runaway band must not flatten the other nine: the axis stops at 3x the largest gain
    // (the legend says so; the CSV keeps the true edges).
    double largestGain = 0.0, highestEdge = 0.0;
    for (const RisingRow& r : top) {
        largestGain = std::max(largestGain, r.gain);
        highestEdge = std::max(highestEdge, r.hi95 - r.atCut);
    }
    const bool clipped = largestGain > 0.0 && highestEdge > kClipFactor * largestGain;
    PlotAxis y = plot->yAxis();
    y.min = clipped ? 0.0 : NAN;
    y.max = clipped ? kClipFactor * largestGain : NAN;
    plot->setAxes(x, y);
    const QString clipNote = clipped ? tr(" (clipped)") : QString();
    QVector<PlotSeries> series;
    if (!top.isEmpty()) {
        const QString pointsName = tr("forecast gain (+%1 months)").arg(h);
        const QColor color = categoryColor(0);
        QColor outer = color, inner = color;
        outer.setAlphaF(0.18);
        inner.setAlphaF(0.38);
        series << intervalBoxes(tr("95 % interval of the gain") + clipNote, top, 95, pointsName,
                                outer)
               << intervalBoxes(tr("80 % interval of the gain"), top, 80, pointsName, inner);
        PlotSeries points{pointsName, {}, color, PlotSeries::Style::Points};
        for (int i = 0; i < top.size(); ++i) {
            points.points << QPointF(i + 1, top[i].gain);
            points.labels << top[i].model;
        }
        points.labelsAreModels = true;
        points.markerSize = 9.0;
        series << points;
    }
    plot->setSeries(series);
}

QString RisingPanel::summaryText() const {
    return summary_->text();
}

QString RisingPanel::exportCaption() const {
    return summary_->text();
}

void RisingPanel::updateSummary() {
    if (dates_.isEmpty()) {
        summary_->setText(tr("No series has a creation date: nothing to rank as of a date."));
        return;
    }
    if (!ranking_) {
        summary_->setText(tr("Ranking as of %1 (on a worker)…").arg(dateText(asOf())));
        return;
    }
    const AsOfRanking& r = *ranking_;
    const int failed = int(r.forecasts.size() - r.order.size());
    QString text = tr("As of %1, +%2 months, method %3, m = %4: %5 of %6 ranked models shown")
                       .arg(dateText(r.asOf))
                       .arg(r.options.horizon)
                       .arg(QString::fromLatin1(methodName(r.options.method)))
                       .arg(r.options.m)
                       .arg(rows_->rowCount())
                       .arg(r.order.size());
    if (failed > 0)
        text += tr(" (%1 could not be forecast)").arg(failed);
    if (rows_->rowCount() > 0) {
        const RisingRow& first = rows_->rows().front();
        text += tr("; largest gain: %1, +%2").arg(first.model, formatCount(first.gain));
    }
    text += QLatin1Char('.');
    if (backtest_) {
        const AsOfSummary& s = *backtest_;
        text += tr("\nBacktest of the shown models (count at least 10 at the date, month +%1 "
                   "observed): n %2")
                    .arg(r.options.horizon)
                    .arg(s.all.n);
        if (s.all.n > 0) {
            text += tr(", median APE %1 %, 80 % coverage %2, 95 % coverage %3, Spearman ρ of "
                       "gains %4, top 10 % overlap %5 of %6")
                        .arg(QString::number(s.all.medianApe, 'f', 1))
                        .arg(percent(s.all.coverage80), percent(s.all.coverage95))
                        .arg(std::isfinite(s.gainSpearman) ? QString::number(s.gainSpearman, 'f', 3)
                                                           : notAvailable())
                        .arg(s.topOverlap)
                        .arg(s.topCount);
        }
        text += QLatin1Char('.');
    }
    summary_->setText(text);
}

}  // namespace hubgrowth
