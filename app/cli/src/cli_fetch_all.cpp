// `hubgrowth fetch --all [--full]`: every model on the Hub into the store. Exit 0: the sweep
// reached its end; 3: interrupted (run again to resume from the last whole page); 1: the Hub or
// the store failed (what was committed stays; run again to resume).
#include "hubgrowth/cli/cli_fetch_all.h"

#include <QEventLoop>
#include <QTimer>
#include <atomic>
#include <csignal>

#include "hubgrowth/cli/cli_common.h"
#include "hubgrowth/data/hub/hub_client.h"
#include "hubgrowth/data/hub/hub_sweeper.h"
#include "hubgrowth/data/output_file.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/paper_csv_export.h"
#include "hubgrowth/data/store/store_dataset.h"

namespace hubgrowth::cli {

namespace {

constexpr int kPartial = 3;
// Without a terminal a progress line is written every this many pages.
constexpr int kLogEveryPages = 100;
std::atomic<bool> interrupted{false};

void onInterrupt(int) {
    interrupted = true;
}

const QString kVerb = QStringLiteral("fetch");

QString duration(double seconds) {
    if (seconds < 0)
        return QStringLiteral("?");
    const qint64 s = static_cast<qint64>(seconds);
    if (s >= 3600)
        return QStringLiteral("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60);
    if (s >= 60)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QStringLiteral("%1 s").arg(s);
}

void printProgress(const hub::SweepProgress& p, bool terminal) {
    if (!terminal && p.pages % kLogEveryPages != 0)
        return;
    err() << (terminal ? "\r" : "") << "hubgrowth fetch --all: pages " << p.pages << ", models "
          << p.models;
    if (p.totalModels >= 0)
        err() << " of ~" << p.totalModels;
    err() << ", edges " << p.edges << ", requests " << p.requests << ", rate-limit waits "
          << p.rateLimitWaits;
    if (p.etaSeconds >= 0)
        err() << ", ETA " << duration(p.etaSeconds);
    err() << (terminal ? "   " : "\n") << Qt::flush;
}

void printSummary(const hub::SweepSummary& s, const QString& dbPath) {
    QStringList byRelation;
    qint64 edges = 0;
    for (const auto& [relation, n] : s.edgesByRelation) {
        byRelation << QStringLiteral("%1 %2").arg(relation).arg(n);
        edges += n;
    }
    err() << "hubgrowth fetch --all: " << store::sweepModeName(s.mode) << " sweep"
          << (s.resumed ? " (resumed)" : "") << (s.complete ? " complete" : " not finished") << ": "
          << s.models << " models in " << s.pages << " pages ("
          << QString::number(double(s.elapsedMs) / 1000.0, 'f', 1) << " s), " << s.known
          << " already stored, " << edges << " edges"
          << (byRelation.isEmpty()
                  ? QString()
                  : QStringLiteral(" (") + byRelation.join(QStringLiteral(", ")) + QLatin1Char(')'))
          << ", " << s.unknownDates << " with unknown creation dates\n";
    err() << "hubgrowth fetch --all: " << s.requests << " requests, " << s.retries << " retries, "
          << s.rateLimitWaits << " rate-limit waits ("
          << QString::number(double(s.rateLimitedMs) / 1000.0, 'f', 1) << " s); store " << dbPath
          << "\n";
    if (s.aliasedParents > 0)
        err() << "hubgrowth fetch --all: " << s.aliasedParents
              << " edges named a renamed repository's old id; stored under its new id\n";
    if (s.mode == store::SweepMode::Refresh && s.complete)
        err() << "hubgrowth fetch --all: refreshed up to the newest models already stored; an "
                 "older model that gained a base model later is only seen with --full\n";
    if (!s.fatal.isEmpty())
        err() << "hubgrowth fetch --all: stopped: " << s.fatal
              << "; run the same command again to resume from the last whole page\n";
    if (s.cancelled)
        err() << "hubgrowth fetch --all: interrupted; run the same command again to resume\n";
    err().flush();
}

int exportSeries(const SweepRequest& request) {
    const ImportResult loaded = store::loadStoreDataset(request.dbPath, request.relations);
    for (const auto& warning : loaded.dataset.warnings)
        warn(kVerb, warning);
    const QString exportError =
        loaded.ok() ? writeOutput(request.exportPath, paperCsvText(loaded.dataset.series))
                    : loaded.error;
    if (!exportError.isEmpty())
        return fail(kVerb, exportError);
    err() << "hubgrowth fetch: wrote " << loaded.dataset.series.size() << " series to "
          << request.exportPath << "\n";
    err().flush();
    return kOk;
}

}  // namespace

int runSweep(hub::HubClient& client, store::HubStore& store, const SweepRequest& request) {
    hub::HubSweeper sweeper(&client, &store, request.full);
    const bool terminal = stderrIsTerminal();
    QObject::connect(&sweeper, &hub::HubSweeper::progress,
                     [terminal](const hub::SweepProgress& p) { printProgress(p, terminal); });
    QObject::connect(&sweeper, &hub::HubSweeper::rateLimited, [terminal](int waitSeconds) {
        err() << (terminal ? "\n" : "") << "hubgrowth fetch --all: rate-limited, resuming in "
              << waitSeconds << " s\n";
        err().flush();
    });
    interrupted = false;
    auto previousInt = std::signal(SIGINT, onInterrupt);
    auto previousTerm = std::signal(SIGTERM, onInterrupt);
    QTimer interruptPoll;
    QObject::connect(&interruptPoll, &QTimer::timeout, [&sweeper] {
        if (interrupted.exchange(false))
            sweeper.cancel();
    });
    interruptPoll.start(100);
    QEventLoop loop;
    QObject::connect(&sweeper, &hub::HubSweeper::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(0, &sweeper, &hub::HubSweeper::start);
    loop.exec();
    interruptPoll.stop();
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    if (terminal)
        err() << "\n";
    const hub::SweepSummary& summary = sweeper.summary();
    printSummary(summary, request.dbPath);
    QString checkpointError;
    if (!store.checkpoint(&checkpointError))
        warn(kVerb, checkpointError.toStdString());
    if (!summary.fatal.isEmpty())
        return fail(kVerb, summary.fatal);
    if (summary.cancelled)
        return kPartial;
    return request.exportPath.isEmpty() ? kOk : exportSeries(request);
}

}  // namespace hubgrowth::cli
