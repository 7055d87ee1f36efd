// Replays every fuzzing corpus file (tests/fuzz/corpus/<target>/) through the invariants the
// libFuzzer targets check, with the normal compiler and, in CI, under ASan/UBSan. A crash found
// by fuzzing is added to the corpus and so stays tested here.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>

#include "fuzz_invariants.h"
#include "hub_invariants.h"
#include "hubgrowth/data/store/store_dataset.h"
#include "store_invariants.h"

using namespace hubgrowth;

namespace {

QStringList corpusFiles(const QString& target) {
    QDir dir(QStringLiteral(HUBGROWTH_FUZZ_CORPUS_DIR "/") + target);
    QStringList files;
    for (const QString& name : dir.entryList(QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

}  // namespace

class TestFuzzCorpus : public QObject {
    Q_OBJECT
    static void corpusRows(const QString& target) {
        QTest::addColumn<QString>("path");
        for (const QString& f : corpusFiles(target))
            QTest::newRow(qPrintable(f.section('/', -2))) << f;
    }

  private slots:
    void csvReaderCorpus_data() {
        QTest::addColumn<QString>("path");
        const QStringList files = corpusFiles(QStringLiteral("csv_reader")) +
                                  corpusFiles(QStringLiteral("paper_csv_importer"));
        for (const QString& f : files)
            QTest::newRow(qPrintable(f.section('/', -2))) << f;
    }
    void csvReaderCorpus() {
        QFETCH(QString, path);
        const QByteArray text = readAll(path);
        const std::string problem =
            fuzz::checkCsvReader(std::string_view(text.constData(), text.size()));
        QVERIFY2(problem.empty(), problem.c_str());
    }

    void paperImporterCorpus_data() { csvReaderCorpus_data(); }
    void paperImporterCorpus() {
        QFETCH(QString, path);
        const std::string problem = fuzz::checkPaperCsvImporter(readAll(path));
        QVERIFY2(problem.empty(), problem.c_str());
    }

    void hubModelPageCorpus_data() { corpusRows(QStringLiteral("hub_model_page")); }
    void hubModelPageCorpus() {
        QFETCH(QString, path);
        const std::string problem = fuzz::checkHubModelPage(readAll(path));
        QVERIFY2(problem.empty(), problem.c_str());
    }

    void hubHeadersCorpus_data() { corpusRows(QStringLiteral("hub_headers")); }
    void hubHeadersCorpus() {
        QFETCH(QString, path);
        const std::string problem = fuzz::checkHubHeaders(readAll(path));
        QVERIFY2(problem.empty(), problem.c_str());
    }

    void storeLoaderCorpus_data() { corpusRows(QStringLiteral("store_loader")); }
    void storeLoaderCorpus() {
        QFETCH(QString, path);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string problem =
            fuzz::checkStoreLoader(readAll(path), dir.filePath(QStringLiteral("input.bin")));
        QVERIFY2(problem.empty(), problem.c_str());
    }

    // The store seeds reach past the SQLite open, so the replay above checks the loader itself.
    void storeSeedsLoadOrWarn() {
        const QString dir = QStringLiteral(HUBGROWTH_FUZZ_CORPUS_DIR "/store_loader/");
        const ImportResult lineage =
            store::loadStoreDataset(dir + "store-lineage.db", {"finetune"});
        QVERIFY2(lineage.ok(), qPrintable(lineage.error));
        QCOMPARE(lineage.dataset.series.size(), size_t(1));
        QCOMPARE(lineage.dataset.series.front().id, std::string("org/base"));
        QCOMPARE(lineage.dataset.series.front().unknownDates, 1);
        QCOMPARE(lineage.dataset.series.front().counts.back(), 1.0);
        const ImportResult huge = store::loadStoreDataset(dir + "regression-huge-listing-time.db");
        QVERIFY(huge.dataset.series.empty());
        QVERIFY(std::any_of(huge.dataset.warnings.begin(), huge.dataset.warnings.end(),
                            [](const std::string& w) { return w.find("implausible") != w.npos; }));
    }

    void corporaAreSeeded() {
        QVERIFY(corpusFiles(QStringLiteral("csv_reader")).size() >= 5);
        QVERIFY(corpusFiles(QStringLiteral("paper_csv_importer")).size() >= 5);
        QVERIFY(corpusFiles(QStringLiteral("hub_model_page")).size() >= 5);
        QVERIFY(corpusFiles(QStringLiteral("hub_headers")).size() >= 5);
        QVERIFY(corpusFiles(QStringLiteral("store_loader")).size() >= 5);
    }
};

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "test_fuzz_corpus.moc"
