// `hubgrowth export-chart INPUT --chart NAME [--model ID] --out FILE.png|FILE.svg [--size WxH]`
// Renders a workbench chart without a window. Needs a QApplication (charts are widgets), so it is
// linked into the executable, not the QCoreApplication verb library; main() starts it with the
// offscreen platform unless QT_QPA_PLATFORM says otherwise.
#include <QCommandLineParser>
#include <QEventLoop>
#include <QTextDocument>

#include "chart_export.h"
#include "cli.h"
#include "cli_common.h"
#include "data/batch_fitter.h"
#include "data/dataset_loader.h"
#include "model_filter_proxy.h"
#include "model_table_model.h"
#include "panels/curve_panel.h"
#include "panels/panel_factory.h"
#include "panels/successors_panel.h"

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
        "Fits every series of INPUT and renders one workbench chart to PNG or SVG, without a "
        "display."));
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
    parser.addOption({QStringLiteral("out"), QStringLiteral("Output file, .png or .svg."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("size"), QStringLiteral("Chart size (default 1600x1000)."),
                      QStringLiteral("WxH")});
    parser.addOption({QStringLiteral("scale"),
                      QStringLiteral("PNG pixels per chart pixel (default 1: the PNG is WxH)."),
                      QStringLiteral("S")});
    addMOption(parser);
    parser.addOption(
        {QStringLiteral("horizon"),
         QStringLiteral("Forecast months on the curve chart (default 12, at most 1200)."),
         QStringLiteral("H")});
    if (auto stop = parseVerbArgs(parser, args, kVerb))
        return *stop;

    BatchOptions options;
    double scale = 1.0;
    int horizon = 12;
    if (!readDouble(parser, QStringLiteral("m"), 1e-9, &options.fit.m) ||
        !readDouble(parser, QStringLiteral("scale"), 0.25, &scale) ||
        !readInt(parser, QStringLiteral("horizon"), 0, &horizon, kMaxHorizonMonths)) {
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

    ImportResult loaded = loadDataset(parser.positionalArguments().front());
    if (!loaded.ok())
        return fail(kVerb, loaded.error);
    const BatchOutcome fits = fitBatch(loaded.dataset.series, options);

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
    if (auto* curve = qobject_cast<CurvePanel*>(panel.get()))
        curve->setHorizon(horizon);
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
    const QString error =
        exportPanel(panel.get(), parser.value(QStringLiteral("out")), size, scale);
    if (!error.isEmpty())
        return fail(kVerb, error);
    return kOk;
}

}  // namespace hubgrowth::cli
