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
}

HubFetchRunner::~HubFetchRunner() {
    cancelAndWait();
}

bool HubFetchRunner::start(const FetchRequest& request) {
    if (isRunning())
        return false;
    outcome_ = {};
    outcome_.storePath = request.storePath;
    return run([this, request](JobContext& context) {
        std::shared_ptr<store::HubStore> store =
            store::HubStore::open(request.storePath, &outcome_.storeError);
        if (!store)
            return;  // finished at once, with the store's error
        // Everything below lives on the worker thread and is deleted there, the store's
        // connection closed, before the job announces its end.
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
    });
}

void HubFetchRunner::workEnded(bool /*cancelled*/) {
    emit finished(outcome_);
}

}  // namespace hubgrowth
