#include "hubgrowth/data/store/store_dataset.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <algorithm>

#include "hubgrowth/core/series/series_builder.h"
#include "hubgrowth/data/hub/hub_model.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/store_sql.h"

namespace hubgrowth::store {

namespace {

constexpr double kMaxStoreSpanMonths = 1200;  // 100 years between a base and its last listing
// The base's children of the lead relations it does not count, by month (ModelSeries::
// leadCounts); empty when none of those relations was listed to the end (unknown, not zero).
// A child that is also counted is not a lead. children are sorted by child id.
std::vector<double> leadCounts(std::int64_t baseCreated, std::int64_t asOf,
                               const std::vector<StoredChild>& children, const QStringList& counted,
                               const QStringList& completed) {
    QStringList lead;
    for (const QString& relation : leadRelationsNotCounted(counted)) {
        if (completed.contains(QString()) || completed.contains(relation))
            lead << relation;
    }
    if (lead.isEmpty())
        return {};
    std::vector<std::optional<std::int64_t>> created;
    for (size_t first = 0; first < children.size();) {
        size_t end = first;
        bool isCounted = false;
        bool isLead = false;
        for (; end < children.size() && children[end].id == children[first].id; ++end) {
            isCounted = isCounted || counted.contains(children[end].relation);
            isLead = isLead || lead.contains(children[end].relation);
        }
        if (isLead && !isCounted)
            created.emplace_back(children[first].created);
        first = end;
    }
    return buildMonthlyCounts(baseCreated, created, asOf).counts;
}

}  // namespace

QStringList leadRelationsNotCounted(const QStringList& counted) {
    QStringList lead;
    for (const QString& relation : kLeadRelations) {
        if (!counted.contains(relation))
            lead << relation;
    }
    return lead;
}

bool looksLikeStore(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("db") || suffix == QLatin1String("sqlite"))
        return true;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    static const QByteArray header("SQLite format 3\0", 16);
    return file.read(16) == header;
}

bool parseRelations(const QString& text, QStringList* relations, QString* error) {
    relations->clear();
    if (text.trimmed() == QLatin1String("all")) {
        *relations = hub::kRelations;
        *relations << hub::kUnspecifiedRelation;
        return true;
    }
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString name = part.trimmed();
        if (!hub::kRelations.contains(name) && name != hub::kUnspecifiedRelation) {
            *error = QStringLiteral(
                         "unknown relation '%1' (use finetune, adapter, quantized, merge, "
                         "unspecified or all)")
                         .arg(name);
            return false;
        }
        if (!relations->contains(name))
            *relations << name;
    }
    if (relations->isEmpty()) {
        *error = QStringLiteral("no relation named");
        return false;
    }
    return true;
}

bool quickCheckStore(const QString& path, const QSqlDatabase& db, QString* error) {
    QSqlQuery check(db);
    check.setForwardOnly(true);
    if (!check.exec(QStringLiteral("PRAGMA quick_check(1)")) || !check.next()) {
        *error = explainFailure(path, check.lastError());
        return false;
    }
    const QString verdict = check.value(0).toString();
    if (verdict == QLatin1String("ok"))
        return true;
    *error = QStringLiteral(
                 "%1: the store is damaged (SQLite: %2); nothing was read from it. Run "
                 "`hubgrowth store check %1` for details, then restore a copy or fetch again "
                 "into a new file")
                 .arg(path, verdict.left(200));
    return false;
}

