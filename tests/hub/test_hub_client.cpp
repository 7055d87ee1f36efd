// The HTTP client against the loopback mock: the token's origin rule, redirects, retries and
// their cap, transfer timeouts, rate-limit pauses, cancellation.
#include <QSignalSpy>
#include <QtTest>

#include "hubgrowth/data/hub/hub_api.h"
#include "hubgrowth/data/hub/hub_client.h"
#include "hubgrowth/testsupport/mock_hub.h"

using namespace hubgrowth;
using namespace hubgrowth::hub;
using mockhub::Fault;
using mockhub::FaultKind;

namespace {

const QByteArray kToken = "hf_client_test_token";

ClientOptions optionsFor(const mockhub::MockHub& hub) {
    ClientOptions o;
    o.endpoint = hub.endpoint();
    o.token = kToken;
    o.retry.baseDelayMs = 10;
    o.transferTimeoutMs = 3000;
    return o;
}

// Runs one GET to completion; counts how often the callback ran.
HubReply getOnce(HubClient& client, const QUrl& url, int* calls) {
    HubReply result;
    bool done = false;
    client.get(url, [&](const HubReply& r) {
        result = r;
        ++*calls;
        done = true;
    });
    QDeadlineTimer deadline(30000);
    while (!done && !deadline.hasExpired())
        QTest::qWait(5);
    if (!done)
        result.error = QStringLiteral("test: no answer within 30 s");
    return result;
}

}  // namespace

class TestHubClient : public QObject {
    Q_OBJECT
  private slots:
    void tokenGoesOnlyToTheHub() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(1, 3);
        HubClient client(optionsFor(hub));
        int calls = 0;
        HubReply r = getOnce(client, modelInfoUrl(hub.endpoint(), "mockorg/base-00"), &calls);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("\"childrenModelCount\":3"));
        r = getOnce(client, modelInfoUrl(hub.otherHost(), "mockorg/base-00"), &calls);
        QVERIFY(r.ok());
        QCOMPARE(calls, 2);
        QCOMPARE(hub.requestCount(), 2);
        QCOMPARE(hub.requests()[0].authorization, QByteArray("Bearer ") + kToken);
        QVERIFY(hub.requests()[1].authorization.isEmpty());
        QCOMPARE(client.requestsSent(), 2);
    }

    void redirectIsFollowedWithoutTheToken() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(1, 3);
        hub.addFault({FaultKind::RedirectElsewhere, "", 1, 302, 0, {}});
        HubClient client(optionsFor(hub));
        int calls = 0;
        const HubReply r =
            getOnce(client, childrenUrl(hub.endpoint(), "mockorg/base-00", {}), &calls);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.url.host(), QStringLiteral("127.0.0.2"));
        QCOMPARE(hub.requestCount(), 2);
        QCOMPARE(hub.requests()[0].status, 302);
        QCOMPARE(hub.requests()[0].authorization, QByteArray("Bearer ") + kToken);
        QCOMPARE(hub.requests()[1].host, QHostAddress("127.0.0.2"));
        QVERIFY(hub.requests()[1].authorization.isEmpty());
        QCOMPARE(r.body.count("\"id\""), 3);
    }

    void retriesUpToTheCap() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(1, 1);
        hub.addFault({FaultKind::Status, "", -1, 503, 0, {}});
        ClientOptions o = optionsFor(hub);
        o.retry.maxRetries = 3;
        HubClient client(o);
        int calls = 0;
        const HubReply r = getOnce(client, modelInfoUrl(hub.endpoint(), "mockorg/base-00"), &calls);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains("HTTP 503") && r.error.contains("after 4 attempts"),
                 qPrintable(r.error));
        QCOMPARE(r.attempts, 4);
        QCOMPARE(hub.requestCount(), 4);
        QCOMPARE(client.retries(), 3);
        QCOMPARE(calls, 1);
    }

    void permanentErrorsAreNotRetried() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        HubClient client(optionsFor(hub));
        int calls = 0;
        const HubReply r = getOnce(client, modelInfoUrl(hub.endpoint(), "nobody/nothing"), &calls);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode, QByteArray("RepoNotFound"));
        QVERIFY(r.error.contains("private, gated or missing"));
        QCOMPARE(hub.requestCount(), 1);
    }

    void timeoutIsRetried() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(1, 1);
        hub.addFault({FaultKind::Slow, "", 1, 200, 8000, {}});
        ClientOptions o = optionsFor(hub);
        // Long enough that the retry's normal reply never times out on a loaded machine (the
        // sanitizer build), short against the fault's 8 s.
        o.transferTimeoutMs = 1500;
        HubClient client(o);
        int calls = 0;
        const HubReply r = getOnce(client, modelInfoUrl(hub.endpoint(), "mockorg/base-00"), &calls);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.attempts, 2);
        QCOMPARE(client.retries(), 1);
    }

    void rateLimitPausesEveryone() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(1, 1);
        hub.addFault({FaultKind::RateLimited, "", 1, 429, 0, {}});
        HubClient client(optionsFor(hub));
        QSignalSpy limited(&client, &HubClient::rateLimited);
        int calls = 0;
        const HubReply r = getOnce(client, modelInfoUrl(hub.endpoint(), "mockorg/base-00"), &calls);
        QVERIFY(r.ok());
        QCOMPARE(limited.count(), 1);
        QCOMPARE(limited.front().front().toInt(), 2);  // t=1 -> wait t + 1 s
        QVERIFY(client.rateLimitedMs() >= 2000);
    }

    void onlyHttpUrlsAreFetched() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        HubClient client(optionsFor(hub));
        int calls = 0;
        const HubReply r = getOnce(client, QUrl("file:///etc/hostname"), &calls);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains("non-HTTP"), qPrintable(r.error));
        QVERIFY(r.body.isEmpty());
        QCOMPARE(calls, 1);
    }

    void destroyedWithRequestsInFlight() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(1, 1);
        hub.addFault({FaultKind::Slow, "", -1, 200, 5000, {}});
        int answered = 0;
        {
            HubClient client(optionsFor(hub));
            for (int i = 0; i < 6; ++i)
                client.get(modelInfoUrl(hub.endpoint(), "mockorg/base-00"),
                           [&](const HubReply&) { ++answered; });
            QTRY_COMPARE_WITH_TIMEOUT(hub.requestCount(), 4, 10000);
        }
        QTest::qWait(50);
        QCOMPARE(answered, 0);  // dropped silently, no crash
    }

    void cancelAnswersEveryCallOnce() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(1, 1);
        hub.addFault({FaultKind::Slow, "", -1, 200, 5000, {}});
        ClientOptions o = optionsFor(hub);
        o.maxInFlight = 2;
        HubClient client(o);
        int cancelled = 0, answered = 0;
        for (int i = 0; i < 5; ++i) {
            client.get(modelInfoUrl(hub.endpoint(), "mockorg/base-00"), [&](const HubReply& r) {
                ++answered;
                cancelled += r.cancelled ? 1 : 0;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(hub.requestCount(), 2, 10000);  // only two in flight
        client.cancel();
        QCOMPARE(answered, 5);
        QCOMPARE(cancelled, 5);
        int calls = 0;
        QVERIFY(getOnce(client, modelInfoUrl(hub.endpoint(), "x/y"), &calls)
                    .cancelled);  // refused afterwards
    }
};

QTEST_GUILESS_MAIN(TestHubClient)
#include "test_hub_client.moc"
