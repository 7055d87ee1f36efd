// `hubgrowth fetch --all` end to end: the real binary sweeps a 20k-model synthetic Hub served by
// the loopback mock (with the recorded Hub's quirks), and the store's series are compared with
// the mock's own truth, month by month.
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <map>
#include <set>

#include "hubgrowth/core/io/csv_reader.h"
#include "hubgrowth/core/series/series_builder.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/store_dataset.h"
#include "hubgrowth/testsupport/cli_runner.h"
#include "hubgrowth/testsupport/mock_hub.h"
#include "hubgrowth/testsupport/synthetic_hub.h"

using namespace hubgrowth;
using mockhub::Fault;
using mockhub::FaultKind;

namespace {

constexpr int kHubSize = 20000;

using testing::Run;
using testing::runWhileServing;

qint64 scalar(const QString& db, const QString& sql) {
    QString error;
    const auto store = store::HubStore::openReadOnly(db, &error);
    if (!store)
        return -1;
    QSqlQuery q(store->database());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

// The series the mock's truth implies: every parent with >= minChildren counted children and a
// known creation time, counted by month up to asOf.
std::map<std::string, MonthlyCounts> expectedSeries(const mockhub::SyntheticHub& hub,
                                                    const QStringList& relations, qint64 asOf,
                                                    int minChildren = 1) {
    std::map<int, std::map<int, std::optional<std::int64_t>>> children;  // parent -> child
    for (const mockhub::SyntheticEdge& e : hub.edges()) {
        if (relations.contains(mockhub::kSyntheticRelations[e.relation]))
            children[e.parent][e.child] = hub.createdUnix(e.child);
    }
    std::map<std::string, MonthlyCounts> out;
    for (const auto& [parent, kids] : children) {
        const auto created = hub.createdUnix(parent);
        if (!created || static_cast<int>(kids.size()) < minChildren)
            continue;
        std::vector<std::optional<std::int64_t>> times;
        for (const auto& [child, t] : kids)
            times.push_back(t);
        out[hub.id(parent).toStdString()] = buildMonthlyCounts(*created, times, asOf);
    }
    return out;
}

// The lead counts the truth implies (store::kLeadRelations not counted, children not counted):
// empty when every lead relation is counted.
std::vector<double> expectedLead(const mockhub::SyntheticHub& hub, const QStringList& relations,
                                 int parent, qint64 asOf) {
    QStringList lead;
    for (const QString& relation : store::kLeadRelations) {
        if (!relations.contains(relation))
            lead << relation;
    }
    if (lead.isEmpty())
        return {};
    std::map<int, std::optional<std::int64_t>> leadKids;
    std::set<int> counted;
    for (const mockhub::SyntheticEdge& e : hub.edges()) {
        if (e.parent != parent)
            continue;
        const QString relation = mockhub::kSyntheticRelations[e.relation];
        if (relations.contains(relation))
            counted.insert(e.child);
        else if (lead.contains(relation))
            leadKids[e.child] = hub.createdUnix(e.child);
    }
    std::vector<std::optional<std::int64_t>> times;
    for (const auto& [child, t] : leadKids) {
        if (!counted.count(child))
            times.push_back(t);
    }
    return buildMonthlyCounts(*hub.createdUnix(parent), times, asOf).counts;
}

// Compares the store's series with the truth; empty when equal, else the first differences.
QString compareSeries(const QString& db, const mockhub::SyntheticHub& hub,
                      const QStringList& relations) {
    const ImportResult loaded = store::loadStoreDataset(db, relations);
    if (!loaded.ok())
        return loaded.error;
    QString error;
    const qint64 asOf = scalar(db, "SELECT max(finished_at) FROM sweeps");
    const auto expected = expectedSeries(hub, relations, asOf);
    QStringList problems;
    if (loaded.dataset.series.size() != expected.size())
        problems << QStringLiteral("%1 series, truth %2")
                        .arg(loaded.dataset.series.size())
                        .arg(expected.size());
    for (const ModelSeries& s : loaded.dataset.series) {
        const auto it = expected.find(s.id);
        if (it == expected.end()) {
            problems << QStringLiteral("%1: not in the truth").arg(QString::fromStdString(s.id));
        } else if (s.counts != it->second.counts || s.unknownDates != it->second.unknownDates) {
            problems << QStringLiteral("%1: %2 months / %3 unknown, truth %4 / %5")
                            .arg(QString::fromStdString(s.id))
                            .arg(s.counts.size())
                            .arg(s.unknownDates)
                            .arg(it->second.counts.size())
                            .arg(it->second.unknownDates);
        }
        if (problems.size() > 5)
            break;
    }
    // The lead relations of a sample of the series (each scan of the truth is over every edge).
    for (size_t i = 0; i < loaded.dataset.series.size() && problems.isEmpty(); i += 97) {
        const ModelSeries& s = loaded.dataset.series[i];
        const QString id = QString::fromStdString(s.id);
        const int parent = id.right(7).toInt();  // ids end in the model's 7-digit index
        if (hub.id(parent) == id && s.leadCounts != expectedLead(hub, relations, parent, asOf))
            problems << QStringLiteral("%1: lead counts differ from the truth")
                            .arg(QString::fromStdString(s.id));
    }
    return problems.join('\n');
}

// `rank` on the store: its lead_3mo column is the fine-tune series' lead children of the last
// three months it knew (months 0..age_months), as the store's own series say.
QString compareRankLeads(const QString& db, const QString& workDir) {
    // A date inside the synthetic Hub's years (its last model is of 2026-06-01).
    const Run r =
        runWhileServing({"rank", db, "--method", "linear", "--as-of", "2025-06-01"}, workDir);
    if (r.exitCode != 0)
        return QString::fromUtf8(r.err);
    const CsvDocument doc = parseCsv(r.out.toStdString());
    const ImportResult loaded = store::loadStoreDataset(db);
    if (!doc.ok() || doc.records.size() < 100 || !loaded.ok())
        return QStringLiteral("rank gave %1 rows").arg(doc.records.size());
    if (doc.records[0].fields.back() != "lead_3mo")
        return QStringLiteral("no lead_3mo column");
    std::map<std::string, const ModelSeries*> byId;
    for (const ModelSeries& s : loaded.dataset.series)
        byId[s.id] = &s;
    QStringList problems;
    int withLeadChildren = 0;
    for (size_t i = 1; i < doc.records.size() && problems.size() < 5; ++i) {
        const auto& f = doc.records[i].fields;
        const ModelSeries* s = byId.count(f[1]) ? byId[f[1]] : nullptr;
        const size_t n = std::stoul(f[4]) + 1;
        if (!s || s->leadCounts.size() < n) {
            problems
                << QStringLiteral("%1: no lead in the store").arg(QString::fromStdString(f[1]));
            continue;
        }
        const double expected =
            s->leadCounts[n - 1] - s->leadCounts[n - 1 - std::min<size_t>(3, n - 1)];
        withLeadChildren += expected > 0 ? 1 : 0;
        if (f.back().empty() || std::stod(f.back()) != expected)
            problems << QStringLiteral("%1: lead_3mo %2, store %3")
                            .arg(QString::fromStdString(f[1]), QString::fromStdString(f.back()))
                            .arg(expected);
    }
    if (withLeadChildren < 10)
        problems << QStringLiteral("only %1 ranked models had recent lead children")
                        .arg(withLeadChildren);
    return problems.join('\n');
}

QStringList sweepArgs(const mockhub::MockHub& hub, const QString& db) {
    return {"fetch", "--all", "--endpoint", hub.endpoint().toString(), "--db", db};
}

}  // namespace

class TestCliFetchAll : public QObject {
    Q_OBJECT
  private slots:
    void sweepStoresEveryModelAndExactMonthlyCounts();
    void refreshPicksUpNewModelsWithFewRequests();
    void fullCatchesLateChildrenAndSnapshotsEveryModel();
    void resumesExactlyAfterSigkill();
    void rateLimitAndDeepPageFailuresAreRetried();
    void renamedBaseResolvesThroughAliases();
    void minChildrenLimitsTheSeries();
};

void TestCliFetchAll::sweepStoresEveryModelAndExactMonthlyCounts() {
    mockhub::MockHub hub;
    QVERIFY(hub.start());
    auto synthetic = std::make_shared<mockhub::SyntheticHub>(kHubSize);
    hub.setSyntheticHub(synthetic);
    hub.setMaxPageSize(500);  // asked 1000, answered 500, as the Hub often does
    hub.setRateLimitQuota(1000);
    QTemporaryDir dir;
    const QString db = dir.filePath("hub.db");
    const Run r = runWhileServing(
        sweepArgs(hub, db) + QStringList{"--export", dir.filePath("s.csv")}, dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("first sweep complete: 20000 models in 40 pages"), r.err.constData());
    // Every request kept our own order (the Link's sort=trendingScore was not followed) and
    // asked exactly the fields stored, never baseModels (refused on listings).
    for (const auto& seen : hub.requests()) {
        QVERIFY2(seen.target.startsWith("/api/models?expand%5B%5D=createdAt") ||
                     seen.target.startsWith("/api/models?expand[]=createdAt"),
                 seen.target.constData());
        QVERIFY2(!seen.target.contains("trendingScore") && seen.target.contains("sort=createdAt"),
                 seen.target.constData());
        QVERIFY(!seen.target.contains("baseModels"));
        QCOMPARE(seen.status, 200);
    }
    QCOMPARE(hub.requestCount(), 40);
    QCOMPARE(scalar(db, "SELECT count(*) FROM models"), qint64(kHubSize));
    QCOMPARE(scalar(db, "SELECT count(*) FROM edges"), qint64(synthetic->edges().size()));
    // Placeholder dates: stored as sent, unknown as times.
    QCOMPARE(scalar(db, "SELECT count(*) FROM models WHERE created_unix IS NULL"),
             qint64(kHubSize * 3 / 100));
    QCOMPARE(scalar(db, "SELECT count(*) FROM models WHERE created_at LIKE '2022-03-02T23:29:0_%'"),
             qint64(kHubSize * 3 / 100));
    QCOMPARE(scalar(db, "SELECT count(*) FROM sweep_snapshots"), qint64(kHubSize));
    // All four relations, unspecified and merges of two bases are there.
    for (const QString& relation : mockhub::kSyntheticRelations)
        QVERIFY(scalar(db, "SELECT count(*) FROM edges WHERE relation = '" + relation + "'") > 0);
    QVERIFY(scalar(db,
                   "SELECT count(*) FROM (SELECT child FROM edges GROUP BY child HAVING "
                   "count(DISTINCT parent) > 1)") > 0);
    QStringList all = mockhub::kSyntheticRelations;
    QString diff = compareSeries(db, *synthetic, all);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    diff = compareSeries(db, *synthetic, {"finetune"});
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    diff = compareSeries(db, *synthetic, {"quantized", "merge"});
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    // Heavy tail: the largest base has far more children than the median one.
    const qint64 top = scalar(db,
                              "SELECT max(n) FROM (SELECT count(*) n FROM edges GROUP BY "
                              "parent)");
    QVERIFY2(top > 100, qPrintable(QString::number(top)));
    const Run check = runWhileServing({"store", "check", db}, dir.path());
    QVERIFY2(check.exitCode == 0, check.err.constData());
    QVERIFY(QFileInfo(dir.filePath("s.csv")).size() > 1000);
    diff = compareRankLeads(db, dir.path());
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestCliFetchAll::refreshPicksUpNewModelsWithFewRequests() {
    mockhub::MockHub hub;
    QVERIFY(hub.start());
    auto synthetic = std::make_shared<mockhub::SyntheticHub>(kHubSize);
    hub.setSyntheticHub(synthetic);
    QTemporaryDir dir;
    const QString db = dir.filePath("hub.db");
    Run r = runWhileServing(sweepArgs(hub, db), dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const int firstRequests = hub.requestCount();
    synthetic->grow(1500);  // newer models, some children of old bases
    hub.clearRequests();
    r = runWhileServing(sweepArgs(hub, db), dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("refresh sweep complete"), r.err.constData());
    QVERIFY2(hub.requestCount() <= firstRequests / 4,
             qPrintable(QStringLiteral("%1 of %2").arg(hub.requestCount()).arg(firstRequests)));
    QCOMPARE(scalar(db, "SELECT count(*) FROM models"), qint64(kHubSize + 1500));
    const QString diff = compareSeries(db, *synthetic, mockhub::kSyntheticRelations);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestCliFetchAll::fullCatchesLateChildrenAndSnapshotsEveryModel() {
    mockhub::MockHub hub;
    QVERIFY(hub.start());
    auto synthetic = std::make_shared<mockhub::SyntheticHub>(kHubSize);
    hub.setSyntheticHub(synthetic);
    QTemporaryDir dir;
    const QString db = dir.filePath("hub.db");
    Run r = runWhileServing(sweepArgs(hub, db), dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const qint64 edgesBefore = scalar(db, "SELECT count(*) FROM edges");
    QVERIFY(synthetic->lateChildren() > 5);
    synthetic->declareLateChildren();  // older models whose cards gained a base_model
    synthetic->nextDay();
    r = runWhileServing(sweepArgs(hub, db), dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("only seen with --full"), r.err.constData());
    QCOMPARE(scalar(db, "SELECT count(*) FROM edges"), edgesBefore);  // a refresh cannot see them
    r = runWhileServing(sweepArgs(hub, db) + QStringList{"--full"}, dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("full sweep complete"), r.err.constData());
    QCOMPARE(scalar(db, "SELECT count(*) FROM edges"), qint64(synthetic->edges().size()));
    QVERIFY(scalar(db, "SELECT count(*) FROM edges") > edgesBefore);
    const QString diff = compareSeries(db, *synthetic, mockhub::kSyntheticRelations);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    // Snapshots: the first sweep's and the full one's for every model, with that day's figures.
    const qint64 fullSweep = scalar(db, "SELECT max(id) FROM sweeps WHERE mode = 'full'");
    QCOMPARE(
        scalar(
            db,
            QStringLiteral("SELECT count(*) FROM sweep_snapshots WHERE sweep = %1").arg(fullSweep)),
        qint64(kHubSize));
    const int probe = kHubSize / 2;
    QCOMPARE(scalar(db, QStringLiteral("SELECT s.downloads FROM sweep_snapshots s JOIN models m ON "
                                       "m.key = s.key WHERE m.id = '%1' AND s.sweep = %2")
                            .arg(synthetic->id(probe))
                            .arg(fullSweep)),
             synthetic->downloads(probe));
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM sweep_snapshots s JOIN models m ON "
                                       "m.key = s.key WHERE m.id = '%1'")
                            .arg(synthetic->id(probe))),
             qint64(2));  // the first sweep's and the full one's (the refresh never reached it)
}

void TestCliFetchAll::resumesExactlyAfterSigkill() {
    mockhub::MockHub hub;
    QVERIFY(hub.start());
    auto synthetic = std::make_shared<mockhub::SyntheticHub>(kHubSize);
    hub.setSyntheticHub(synthetic);
    hub.setMaxPageSize(250);  // 80 pages, each its own transaction
    hub.addFault({FaultKind::Slow, "cursor=", -1, 200, 15, {}});
    QTemporaryDir dir;
    const QString db = dir.filePath("hub.db");
    int killedMidSweep = 0;
    for (int attempt = 0; attempt < 3 && killedMidSweep == 0; ++attempt) {
        QFile::remove(db);
        const Run killed =
            runWhileServing(sweepArgs(hub, db), dir.path(), &hub, 400 + attempt * 200);
        // Pages are staged until the sweep's end (20 k models, a merge every 100 k).
        const qint64 staged = scalar(db, "SELECT count(*) FROM sweep_staged_models");
        if (killed.crashed && staged > 0 && staged < kHubSize)
            ++killedMidSweep;
    }
    QVERIFY2(killedMidSweep == 1, "no kill landed mid-sweep");
    const qint64 kept = scalar(db, "SELECT count(*) FROM sweep_staged_models");
    QCOMPARE(kept % 250, qint64(0));                               // whole pages only
    QCOMPARE(scalar(db, "SELECT pages FROM sweeps") * 250, kept);  // the cursor saved with them
    const Run check = runWhileServing({"store", "check", db}, dir.path());
    QVERIFY2(check.exitCode == 0, check.err.constData());
    QVERIFY2(
        (check.out + check.err).contains(QByteArray::number(kept) + " models of an interrupted"),
        (check.out + check.err).constData());
    QVERIFY2(
        (check.out + check.err).contains(QByteArray::number(kept) + " models of an interrupted"),
        (check.out + check.err).constData());
    hub.clearRequests();
    const Run resumed = runWhileServing(sweepArgs(hub, db), dir.path());
    QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
    QVERIFY2(resumed.err.contains("first sweep (resumed) complete"), resumed.err.constData());
    QVERIFY(hub.requests().front().target.contains("cursor="));  // from the saved cursor
    QCOMPARE(hub.requestCount(), int((kHubSize - kept) / 250));
    QCOMPARE(scalar(db, "SELECT count(*) FROM models"), qint64(kHubSize));
    QCOMPARE(scalar(db, "SELECT count(*) FROM edges"), qint64(synthetic->edges().size()));
    QCOMPARE(scalar(db, "SELECT count(*) FROM sweep_staged_models"), qint64(0));
    QCOMPARE(scalar(db, "SELECT count(*) FROM sweep_snapshots"), qint64(kHubSize));
    const QString diff = compareSeries(db, *synthetic, mockhub::kSyntheticRelations);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestCliFetchAll::rateLimitAndDeepPageFailuresAreRetried() {
    mockhub::MockHub hub;
    QVERIFY(hub.start());
    auto synthetic = std::make_shared<mockhub::SyntheticHub>(kHubSize / 4);
    hub.setSyntheticHub(synthetic);
    hub.setMaxPageSize(250);
    hub.addFault({FaultKind::RateLimited, "cursor=", 1, 429, 0, {}, 3});
    hub.addFault({FaultKind::Status, "cursor=", 2, 504, 0, {}, 10});  // a deep page, twice
    hub.addFault({FaultKind::Status, "cursor=", 1, 502, 0, {}, 12});
    QTemporaryDir dir;
    const QString db = dir.filePath("hub.db");
    const Run r = runWhileServing(sweepArgs(hub, db), dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("rate-limited, resuming in"), r.err.constData());
    QVERIFY2(r.err.contains("1 rate-limit waits"), r.err.constData());
    int failed = 0;
    for (const auto& seen : hub.requests())
        failed += seen.status == 200 ? 0 : 1;
    QCOMPARE(failed, 4);
    QCOMPARE(scalar(db, "SELECT count(*) FROM models"), qint64(kHubSize / 4));
    const QString diff = compareSeries(db, *synthetic, mockhub::kSyntheticRelations);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestCliFetchAll::renamedBaseResolvesThroughAliases() {
    mockhub::MockHub hub;
    QVERIFY(hub.start());
    hub.addSyntheticLineage(1, 30);
    hub.renameModel("mockorg/base-00", "mockorg/renamed-00");
    mockhub::MockModel straggler;  // a child whose card still names the old id
    straggler.id = "someone/still-names-the-old-id";
    straggler.createdAt = "2024-05-01T00:00:00.000Z";
    straggler.tags = {"base_model:mockorg/base-00", "base_model:finetune:mockorg/base-00"};
    hub.addModel(straggler);
    QTemporaryDir dir;
    const QString db = dir.filePath("hub.db");
    Run r = runWhileServing({"fetch", "mockorg/base-00", "--relations", "all", "--endpoint",
                             hub.endpoint().toString(), "--db", db},
                            dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runWhileServing(sweepArgs(hub, db), dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("1 edges named a renamed repository"), r.err.constData());
    QCOMPARE(scalar(db, "SELECT count(*) FROM edges WHERE parent = 'mockorg/base-00'"), qint64(0));
    QCOMPARE(scalar(db,
                    "SELECT count(*) FROM edges WHERE parent = 'mockorg/renamed-00' AND "
                    "child = 'someone/still-names-the-old-id'"),
             qint64(1));
    const ImportResult loaded = store::loadStoreDataset(db, {"finetune"});
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    int renamedSeries = 0;
    for (const ModelSeries& s : loaded.dataset.series) {
        QVERIFY(s.id != "mockorg/base-00");
        renamedSeries += s.id == "mockorg/renamed-00" ? 1 : 0;
    }
    QCOMPARE(renamedSeries, 1);
}

void TestCliFetchAll::minChildrenLimitsTheSeries() {
    mockhub::MockHub hub;
    QVERIFY(hub.start());
    auto synthetic = std::make_shared<mockhub::SyntheticHub>(kHubSize / 4);
    hub.setSyntheticHub(synthetic);
    QTemporaryDir dir;
    const QString db = dir.filePath("hub.db");
    Run r = runWhileServing(sweepArgs(hub, db), dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const qint64 asOf = scalar(db, "SELECT max(finished_at) FROM sweeps");
    const ImportResult loaded = store::loadStoreDataset(db, {"finetune"}, nullptr, true, 5);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    const auto expected = expectedSeries(*synthetic, {"finetune"}, asOf, 5);
    QVERIFY(!expected.empty());
    QCOMPARE(loaded.dataset.series.size(), expected.size());
    for (const ModelSeries& s : loaded.dataset.series)
        QVERIFY(s.org == QString::fromStdString(s.id).section('/', 0, 0).toStdString());
    // The parents left out for a placeholder date are counted in words that fit the limit.
    auto undatedWarning = [](const ImportResult& result) {
        for (const std::string& w : result.dataset.warnings) {
            if (QString::fromStdString(w).contains("no usable creation time"))
                return QString::fromStdString(w);
        }
        return QString();
    };
    const ImportResult anyChildren = store::loadStoreDataset(db, {"finetune"}, nullptr, true, 1);
    const QString one = undatedWarning(anyChildren);
    QVERIFY2(one.contains(" swept parents with children have"), qPrintable(one));
    const QString five = undatedWarning(loaded);
    QVERIFY2(five.isEmpty() || five.contains(" swept parents with at least 5 children have"),
             qPrintable(five));
    // The verbs take the option.
    r = runWhileServing({"fit", "--db", db, "--min-children", "5"}, dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const int rows = int(r.out.count('\n')) - 1;
    QVERIFY2(rows > 0 && rows <= int(expected.size()), r.out.left(300).constData());
    r = runWhileServing({"fit", "--db", db, "--min-children", "0"}, dir.path());
    QCOMPARE(r.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestCliFetchAll)
#include "test_cli_fetch_all.moc"
