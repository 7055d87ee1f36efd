// `hubgrowth fit [INPUT...] [--db FILE [--relations LIST]] [--m M] [--threads N] [--out FILE]`
#include <QElapsedTimer>
#include <QThread>

#include "hubgrowth/cli/cli.h"
#include "hubgrowth/cli/cli_common.h"
#include "hubgrowth/cli/cli_verbs.h"
#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/data/csv_format.h"
#include "hubgrowth/data/dataset_loader.h"
#include "hubgrowth/data/output_file.h"
#include "hubgrowth/data/store/store_dataset.h"

namespace hubgrowth::cli {

namespace {

const QString kVerb = QStringLiteral("fit");

// The store's series followed by those of any other inputs.
ImportResult loadStoreAndInputs(const QString& db, const QStringList& relations,
                                const QStringList& inputs, int minChildren) {
    ImportResult loaded = store::loadStoreDataset(db, relations, nullptr, true, minChildren);
    if (!loaded.ok() || inputs.isEmpty())
        return loaded;
    ImportResult more = loadDatasets(inputs, store::kDefaultRelations, nullptr, minChildren);
    if (!more.ok())
        return more;
    for (auto& s : more.dataset.series)
        loaded.dataset.series.push_back(std::move(s));
    for (auto& w : more.dataset.warnings)
        loaded.dataset.warnings.push_back(std::move(w));
    loaded.dataset.synthetic = loaded.dataset.synthetic || more.dataset.synthetic;
    return loaded;
}

}  // namespace

int runFit(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Fits c(t) = m(exp(lambda Phi((ln t - mu)/sigma)) - 1) to every series "
                       "with at least 3 observed months and writes one CSV row per series."));
    parser.addPositionalArgument(QStringLiteral("INPUT"),
                                 QStringLiteral("Paper-format CSV file or folder, a store "
                                                "(*.db), or 'demo'."),
                                 QStringLiteral("INPUT..."));
    parser.addOption({QStringLiteral("db"), QStringLiteral("A store written by `hubgrowth fetch`."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("relations"),
                      QStringLiteral("With --db: relations to count, comma-separated or all "
                                     "(default finetune)."),
                      QStringLiteral("LIST")});
    addMOption(parser);
    addThreadsOption(parser);
    addOutCsvOption(parser);
    addMinChildrenOption(parser);
    if (auto stop = parseVerbArgs(parser, args, kVerb))
        return *stop;
    int minChildren = 1;
    if (!readMinChildren(parser, &minChildren))
        return kUsageError;

    BatchOptions options;
    if (!readDouble(parser, QStringLiteral("m"), 1e-9, &options.fit.m) ||
        !readInt(parser, QStringLiteral("threads"), 0, &options.threads)) {
        return kUsageError;
    }
    const bool fromStore = parser.isSet(QStringLiteral("db"));
    if (parser.positionalArguments().isEmpty() && !fromStore) {
        return usageError(kVerb, QStringLiteral("no INPUT given"));
    }
    QStringList relations = store::kDefaultRelations;
    QString relationError;
    if (parser.isSet(QStringLiteral("relations")) &&
        (!fromStore || !store::parseRelations(parser.value(QStringLiteral("relations")), &relations,
                                              &relationError))) {
        return usageError(kVerb,
                          fromStore ? relationError : QStringLiteral("--relations needs --db"));
    }

    const QStringList inputs = parser.positionalArguments();
    const ImportResult loaded =
        fromStore
            ? loadStoreAndInputs(parser.value(QStringLiteral("db")), relations, inputs, minChildren)
            : loadDatasets(inputs, store::kDefaultRelations, nullptr, minChildren);
    if (!loaded.ok())
        return fail(kVerb, loaded.error);
    for (const auto& warning : loaded.dataset.warnings)
        warn(kVerb, warning);

    const bool showProgress = stderrIsTerminal();
    QElapsedTimer timer;
    timer.start();
    const BatchOutcome outcome = fitBatch(loaded.dataset.series, options, [&](int done, int total) {
        if (showProgress)
            err() << "\rfitting " << done << "/" << total << Qt::flush;
    });
    const qint64 elapsedMs = timer.elapsed();
    if (showProgress)
        err() << "\n";

    const QString error =
        writeOutput(parser.value(QStringLiteral("out")),
                    fitTableCsv(loaded.dataset.series, outcome.results, outcome.done));
    if (!error.isEmpty())
        return fail(kVerb, error);
    int eligible = 0;
    int notConverged = 0;
    int powerLaw = 0;  // converged to the lambda -> infinity limit (outcome power-law-limit)
    for (size_t i = 0; i < loaded.dataset.series.size(); ++i) {
        if (loaded.dataset.series[i].observedMonths() < 3)
            continue;
        ++eligible;
        if (!outcome.results[i].converged())
            ++notConverged;
        if (outcome.results[i].outcome == FitOutcome::PowerLawLimit)
            ++powerLaw;
    }
    err() << "hubgrowth fit: " << eligible << " series fitted ("
          << loaded.dataset.series.size() - eligible << " shorter than 3 months skipped) in "
          << elapsedMs << " ms on "
          << (options.threads > 0 ? options.threads : QThread::idealThreadCount()) << " threads; "
          << notConverged << " stopped at the iteration cap; " << powerLaw
          << " at the power-law limit (lambda -> infinity)\n";
    if (loaded.dataset.synthetic)
        err() << "hubgrowth fit: note: the input is synthetic demo data\n";
    err().flush();
    return kOk;
}

}  // namespace hubgrowth::cli
