// `hubgrowth snapshots --db FILE [--model ID] [--out FILE]`: the store's download history as
// CSV. The Hub keeps none, so the snapshots a store took (one per model per sweep or fetch)
// are all there is. Exit 0: written; 1: not a readable store, an unknown model or no output.
#include "hubgrowth/cli/cli.h"
#include "hubgrowth/cli/cli_common.h"
#include "hubgrowth/cli/cli_verbs.h"
#include "hubgrowth/data/output_file.h"
#include "hubgrowth/data/store/snapshot_history.h"

namespace hubgrowth::cli {

namespace {

const QString kVerb = QStringLiteral("snapshots");

}  // namespace

int runSnapshots(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes a store's download history as CSV: per whole-Hub sweep its time, mode, models "
        "snapshotted and total downloads and likes; with --model, that model's downloads and "
        "likes at every snapshot (sweeps and fetches of bases)."));
    parser.addOption({QStringLiteral("db"),
                      QStringLiteral("A store written by `hubgrowth fetch` (*.db)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("model"),
                      QStringLiteral("One model's snapshots instead of the sweeps' totals."),
                      QStringLiteral("ID")});
    addOutCsvOption(parser);
    if (auto stop = parseVerbArgs(parser, args, kVerb))
        return *stop;
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            kVerb,
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().front()));
    const QString db = parser.value(QStringLiteral("db"));
    if (db.isEmpty())
        return usageError(kVerb, QStringLiteral("name the store with --db FILE"));
    const QString out = parser.value(QStringLiteral("out"));
    QByteArray csv;
    QString summary;
    if (parser.isSet(QStringLiteral("model"))) {
        const QString model = parser.value(QStringLiteral("model")).trimmed();
        const store::ModelHistory history = store::loadModelHistory(db, model);
        if (!history.ok())
            return fail(kVerb, history.error);
        if (history.points.empty())
            return fail(kVerb, QStringLiteral("%1: no snapshot of '%2' in this store (is the id "
                                              "right? ids are ORG/NAME)")
                                   .arg(db, model));
        csv = store::modelHistoryCsv(model, history);
        summary = QStringLiteral("%1 snapshots of %2").arg(history.points.size()).arg(model);
    } else {
        const store::HubHistory history = store::loadHubHistory(db);
        if (!history.ok())
            return fail(kVerb, history.error);
        csv = store::hubHistoryCsv(history);
        summary = history.sweeps.empty()
                      ? QStringLiteral(
                            "no whole-Hub sweep in this store (`hubgrowth fetch --all` "
                            "takes one); --model ID gives one model's snapshots")
                      : QStringLiteral("%1 sweeps").arg(history.sweeps.size());
    }
    const QString writeError = writeOutput(out, csv);
    if (!writeError.isEmpty())
        return fail(kVerb, writeError);
    err() << "hubgrowth snapshots: " << summary
          << (out.isEmpty() || out == QLatin1String("-") ? QString()
                                                         : QStringLiteral(" written to ") + out)
          << "\n";
    err().flush();
    return kOk;
}

}  // namespace hubgrowth::cli
