// Hub URLs and the model-id rule shared by the CLI and the fetch dialog.
#include <QUrlQuery>
#include <QtTest>

#include "hubgrowth/data/hub/hub_api.h"

using namespace hubgrowth::hub;

class TestHubApi : public QObject {
    Q_OBJECT

  private slots:
    void modelIds_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("org/name") << "meta-llama/Llama-2-7b" << true;
        QTest::newRow("dots and underscores") << "Qwen/Qwen1.5-0.5B_chat.v2" << true;
        QTest::newRow("legacy name") << "gpt2" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("space") << "not an/id" << false;
        QTest::newRow("two slashes") << "a/b/c" << false;
        QTest::newRow("empty org") << "/name" << false;
        QTest::newRow("empty name") << "org/" << false;
        QTest::newRow("option-like") << "-v" << false;
        QTest::newRow("trailing dot") << "org/name." << false;
        QTest::newRow("double dash") << "org/na--me" << false;
        QTest::newRow("double dot") << "org/na..me" << false;
        QTest::newRow("path escape") << "../etc" << false;
        QTest::newRow("query") << "org/name?x=1" << false;
        QTest::newRow("too long") << "org/" + QString(97, QLatin1Char('a')) << false;
        QTest::newRow("longest") << "org/" + QString(96, QLatin1Char('a')) << true;
    }
    void modelIds() {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        QCOMPARE(isModelId(id), valid);
    }

    void childrenUrlRepeatsExpandAndFilters() {
        const QUrl url = childrenUrl(QUrl(QStringLiteral("http://127.0.0.1:9")),
                                     QStringLiteral("org/base"), QStringLiteral("finetune"));
        QCOMPARE(url.path(), QStringLiteral("/api/models"));
        const QUrlQuery query(url);
        QCOMPARE(query.queryItemValue(QStringLiteral("filter")),
                 QStringLiteral("base_model:finetune:org/base"));
        QCOMPARE(query.allQueryItemValues(QStringLiteral("expand[]")),
                 QStringList({"createdAt", "tags", "downloads", "likes"}));
        QCOMPARE(query.queryItemValue(QStringLiteral("sort")), QStringLiteral("createdAt"));
        QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QString::number(kPageLimit));
    }
};

QTEST_GUILESS_MAIN(TestHubApi)
#include "test_hub_api.moc"
