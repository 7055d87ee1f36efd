// The lead relations through a real store: a synthetic store whose fine-tunes follow their
// base's adapters two months later (lead_population.h) is written with HubStore, read back
// with loadStoreDataset, and forecast as of a date. The store's series carry the leads the
// lineage implies, and its forecasts are those of the same series in memory, lead included.
#include <QDateTime>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <map>

#include "hubgrowth/core/forecast/as_of.h"
#include "hubgrowth/core/series/calendar.h"
#include "hubgrowth/core/series/series_builder.h"
#include "hubgrowth/data/hub/hub_parsers.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/store_dataset.h"
#include "hubgrowth/testsupport/as_of_compare.h"
#include "hubgrowth/testsupport/lead_population.h"

using namespace hubgrowth;

namespace {

const std::int64_t kSnapshot = *parseIsoInstant("2025-01-01");
const std::int64_t kAsOf = *parseIsoInstant("2024-06-01");

hub::HubModel model(const QString& id, std::int64_t created, const QString& parent = {},
                    const QString& relation = {}) {
    hub::HubModel m;
    m.id = id;
    m.createdAt = QDateTime::fromSecsSinceEpoch(created, Qt::UTC).toString(Qt::ISODateWithMs);
    m.created = hub::parseCreatedAt(m.createdAt);
    if (!parent.isEmpty())
        m.bases.push_back({parent, relation});
    return m;
}

// Children created mid-month: month t's increment of counts (fine-tunes) and of leadCounts
// (adapters), so that the store's monthly counts are the simulated ones.
std::vector<hub::HubModel> childrenOf(const ModelSeries& s) {
    const std::int64_t base = *parseIsoInstant(s.createdAt);
    const QString parent = QString::fromStdString(s.id);
    std::vector<hub::HubModel> children;
    for (size_t t = 1; t < s.counts.size(); ++t) {
        const auto created = base + static_cast<std::int64_t>((double(t) - 0.5) * kSecondsPerMonth);
        const auto add = [&](double count, const char* relation) {
            for (int c = 0; c < int(count); ++c) {
                children.push_back(model(QStringLiteral("u/%1-%2-%3-%4")
                                             .arg(parent.section('/', 1), relation)
                                             .arg(t)
                                             .arg(c),
                                         created, parent, QString::fromLatin1(relation)));
            }
        };
        add(s.counts[t] - s.counts[t - 1], "finetune");
        add(s.leadCounts[t] - s.leadCounts[t - 1], "adapter");
    }
    return children;
}

}  // namespace

class TestStoreLead : public QObject {
    Q_OBJECT
  private slots:
    void aStoresLeadsReachItsForecasts() {
        const std::vector<ModelSeries> population =
            testing::simulateLeadPopulation(120, *parseIsoInstant("2022-06-01"), 6, kSnapshot, 15);
        QTemporaryDir dir;
        const QString path = dir.filePath("lead.db");
        {
            QString error;
            auto store = store::HubStore::open(path, &error);
            QVERIFY2(store, qPrintable(error));
            const qint64 fetch = store->beginFetch("http://127.0.0.1", "test", &error);
            for (const ModelSeries& s : population) {
                const QString id = QString::fromStdString(s.id);
                QVERIFY2(
                    store->saveBase(fetch, model(id, *parseIsoInstant(s.createdAt)), {}, &error),
                    qPrintable(error));
                QVERIFY2(store->savePage(fetch, id, {}, childrenOf(s), {}, true, &error),
                         qPrintable(error));
            }
            QVERIFY(store->finishFetch(fetch, "complete", &error));
        }
        const ImportResult loaded = store::loadStoreDataset(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        QCOMPARE(loaded.dataset.series.size(), population.size());

        // The store's series are the simulated ones up to the snapshot (then flat to the
        // listing's end, today), leads included.
        std::map<std::string, const ModelSeries*> simulated;
        for (const ModelSeries& s : population)
            simulated[s.id] = &s;
        std::vector<ModelSeries> known;  // the store's series, cut at the snapshot
        for (const ModelSeries& s : loaded.dataset.series) {
            const ModelSeries& truth = *simulated.at(s.id);
            QCOMPARE(s.leadCounts.size(), s.counts.size());
            QVERIFY(s.counts.size() >= truth.counts.size());
            for (size_t k = 0; k < truth.counts.size(); ++k) {
                QCOMPARE(s.counts[k], truth.counts[k]);
                QCOMPARE(s.leadCounts[k], truth.leadCounts[k]);
            }
            ModelSeries cut = s;
            cut.counts.resize(truth.counts.size());
            cut.leadCounts.resize(truth.counts.size());
            known.push_back(cut);
        }

        // As of the date, the store's forecasts use the leads and equal the in-memory ones.
        AsOfOptions options;
        options.method = ForecastMethod::Pooled;
        std::vector<ModelSeries> inMemory;
        for (const ModelSeries& s : known)
            inMemory.push_back(*simulated.at(s.id));
        const auto fromStore = forecastAsOf(known, kAsOf, options);
        const auto expected = forecastAsOf(inMemory, kAsOf, options);
        const QString difference = testing::firstAsOfDifference(fromStore, expected);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        int withLead = 0;
        for (const AsOfForecast& f : fromStore)
            withLead += f.ok && f.detail == "pooled+lead" ? 1 : 0;
        QVERIFY2(withLead > 20, qPrintable(QString::number(withLead)));
    }
};

QTEST_GUILESS_MAIN(TestStoreLead)
#include "test_store_lead.moc"
