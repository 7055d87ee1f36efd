// `store check`'s invariants for the whole-Hub sweep tables: a store swept twice from the mock
// is clean, and each kind of damage to sweeps or sweep_snapshots is named by its own message.
#include <QEventLoop>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include "hubgrowth/data/hub/hub_client.h"
#include "hubgrowth/data/hub/hub_sweeper.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/store_check.h"
#include "hubgrowth/testsupport/mock_hub.h"
#include "hubgrowth/testsupport/synthetic_hub.h"

using namespace hubgrowth;

namespace {

bool sweep(const QUrl& endpoint, const QString& path, bool full) {
    QString error;
    auto store = store::HubStore::open(path, &error);
    if (!store)
        return false;
    hub::ClientOptions options;
    options.endpoint = endpoint;
    hub::HubClient client(options);
    hub::HubSweeper sweeper(&client, store.get(), full);
    QEventLoop loop;
    QObject::connect(&sweeper, &hub::HubSweeper::finished, &loop, &QEventLoop::quit);
    sweeper.start();
    loop.exec();
    return sweeper.summary().fatal.isEmpty() && sweeper.summary().complete &&
           store->checkpoint(&error);
}

bool rawSql(const QString& path, const QString& sql) {
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "damage");
        db.setDatabaseName(path);
        ok = db.open() && QSqlQuery(db).exec(sql);
        db.close();
    }
    QSqlDatabase::removeDatabase("damage");
    return ok;
}

}  // namespace

class TestSweepCheck : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QVERIFY(mock_.start());
        auto synthetic = std::make_shared<mockhub::SyntheticHub>(2500);
        mock_.setSyntheticHub(synthetic);
        pristine_ = dir_.filePath("swept.db");
        QVERIFY(sweep(mock_.endpoint(), pristine_, false));
        synthetic->nextDay();
        QVERIFY(sweep(mock_.endpoint(), pristine_, true));
        const store::StoreCheckResult check = store::checkStore(pristine_);
        QVERIFY2(check.clean(), qPrintable(check.problems.join('\n')));
    }

    void eachDamageIsNamed_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("message");
        QTest::newRow("shared key") << "UPDATE models SET key = 1 WHERE key = 2"
                                    << "share a sweep key";
        QTest::newRow("orphan snapshot key")
            << "INSERT INTO sweep_snapshots VALUES (1, 999999, 5, 5)"
            << "of a key that no model has";
        QTest::newRow("model lost its key") << "UPDATE models SET key = NULL WHERE key = 7"
                                            << "of a key that no model has";
        QTest::newRow("orphan snapshot sweep")
            << "UPDATE sweep_snapshots SET sweep = 99 WHERE sweep = 2 AND key = 3"
            << "belong to no sweep";
        QTest::newRow("finished before started")
            << "UPDATE sweeps SET finished_at = started_at - 10 WHERE id = 1"
            << "finished before they started";
        QTest::newRow("negative models") << "UPDATE sweeps SET models = -1 WHERE id = 2"
                                         << "negative or impossible count";
        QTest::newRow("models without pages") << "UPDATE sweeps SET pages = 0 WHERE id = 2"
                                              << "negative or impossible count";
        QTest::newRow("unknown mode") << "UPDATE sweeps SET mode = 'sideways' WHERE id = 2"
                                      << "unknown mode";
        QTest::newRow("finished with a cursor")
            << "UPDATE sweeps SET next_url = 'https://huggingface.co/api/models?cursor=x' WHERE "
               "id = 1"
            << "still hold a cursor";
        QTest::newRow("more snapshots than models") << "UPDATE sweeps SET models = 10 WHERE id = 1"
                                                    << "more snapshots than the models";
        QTest::newRow("second first sweep") << "UPDATE sweeps SET mode = 'first' WHERE id = 2"
                                            << "marked first although";
    }
    void eachDamageIsNamed() {
        QFETCH(QString, sql);
        QFETCH(QString, message);
        const QString copy = dir_.filePath(QStringLiteral("damaged-%1.db").arg(++copies_));
        QVERIFY(QFile::copy(pristine_, copy));
        QVERIFY(rawSql(copy, sql));
        const store::StoreCheckResult check = store::checkStore(copy);
        QVERIFY(check.readable);
        const QString all = check.problems.join('\n');
        QVERIFY2(all.contains(message), qPrintable(all));
    }

  private:
    mockhub::MockHub mock_;
    QTemporaryDir dir_;
    QString pristine_;
    int copies_ = 0;
};

QTEST_GUILESS_MAIN(TestSweepCheck)
#include "test_sweep_check.moc"
