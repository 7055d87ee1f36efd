// Workbench responsiveness, printed (never asserted):
//   1. the longest gap of the UI event loop while fitting 20k synthetic series in the window,
//   2. the redraw time of a 100k-point scatter (on-screen repaint and export rendering),
//   3. the time from process start to the first window showing the demo data,
//   4. the whole Hub's scale: open, fit and forecast 200k series in the window (the stalls),
//      then sort and filter the table and redraw the Parameters scatter.
//   bench_ui [--smoke] [--scale N] [--no-forecast-column] [--scale-only]
//   (--smoke: 2k series, 10k points and 3k series, for ctest; --no-forecast-column: the scale
//   run cancels the table's forecast column instead of waiting for it)
#include <unistd.h>
#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/testsupport/ui_test_support.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/main_window.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/panels/parameters_panel.h"

using namespace hubgrowth;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

// Seconds since this process was started (from /proc: includes exec and dynamic loading).
double secondsSinceProcessStart() {
    QFile stat(QStringLiteral("/proc/self/stat")), uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1.0;
    const QByteArray s = stat.readAll();
    const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble();  // field 22 of the whole line
    const double up = uptime.readAll().split(' ').value(0).toDouble();
    return up - startTicks / double(sysconf(_SC_CLK_TCK));
}

// Runs the event loop until `spy` fires, sampling the gaps between 1 ms timer ticks.
struct StallMeter {
    std::vector<double> gaps;
    void run(QSignalSpy& spy, int timeoutMs) {
        QElapsedTimer clock;
        clock.start();
        qint64 last = clock.nsecsElapsed();
        QTimer tick;
        tick.setInterval(1);
        QObject::connect(&tick, &QTimer::timeout, [&] {
            const qint64 now = clock.nsecsElapsed();
            gaps.push_back((now - last) / 1e6);
            if (gaps.back() > 50 && qEnvironmentVariableIsSet("BENCH_UI_VERBOSE"))
                std::fprintf(stderr, "  stall of %.0f ms ending at %lld\n", gaps.back(),
                             static_cast<long long>(QDateTime::currentMSecsSinceEpoch() % 100000));
            last = now;
        });
        tick.start();
        spy.wait(timeoutMs);
        tick.stop();
    }
    double longest() const {
        return gaps.empty() ? 0.0 : *std::max_element(gaps.begin(), gaps.end());
    }
    double percentile(double q) const {
        if (gaps.empty())
            return 0.0;
        std::vector<double> v = gaps;
        std::sort(v.begin(), v.end());
        return v[size_t(q * double(v.size() - 1))];
    }
};

void benchFirstWindow() {
    MainWindow window;
    QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
    window.openInput(QStringLiteral("demo"));
    window.show();
    loaded.wait(30000);
    window.tableView()->viewport()->repaint();  // the first frame with data
    const double sinceStart = secondsSinceProcessStart();
    std::printf(
        "first window with the demo data: %.0f ms after process start (%d models; /proc "
        "resolution 10 ms)\n",
        sinceStart * 1000.0, window.tableModel()->rowCount());
    QSignalSpy fitted(&window, &MainWindow::fittingFinished);
    if (window.isBusy())
        fitted.wait(30000);
}

void benchStall(const QTemporaryDir& dir, int models) {
    const QString path = testing::writeSyntheticCsv(dir, models, 11);

    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
    QSignalSpy fitted(&window, &MainWindow::fittingFinished);
    const auto t0 = Clock::now();
    window.openInput(path);
    StallMeter loading;
    loading.run(loaded, 120000);
    const auto t1 = Clock::now();
    StallMeter fitting;
    fitting.run(fitted, 120000);
    const auto t2 = Clock::now();
    std::printf("UI stall while loading %d series:  longest %.1f ms (load %.0f ms)\n", models,
                loading.longest(), ms(t1 - t0));
    std::printf(
        "UI stall while fitting %d series:  longest %.1f ms, p99 %.1f ms, median %.1f ms "
        "(fit %.0f ms, %zu ticks; target <= 100 ms)\n",
        models, fitting.longest(), fitting.percentile(0.99), fitting.percentile(0.5), ms(t2 - t1),
        fitting.gaps.size());
}

