#include "hubgrowth/testsupport/fetch_harness.h"

namespace hubgrowth::testing {

const QByteArray kTestToken = "hf_test_secret_token_123";

bool FetchHarness::open() {
    QString error;
    store = store::HubStore::open(dbPath(), &error);
    if (!store)
        qWarning("%s", qPrintable(error));
    return hub.start() && store != nullptr;
}

hub::ClientOptions FetchHarness::options() const {
    hub::ClientOptions o;
    o.endpoint = hub.endpoint();
    o.token = kTestToken;
    o.retry.baseDelayMs = 20;
    o.transferTimeoutMs = 5000;
    return o;
}

hub::FetchSummary FetchHarness::run(const hub::FetchPlan& plan, hub::ClientOptions o,
                                    const std::function<void(hub::HubFetcher&)>& during) {
    if (o.endpoint.isEmpty())
        o = options();
    hub::HubClient client(o);
    hub::HubFetcher fetcher(&client, store.get(), plan);
    QSignalSpy done(&fetcher, &hub::HubFetcher::finished);
    if (during)
        during(fetcher);
    fetcher.start();
    hub::FetchSummary summary = fetcher.summary();
    if (!done.wait(120000) && done.isEmpty())
        summary.fatal = QStringLiteral("test: the fetch did not finish");
    else
        summary = fetcher.summary();
    return summary;
}

int FetchHarness::stored(const QString& base, const QString& relation) const {
    int n = 0;
    for (const auto& c : store->children(base))
        n += relation.isEmpty() || c.relation == relation ? 1 : 0;
    return n;
}

hub::FetchPlan plan(const QStringList& ids, const QStringList& relations) {
    hub::FetchPlan p;
    p.ids = ids;
    p.relations = relations;
    return p;
}

}  // namespace hubgrowth::testing