ImportResult loadStoreDataset(const QString& path, const QStringList& relationsIn,
                              const std::atomic<bool>* cancel, bool verify, int minSweptChildren) {
    ImportResult result;
    const QStringList relations = relationsIn.isEmpty() ? kDefaultRelations : relationsIn;
    QString error;
    const auto store = HubStore::openReadOnly(path, &error);
    if (!store) {
        result.error = error;
        return result;
    }
    if (verify && !quickCheckStore(path, store->database(), &error)) {
        result.error = error;
        return result;
    }
    // A read that fails part-way: the whole load fails, naming the file and the cause.
    const auto readFailed = [&](const QString& what) {
        result = ImportResult{};
        result.error = QStringLiteral(
                           "%1: cannot read %2 (%3); nothing was loaded. Run "
                           "`hubgrowth store check %1` for details")
                           .arg(path, what, error);
        return result;
    };
    Dataset& dataset = result.dataset;
    dataset.fromStore = true;
    dataset.name = QFileInfo(path).fileName().toStdString();
    dataset.provenance =
        QStringLiteral("Hugging Face Hub lineage stored in %1, counting %2 children")
            .arg(path, relations.join(QLatin1Char('/')))
            .toStdString();
    const auto warn = [&](const QString& text) {
        dataset.warnings.push_back((path + QStringLiteral(": ") + text).toStdString());
    };
    const std::vector<StoredBase> bases = store->bases(&error);
    if (!error.isEmpty())
        return readFailed(QStringLiteral("the base models"));
    QSet<QString> explicitBases;
    for (const StoredBase& base : bases)
        explicitBases.insert(base.id);
    for (const StoredBase& base : bases) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            result.error = QString::fromLatin1(kLoadCancelled);
            return result;
        }
        if (!base.created) {
            warn(QStringLiteral("%1 has no usable creation time ('%2'); no series")
                     .arg(base.id, base.createdAt));
            continue;
        }
        const qint64 asOf = store->listedAt(base.id, &error);
        if (!error.isEmpty())
            return readFailed(QStringLiteral("the listing state of ") + base.id);
        if (asOf == 0) {
            warn(QStringLiteral("%1: its children were never listed to the end; no series (fetch "
                                "it again to resume)")
                     .arg(base.id));
            continue;
        }
        // A damaged or hand-edited store can hold any integers here; the month arithmetic
        // below needs 0 <= created <= asOf and a span of sane length (fuzz_store_loader).
        if (*base.created < 0 || asOf < *base.created ||
            static_cast<double>(asOf - *base.created) > kMaxStoreSpanMonths * kSecondsPerMonth) {
            warn(QStringLiteral("%1: implausible creation (%2) or listing (%3) time; no series")
                     .arg(base.id)
                     .arg(*base.created)
                     .arg(asOf));
            continue;
        }
        const QStringList filters = store->completedFilters(base.id, &error);
        if (!error.isEmpty())
            return readFailed(QStringLiteral("the listing state of ") + base.id);
        if (!filters.contains(QString())) {
            for (const QString& relation : relations) {
                if (!filters.contains(relation)) {
                    warn(QStringLiteral("%1: %2 children were not fetched; they count as 0")
                             .arg(base.id, relation));
                }
            }
        }
        std::vector<std::optional<std::int64_t>> created;
        QString lastChild;
        const std::vector<StoredChild> children = store->children(base.id, &error);
        if (!error.isEmpty())
            return readFailed(QStringLiteral("the children of ") + base.id);
        for (const StoredChild& child : children) {
            if (child.id == lastChild || !relations.contains(child.relation))
                continue;
            lastChild = child.id;  // a child with two relations counts once (sorted by child)
            created.emplace_back(child.created);
        }
        const MonthlyCounts counts = buildMonthlyCounts(*base.created, created, asOf);
        ModelSeries series;
        series.id = base.id.toStdString();
        series.org = base.author.toStdString();
        series.createdAt = base.createdAt.toStdString();
        series.counts = counts.counts;
        series.unknownDates = counts.unknownDates;
        series.leadCounts = leadCounts(*base.created, asOf, children, relations, filters);
        series.newVersion = base.newVersion.toStdString();
        if (base.downloadsAllTime)
            series.downloadsAllTime = double(*base.downloadsAllTime);
        dataset.series.push_back(std::move(series));
    }
    if (!appendSweptSeries(*store, relations, std::max(1, minSweptChildren), explicitBases, cancel,
                           &dataset, &error)) {
        if (error == QLatin1String(kLoadCancelled)) {
            result = ImportResult{};
            result.error = error;
            return result;
        }
        return readFailed(QStringLiteral("the swept lineage"));
    }
    if (dataset.series.empty() && dataset.warnings.empty()) {
        result.error =
            QStringLiteral("%1: the store holds no base models yet (run `hubgrowth fetch --db %1`)")
                .arg(path);
    }
    return result;
}

}  // namespace hubgrowth::store
