// `hubgrowth fetch (ID... | --author ORG | --top N | --all) [--relations LIST|all]
//                  [--recursive [--depth D]] [--full] [--endpoint URL] [--db FILE]
//                  [--export FILE.csv]`
// Downloads lineage from the Hub into the store. Exit 0: everything fetched; 3: some models
// failed or the fetch was interrupted (what arrived is kept; run again to resume);
// 1: nothing could be done (store, listing the bases, every model failed); 2: usage.
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTimer>
#include <atomic>
#include <csignal>

#include "hubgrowth/cli/cli.h"
#include "hubgrowth/cli/cli_common.h"
#include "hubgrowth/cli/cli_fetch_all.h"
#include "hubgrowth/cli/cli_verbs.h"
#include "hubgrowth/data/hub/hub_api.h"
#include "hubgrowth/data/hub/hub_client.h"
#include "hubgrowth/data/hub/hub_fetcher.h"
#include "hubgrowth/data/hub/hub_settings.h"
#include "hubgrowth/data/output_file.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/paper_csv_export.h"
#include "hubgrowth/data/store/store_dataset.h"

namespace hubgrowth::cli {

namespace {

constexpr int kPartial = 3;
std::atomic<bool> interrupted{false};

void onInterrupt(int) {
    interrupted = true;
}

const QString kVerb = QStringLiteral("fetch");

QString seconds(qint64 ms) {
    return QString::number(static_cast<double>(ms) / 1000.0, 'f', 1) + QStringLiteral(" s");
}

void printSummary(const hub::FetchSummary& s, const QString& dbPath) {
    QStringList byRelation;
    for (const auto& [relation, n] : s.childrenByRelation)
        byRelation << QStringLiteral("%1 %2").arg(relation).arg(n);
    err() << "hubgrowth fetch: " << s.modelsFetched << " of " << s.bases.size()
          << " models fetched in " << seconds(s.elapsedMs) << "; " << s.childrenTotal()
          << " children seen"
          << (byRelation.isEmpty()
                  ? QString()
                  : QStringLiteral(" (") + byRelation.join(QStringLiteral(", ")) + QLatin1Char(')'))
          << ", " << s.unknownDates << " with unknown creation dates";
    if (s.descendants > 0)
        err() << ", " << s.descendants << " deeper descendants";
    err() << "\nhubgrowth fetch: " << s.requests << " requests, " << s.pages << " pages, "
          << s.retries << " retries, " << seconds(s.rateLimitedMs) << " rate-limited; store "
          << dbPath << "\n";
    for (const QString& rename : s.renamed)
        err() << "hubgrowth fetch: renamed on the Hub: " << rename
              << " (stored once, under the new id)\n";
    if (s.refreshedIncrementally > 0)
        err() << "hubgrowth fetch: " << s.refreshedIncrementally
              << " listings refreshed up to their newest known child; an older child that "
                 "appeared later (a card that gained its base model, a repository made public) "
                 "is only seen with --full\n";
    for (const hub::FetchFailure& f : s.failures)
        err() << "hubgrowth fetch: failed: " << f.model << ": " << f.reason << "\n";
    if (s.cancelled)
        err() << "hubgrowth fetch: interrupted; run the same command again to resume\n";
    err().flush();
}

}  // namespace

int runFetch(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Downloads who derived what from the named base models, and when, from the "
                       "Hugging Face Hub "
                       "into the local store (the app then works offline). Run it again to refresh "
                       "or to resume an "
                       "interrupted fetch. Token: HF_TOKEN, HF_TOKEN_PATH, $HF_HOME/token, or the "
                       "app's setting."));
    parser.addPositionalArgument(QStringLiteral("ID"),
                                 QStringLiteral("Base model ids, e.g. meta-llama/Llama-2-7b."),
                                 QStringLiteral("[ID...]"));
    parser.addOption({QStringLiteral("author"),
                      QStringLiteral("Every original (not derived) model of ORG."),
                      QStringLiteral("ORG")});
    parser.addOption({QStringLiteral("top"),
                      QStringLiteral("The N most downloaded original models."),
                      QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("all"),
         QStringLiteral("Every model on the Hub, with its base models (a whole-Hub sweep; run "
                        "again to refresh, with --full to re-list everything).")});
    parser.addOption(
        {QStringLiteral("relations"),
         QStringLiteral(
             "Relations to fetch and count: finetune, adapter, quantized, merge (comma-separated) "
             "or all (default finetune)."),
         QStringLiteral("LIST")});
    parser.addOption(
        {QStringLiteral("recursive"), QStringLiteral("Also fetch the children's children.")});
    parser.addOption(
        {QStringLiteral("full"),
         QStringLiteral("Re-list every child, also of bases listed before (a refresh stops at the "
                        "newest child it knows).")});
    parser.addOption({QStringLiteral("depth"),
                      QStringLiteral("Generations with --recursive (default 2)."),
                      QStringLiteral("D")});
    parser.addOption(
        {QStringLiteral("endpoint"),
         QStringLiteral("Hub URL (default: HF_ENDPOINT, the setting, or https://huggingface.co)."),
         QStringLiteral("URL")});
    parser.addOption({QStringLiteral("db"),
                      QStringLiteral("Store file (default: in the app's data folder)."),
                      QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("export"),
         QStringLiteral(
             "Also write the bases' monthly cumulative series in the paper's CSV format."),
         QStringLiteral("FILE.csv")});
    parser.addOption(
        {QStringLiteral("timeout"),
         QStringLiteral("Seconds without data before a request is retried (default 30)."),
         QStringLiteral("S")});
    parser.addOption({QStringLiteral("parallel"), QStringLiteral("Requests in flight (default 4)."),
                      QStringLiteral("N")});
    if (auto stop = parseVerbArgs(parser, args, kVerb))
        return *stop;

    hub::FetchPlan plan;
    plan.ids = parser.positionalArguments();
    plan.author = parser.value(QStringLiteral("author")).trimmed();
    const int modes = (plan.ids.isEmpty() ? 0 : 1) +
                      (parser.isSet(QStringLiteral("author")) ? 1 : 0) +
                      (parser.isSet(QStringLiteral("top")) ? 1 : 0) +
                      (parser.isSet(QStringLiteral("all")) ? 1 : 0);
    if (modes != 1)
        return usageError(kVerb, QStringLiteral("name base models as IDs, or give --author ORG, "
                                                "--top N or --all (one of them)"));
    if (parser.isSet(QStringLiteral("all")) && parser.isSet(QStringLiteral("recursive")))
        return usageError(kVerb, QStringLiteral("--all already lists every generation"));
    if (parser.isSet(QStringLiteral("author")) && plan.author.isEmpty())
        return usageError(kVerb, QStringLiteral("--author needs an organisation"));
    for (const QString& id : plan.ids) {
        if (!hub::isModelId(id))
            return usageError(kVerb, QStringLiteral("'%1' is not a model id (ORG/NAME)").arg(id));
    }
    int depth = 2, timeoutSeconds = 30, parallel = 4;
    if (!readInt(parser, QStringLiteral("top"), 1, &plan.top) ||
        !readInt(parser, QStringLiteral("depth"), 1, &depth) ||
        !readInt(parser, QStringLiteral("timeout"), 1, &timeoutSeconds) ||
        !readInt(parser, QStringLiteral("parallel"), 1, &parallel)) {
        return kUsageError;
    }
    if (parser.isSet(QStringLiteral("depth")) && !parser.isSet(QStringLiteral("recursive"))) {
        return usageError(kVerb, QStringLiteral("--depth needs --recursive"));
    }
    plan.depth = parser.isSet(QStringLiteral("recursive")) ? depth : 1;
    plan.full = parser.isSet(QStringLiteral("full"));
    QString relationError;
    if (!store::parseRelations(parser.isSet(QStringLiteral("relations"))
                                   ? parser.value(QStringLiteral("relations"))
                                   : QStringLiteral("finetune"),
                               &plan.relations, &relationError)) {
        return usageError(kVerb, relationError);
    }

    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QSettings settings;
    const QUrl endpoint =
        parser.isSet(QStringLiteral("endpoint"))
            ? hub::resolveEndpoint(QProcessEnvironment(), parser.value(QStringLiteral("endpoint")))
            : hub::resolveEndpoint(env, settings.value(hub::kEndpointSettingKey).toString());
    if (!hub::isHttpUrl(endpoint)) {
        return usageError(
            kVerb, QStringLiteral("'%1' is not an http(s) URL").arg(endpoint.toDisplayString()));
    }
    const hub::HubToken token =
        hub::resolveToken(env, settings.value(hub::kTokenSettingKey).toByteArray());

    const QString dbPath = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db"))
                                                              : store::defaultStorePath();
    QString error;
    if (!store::checkFreeSpace(dbPath, &error, -1,
                               parser.isSet(QStringLiteral("all")) ? store::kSweepFreeSpaceNeeded
                                                                   : store::kFetchFreeSpaceNeeded))
        return fail(kVerb, error);
    const auto store = store::HubStore::open(dbPath, &error);
    if (!store)
        return fail(kVerb, error);
    err() << "hubgrowth fetch: " << endpoint.toDisplayString() << ", "
          << (token.value.isEmpty() ? QStringLiteral("anonymous")
                                    : QStringLiteral("token from ") + token.source)
          << ", store " << dbPath << "\n";
    err().flush();

    hub::ClientOptions options;
    options.endpoint = endpoint;
    options.token = token.value;
    options.maxInFlight = parallel;
    options.transferTimeoutMs = timeoutSeconds * 1000;
    hub::HubClient client(options);
    if (parser.isSet(QStringLiteral("all"))) {
        SweepRequest request;
        request.full = plan.full;
        request.relations = plan.relations;
        request.exportPath = parser.value(QStringLiteral("export"));
        request.dbPath = dbPath;
        return runSweep(client, *store, request);
    }
    hub::HubFetcher fetcher(&client, store.get(), plan);

    const bool terminal = stderrIsTerminal();
    QObject::connect(&fetcher, &hub::HubFetcher::progress, [terminal](const hub::FetchProgress& p) {
        if (!terminal)
            return;
        err() << "\rmodels " << p.modelsDone << "/" << p.modelsTotal << ", pages " << p.pages
              << ", children " << p.childrenFound << ", requests " << p.requests << "   "
              << Qt::flush;
    });
    QObject::connect(&fetcher, &hub::HubFetcher::rateLimited, [terminal](int waitSeconds) {
        err() << (terminal ? "\r" : "") << "hubgrowth fetch: rate-limited, resuming in "
              << waitSeconds << " s\n";
        err().flush();
    });
    interrupted = false;
    auto previousInt = std::signal(SIGINT, onInterrupt);
    auto previousTerm = std::signal(SIGTERM, onInterrupt);
    QTimer interruptPoll;
    QObject::connect(&interruptPoll, &QTimer::timeout, [&fetcher] {
        if (interrupted.exchange(false))
            fetcher.cancel();
    });
    interruptPoll.start(100);

    QEventLoop loop;
    QObject::connect(&fetcher, &hub::HubFetcher::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(0, &fetcher, &hub::HubFetcher::start);
    loop.exec();
    interruptPoll.stop();
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    if (terminal)
        err() << "\n";

    const hub::FetchSummary& summary = fetcher.summary();
    printSummary(summary, dbPath);
    QString checkpointError;
    if (!store->checkpoint(&checkpointError))  // the log stays for the next open to apply
        warn(kVerb, checkpointError.toStdString());
    if (!summary.fatal.isEmpty())
        return fail(kVerb, summary.fatal);
    if (parser.isSet(QStringLiteral("export"))) {
        const ImportResult loaded = store::loadStoreDataset(dbPath, plan.relations);
        std::vector<ModelSeries> series;
        for (const ModelSeries& s : loaded.dataset.series) {
            if (summary.bases.contains(QString::fromStdString(s.id)))
                series.push_back(s);
        }
        for (const auto& warning : loaded.dataset.warnings)
            warn(kVerb, warning);
        const QString exportError =
            loaded.ok() || !series.empty()
                ? writeOutput(parser.value(QStringLiteral("export")), paperCsvText(series))
                : loaded.error;
        if (!exportError.isEmpty())
            return fail(kVerb, exportError);
        err() << "hubgrowth fetch: wrote " << series.size() << " series to "
              << parser.value(QStringLiteral("export")) << "\n";
        err().flush();
    }
    if (summary.cancelled || (!summary.failures.empty() && summary.modelsFetched > 0))
        return kPartial;
    return summary.failures.empty() ? kOk : kInputError;  // every model failed: nothing to show
}

}  // namespace hubgrowth::cli
