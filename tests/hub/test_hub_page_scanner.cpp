// The lean listing scanner against the general QJsonDocument reader: the same models on the
// synthetic Hub's pages, in every field order the mock sends; a decline (the general reader
// then decides) on every shape it does not read itself; createdAt read as QDateTime reads it.
#include <QDateTime>
#include <QtTest>

#include "hub_parser_samples.h"
#include "hubgrowth/data/hub/hub_page_scanner.h"
#include "hubgrowth/data/hub/hub_parsers.h"
#include "hubgrowth/testsupport/synthetic_hub.h"

using namespace hubgrowth;
using namespace hubgrowth::hub;

namespace {

bool sameModels(const ModelPage& a, const ModelPage& b) {
    if (a.models.size() != b.models.size() || a.error != b.error)
        return false;
    for (size_t i = 0; i < a.models.size(); ++i) {
        const HubModel& x = a.models[i];
        const HubModel& y = b.models[i];
        bool same = x.id == y.id && x.createdAt == y.createdAt && x.created == y.created &&
                    x.downloads == y.downloads && x.downloadsAllTime == y.downloadsAllTime &&
                    x.likes == y.likes && x.childrenCount == y.childrenCount &&
                    x.bases.size() == y.bases.size();
        for (size_t k = 0; same && k < x.bases.size(); ++k)
            same = x.bases[k].base == y.bases[k].base && x.bases[k].relation == y.bases[k].relation;
        if (!same)
            return false;
    }
    return true;
}

QByteArray syntheticPage(const mockhub::SyntheticHub& hub, int from, int to,
                         const QStringList& expand) {
    QByteArray body = "[";
    for (int i = from; i < to; ++i) {
        if (i > from)
            body += ",\n ";
        hub.appendJson(i, expand, &body);
    }
    return body + "]";
}

}  // namespace

class TestHubPageScanner : public QObject {
    Q_OBJECT
  private slots:
    void readsTheSyntheticHubLikeTheJsonReader() {
        const mockhub::SyntheticHub hub(3000);
        const QStringList sweepFields = {"createdAt", "tags", "downloads", "likes"};
        for (const QStringList& expand : {sweepFields, QStringList()}) {
            const QByteArray json = syntheticPage(hub, 0, hub.size(), expand);
            const std::optional<ModelPage> scanned = scanModelPage(json);
            QVERIFY(scanned.has_value());
            const ModelPage general = parseModelPageWithQtJson(json);
            QVERIFY2(general.ok(), qPrintable(general.error));
            QCOMPARE(int(scanned->models.size()), hub.size());
            QVERIFY(sameModels(*scanned, general));
            // The mock's byte formatting says what its QString truth says.
            for (int i = 0; i < hub.size(); ++i) {
                QCOMPARE(general.models[size_t(i)].id, hub.id(i));
                QCOMPARE(general.models[size_t(i)].createdAt, hub.createdAt(i));
                QCOMPARE(general.models[size_t(i)].created, hub.createdUnix(i));
            }
        }
    }

    void readsTheRecordedShapes() {
        for (const QByteArray& json : {QByteArray(kSample0), QByteArray("[]"),
                                       QByteArray(" [ ] \n"), QByteArray(kSample8)}) {
            const ModelPage general = parseModelPageWithQtJson(json);
            const std::optional<ModelPage> scanned = scanModelPage(json);
            if (scanned)
                QVERIFY2(sameModels(*scanned, general), json.constData());
            QVERIFY(sameModels(parseModelPage(json), general));
        }
    }

