// Damaged copies of a real store (fetched from the mock Hub): every 4 KiB page overwritten with
// random bytes in turn, and the file cut at every 4 KiB boundary. Each copy loads either to
// exactly the undamaged series or to an error naming the file; never other numbers with success.
#include <QFile>
#include <QRandomGenerator>
#include <QtTest>

#include "hubgrowth/data/store/store_dataset.h"
#include "hubgrowth/testsupport/fetch_harness.h"

using namespace hubgrowth;
using namespace hubgrowth::testing;

namespace {

constexpr qint64 kPage = 4096;

bool sameSeries(const Dataset& a, const Dataset& b) {
    if (a.series.size() != b.series.size())
        return false;
    for (size_t i = 0; i < a.series.size(); ++i) {
        const ModelSeries &x = a.series[i], &y = b.series[i];
        if (x.id != y.id || x.counts != y.counts || x.unknownDates != y.unknownDates ||
            x.createdAt != y.createdAt || x.org != y.org)
            return false;
    }
    return true;
}

struct Tally {
    int exact = 0, refused = 0, wrong = 0;
    QStringList wrongCases;
};

void judge(const QString& copy, const ImportResult& pristine, const QString& label, Tally* t) {
    const ImportResult loaded = store::loadStoreDataset(copy, {"all"});
    if (!loaded.ok()) {
        if (loaded.error.contains(copy) && !loaded.dataset.series.size())
            ++t->refused;
        else
            t->wrongCases << label + ": unclear error: " + loaded.error;
        return;
    }
    if (sameSeries(loaded.dataset, pristine.dataset))
        ++t->exact;
    else {
        ++t->wrong;
        t->wrongCases << label + ": loaded other numbers with success";
    }
}

}  // namespace

class TestStoreDamage : public QObject {
    Q_OBJECT
  private:
    FetchHarness h_;
    QByteArray pristineBytes_;
    ImportResult pristine_;

  private slots:
    void initTestCase() {
        QVERIFY(h_.open());
        h_.hub.addSyntheticLineage(3, 900);
        const hub::FetchSummary s =
            h_.run(plan({"mockorg/base-00", "mockorg/base-01", "mockorg/base-02"}, {"all"}));
        QVERIFY(s.fatal.isEmpty() && s.failures.empty());
        QString error;
        QVERIFY(h_.store->checkpoint(&error));
        h_.store.reset();
        QFile f(h_.dbPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        pristineBytes_ = f.readAll();
        QVERIFY(pristineBytes_.size() % kPage == 0);
        pristine_ = store::loadStoreDataset(h_.dbPath(), {"all"});
        QVERIFY(pristine_.ok());
        QCOMPARE(int(pristine_.dataset.series.size()), 3);
        qInfo("store of %lld pages", qint64(pristineBytes_.size()) / kPage);
    }

    void everyPageOverwritten() {
        const QString copy = h_.dir.filePath("damaged.db");
        QRandomGenerator rng(2026);
        Tally tally;
        const qint64 pages = pristineBytes_.size() / kPage;
        for (qint64 page = 0; page < pages; ++page) {
            QByteArray bytes = pristineBytes_;
            for (qint64 i = 0; i < kPage; ++i)
                bytes[page * kPage + i] = char(rng.bounded(256));
            QFile::remove(copy + "-wal");
            QFile::remove(copy + "-shm");
            QFile f(copy);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QCOMPARE(f.write(bytes), bytes.size());
            f.close();
            judge(copy, pristine_, QStringLiteral("page %1").arg(page), &tally);
        }
        qInfo("pages overwritten: %d exact, %d refused with a message, %d wrong", tally.exact,
              tally.refused, tally.wrong);
        QVERIFY2(tally.wrongCases.isEmpty(), qPrintable(tally.wrongCases.mid(0, 5).join('\n')));
        QVERIFY(tally.refused > 0);
    }

    void truncatedAtEveryPageBoundary() {
        const QString copy = h_.dir.filePath("truncated.db");
        Tally tally;
        const qint64 pages = pristineBytes_.size() / kPage;
        for (qint64 keep = 0; keep < pages; ++keep) {
            QFile::remove(copy + "-wal");
            QFile::remove(copy + "-shm");
            QFile f(copy);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(pristineBytes_.constData(), keep * kPage);
            f.close();
            judge(copy, pristine_, QStringLiteral("%1 pages kept").arg(keep), &tally);
        }
        qInfo("truncations: %d exact, %d refused with a message, %d wrong", tally.exact,
              tally.refused, tally.wrong);
        QVERIFY2(tally.wrongCases.isEmpty(), qPrintable(tally.wrongCases.mid(0, 5).join('\n')));
        QCOMPARE(tally.exact, 0);  // every cut loses pages the store needs
    }
};

QTEST_GUILESS_MAIN(TestStoreDamage)
#include "test_store_damage.moc"
