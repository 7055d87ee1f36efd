// The whole-Hub sweep's pieces in process: the parsers on the recorded Hub samples
// (../shared/reference/hub-api-samples; skipped when absent), the next-page URL that keeps our
// sort and the opaque cursor, and the mock's whole-Hub listing quirks the sweep relies on.
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QtTest>

#include "hubgrowth/data/hub/hub_api.h"
#include "hubgrowth/data/hub/hub_client.h"
#include "hubgrowth/data/hub/hub_parsers.h"
#include "hubgrowth/data/hub/hub_sweeper.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/testsupport/mock_hub.h"
#include "hubgrowth/testsupport/reference_data.h"
#include "hubgrowth/testsupport/synthetic_hub.h"

using namespace hubgrowth;

namespace {

QString samplesDir() {
    return testing::referenceDir() + QStringLiteral("/hub-api-samples");
}

QByteArray sample(const QString& prefix) {
    const QDir dir(samplesDir());
    const QStringList names = dir.entryList({prefix + "*.json"}, QDir::Files);
    QFile f(names.isEmpty() ? QString() : dir.filePath(names.front()));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray section(const QByteArray& json, const QString& key, const QString& inner) {
    const QJsonValue v = QJsonDocument::fromJson(json).object().value(key);
    return QJsonDocument(v.toObject().value(inner).isArray()
                             ? QJsonDocument(v.toObject().value(inner).toArray())
                             : QJsonDocument(v.toObject().value(inner).toObject()))
        .toJson();
}

hub::HubReply get(hub::HubClient& client, const QUrl& url) {
    hub::HubReply answer;
    QEventLoop loop;
    client.get(url, [&](const hub::HubReply& r) {
        answer = r;
        loop.quit();
    });
    loop.exec();
    return answer;
}

}  // namespace

class TestHubSweep : public QObject {
    Q_OBJECT
  private slots:
    void recordedListingDefaultFields() {
        if (!QDir(samplesDir()).exists())
            QSKIP(qPrintable("recorded Hub samples not found at " + samplesDir() + "; skipping"));
        const hub::ModelPage page = hub::parseModelPage(sample("01_"));
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.models.size(), size_t(2));
        QVERIFY(page.models[0].bases.empty());  // Kimi-K2: an original
        const hub::HubModel& glm = page.models[1];
        QCOMPARE(glm.id, QStringLiteral("THUDM/GLM-4.1V-9B-Thinking"));
        QCOMPARE(glm.relationTo("THUDM/GLM-4-9B-0414"), QStringLiteral("finetune"));
        QCOMPARE(glm.downloads, qint64(33839));
        QCOMPARE(glm.likes, qint64(568));
        QVERIFY(glm.created.has_value());
    }
    void recordedDetailWithPlaceholderDate() {
        if (!QDir(samplesDir()).exists())
            QSKIP(qPrintable("recorded Hub samples not found at " + samplesDir() + "; skipping"));
        const QJsonObject body =
            QJsonDocument::fromJson(sample("02_")).object().value("body_trimmed").toObject();
        const hub::ModelPage info = hub::parseModelInfo(QJsonDocument(body).toJson());
        QVERIFY2(info.ok(), qPrintable(info.error));
        const hub::HubModel& m = info.models.front();
        QCOMPARE(m.createdAt, QStringLiteral("2022-03-02T23:29:05.000Z"));  // the placeholder band
        QVERIFY(!m.created.has_value());
        QCOMPARE(m.relationTo("FacebookAI/roberta-base"), QStringLiteral("finetune"));
        QCOMPARE(m.cardBaseModels, QStringList{"FacebookAI/roberta-base"});
    }
    void recordedListingWithBaseModelsAndNoTags() {
        if (!QDir(samplesDir()).exists())
            QSKIP(qPrintable("recorded Hub samples not found at " + samplesDir() + "; skipping"));
        const QByteArray json = sample("03_");
        const hub::ModelPage page =
            hub::parseModelPage(section(json, "A_list_with_expand_baseModels", "body_excerpt"));
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.models.size(), size_t(6));
        // Only the expanded keys came back (no tags): the lineage is read from baseModels.
        QCOMPARE(page.models[0].relationTo("Qwen/Qwen3-Coder-30B-A3B-Instruct"),
                 QStringLiteral("quantized"));
        QVERIFY(page.models[1].bases.empty());
        QCOMPARE(page.models[3].relationTo("Qwen/Qwen3-8B"), QStringLiteral("finetune"));
        QCOMPARE(page.models[0].likes, qint64(-1));  // not sent
        const hub::ModelPage detail =
            hub::parseModelInfo(QJsonDocument(QJsonDocument::fromJson(json)
                                                  .object()
                                                  .value("B_detail_with_expand")
                                                  .toObject()
                                                  .value("body")
                                                  .toObject())
                                    .toJson());
        QVERIFY2(detail.ok(), qPrintable(detail.error));
        // Tags and baseModels agree: one base, one relation.
        QCOMPARE(detail.models.front().bases.size(), size_t(2));  // the bare and the finetune tag
        QCOMPARE(detail.models.front().relationTo("Qwen/Qwen3.5-9B"), QStringLiteral("finetune"));
    }
    void nextUrlKeepsOurSortAndTheOpaqueCursor() {
        // The recorded notebook's next link: sort=trendingScore and a base64 cursor ending %3D%3D.
        const QByteArray cursor =
            "eyIkb3IiOlt7InRyZW5kaW5nU2NvcmUiOjAsIl9pZCI6eyIkZ3QiOiI2NzAyYTc0MDIzZGY1YTdiZDgxZDcxYz"
            "IifX0seyJ0cmVuZGluZ1Njb3JlIjp7IiRsdCI6MH19LHsidHJlbmRpbmdTY29yZSI6bnVsbH1dfQ%3D%3D";
        const QUrl first = hub::sweepUrl(QUrl("https://huggingface.co"));
        const QUrl link = QUrl::fromEncoded(
            "https://huggingface.co/api/models?sort=trendingScore&cursor=" + cursor);
        const QUrl next = hub::sweepNextUrl(first, link);
        const QByteArray encoded = next.toEncoded();
        QVERIFY2(encoded.endsWith("&cursor=" + cursor), encoded.constData());
        QVERIFY(!encoded.contains("trendingScore"));
        QCOMPARE(QUrlQuery(next).allQueryItemValues("sort"), QStringList{"createdAt"});
        QCOMPARE(QUrlQuery(next).allQueryItemValues("expand[]"),
                 (QStringList{"createdAt", "tags", "downloads", "likes"}));
        QVERIFY(
            hub::sweepNextUrl(first, QUrl("https://huggingface.co/api/models?sort=x")).isEmpty());
    }
    void mockRefusesWhatTheHubRefuses() {
        mockhub::MockHub mock;
        QVERIFY(mock.start());
        mock.setSyntheticHub(std::make_shared<mockhub::SyntheticHub>(3000));
        mock.setMaxPageSize(500);
        hub::ClientOptions options;
        options.endpoint = mock.endpoint();
        options.retry.maxRetries = 0;
        hub::HubClient client(options);
        const QString base = mock.endpoint().toString() + "/api/models?";
        for (const char* sort : {"downloads", "likes", "trendingScore"})
            QCOMPARE(get(client, QUrl(base + "sort=" + sort + "&direction=1")).status, 400);
        QCOMPARE(get(client, QUrl(base + "sort=createdAt&expand[]=baseModels")).status, 400);
        // Ascending createdAt is allowed; a page holds fewer entries than the limit asked.
        const hub::HubReply up = get(client, QUrl(base + "sort=createdAt&direction=1&limit=1000"));
        QCOMPARE(up.status, 200);
        const hub::ModelPage upPage = hub::parseModelPage(up.body);
        QCOMPARE(upPage.models.size(), size_t(500));
        QCOMPARE(upPage.models.front().createdAt, QStringLiteral("2022-03-02T23:29:04.000Z"));
        // The default fields without expand[]; the Link puts sort=trendingScore first.
        const hub::HubReply plain = get(client, QUrl(base + "sort=createdAt"));
        const QJsonObject entry = QJsonDocument::fromJson(plain.body).array().first().toObject();
        for (const char* key : {"_id", "id", "likes", "trendingScore", "private", "downloads",
                                "tags", "pipeline_tag", "library_name", "createdAt", "modelId"})
            QVERIFY2(entry.contains(key), key);
        QVERIFY(hub::parseNextLink(plain.link).toEncoded().contains("?sort=trendingScore&"));
        QCOMPARE(plain.totalCount, qint64(3000));
        // Allowed (as in the 2026-10 capture): baseModels arrives and is read.
        mock.setListingBaseModelsAllowed(true);
        const hub::HubReply withBases =
            get(client, QUrl(base + "sort=createdAt&expand[]=baseModels&expand[]=createdAt"));
        QCOMPARE(withBases.status, 200);
        const hub::ModelPage page = hub::parseModelPage(withBases.body);
        int derived = 0;
        for (const hub::HubModel& m : page.models)
            derived += m.bases.empty() ? 0 : 1;
        QVERIFY(derived > 50);
    }
    void followingTheLinkBlindlyWouldLoseModels() {
        // Why the sweep rebuilds its next URL: the trending order moves models between pages.
        mockhub::MockHub mock;
        QVERIFY(mock.start());
        mock.setSyntheticHub(std::make_shared<mockhub::SyntheticHub>(3000));
        hub::ClientOptions options;
        options.endpoint = mock.endpoint();
        hub::HubClient client(options);
        QSet<QString> blind;
        QUrl url = hub::sweepUrl(mock.endpoint());
        for (int pages = 0; !url.isEmpty() && pages < 10; ++pages) {
            const hub::HubReply reply = get(client, url);
            for (const hub::HubModel& m : hub::parseModelPage(reply.body).models)
                blind.insert(m.id);
            url = reply.url.resolved(hub::parseNextLink(reply.link));
            if (hub::parseNextLink(reply.link).isEmpty())
                url = QUrl();
        }
        QVERIFY2(blind.size() < 3000, qPrintable(QString::number(blind.size())));
        // The sweeper's own paging sees every model once.
        QTemporaryDir dir;
        QString error;
        auto store = store::HubStore::open(dir.filePath("s.db"), &error);
        QVERIFY2(store, qPrintable(error));
        hub::HubSweeper sweeper(&client, store.get(), false);
        QEventLoop loop;
        connect(&sweeper, &hub::HubSweeper::finished, &loop, &QEventLoop::quit);
        sweeper.start();
        loop.exec();
        QVERIFY2(sweeper.summary().fatal.isEmpty(), qPrintable(sweeper.summary().fatal));
        QCOMPARE(sweeper.summary().models, qint64(3000));
        QCOMPARE(store->count("models"), 3000);
    }

    void stagedMergesInChunksWriteWhatOneMergeWrites() {
        // The merge path a 20 k-model suite never reaches at the default sizes (a merge every
        // 100 k models): merges every 700 models in chunks of ~300 stored models must leave the
        // same store as one merge at the end, after a first sweep and a --full one.
        mockhub::MockHub mock;
        QVERIFY(mock.start());
        auto synthetic = std::make_shared<mockhub::SyntheticHub>(4000);
        mock.setSyntheticHub(synthetic);
        mock.setMaxPageSize(250);
        QTemporaryDir dir;
        QStringList dumps;
        for (const bool small : {false, true}) {
            QString error;
            auto store = store::HubStore::open(dir.filePath(small ? "small.db" : "one.db"), &error);
            QVERIFY2(store, qPrintable(error));
            if (small)
                store->setSweepMergeSizes(700, 300);
            for (const bool full : {false, true}) {
                if (full) {
                    synthetic->declareLateChildren();
                    synthetic->nextDay();
                }
                hub::ClientOptions options;
                options.endpoint = mock.endpoint();
                hub::HubClient client(options);
                hub::HubSweeper sweeper(&client, store.get(), full);
                QEventLoop loop;
                connect(&sweeper, &hub::HubSweeper::finished, &loop, &QEventLoop::quit);
                sweeper.start();
                loop.exec();
                QVERIFY2(sweeper.summary().fatal.isEmpty(), qPrintable(sweeper.summary().fatal));
                QVERIFY(sweeper.summary().complete);
                QCOMPARE(store->count("sweep_staged_models"), 0);
                QCOMPARE(store->count("sweep_staged_edges"), 0);
            }
            synthetic = std::make_shared<mockhub::SyntheticHub>(4000);  // day 0, late undeclared
            mock.setSyntheticHub(synthetic);
            QSqlQuery q(store->database());
            QStringList rows;
            // Keys differ with the merge order; everything else, and each key's model, may not.
            QVERIFY(
                q.exec("SELECT id, author, created_at, created_unix, first_fetch, last_fetch,"
                       " key IS NULL FROM models ORDER BY id"));
            while (q.next())
                rows << QStringList{q.value(0).toString(), q.value(1).toString(),
                                    q.value(2).toString(), q.value(3).toString(),
                                    q.value(4).toString(), q.value(5).toString(),
                                    q.value(6).toString()}
                            .join('|');
            QVERIFY(
                q.exec("SELECT parent, child, relation, first_fetch FROM edges ORDER BY 1, 2, 3"));
            while (q.next())
                rows << QStringLiteral("edge %1 %2 %3 %4")
                            .arg(q.value(0).toString(), q.value(1).toString(),
                                 q.value(2).toString(), q.value(3).toString());
            QVERIFY(
                q.exec("SELECT s.sweep, m.id, s.downloads, s.likes FROM sweep_snapshots s JOIN "
                       "models m ON m.key = s.key ORDER BY 1, 2"));
            while (q.next())
                rows << QStringLiteral("snapshot %1 %2 %3 %4")
                            .arg(q.value(0).toString(), q.value(1).toString(),
                                 q.value(2).toString(), q.value(3).toString());
            QVERIFY(
                q.exec("SELECT count(*) - count(DISTINCT key) FROM models WHERE key IS NOT NULL"));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            QVERIFY(q.exec("SELECT count(*) FROM sweep_snapshots"));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 8000);  // every model in both sweeps
            dumps << rows.join('\n');
        }
        QVERIFY(dumps[0].size() > 100000);
        QCOMPARE(dumps[1], dumps[0]);
    }
};

QTEST_GUILESS_MAIN(TestHubSweep)
#include "test_hub_sweep.moc"