    void declinesWhatItDoesNotRead_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("escape in id") << QByteArray("[{\"id\":\"a\\/b\"}]");
        QTest::newRow("escaped key") << QByteArray("[{\"i\\u0064\":\"a/b\"}]");
        QTest::newRow("duplicate id") << QByteArray("[{\"id\":\"a/b\",\"id\":\"c/d\"}]");
        QTest::newRow("duplicate likes")
            << QByteArray("[{\"id\":\"a/b\",\"likes\":1,\"likes\":2}]");
        QTest::newRow("fraction") << QByteArray("[{\"id\":\"a/b\",\"likes\":3.5}]");
        QTest::newRow("exponent") << QByteArray("[{\"id\":\"a/b\",\"downloads\":1e60}]");
        QTest::newRow("negative") << QByteArray("[{\"id\":\"a/b\",\"downloads\":-4}]");
        QTest::newRow("huge") << QByteArray("[{\"id\":\"a/b\",\"downloads\":12345678901234567}]");
        QTest::newRow("null count") << QByteArray("[{\"id\":\"a/b\",\"likes\":null}]");
        QTest::newRow("non-ascii") << QByteArray("[{\"id\":\"a/\xc3\xa9\"}]");
        QTest::newRow("baseModels") << QByteArray(
            "[{\"id\":\"a/b\",\"baseModels\":{\"relation\":\"adapter\",\"models\":[{\"id\":\"c/"
            "d\"}]}}]");
        QTest::newRow("cardData") << QByteArray("[{\"id\":\"a/b\",\"cardData\":{}}]");
        QTest::newRow("no id") << QByteArray("[{\"likes\":1}]");
        QTest::newRow("empty id") << QByteArray("[{\"id\":\"\"}]");
        QTest::newRow("trailing comma") << QByteArray("[{\"id\":\"a/b\"},]");
        QTest::newRow("garbage after") << QByteArray("[{\"id\":\"a/b\"}] x");
        QTest::newRow("unterminated") << QByteArray("[{\"id\":\"a/b\"");
        QTest::newRow("object page") << QByteArray("{\"id\":\"a/b\"}");
        QTest::newRow("not objects") << QByteArray("[1,2]");
        QTest::newRow("tag not a string") << QByteArray("[{\"id\":\"a/b\",\"tags\":[1]}]");
        QTest::newRow("bad literal") << QByteArray("[{\"id\":\"a/b\",\"private\":nul}]");
        QTest::newRow("deep") << QByteArray("[{\"id\":\"a/b\",\"x\":" + QByteArray(40, '[') +
                                            QByteArray(40, ']') + "}]");
    }
    void declinesWhatItDoesNotRead() {
        QFETCH(QByteArray, json);
        QVERIFY(!scanModelPage(json).has_value());
        // ... and parseModelPage still reads it as the general reader does.
        QVERIFY(sameModels(parseModelPage(json), parseModelPageWithQtJson(json)));
    }

    void skipsFieldsItDoesNotKeep() {
        const QByteArray json =
            "[{\"id\":\"a/b\",\"private\":false,\"x\":[{\"y\":\"q\\\"uote\\\\\"},null,true,-0.5],"
            "\"tags\":[\"base_model:adapter:c/d\",\"region:us\"],\"likes\":0}]";
        const std::optional<ModelPage> scanned = scanModelPage(json);
        QVERIFY(scanned.has_value());
        QVERIFY(sameModels(*scanned, parseModelPageWithQtJson(json)));
        QCOMPARE(scanned->models.front().relationTo("c/d"), QStringLiteral("adapter"));
        QCOMPARE(scanned->models.front().likes, 0);
    }

    void createdAtAsQDateTimeReadsIt() {
        // Every day of 2023-2025 (leap day included) at a time, and the placeholder band.
        QDateTime t(QDate(2022, 3, 1), QTime(23, 59, 58, 123), Qt::UTC);
        for (int day = 0; day < 3 * 366; ++day, t = t.addSecs(86400 + 3671)) {
            const QByteArray text = t.toString(Qt::ISODateWithMs).toLatin1();
            const auto fast = scanCreatedAt(text.constData(), text.size());
            QVERIFY2(fast.has_value(), text.constData());
            QCOMPARE(*fast, parseCreatedAt(QString::fromLatin1(text)));
        }
        for (const char* other : {"2024-02-30T00:00:00.000Z", "2023-02-29T00:00:00.000Z",
                                  "2024-13-01T00:00:00.000Z", "2024-05-01T24:00:00.000Z",
                                  "2024-05-01T12:00:00Z", "2024-05-01T12:00:00.000+01:00"}) {
            QVERIFY2(!scanCreatedAt(other, qstrlen(other)).has_value(), other);
        }
    }
};

QTEST_GUILESS_MAIN(TestHubPageScanner)
#include "test_hub_page_scanner.moc"
