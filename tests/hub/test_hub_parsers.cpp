// The pure parsers: JSON pages, Link, RateLimit, Retry-After, createdAt, base_model tags.
#include <QtTest>

#include "hub_parser_samples.h"
#include "hubgrowth/data/hub/hub_parsers.h"

using namespace hubgrowth::hub;

class TestHubParsers : public QObject {
    Q_OBJECT
  private slots:
    void pageWithEveryField() {
        const QByteArray json = kSample0;
        const ModelPage page = parseModelPage(json);
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(int(page.models.size()), 3);
        const HubModel& a = page.models[0];
        QCOMPARE(a.id, QStringLiteral("alice/ft"));
        QCOMPARE(a.author(), QStringLiteral("alice"));
        QCOMPARE(*a.created,
                 QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC).toSecsSinceEpoch());
        QCOMPARE(a.downloads, 42);
        QCOMPARE(a.likes, 3);
        QCOMPARE(a.downloadsAllTime, -1);
        QCOMPARE(a.relationTo("org/base"), QStringLiteral("finetune"));
        QVERIFY(a.relationTo("other/base").isEmpty());
        QVERIFY(a.isDerived());
        QVERIFY(!page.models[1].created);  // the pre-2022 placeholder is unknown
        QCOMPARE(page.models[1].createdAt, QStringLiteral("2022-03-02T23:29:05.000Z"));
        QCOMPARE(page.models[1].relationTo("org/base"), QStringLiteral("quantized"));
        QCOMPARE(page.models[2].relationTo("org/base"), kUnspecifiedRelation);
        QVERIFY(!page.models[2].created);
    }

    void modelInfoWithCardData() {
        ModelPage info = parseModelInfo(kSample1);
        QVERIFY(info.ok());
        QCOMPARE(info.models.front().cardBaseModels, QStringList({"a/b", "c/d"}));
        QCOMPARE(info.models.front().newVersion, QStringLiteral("o/m2"));
        QCOMPARE(info.models.front().childrenCount, 12);
        QCOMPARE(info.models.front().downloadsAllTime, 9);
        QVERIFY(info.models.front().isDerived());
        info = parseModelInfo(kSample2);
        QCOMPARE(info.models.front().cardBaseModels, QStringList({"a/b"}));
        QVERIFY(!parseModelInfo("[]").ok());
    }

    void malformedPagesAreRejectedWhole_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << QByteArray(kSample3);
        QTest::newRow("object") << QByteArray(kSample4);
        QTest::newRow("no id") << QByteArray(kSample5);
        QTest::newRow("numeric id") << QByteArray(kSample6);
        QTest::newRow("not objects") << QByteArray(kSample7);
        QTest::newRow("garbage") << QByteArray("\x00\xff<html>", 8);
    }
    void malformedPagesAreRejectedWhole() {
        QFETCH(QByteArray, json);
        const ModelPage page = parseModelPage(json);
        QVERIFY(!page.ok());
        QVERIFY(page.models.empty());
    }

    void oddFieldTypesAreIgnored() {
        const ModelPage page = parseModelPage(kSample8);
        QVERIFY(page.ok());
        QCOMPARE(page.models.front().downloads, -1);
        QCOMPARE(page.models.front().likes, -1);
        QVERIFY(!page.models.front().created);
        QVERIFY(!page.models.front().isDerived());
    }

    void hugeCountsSaturate() {
        // Casting 1e60 to qint64 was undefined behaviour (found by fuzz_hub_model_page).
        const ModelPage page =
            parseModelPage("[{\"id\":\"a/b\",\"downloads\":1e60,\"likes\":3.5}]");
        QVERIFY(page.ok());
        QCOMPARE(page.models.front().downloads, qint64(9000000000000000000));
        QCOMPARE(page.models.front().likes, 3);
    }

    void emptyPageIsFine() { QVERIFY(parseModelPage("[]").ok()); }

    void nextLink_data() {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("hub") << QByteArray(kSample9)
                             << QByteArray(
                                    "https://huggingface.co/api/"
                                    "models?filter=base_model%3Aa%2Fb&cursor=eyJfaWQiOnt9fQ%3D%3D");
        QTest::newRow("unquoted rel")
            << QByteArray("<https://h/x?c=1%3D>; rel=next") << QByteArray("https://h/x?c=1%3D");
        QTest::newRow("several links") << QByteArray(kSample10) << QByteArray("https://h/n?a=b,c");
        QTest::newRow("several rels") << QByteArray(kSample11) << QByteArray("https://h/n");
        QTest::newRow("no next") << QByteArray(kSample12) << QByteArray();
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("unclosed") << QByteArray("<https://h/n; rel=next") << QByteArray();
        QTest::newRow("empty target") << QByteArray("<>; rel=next") << QByteArray();
    }
    void nextLink() {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, expected);
        QCOMPARE(parseNextLink(header).toEncoded(), expected);
    }

    void rateLimit_data() {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("remaining");
        QTest::addColumn<qint64>("reset");
        QTest::newRow("exhausted") << QByteArray(kSample13) << qint64(0) << qint64(55);
        QTest::newRow("spaces") << QByteArray(kSample14) << qint64(12) << qint64(3);
        QTest::newRow("only t") << QByteArray(kSample15) << qint64(-1) << qint64(9);
        QTest::newRow("garbage") << QByteArray("nonsense") << qint64(-1) << qint64(-1);
        QTest::newRow("negative") << QByteArray(kSample16) << qint64(-1) << qint64(-1);
        QTest::newRow("two policies") << QByteArray(kSample17) << qint64(5) << qint64(10);
    }
    void rateLimit() {
        QFETCH(QByteArray, header);
        QFETCH(qint64, remaining);
        QFETCH(qint64, reset);
        const RateLimit limit = parseRateLimit(header);
        QCOMPARE(limit.remaining.value_or(-1), remaining);
        QCOMPARE(limit.resetSeconds.value_or(-1), reset);
        QCOMPARE(limit.exhausted(), remaining == 0);
    }

    void retryAfter() {
        QCOMPARE(parseRetryAfter("120", 0).value_or(-1), 120);
        QCOMPARE(parseRetryAfter(" 0 ", 0).value_or(-1), 0);
        QVERIFY(!parseRetryAfter("-3", 0));
        QVERIFY(!parseRetryAfter("soon", 0));
        QVERIFY(!parseRetryAfter("", 0));
        const qint64 now =
            QDateTime(QDate(2015, 10, 21), QTime(7, 27, 0), Qt::UTC).toSecsSinceEpoch();
        QCOMPARE(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now).value_or(-1), 60);
        QCOMPARE(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now + 3600).value_or(-1), 0);
        // Capped, so that a caller's seconds-to-milliseconds cannot overflow (fuzz_hub_headers
        // checks the bound).
        QCOMPARE(parseRetryAfter("9223372036854775807", 0).value_or(-1), kMaxHeaderWaitSeconds);
        QCOMPARE(parseRetryAfter("Sat, 01 Jan 2050 00:00:00 GMT", now).value_or(-1),
                 kMaxHeaderWaitSeconds);
        QCOMPARE(parseRateLimit("\"api\";r=0;t=9223372036854775807").resetSeconds.value_or(-1),
                 kMaxHeaderWaitSeconds);
    }

    void createdAt() {
        QVERIFY(!parseCreatedAt("2022-03-02T23:29:04.000Z"));
        QVERIFY(!parseCreatedAt("2022-03-03T00:00:00.000Z"));
        QVERIFY(!parseCreatedAt("2021-01-01T00:00:00Z"));
        QVERIFY(parseCreatedAt("2022-03-03T00:00:01.000Z"));
        QVERIFY(!parseCreatedAt("yesterday"));
        QVERIFY(!parseCreatedAt(""));
        QCOMPARE(*parseCreatedAt("2024-01-01T01:00:00+01:00"),
                 QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch());
    }

    void baseModelTags() {
        QCOMPARE(parseBaseModelTag("base_model:adapter:a/b")->relation, QStringLiteral("adapter"));
        QCOMPARE(parseBaseModelTag("base_model:merge:gpt2")->base, QStringLiteral("gpt2"));
        QCOMPARE(parseBaseModelTag("base_model:a/b")->relation, kUnspecifiedRelation);
        QVERIFY(!parseBaseModelTag("base_model:distill:a/b"));
        QVERIFY(!parseBaseModelTag("base_model:"));
        QVERIFY(!parseBaseModelTag("license:mit"));
        QVERIFY(!parseBaseModelTag("base_model:finetune:"));
    }
};

QTEST_GUILESS_MAIN(TestHubParsers)
#include "test_hub_parsers.moc"
