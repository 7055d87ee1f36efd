#pragma once
// Runs a HubFetcher against the loopback MockHub into a temporary store, for the tests.

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <functional>
#include <memory>

#include "data/hub/hub_client.h"
#include "data/hub/hub_fetcher.h"
#include "data/store/hub_store.h"
#include "mock_hub.h"

namespace hubgrowth::testing {

inline const QByteArray kTestToken = "hf_test_secret_token_123";

struct FetchHarness {
    mockhub::MockHub hub;
    QTemporaryDir dir;
    std::unique_ptr<store::HubStore> store;

    bool open() {
        QString error;
        store = store::HubStore::open(dbPath(), &error);
        if (!store)
            qWarning("%s", qPrintable(error));
        return hub.start() && store != nullptr;
    }
    QString dbPath() const { return dir.filePath(QStringLiteral("hub.db")); }

    hub::ClientOptions options() const {
        hub::ClientOptions o;
        o.endpoint = hub.endpoint();
        o.token = kTestToken;
        o.retry.baseDelayMs = 20;
        o.transferTimeoutMs = 5000;
        return o;
    }

    // Runs one fetch to the end; `during` may connect to the fetcher (e.g. to cancel it).
    hub::FetchSummary run(const hub::FetchPlan& plan, hub::ClientOptions o = {},
                          const std::function<void(hub::HubFetcher&)>& during = {}) {
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

    // Stored children of base with a relation ("" = any).
    int stored(const QString& base, const QString& relation = QString()) const {
        int n = 0;
        for (const auto& c : store->children(base))
            n += relation.isEmpty() || c.relation == relation ? 1 : 0;
        return n;
    }
};

inline hub::FetchPlan plan(const QStringList& ids, const QStringList& relations = {}) {
    hub::FetchPlan p;
    p.ids = ids;
    p.relations = relations;
    return p;
}

}  // namespace hubgrowth::testing