void benchScatter(int points) {
    std::mt19937 rng(5);
    std::lognormal_distribution<double> x(0.0, 1.5), y(1.0, 1.0);
    QVector<QPointF> pts(points);
    for (QPointF& p : pts)
        p = QPointF(x(rng), y(rng));
    for (bool log : {false, true}) {
        auto plot = createPlotView();
        plot->resize(1000, 700);
        plot->setAxes(PlotAxis{QStringLiteral("x"), log}, PlotAxis{QStringLiteral("y"), log});
        plot->show();
        PlotSeries s{QStringLiteral("points"), pts, QColor(31, 119, 180),
                     PlotSeries::Style::Points};
        s.markerSize = 4.0;
        const auto t0 = Clock::now();
        plot->setSeries({s});
        const auto t1 = Clock::now();
        // A redraw: the chart's view painted into a pixmap, as a window repaint would.
        plot->mouseTarget()->grab();
        const auto t2 = Clock::now();
        double redraw = 1e9;
        for (int i = 0; i < 3; ++i) {
            plot->zoomBy(i % 2 == 0 ? 1.25 : 0.8);
            const auto a = Clock::now();
            plot->mouseTarget()->grab();
            redraw = std::min(redraw, ms(Clock::now() - a));
        }
        const auto t3 = Clock::now();
        const QImage image = plot->renderImage(QSize(1000, 700), 1.0);
        const auto t4 = Clock::now();
        std::printf(
            "%d-point scatter (%s axes, %s): set %.0f ms, first redraw %.0f ms, redraw after "
            "zoom %.0f ms, export render %.0f ms (target redraw <= 100 ms)\n",
            points, log ? "log" : "linear", plot->usesOpenGL() ? "OpenGL" : "raster", ms(t1 - t0),
            ms(t2 - t1), redraw, ms(t4 - t3));
        if (qEnvironmentVariableIsSet("BENCH_UI_SAVE"))
            image.save(qEnvironmentVariable("BENCH_UI_SAVE") + (log ? "-log.png" : "-linear.png"));
    }
}

// One action on the window, timed until its events are processed and the table repainted.
template <typename Action>
double timedOnWindow(MainWindow& window, Action action) {
    const auto t0 = Clock::now();
    action();
    QApplication::processEvents();
    window.tableView()->viewport()->repaint();
    return ms(Clock::now() - t0);
}

