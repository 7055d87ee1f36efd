#include "hubgrowth/testsupport/successor_store.h"

namespace hubgrowth::testing {

hub::HubModel hubModel(const QString& id, const QString& createdAt, const QString& newVersion,
                       qint64 downloadsAllTime, const QString& parent) {
    hub::HubModel m;
    m.id = id;
    m.createdAt = createdAt;
    m.created = hub::parseCreatedAt(createdAt);
    m.newVersion = newVersion;
    m.downloadsAllTime = downloadsAllTime;
    m.downloads = downloadsAllTime >= 0 ? downloadsAllTime / 10 : -1;
    if (!parent.isEmpty())
        m.bases.push_back({parent, QStringLiteral("finetune")});
    return m;
}

bool saveBaseWithFinetunes(store::HubStore& store, qint64 fetch, const hub::HubModel& base,
                           int startYear, const std::vector<int>& monthOffsets, QString* error) {
    if (!store.saveBase(fetch, base, {}, error))
        return false;
    std::vector<hub::HubModel> children;
    int n = 0;
    for (int offset : monthOffsets) {
        const int year = startYear + offset / 12;
        const int month = 1 + offset % 12;
        children.push_back(hubModel(
            QStringLiteral("ft/%1-%2").arg(base.id.section(QLatin1Char('/'), 1)).arg(n++),
            QStringLiteral("%1-%2-15T00:00:00.000Z").arg(year).arg(month, 2, 10, QLatin1Char('0')),
            {}, -1, base.id));
    }
    return store.savePage(fetch, base.id, {}, children, {}, true, error);
}

QString writeSuccessorStore(const QString& path, bool withDownloads, bool withNewVersions) {
    QString error;
    auto store = store::HubStore::open(path, &error);
    if (!store)
        return error;
    const qint64 fetch =
        store->beginFetch(QStringLiteral("http://127.0.0.1"), QStringLiteral("test"), &error);
    const auto downloads = [&](qint64 n) { return withDownloads ? n : qint64(-1); };
    const auto next = [&](const char* id) {
        return withNewVersions ? QString::fromLatin1(id) : QString();
    };
    // old-7b grows slowly and steadily; new-7b catches on faster; plain-3b and orphan-1b are
    // small, so the download concentration differs clearly from the fine-tune one.
    std::vector<int> oldMonths, newMonths;
    for (int k = 0; k < 20; ++k)
        oldMonths.push_back(k);
    for (int k = 0; k < 12; ++k) {
        for (int j = 0; j <= k / 2; ++j)
            newMonths.push_back(k);
    }
    const bool ok = saveBaseWithFinetunes(*store, fetch,
                                          hubModel(QStringLiteral("org/old-7b"),
                                                   QStringLiteral("2023-01-01T00:00:00.000Z"),
                                                   next("org/new-7b"), downloads(5000000)),
                                          2023, oldMonths, &error) &&
                    saveBaseWithFinetunes(
                        *store, fetch,
                        hubModel(QStringLiteral("org/new-7b"),
                                 QStringLiteral("2024-01-01T00:00:00.000Z"), {}, downloads(400)),
                        2024, newMonths, &error) &&
                    saveBaseWithFinetunes(*store, fetch,
                                          hubModel(QStringLiteral("org/orphan-1b"),
                                                   QStringLiteral("2023-06-01T00:00:00.000Z"),
                                                   next("org/never-fetched"), downloads(300)),
                                          2023, {5, 6, 9}, &error) &&
                    saveBaseWithFinetunes(
                        *store, fetch,
                        hubModel(QStringLiteral("other/plain-3b"),
                                 QStringLiteral("2023-03-01T00:00:00.000Z"), {}, downloads(200)),
                        2023, {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}, &error) &&
                    store->finishFetch(fetch, QStringLiteral("complete"), &error);
    return ok ? QString() : error;
}

}  // namespace hubgrowth::testing
