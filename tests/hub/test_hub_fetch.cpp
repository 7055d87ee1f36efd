// The fetcher end to end against the loopback mock Hub: known answers, every injected fault,
// cancellation and resume, refresh, --author and --top. After each run the store must hold
// exactly the mock's lineage: nothing lost, nothing doubled.
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>

#include "hubgrowth/data/hub/hub_parsers.h"
#include "hubgrowth/data/store/store_dataset.h"
#include "hubgrowth/testsupport/fetch_harness.h"

using namespace hubgrowth;
using namespace hubgrowth::testing;
using mockhub::Fault;
using mockhub::FaultKind;

namespace {

const QString kBase0 = QStringLiteral("mockorg/base-00");
const QString kBase1 = QStringLiteral("mockorg/base-01");

// Checks that the store holds the mock's children of `base` exactly, relation by relation.
void verifyExact(const FetchHarness& h, const QString& base) {
    int sum = 0;
    for (const QString& relation : hub::kRelations) {
        QCOMPARE(h.stored(base, relation), h.hub.childCount(base, relation));
        sum += h.hub.childCount(base, relation);
    }
    QCOMPARE(h.stored(base, hub::kUnspecifiedRelation), h.hub.childCount(base) - sum);
    QCOMPARE(h.stored(base), h.hub.childCount(base));
}

int requestsMatching(const mockhub::MockHub& hub, const QString& text) {
    int n = 0;
    for (const auto& r : hub.requests())
        n += QUrl::fromPercentEncoding(r.target).contains(text) ? 1 : 0;
    return n;
}

}  // namespace