// The workbench at the whole Hub's scale: open and fit `models` series, compute the table's
// forecast column, then sort, filter and redraw the Parameters scatter.
void benchScale(const QTemporaryDir& dir, int models, bool waitForForecasts) {
    const QString path = testing::writeSyntheticCsv(dir, models, 13);
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
    QSignalSpy fitted(&window, &MainWindow::fittingFinished);
    QSignalSpy forecasted(&window, &MainWindow::tableForecastsFinished);
    const auto t0 = Clock::now();
    window.openInput(path);
    StallMeter loading, fitting, forecasting;
    loading.run(loaded, 600000);
    const auto t1 = Clock::now();
    fitting.run(fitted, 600000);
    const auto t2 = Clock::now();
    if (waitForForecasts)
        forecasting.run(forecasted, 1800000);
    else
        window.cancelWork();  // --no-forecast-column: stops the column's computation
    const auto t3 = Clock::now();
    const int rows = window.tableModel()->rowCount();
    std::printf(
        "%d series: load %.1f s (longest stall %.1f ms), fit %.1f s (stall %.1f ms), "
        "table forecast column (%s) %.1f s (stall %.1f ms; target stall <= 100 ms)\n",
        rows, ms(t1 - t0) / 1000, loading.longest(), ms(t2 - t1) / 1000, fitting.longest(),
        forecasted.isEmpty() ? "not waited for" : "auto", ms(t3 - t2) / 1000,
        forecasting.longest());

    QTableView* table = window.tableView();
    double sortWorst = 0.0;
    for (int column : {int(ModelTableModel::LastCount), int(ModelTableModel::Lambda),
                       int(ModelTableModel::Model), int(ModelTableModel::Forecast12)}) {
        for (Qt::SortOrder order : {Qt::DescendingOrder, Qt::AscendingOrder}) {
            const double took = timedOnWindow(window, [&] { table->sortByColumn(column, order); });
            if (qEnvironmentVariableIsSet("BENCH_UI_VERBOSE")) {
                const auto a = Clock::now();
                window.filterProxy()->sort(column, order);
                std::printf("  sort column %d %s: %.0f ms (the proxy's sort alone %.0f ms)\n",
                            column, order == Qt::AscendingOrder ? "ascending" : "descending", took,
                            ms(Clock::now() - a));
            }
            sortWorst = std::max(sortWorst, took);
        }
    }
    const QString org = QString::fromStdString(window.tableModel()->series(0).org);
    ModelFilterProxy* proxy = window.filterProxy();
    const double search = timedOnWindow(window, [&] { proxy->setSearchText(QStringLiteral("7")); });
    const double clear = timedOnWindow(window, [&] { proxy->setSearchText(QString()); });
    const double byOrg = timedOnWindow(window, [&] { proxy->setOrganisation(org); });
    const double allOrgs = timedOnWindow(window, [&] { proxy->setOrganisation(QString()); });
    std::printf(
        "table of %d series: worst sort %.0f ms; search %.0f ms, clear %.0f ms, one "
        "organisation %.0f ms, all %.0f ms (target <= 200 ms)\n",
        rows, sortWorst, search, clear, byOrg, allOrgs);

    ParametersPanel* parameters = window.parametersPanel();
    const double show = timedOnWindow(window, [&] { window.tabs()->setCurrentWidget(parameters); });
    double redraw = 1e9;
    for (PlotView* scatter : parameters->scatterPlots()) {
        const auto a = Clock::now();
        scatter->mouseTarget()->grab();
        redraw = std::min(redraw, ms(Clock::now() - a));
    }
    // Clicking through models with the tab shown redraws only the selection's rings.
    double select = 0.0;
    for (int row : {1, 2, 3}) {
        double call = 0.0;
        select = std::max(select, timedOnWindow(window, [&] {
                              const auto a = Clock::now();
                              table->selectRow(row);
                              call = ms(Clock::now() - a);
                          }));
        if (qEnvironmentVariableIsSet("BENCH_UI_VERBOSE"))
            std::printf("  select row %d: the selection's handlers %.0f ms\n", row, call);
    }
    std::printf(
        "Parameters tab with %d models: shown and refreshed %.0f ms, scatter redraw %.0f "
        "ms (target <= 100 ms), select a model %.0f ms (worst of 3)\n",
        parameters->plottedModelCount(), show, redraw, select);
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QTemporaryDir settingsDir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    const bool smoke = app.arguments().contains(QStringLiteral("--smoke"));
    std::printf("bench_ui (%s, platform %s)\n", smoke ? "smoke" : "full",
                qPrintable(QGuiApplication::platformName()));
    QTemporaryDir dir;
    if (!app.arguments().contains(QStringLiteral("--scale-only"))) {
        benchFirstWindow();
        benchStall(dir, smoke ? 2000 : 20000);
        benchScatter(smoke ? 10000 : 100000);
    }
    // --scale N: the whole-Hub table (200 k series by default; 3 k in the smoke run).
    const int scaleAt = app.arguments().indexOf(QStringLiteral("--scale"));
    const int scale = scaleAt > 0 ? app.arguments().value(scaleAt + 1).toInt() : 0;
    benchScale(dir,
               scale > 0 ? scale
               : smoke   ? 3000
                         : 200000,
               !app.arguments().contains(QStringLiteral("--no-forecast-column")));
    return 0;
}
