// `hubgrowth export-chart INPUT --chart NAME [--model ID] --out FILE.png|FILE.svg|FILE.csv
//  [--size WxH] [--scale S] [--log] [--method M] [--horizon H] [--train-months K]`
// Renders a workbench chart (or writes the data it draws) without a window. Needs a QApplication
// (charts are widgets), so it is linked into the executable, not the QCoreApplication verb library;
// main() starts it with the offscreen platform unless QT_QPA_PLATFORM says otherwise.
#include <QCommandLineParser>
#include <QEventLoop>
#include <QLayout>
#include <QTextDocument>

#include "hubgrowth/cli/cli.h"
#include "hubgrowth/cli/cli_common.h"
#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/data/dataset_loader.h"
#include "hubgrowth/ui/chart_export.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/panels/curve_panel.h"
#include "hubgrowth/ui/panels/panel_factory.h"
#include "hubgrowth/ui/panels/successors_panel.h"

namespace hubgrowth::cli {

namespace {

const QString kVerb = QStringLiteral("export-chart");
const QString kSuccessors = QStringLiteral("successors");

// Every chart of the workbench; successors only draws from a store written by `fetch`.
QStringList exportableCharts() {
    return chartPanelIds() << kSuccessors;
}

}  // namespace

int runExportChart(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Fits every series of INPUT and renders one workbench chart to PNG or SVG, or writes the "
        "data it draws as CSV (series,x,y; prediction bands and models where the chart has "
        "them), without a display."));
    parser.addPositionalArgument(QStringLiteral("INPUT"),
                                 QStringLiteral("Paper-format CSV file or folder, or 'demo'."));
    parser.addOption({QStringLiteral("chart"),
                      QStringLiteral("One of: %1 (default curve; successors needs a store).")
                          .arg(exportableCharts().join(QStringLiteral(", "))),
                      QStringLiteral("NAME")});
    parser.addOption(
        {QStringLiteral("model"),
         QStringLiteral("Model to show/highlight (default: the one with most fine-tunes)."),
         QStringLiteral("ID")});
    parser.addOption({QStringLiteral("out"),
                      QStringLiteral("Output file, .png, .svg or .csv (the chart's data)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("size"),
                      QStringLiteral("Chart size (default 1600x1000, %1 to %2 per side).")
                          .arg(kMinExportSide)
                          .arg(kMaxExportSide),
                      QStringLiteral("WxH")});
    parser.addOption(
        {QStringLiteral("scale"),
         QStringLiteral("PNG pixels per chart pixel (default 1: the PNG is WxH; %1 to %2).")
             .arg(kMinExportScale)
             .arg(kMaxExportScale),
         QStringLiteral("S")});
    parser.addOption(
        {QStringLiteral("log"),
         QStringLiteral("Curve chart: logarithmic count axis (the tab's Log scale).")});
    parser.addOption({QStringLiteral("method"), QStringLiteral("Curve chart: ") + methodHelp(),
                      QStringLiteral("M")});
    parser.addOption({QStringLiteral("train-months"),
                      QStringLiteral("Curve chart: fit and forecast from the first K months only "
                                     "(at least 3); later months are drawn as held out."),
                      QStringLiteral("K")});
    addMOption(parser);
    parser.addOption(
        {QStringLiteral("horizon"),
         QStringLiteral("Forecast months on the curve chart (default 12, at most 1200)."),
         QStringLiteral("H")});
    addMinChildrenOption(parser);
    if (auto stop = parseVerbArgs(parser, args, kVerb))
        return *stop;
    int minChildren = 1;
    if (!readMinChildren(parser, &minChildren))
        return kUsageError;

    BatchOptions options;
    double scale = 1.0;
    int horizon = 12;
    int trainMonths = 0;
    ForecastMethod method = ForecastMethod::Auto;
    if (!readDouble(parser, QStringLiteral("m"), 1e-9, &options.fit.m) ||
        !readDouble(parser, QStringLiteral("scale"), kMinExportScale, &scale) ||
        !readInt(parser, QStringLiteral("horizon"), 0, &horizon, kMaxHorizonMonths) ||
        !readInt(parser, QStringLiteral("train-months"), 3, &trainMonths) ||
        !readMethod(parser, &method)) {
        return kUsageError;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("out"))) {
        return usageError(kVerb, QStringLiteral("needs one INPUT and --out FILE"));
    }
    const QString chart = parser.value(QStringLiteral("chart")).isEmpty()
                              ? QStringLiteral("curve")
                              : parser.value(QStringLiteral("chart"));
    const QSize size = parser.isSet(QStringLiteral("size"))
                           ? parseSize(parser.value(QStringLiteral("size")))
                           : kDefaultExportSize;
    if (!size.isValid()) {
        return usageError(kVerb, QStringLiteral("--size needs WIDTHxHEIGHT, got '%1'")
                                     .arg(parser.value(QStringLiteral("size"))));
    }
    const QString out = parser.value(QStringLiteral("out"));
    if (const QString limits = exportLimitError(size, scale, true); !limits.isEmpty())
        return usageError(kVerb, limits);
    const bool curveOptions = parser.isSet(QStringLiteral("log")) ||
                              parser.isSet(QStringLiteral("method")) ||
                              parser.isSet(QStringLiteral("train-months"));
    if (curveOptions && chart != QLatin1String("curve")) {
        return usageError(kVerb,
                          QStringLiteral("--log, --method and --train-months need --chart curve"));
    }

    ImportResult loaded = loadDataset(parser.positionalArguments().front(),
                                      store::kDefaultRelations, nullptr, minChildren);
    if (!loaded.ok())
        return fail(kVerb, loaded.error);
    if (loaded.dataset.series.empty()) {
        return fail(kVerb, QStringLiteral("no series in %1: nothing to draw")
                               .arg(parser.positionalArguments().front()));
    }
    // The Curve tab's "fit the first K months": fit on the truncated series, draw them all.
    std::vector<ModelSeries> fitted = loaded.dataset.series;
    if (trainMonths > 0) {
        for (ModelSeries& s : fitted) {
            if (s.observedMonths() > trainMonths)
                s.counts.resize(size_t(trainMonths));
        }
    }
    const BatchOutcome fits = fitBatch(fitted, options);

    ModelTableModel model;
    model.setDataset(std::move(loaded.dataset));
    model.setFits(0, fits.results);
    ModelFilterProxy filter;
    filter.setSourceModel(&model);
    std::unique_ptr<ChartPanel> panel =
        exportableCharts().contains(chart) ? createChartPanel(chart, &model, &filter) : nullptr;
    if (!panel) {
        return usageError(kVerb, QStringLiteral("unknown chart '%1' (one of: %2)")
                                     .arg(chart, exportableCharts().join(QStringLiteral(", "))));
    }
    // Laid out at the export's size before anything is drawn: the charts label their axes
    // (log decades) for the size they are exported at, not a never-shown widget's default.
    panel->resize(size);
    if (panel->layout())
        panel->layout()->activate();
    int row = -1;
    if (parser.isSet(QStringLiteral("model"))) {
        row = model.rowOf(parser.value(QStringLiteral("model")));
        if (row < 0) {
            return fail(kVerb, QStringLiteral("no model '%1' in %2")
                                   .arg(parser.value(QStringLiteral("model")),
                                        parser.positionalArguments().front()));
        }
    } else {
        for (int r = 0; r < model.rowCount(); ++r) {
            if (row < 0 || model.series(r).lastCount() > model.series(row).lastCount())
                row = r;
        }
    }
    if (auto* curve = qobject_cast<CurvePanel*>(panel.get())) {
        curve->setHorizon(horizon);
        curve->setLogScale(parser.isSet(QStringLiteral("log")));
        curve->setMethod(QString::fromLatin1(methodName(method)));
        curve->setFirstMonths(trainMonths);
    }
    if (row >= 0)
        panel->setSelectedRows({row});
    if (auto* curve = qobject_cast<CurvePanel*>(panel.get())) {
        // The curve's forecast and bands are computed on a worker: wait for them.
        curve->refreshNow();
        if (curve->isForecasting()) {
            QEventLoop loop;
            QObject::connect(curve, &CurvePanel::forecastUpdated, &loop, &QEventLoop::quit);
            loop.exec();
        }
    }
    if (auto* successors = qobject_cast<SuccessorsPanel*>(panel.get())) {
        successors->refreshNow();
        if (successors->showsNote()) {
            // The panel explains itself in rich text; the command line gets its words.
            QTextDocument note;
            note.setHtml(successors->note());
            return fail(
                kVerb,
                QStringLiteral("no successors chart: %1").arg(note.toPlainText().simplified()));
        }
    }
    const QString error = exportPanel(panel.get(), out, size, scale);
    if (!error.isEmpty())
        return fail(kVerb, error);
    return kOk;
}

}  // namespace hubgrowth::cli