class TestHubFetch : public QObject {
    Q_OBJECT
  private slots:
    void fetchesEveryRelationExactly() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(3, 1234);
        const auto s = h.run(plan({kBase0, kBase1, "mockorg/base-02"}));
        QVERIFY2(s.failures.empty(),
                 qPrintable(s.failures.empty() ? QString() : s.failures.front().reason));
        QVERIFY2(s.fatal.isEmpty(), qPrintable(s.fatal));
        QCOMPARE(s.modelsFetched, 3);
        for (const QString& base : {kBase0, kBase1, QStringLiteral("mockorg/base-02")})
            verifyExact(h, base);
        // 3 model infos + 3 listings of ceil(1234 / 500) = 3 pages.
        QCOMPARE(s.requests, 12);
        QCOMPARE(h.hub.requestCount(), 12);
        QCOMPARE(s.retries, 0);
        QCOMPARE(s.childrenTotal(), 3 * 1234);
        QCOMPARE(s.childrenByRelation.at("finetune"), 3 * h.hub.childCount(kBase0, "finetune"));
        int unknown = 0;
        for (const auto& c : h.hub.childrenOf(kBase0))
            unknown += c.createdAt < QLatin1String("2022-03-03") ? 1 : 0;
        QVERIFY(unknown > 0);
        QCOMPARE(s.unknownDates, 3 * unknown);
        QCOMPARE(h.store->count("models"), 3 + 3 * 1234);
        QCOMPARE(h.store->count("snapshots"), 3 + 3 * 1234);  // one per model per fetch
        QCOMPARE(h.store->count("bases"), 3);
        // Every listing asked for the fields it needs and followed the opaque cursor.
        for (const auto& r : h.hub.requests()) {
            const QString target = QUrl::fromPercentEncoding(r.target);
            QVERIFY(target.contains("expand[]=createdAt"));
            if (target.contains("cursor="))
                QVERIFY2(r.target.contains("%3D"), r.target.constData());
        }
    }

    void oneRelationUsesItsFilter() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(1, 800);
        const auto s = h.run(plan({kBase0}, {"adapter"}));
        QVERIFY(s.failures.empty());
        QCOMPARE(h.stored(kBase0), h.hub.childCount(kBase0, "adapter"));
        QCOMPARE(h.stored(kBase0, "adapter"), h.hub.childCount(kBase0, "adapter"));
        QCOMPARE(requestsMatching(h.hub, "filter=base_model:adapter:mockorg/base-00"), 1);
    }

    void unspecifiedNeedsTheUnfilteredListing() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(1, 300);
        const auto s = h.run(plan({kBase0}, {"finetune", "unspecified"}));
        QVERIFY(s.failures.empty());
        verifyExact(h, kBase0);
        QCOMPARE(requestsMatching(h.hub, "filter=base_model:mockorg/base-00&"), 1);
    }

    void theHubsSpellingOfAnIdWins() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(1, 300);
        const auto s = h.run(plan({"MockOrg/Base-00"}));
        QVERIFY(s.failures.empty());
        QCOMPARE(s.bases, QStringList{kBase0});
        verifyExact(h, kBase0);
        QCOMPARE(h.store->bases().size(), size_t(1));
        QCOMPARE(h.store->bases().front().id, kBase0);
    }

    void recoversFromEveryTransientFault_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("times");
        QTest::newRow("429 RateLimit r=0;t=1") << int(FaultKind::RateLimited) << 429 << 1;
        QTest::newRow("429 Retry-After") << int(FaultKind::RetryAfter) << 429 << 1;
        QTest::newRow("500") << int(FaultKind::Status) << 500 << 2;
        QTest::newRow("502") << int(FaultKind::Status) << 502 << 1;
        QTest::newRow("503") << int(FaultKind::Status) << 503 << 3;
        QTest::newRow("504") << int(FaultKind::Status) << 504 << 1;
        QTest::newRow("408") << int(FaultKind::Status) << 408 << 1;
        QTest::newRow("truncated body") << int(FaultKind::Truncated) << 200 << 2;
        QTest::newRow("malformed JSON") << int(FaultKind::MalformedJson) << 200 << 2;
        QTest::newRow("slower than the timeout") << int(FaultKind::Slow) << 200 << 1;
    }
    void recoversFromEveryTransientFault() {
        QFETCH(int, kind);
        QFETCH(int, status);
        QFETCH(int, times);
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(2, 1100);
        // Only the slow fault needs a short transfer timeout: elsewhere a loaded machine (the
        // sanitizer build on 2 busy cores) must not turn a normal reply into a timeout retry.
        const bool slow = kind == int(FaultKind::Slow);
        // Hit the second page of base-01's listing, and its model info.
        Fault pageFault{FaultKind(kind),
                        QStringLiteral("filter=base_model:mockorg/base-01&"),
                        times,
                        status,
                        slow ? 8000 : 1500,
                        {}};
        h.hub.addFault(pageFault);
        Fault infoFault = pageFault;
        infoFault.match = QStringLiteral("/api/models/mockorg/base-00?");
        h.hub.addFault(infoFault);
        hub::ClientOptions o = h.options();
        o.transferTimeoutMs = slow ? 2000 : 60000;
        const auto s = h.run(plan({kBase0, kBase1}), o);
        QVERIFY2(s.failures.empty(),
                 qPrintable(s.failures.empty() ? QString() : s.failures.front().reason));
        QCOMPARE(s.modelsFetched, 2);
        // A connection the mock closes mid-body may also cost a request that was about to reuse
        // it; every other fault costs exactly one retry per injection.
        if (kind == int(FaultKind::Truncated))
            QVERIFY(s.retries >= 2 * times);
        else
            QCOMPARE(s.retries, 2 * times);
        QCOMPARE(s.requests, 2 + 2 * 3 + s.retries);
        verifyExact(h, kBase0);
        verifyExact(h, kBase1);
        QCOMPARE(h.store->count("snapshots"), 2 + 2 * 1100);
        QCOMPARE(h.store->count("edges"), 2 * 1100);
        if (kind == int(FaultKind::RateLimited))
            QVERIFY(s.rateLimitedMs >= 2000);  // t + 1 s
        if (kind == int(FaultKind::RetryAfter))
            QVERIFY(s.rateLimitedMs >= 1000);
    }

    void persistentFailuresAreReportedAndTheRestGoesOn_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason");
        QTest::newRow("401 gated") << 401 << "HTTP 401";
        QTest::newRow("403") << 403 << "HTTP 403";
        QTest::newRow("404") << 404 << "HTTP 404";
        QTest::newRow("500 forever") << 500 << "HTTP 500";
    }
    void persistentFailuresAreReportedAndTheRestGoesOn() {
        QFETCH(int, status);
        QFETCH(QString, reason);
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(2, 600);
        h.hub.addFault(
            {FaultKind::Status, "/api/models/mockorg/base-01?", -1, status, 0, "GatedRepo"});
        const auto s = h.run(plan({kBase0, kBase1, "nobody/missing"}));
        QCOMPARE(s.modelsFetched, 1);
        QCOMPARE(int(s.failures.size()), 2);
        QStringList failed;
        for (const auto& f : s.failures)
            failed << f.model;
        failed.sort();
        QCOMPARE(failed, QStringList({kBase1, "nobody/missing"}));
        for (const auto& f : s.failures) {
            if (f.model == kBase1)
                QVERIFY2(f.reason.contains(reason), qPrintable(f.reason));
            if (f.model == "nobody/missing")
                QVERIFY2(f.reason.contains("RepoNotFound"), qPrintable(f.reason));
        }
        verifyExact(h, kBase0);
        QCOMPARE(h.stored(kBase1), 0);
        QCOMPARE(s.retries, status == 500 ? h.options().retry.maxRetries : 0);
    }

    void redirectToAnotherHostDropsTheToken() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(1, 700);
        h.hub.addFault(
            {FaultKind::RedirectElsewhere, "/api/models/mockorg/base-00?", 1, 302, 0, {}});
        h.hub.addFault(
            {FaultKind::RedirectElsewhere, "filter=base_model:mockorg/base-00&", 1, 302, 0, {}});
        const auto s = h.run(plan({kBase0}));
        QVERIFY(s.failures.empty());
        verifyExact(h, kBase0);
        int elsewhere = 0;
        for (const auto& r : h.hub.requests()) {
            if (r.host == QHostAddress(QStringLiteral("127.0.0.2"))) {
                ++elsewhere;
                QVERIFY2(r.authorization.isEmpty(), r.authorization.constData());
            } else {
                QCOMPARE(r.authorization, QByteArray("Bearer ") + kTestToken);
            }
        }
        QCOMPARE(elsewhere, 2);
    }

    void repeatingNextLinkStops() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(2, 1200);
        h.hub.addFault(
            {FaultKind::RepeatingNext, "filter=base_model:mockorg/base-00&", -1, 200, 0, {}});
        const auto s = h.run(plan({kBase0, kBase1}));
        QCOMPARE(int(s.failures.size()), 1);
        QCOMPARE(s.failures.front().model, kBase0);
        QVERIFY(s.failures.front().reason.contains("repeated"));
        verifyExact(h, kBase0);  // every page arrived once; the loop back was not followed
        verifyExact(h, kBase1);
        QCOMPARE(requestsMatching(h.hub, "filter=base_model:mockorg/base-00&"), 3);
    }

    void cancelMidFetchThenResume() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(1, 2600);  // 6 pages
        h.hub.addFault({FaultKind::Slow, "cursor=", -1, 200, 100, {}});
        auto first = h.run(plan({kBase0}), {}, [](hub::HubFetcher& f) {
            QObject::connect(&f, &hub::HubFetcher::progress, &f, [&f](const hub::FetchProgress& p) {
                if (p.pages == 2)
                    f.cancel();
            });
        });
        QVERIFY(first.cancelled);
        QCOMPARE(first.modelsFetched, 0);
        const int kept = h.stored(kBase0);
        QCOMPARE(kept, 1000);  // two whole pages, committed
        const store::ListingState state = h.store->listing(kBase0, QString());
        QVERIFY(!state.complete);
        QVERIFY(state.nextUrl.toEncoded().contains("cursor="));
        h.hub.clearFaults();
        h.hub.clearRequests();
        const auto second = h.run(plan({kBase0}));
        QVERIFY(second.failures.empty());
        QCOMPARE(second.modelsFetched, 1);
        verifyExact(h, kBase0);
        // Resumed at the saved cursor: info + pages 3..6, no page fetched twice.
        QCOMPARE(second.requests, 1 + 4);
        QCOMPARE(requestsMatching(h.hub, "cursor="), 4);
        QCOMPARE(h.store->count("models"), 1 + 2600);
    }

    void cancelWhileRateLimitedEndsPromptly() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(2, 700);
        h.hub.addFault(
            {FaultKind::RateLimited, "filter=base_model:mockorg/base-01&", 1, 429, 0, {}});
        const auto s = h.run(plan({kBase0, kBase1}), {}, [](hub::HubFetcher& f) {
            QObject::connect(&f, &hub::HubFetcher::rateLimited, &f, [&f](int seconds) {
                QCOMPARE(seconds, 2);
                f.cancel();
            });
        });
        QVERIFY(s.cancelled);
        QVERIFY(s.failures.empty());
        QCOMPARE(h.stored(kBase1), 0);
        QVERIFY2(s.fatal.isEmpty(), qPrintable(s.fatal));
        const int kept = h.stored(kBase0);
        QVERIFY2(kept == 0 || kept == 500 || kept == 700,
                 qPrintable(QString::number(kept)));  // whole pages
    }

    void storeFailureIsFatalAndEndsTheFetch() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(3, 700);
        h.hub.addFault(
            {FaultKind::RateLimited, "filter=base_model:mockorg/base-02&", 1, 429, 0, {}});
        {
            QSqlDatabase other = QSqlDatabase::addDatabase("QSQLITE", "saboteur");
            other.setDatabaseName(h.dbPath());
            QVERIFY(other.open());
            QVERIFY(QSqlQuery(other).exec("DROP TABLE listings"));
            other.close();
        }
        QSqlDatabase::removeDatabase("saboteur");
        const auto s = h.run(plan({kBase0, kBase1, "mockorg/base-02"}));
        QVERIFY2(s.fatal.contains("listings"), qPrintable(s.fatal));
        QCOMPARE(h.store->count("edges"), 0);  // the failed page's transaction was rolled back
    }

    void refreshStopsAtTheFirstKnownChild() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(1, 1200);
        QVERIFY(h.run(plan({kBase0})).failures.empty());
        for (int i = 0; i < 3; ++i) {
            mockhub::MockModel fresh;
            fresh.id = QStringLiteral("late/child-%1").arg(i);
            fresh.createdAt = QStringLiteral("2026-01-0%1T00:00:00.000Z").arg(i + 1);
            fresh.tags = {"base_model:" + kBase0, "base_model:finetune:" + kBase0};
            h.hub.addModel(fresh);
        }
        h.hub.clearRequests();
        const auto s = h.run(plan({kBase0}));
        QVERIFY(s.failures.empty());
        QCOMPARE(s.requests,
                 2);  // the base, then one newest-first page that reaches known children
        QCOMPARE(requestsMatching(h.hub, "sort=createdAt"), 1);
        verifyExact(h, kBase0);
        QCOMPARE(h.stored(kBase0), 1203);
        QCOMPARE(h.store->count("fetches"), 2);
        // The base has a snapshot per fetch; download history accrues.
        QCOMPARE(h.store->count("snapshots"), 2 + 1200 + 500);
    }

    void interruptedRefreshResumesInsteadOfStoppingEarly() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(1, 300);
        QVERIFY(h.run(plan({kBase0})).failures.empty());
        for (int i = 0; i < 1100; ++i) {  // three newest-first pages of new children
            mockhub::MockModel fresh;
            fresh.id = QStringLiteral("late/child-%1").arg(i, 4, 10, QLatin1Char('0'));
            fresh.createdAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC)
                                  .addSecs(-i * 60)
                                  .toString(Qt::ISODateWithMs);
            fresh.tags = {"base_model:" + kBase0, "base_model:finetune:" + kBase0};
            h.hub.addModel(fresh);
        }
        const auto first = h.run(plan({kBase0}), {}, [](hub::HubFetcher& f) {
            QObject::connect(&f, &hub::HubFetcher::progress, &f, [&f](const hub::FetchProgress& p) {
                if (p.pages == 1)
                    f.cancel();
            });
        });
        QVERIFY(first.cancelled);
        QCOMPARE(h.stored(kBase0), 300 + 500);
        const auto second = h.run(plan({kBase0}));
        QVERIFY(second.failures.empty());
        verifyExact(h, kBase0);
        QCOMPARE(h.stored(kBase0), 1400);
    }

    void authorTakesItsOriginalModels() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(3, 120);  // mockorg also owns some derivatives (every 50th child)
        hub::FetchPlan p;
        p.author = QStringLiteral("mockorg");
        p.relations = {"finetune"};
        const auto s = h.run(p);
        QVERIFY(s.failures.empty());
        QCOMPARE(s.bases, QStringList({kBase0, kBase1, "mockorg/base-02"}));
        QCOMPARE(h.store->count("bases"), 3);
        for (const QString& b : s.bases)
            QCOMPARE(h.stored(b, "finetune"), h.hub.childCount(b, "finetune"));
    }

    void topTakesTheMostDownloadedOriginals() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(4, 30);
        hub::FetchPlan p;
        p.top = 2;
        const auto s = h.run(p);
        QVERIFY(s.failures.empty());
        QCOMPARE(s.bases, QStringList({kBase0, kBase1}));
        QCOMPARE(requestsMatching(h.hub, "sort=downloads"), 1);
    }

    void recursionListsGrandchildren() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(1, 20);
        const QString child = h.hub.childrenOf(kBase0).front().id;
        for (int i = 0; i < 4; ++i) {
            mockhub::MockModel grand;
            grand.id = QStringLiteral("deep/grandchild-%1").arg(i);
            grand.createdAt = QStringLiteral("2024-05-01T00:00:00.000Z");
            grand.tags = {"base_model:" + child, "base_model:quantized:" + child};
            h.hub.addModel(grand);
        }
        hub::FetchPlan p = plan({kBase0});
        p.depth = 2;
        const auto s = h.run(p);
        QVERIFY(s.failures.empty());
        QCOMPARE(s.descendants, 4);
        QCOMPARE(h.stored(child, "quantized"), 4);
        QCOMPARE(s.requests, 1 + 1 + 20);  // info, the base's page, one page per child
    }

    void storeFeedsTheSeries() {
        FetchHarness h;
        QVERIFY(h.open());
        h.hub.addSyntheticLineage(2, 900);
        QVERIFY(h.run(plan({kBase0, kBase1})).failures.empty());
        const ImportResult loaded = store::loadStoreDataset(h.dbPath());
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        QCOMPARE(int(loaded.dataset.series.size()), 2);
        for (const ModelSeries& series : loaded.dataset.series) {
            const QString base = QString::fromStdString(series.id);
            const int unknown = h.hub.childCountUnknownDate(base, "finetune");
            QCOMPARE(series.unknownDates, unknown);
            QCOMPARE(int(series.lastCount()), h.hub.childCount(base, "finetune") - unknown);
            QCOMPARE(series.counts.front(), 0.0);
            QCOMPARE(series.org, std::string("mockorg"));
        }
        const ImportResult all = store::loadStoreDataset(
            h.dbPath(), {"finetune", "adapter", "quantized", "merge", "unspecified"});
        QCOMPARE(
            int(all.dataset.series.front().lastCount()) + all.dataset.series.front().unknownDates,
            h.hub.childCount(kBase0));
    }
};

QTEST_GUILESS_MAIN(TestHubFetch)
#include "test_hub_fetch.moc"
