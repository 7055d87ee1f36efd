// When to retry and how long to wait.
#include <QtTest>

#include "hubgrowth/data/hub/retry_policy.h"

using namespace hubgrowth::hub;

class TestRetryPolicy : public QObject {
    Q_OBJECT
  private slots:
    void retryableStatuses() {
        for (int s : {408, 429, 500, 502, 503, 504})
            QVERIFY(isRetryableStatus(s));
        for (int s : {200, 301, 400, 401, 403, 404, 501})
            QVERIFY(!isRetryableStatus(s));
    }

    void rateLimitWinsThenRetryAfterThenBackoff() {
        const RetryPolicy policy;  // 6 retries, 1 s base, 60 s cap
        RateLimit exhausted;
        exhausted.remaining = 0;
        exhausted.resetSeconds = 7;
        QCOMPARE(*retryDelayMs(policy, 1, exhausted, 100, 0.3), 8000);  // t + 1 s
        RateLimit left = exhausted;
        left.remaining = 4;
        QCOMPARE(*retryDelayMs(policy, 1, left, 3, 0.3), 3000);  // r > 0: Retry-After
        QCOMPARE(*retryDelayMs(policy, 1, {}, std::nullopt, 0.5), 1000);
        QCOMPARE(*retryDelayMs(policy, 3, {}, std::nullopt, 0.5), 4000);
        QCOMPARE(*retryDelayMs(policy, 3, {}, std::nullopt, 0.0), 2000);  // jitter: 0.5x .. 1.5x
        QCOMPARE(*retryDelayMs(policy, 3, {}, std::nullopt, 0.999), 5996);
        QCOMPARE(*retryDelayMs(policy, 6, {}, std::nullopt, 0.5), 32000);
    }

    void capOnDelayAndRetries() {
        RetryPolicy policy;
        policy.maxRetries = 40;
        QCOMPARE(*retryDelayMs(policy, 40, {}, std::nullopt, 0.5), policy.maxDelayMs);
        QVERIFY(!retryDelayMs(policy, 41, {}, std::nullopt, 0.5));
        QVERIFY(!retryDelayMs(RetryPolicy{}, 7, {}, 1, 0.5));
        QVERIFY(!retryDelayMs(RetryPolicy{}, 0, {}, 1, 0.5));
        QCOMPARE(*retryDelayMs(policy, 1, {}, std::nullopt, 5.0), 1500);  // jitter clamped
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "test_retry_policy.moc"
