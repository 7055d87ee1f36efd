#include "hubgrowth/data/hub_fetch_runner.h"

#include <QTimer>
#include <memory>

#include "hubgrowth/data/store/hub_store.h"

namespace hubgrowth {

namespace {
// How often the worker looks at the cancel flag while the fetch waits for the network.
constexpr int kCancelPollMs = 20;
}  // namespace

HubFetchRunner::HubFetchRunner(QObject* parent) : BackgroundJob(parent) {
    qRegisterMetaType<FetchRequest>();
    qRegisterMetaType<FetchOutcome>();
    qRegisterMetaType<hub::FetchProgress>();
    qRegisterMetaType<hub::SweepProgress>();
}

HubFetchRunner::~HubFetchRunner() {
    cancelAndWait();
}

bool HubFetchRunner::start(const FetchRequest& request) {
    if (isRunning())
        return false;
    outcome_ = {};
    outcome_.storePath = request.storePath;
    outcome_.wholeHub = request.wholeHub;
    return run([this, request](JobContext& context) {
        std::shared_ptr<store::HubStore> store =
            store::HubStore::open(request.storePath, &outcome_.storeError);
        if (!store)
            return;  // finished at once, with the store's error
        if (request.wholeHub)
            sweepHub(context, request, std::move(store));
        else
            fetchBases(context, request, std::move(store));
    });
}

// Everything below lives on the worker thread and is deleted there, the store's connection
// closed, before the job announces its end.
void HubFetchRunner::fetchBases(JobContext& context, const FetchRequest& request,
                                std::shared_ptr<store::HubStore> store) {
    auto* client = new hub::HubClient(request.client);
    auto* fetcher = new hub::HubFetcher(client, store.get(), request.plan);
    auto* poll = new QTimer();
    connect(fetcher, &hub::HubFetcher::progress, this, &HubFetchRunner::progress);
    connect(fetcher, &hub::HubFetcher::rateLimited, this, &HubFetchRunner::rateLimited);
    connect(poll, &QTimer::timeout, fetcher, [fetcher, &context] {
        if (context.cancelled())
            fetcher->cancel();
    });
    connect(fetcher, &hub::HubFetcher::finished, poll, [=, &context]() mutable {
        outcome_.summary = fetcher->summary();
        poll->stop();
        // Not from inside the fetcher's own signal: once it has returned.
        QTimer::singleShot(0, poll, [=, &context]() mutable {
            delete fetcher;
            delete client;
            store.reset();
            delete poll;
            context.finish();
        });
    });
    context.deferFinish();
    poll->start(kCancelPollMs);
    fetcher->start();
    if (context.cancelled())
        fetcher->cancel();  // cancelled before the fetch began
}

void HubFetchRunner::sweepHub(JobContext& context, const FetchRequest& request,
                              std::shared_ptr<store::HubStore> store) {
    auto* client = new hub::HubClient(request.client);
    auto* sweeper = new hub::HubSweeper(client, store.get(), request.plan.full);
    auto* poll = new QTimer();
    connect(sweeper, &hub::HubSweeper::progress, this, &HubFetchRunner::sweepProgress);
    connect(sweeper, &hub::HubSweeper::rateLimited, this, &HubFetchRunner::rateLimited);
    connect(poll, &QTimer::timeout, sweeper, [sweeper, &context] {
        if (context.cancelled())
            sweeper->cancel();
    });
    connect(sweeper, &hub::HubSweeper::finished, poll, [=, &context]() mutable {
        outcome_.sweep = sweeper->summary();
        poll->stop();
        QTimer::singleShot(0, poll, [=, &context]() mutable {
            delete sweeper;
            delete client;
            // As `fetch --all` does: the WAL back into the store before it is opened to read.
            QString checkpointError;
            store->checkpoint(&checkpointError);
            store.reset();
            delete poll;
            context.finish();
        });
    });
    context.deferFinish();
    poll->start(kCancelPollMs);
    sweeper->start();
    if (context.cancelled())
        sweeper->cancel();
}

void HubFetchRunner::workEnded(bool /*cancelled*/) {
    emit finished(outcome_);
}

}  // namespace hubgrowth
