#include "hubgrowth/ui/panels/downloads_panel.h"

#include <QDateTime>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "hubgrowth/data/hub_history_job.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/number_format.h"
#include "hubgrowth/ui/panels/chart_style.h"

namespace hubgrowth {

namespace {

constexpr double kSecondsPerMinute = 60.0;
constexpr double kMinutesPerDay = 1440.0;
constexpr double kMinAxisMinutes = 10.0;

// The x axis counts minutes since 1970: its named ticks fall on 1, 2, 3, 6 or 12 × 10^k units,
// so sweeps minutes apart get ticks as well as sweeps weeks apart.
double minuteOf(qint64 unixSeconds) {
    return double(unixSeconds) / kSecondsPerMinute;
}

QString timeText(double minute, const QString& format) {
    if (!std::isfinite(minute))
        return notAvailable();
    return QDateTime::fromSecsSinceEpoch(qint64(std::llround(minute * kSecondsPerMinute)), Qt::UTC)
        .toString(format);
}

QString dateText(double minute) {
    return timeText(minute, QStringLiteral("yyyy-MM-dd hh:mm"));
}

// Tick labels of large counts, one style per axis: 2.5 M, 340 k, 1.5 k, 12.
QString compactCount(double v) {
    const double a = std::fabs(v);
    if (a >= 1e9)
        return QStringLiteral("%1 G").arg(v / 1e9, 0, 'g', 3);
    if (a >= 1e6)
        return QStringLiteral("%1 M").arg(v / 1e6, 0, 'g', 3);
    if (a >= 1e3)
        return QStringLiteral("%1 k").arg(v / 1e3, 0, 'g', 3);
    return formatCount(v);
}

PlotAxis timeAxis() {
    PlotAxis x{QObject::tr("snapshot taken (UTC)"), false, NAN, NAN, false};
    x.valueText = dateText;
    return x;
}

PlotAxis countAxis(const QString& title) {
    PlotAxis y{title, false, NAN, NAN, true};
    y.valueText = compactCount;
    return y;
}

// A line through the snapshots and a marker on each (a single snapshot is a lone marker).
void addHistory(QVector<PlotSeries>* out, const QString& name, const QVector<QPointF>& points,
                const QStringList& labels, const QColor& color, bool inLegend) {
    PlotSeries line{name, points, color, PlotSeries::Style::Line};
    line.inLegend = inLegend;
    PlotSeries markers{name, points, color, PlotSeries::Style::Points};
    markers.labels = labels;
    markers.inLegend = false;
    out->push_back(line);
    out->push_back(markers);
}

// Room around the snapshots: a lone one sits mid-chart with half a day either side, the highest
// marker is not cut by the frame, and counts start at 0.
void fitAxes(PlotView* plot, const QVector<PlotSeries>& series) {
    double xMin = std::numeric_limits<double>::infinity();
    double xMax = -xMin, yMax = 0.0;
    for (const PlotSeries& s : series) {
        for (const QPointF& p : s.points) {
            xMin = std::min(xMin, p.x());
            xMax = std::max(xMax, p.x());
            yMax = std::max(yMax, p.y());
        }
    }
    PlotAxis x = plot->xAxis(), y = plot->yAxis();
    const double span = xMax - xMin;
    // Dates alone once the snapshots are days apart: shorter labels fit a narrow chart.
    const QString format = std::isfinite(span) && span >= 3 * kMinutesPerDay
                               ? QStringLiteral("yyyy-MM-dd")
                               : QStringLiteral("MM-dd hh:mm");
    x.valueText = [format](double minute) { return timeText(minute, format); };
    if (std::isfinite(xMin)) {
        // Ticks fall on whole minutes at least: snapshots seconds apart get a few minutes.
        const double pad =
            span > 0.0 ? std::max(0.08 * span, (kMinAxisMinutes - span) / 2) : kMinutesPerDay / 2;
        x.min = xMin - pad;
        x.max = xMax + pad;
        y.min = 0.0;
        y.max = yMax > 0.0 ? 1.1 * yMax : 1.0;
    } else {
        x.min = x.max = y.min = y.max = NAN;
    }
    plot->setAxes(x, y);
}

QString oneSnapshot() {
    return QObject::tr("one snapshot so far: run a full refresh to start a history");
}

}  // namespace

DownloadsPanel::DownloadsPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                               QWidget* parent)
    : ChartPanel(model, filter, parent) {
    note_ = new QLabel();
    note_->setObjectName(QStringLiteral("downloadsNote"));
    note_->setWordWrap(true);
    note_->setTextFormat(Qt::PlainText);
    note_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    note_->hide();
    PlotView* models = addPlot();
    models->setObjectName(QStringLiteral("modelDownloads"));
    models->setAxes(timeAxis(), countAxis(tr("downloads (30 days)")));
    models->setToolTip(tr("The Hub's downloads figure (the last 30 days) at each snapshot"));
    PlotView* hub = addPlot();
    hub->setObjectName(QStringLiteral("hubDownloads"));
    hub->setAxes(timeAxis(), countAxis(tr("total downloads")));
    hub->setToolTip(
        tr("The sum of every model's downloads figure at each sweep that listed "
           "every model"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(note_);
    layout->addWidget(models, 1);
    layout->addWidget(hub, 1);
}

DownloadsPanel::~DownloadsPanel() = default;

void DownloadsPanel::setStorePath(const QString& path) {
    // A fetch may have added snapshots to the same file: always read it afresh.
    if (hubJob_) {
        hubJob_->cancel();  // its result is for the store before: dropped
        hubJob_->disconnect(this);
        hubJob_->deleteLater();
        hubJob_ = nullptr;
    }
    store_.reset();
    storeError_.clear();
    hub_ = {};
    hubRead_ = false;
    storePath_ = path;
    invalidate();
}

QString DownloadsPanel::noteText() const {
    return note_->text();  // empty while hidden (showNote)
}

QString DownloadsPanel::exportCaption() const {
    return note_->text();
}

void DownloadsPanel::showNote(const QString& text) {
    note_->setText(text);
    note_->setVisible(!text.isEmpty());
}

bool DownloadsPanel::openStore() {
    if (store_)
        return true;
    if (!storeError_.isEmpty())
        return false;
    store_ = store::HubStore::openReadOnly(storePath_, &storeError_);
    return store_ != nullptr;
}

void DownloadsPanel::refresh() {
    PlotView* models = plots()[0];
    PlotView* hub = plots()[1];
    // Empty charts on a 1970 axis would say nothing: without snapshots only the note shows.
    const bool readable = !storePath_.isEmpty() && openStore();
    models->setVisible(readable);
    hub->setVisible(readable);
    if (!readable) {
        models->setSeries({});
        hub->setSeries({});
        models->setTitle(tr("No download snapshots in this input"));
        hub->setTitle(QString());
        showNote(storePath_.isEmpty()
                     ? tr("Download history comes from a Hub store. The Hub keeps no download "
                          "history, so the snapshots a store takes at each fetch are the only "
                          "history there will be; this input (a CSV file, a folder of them or the "
                          "demo) has none. Fetch with File ▸ Fetch from Hub… (Whole Hub "
                          "snapshots every model) and the store opens here.")
                     : tr("Cannot read the store's snapshots: %1").arg(storeError_));
        return;
    }
    if (!hubRead_)
        startReadingHub();
    drawModels();
    const int hubSnapshots = hubRead_ ? drawHub() : 0;
    QStringList notes;
    if (!modelNote_.isEmpty())
        notes << modelNote_;
    else if (hubSnapshots == 1)  // 0 until the read arrives
        notes << tr(
            "The Hub keeps no download history: the store's snapshots are the only one. "
            "It holds one snapshot of the whole Hub so far: run a full refresh (File ▸ "
            "Fetch from Hub…, Whole Hub, Full re-list) to start a history.");
    if (!hub_.ok())
        notes << tr("Cannot read the sweeps: %1").arg(hub_.error);
    showNote(notes.join(QLatin1Char(' ')));
}

// Once per store, on a worker: summing every model of every sweep is a scan of the snapshots.
void DownloadsPanel::startReadingHub() {
    PlotView* plot = plots()[1];
    plot->setSeries({});
    plot->setTitle(tr("Whole Hub: summing every sweep's snapshots…"));
    if (hubJob_)
        return;
    hubJob_ = new HubHistoryJob(this);
    HubHistoryJob* job = hubJob_;
    connect(job, &BackgroundJob::ended, this, [this, job] { onHubRead(job); });
    job->start(storePath_);  // a new job: it cannot be running already
}

void DownloadsPanel::onHubRead(HubHistoryJob* job) {
    job->deleteLater();
    if (job != hubJob_)
        return;
    hubJob_ = nullptr;
    hub_ = job->takeResult();
    hubRead_ = true;
    invalidate();  // drawn now, or when the tab is shown
    emit hubHistoryRead();
}

void DownloadsPanel::drawModels() {
    PlotView* plot = plots()[0];
    modelNote_.clear();
    QVector<PlotSeries> series;
    int drawn = 0, single = 0;
    QString onlyId;
    for (int row : selectedRows()) {
        if (drawn == kMaxModels)
            break;
        const QString id = QString::fromStdString(model_->series(row).id);
        const store::ModelHistory history = store::readModelHistory(store_->database(), id);
        if (!history.ok()) {
            modelNote_ = tr("Cannot read the snapshots of %1: %2").arg(id, history.error);
            continue;
        }
        QVector<QPointF> points;
        QStringList labels;
        for (const store::SnapshotPoint& p : history.points) {
            if (!p.downloads)
                continue;
            points.push_back(QPointF(minuteOf(p.takenAt), double(*p.downloads)));
            labels << tr("%1: %2 downloads, %3 (%4 %5)")
                          .arg(id, formatCount(double(*p.downloads)), dateText(minuteOf(p.takenAt)),
                               p.fromSweep ? tr("sweep") : tr("fetch"))
                          .arg(p.source);
        }
        if (points.isEmpty())
            continue;
        single += points.size() == 1;
        onlyId = id;
        addHistory(&series, id, points, labels, categoryColor(drawn), true);
        ++drawn;
    }
    if (selectedRows().isEmpty()) {
        plot->setTitle(tr("Select a model in the table to see its downloads at each snapshot"));
    } else if (drawn == 0) {
        plot->setTitle(tr("No download snapshot of the selected model in this store"));
    } else if (drawn == 1 && single == 1) {
        plot->setTitle(tr("%1: %2").arg(onlyId, oneSnapshot()));
        modelNote_ = tr("The Hub keeps no download history: the store's snapshots are the only "
                        "one. %1 has one snapshot so far: run a full refresh (File ▸ Fetch from "
                        "Hub…, Whole Hub, Full re-list) to start a history.")
                         .arg(onlyId);
    } else {
        plot->setTitle(drawn == 1
                           ? tr("%1: downloads at each snapshot").arg(onlyId)
                           : tr("Downloads of %1 selected models at each snapshot").arg(drawn));
    }
    // One model is named in the title: a legend would only repeat it.
    for (PlotSeries& s : series)
        s.inLegend = s.inLegend && drawn > 1;
    fitAxes(plot, series);
    plot->setSeries(series);
}

int DownloadsPanel::drawHub() {
    PlotView* plot = plots()[1];
    QVector<QPointF> points;
    QStringList labels;
    int refreshes = 0;
    for (const store::SweepTotals& s : hub_.sweeps) {
        if (!s.coversHub()) {
            refreshes += s.finished;
            continue;
        }
        points.push_back(QPointF(minuteOf(s.takenAt), double(s.downloads)));
        labels << tr("sweep %1 (%2): %3 downloads over %4 models, %5")
                      .arg(s.sweep)
                      .arg(s.mode, formatCount(double(s.downloads)), formatCount(double(s.models)),
                           dateText(minuteOf(s.takenAt)));
    }
    QVector<PlotSeries> series;
    if (!points.isEmpty())
        addHistory(&series, tr("whole Hub"), points, labels, QColor(0x1f, 0x77, 0xb4), false);
    const QString skipped =
        refreshes == 0
            ? QString()
            : tr(" (%1 refreshes left out: they snapshot only the newest models)").arg(refreshes);
    if (points.isEmpty())
        plot->setTitle(
            tr("Whole Hub: no sweep of every model in this store (File ▸ Fetch from "
               "Hub…, Whole Hub)"));
    else if (points.size() == 1)
        plot->setTitle(tr("Whole Hub: %1").arg(oneSnapshot()) + skipped);
    else
        plot->setTitle(tr("Whole Hub: total downloads at each of %1 sweeps").arg(points.size()) +
                       skipped);
    fitAxes(plot, series);
    plot->setSeries(series);
    return int(points.size());
}

}  // namespace hubgrowth
