#pragma once
// Runs a HubFetcher against the loopback MockHub into a temporary store, for the tests.

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <functional>
#include <memory>

#include "hubgrowth/data/hub/hub_client.h"
#include "hubgrowth/data/hub/hub_fetcher.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/testsupport/mock_hub.h"

namespace hubgrowth::testing {

extern const QByteArray kTestToken;

struct FetchHarness {
    mockhub::MockHub hub;
    QTemporaryDir dir;
    std::unique_ptr<store::HubStore> store;

    // Starts the mock Hub and opens an empty store; false (with a warning) when either fails.
    bool open();
    QString dbPath() const { return dir.filePath(QStringLiteral("hub.db")); }

    // Client options for the mock Hub: the test token, fast retries, a short transfer timeout.
    hub::ClientOptions options() const;

    // Runs one fetch to the end; `during` may connect to the fetcher (e.g. to cancel it).
    hub::FetchSummary run(const hub::FetchPlan& plan, hub::ClientOptions o = {},
                          const std::function<void(hub::HubFetcher&)>& during = {});

    // Stored children of base with a relation ("" = any).
    int stored(const QString& base, const QString& relation = QString()) const;
};

hub::FetchPlan plan(const QStringList& ids, const QStringList& relations = {});

}  // namespace hubgrowth::testing
