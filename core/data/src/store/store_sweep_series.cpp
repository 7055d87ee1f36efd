// Series of a swept store: one per parent with enough counted children, read in one pass over
// the edges (in their key order, parent then child), up to the newest finished sweep.
#include <QSqlQuery>
#include <QVariant>
#include <atomic>

#include "hubgrowth/core/series/series_builder.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/store_dataset.h"
#include "hubgrowth/data/store/store_sql.h"

namespace hubgrowth::store {

namespace {

struct Parent {
    QString id, author, createdAt, newVersion;
    std::optional<qint64> created;
    std::vector<std::optional<std::int64_t>> children;  // creation times of counted children
    std::vector<std::optional<std::int64_t>> lead;      // ... of lead children not counted
};

// One child's rows (one per relation to the parent): counted, else a lead, else neither.
struct ChildRows {
    QString id;
    bool counted = false;
    bool lead = false;
    std::optional<std::int64_t> created;
};

}  // namespace

bool appendSweptSeries(const HubStore& store, const QStringList& relations, int minChildren,
                       const QSet<QString>& skip, const std::atomic<bool>* cancel, Dataset* dataset,
                       QString* error) {
    const qint64 asOf = store.sweptAt(error);
    if (!error->isEmpty())
        return false;
    if (asOf <= 0)
        return true;  // no finished sweep: only the explicit bases have series
    QSqlQuery query(store.database());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral(
            "SELECT e.parent, e.child, e.relation, c.created_unix FROM edges e"
            " LEFT JOIN models c ON c.id = e.child"
            " WHERE e.parent NOT IN (SELECT old FROM aliases) ORDER BY e.parent, e.child"))) {
        *error = QStringLiteral("store: %1").arg(query.lastError().text());
        return false;
    }
    // The parent's own row only for parents with enough children (a few % of the edges).
    QSqlQuery parentRow(store.database());
    parentRow.setForwardOnly(true);
    if (!parentRow.prepare(QStringLiteral(
            "SELECT author, created_at, created_unix, new_version FROM models WHERE id = ?"))) {
        *error = QStringLiteral("store: %1").arg(parentRow.lastError().text());
        return false;
    }
    bool readFailed = false;
    const auto readParent = [&](Parent* p) {
        parentRow.bindValue(0, p->id);
        if (!parentRow.exec()) {
            *error = QStringLiteral("store: %1").arg(parentRow.lastError().text());
            readFailed = true;
            return;
        }
        if (parentRow.next()) {
            p->author = parentRow.value(0).toString();
            p->createdAt = parentRow.value(1).toString();
            if (!parentRow.value(2).isNull())
                p->created = parentRow.value(2).toLongLong();
            p->newVersion = parentRow.value(3).toString();
        } else if (!finishedCleanly(parentRow, error)) {
            readFailed = true;
        }
        parentRow.finish();
    };
    // A sweep lists every relation, so the lead relations not counted are known for every parent.
    const QStringList leadRelations = leadRelationsNotCounted(relations);
    int withoutCreation = 0, rows = 0;
    Parent current;
    ChildRows child;
    const auto finishChild = [&] {
        if (child.counted)
            current.children.push_back(child.created);
        else if (child.lead)
            current.lead.push_back(child.created);
        child = ChildRows{};
    };
    const auto flush = [&] {
        finishChild();
        if (current.id.isEmpty() || skip.contains(current.id) ||
            static_cast<int>(current.children.size()) < minChildren)
            return;
        readParent(&current);
        if (!current.created || *current.created < 0 || *current.created > asOf) {
            ++withoutCreation;
            return;
        }
        const MonthlyCounts counts = buildMonthlyCounts(*current.created, current.children, asOf);
        ModelSeries series;
        series.id = current.id.toStdString();
        series.org = current.author.toStdString();
        series.createdAt = current.createdAt.toStdString();
        series.counts = counts.counts;
        series.unknownDates = counts.unknownDates;
        if (!leadRelations.isEmpty())
            series.leadCounts = buildMonthlyCounts(*current.created, current.lead, asOf).counts;
        series.newVersion = current.newVersion.toStdString();
        dataset->series.push_back(std::move(series));
    };
    while (query.next()) {
        if (cancel && (++rows & 0xffff) == 0 && cancel->load(std::memory_order_relaxed)) {
            *error = QString::fromLatin1(kLoadCancelled);
            return false;
        }
        const QString parent = query.value(0).toString();
        if (parent != current.id) {
            flush();
            if (readFailed)
                return false;
            current = Parent{};
            current.id = parent;
        }
        // A child with two relations to one parent counts once (rows are sorted by child).
        const QString childId = query.value(1).toString();
        if (childId != child.id) {
            finishChild();
            child.id = childId;
            child.created = query.value(3).isNull()
                                ? std::nullopt
                                : std::optional<std::int64_t>(query.value(3).toLongLong());
        }
        const QString relation = query.value(2).toString();
        child.counted = child.counted || relations.contains(relation);
        child.lead = child.lead || leadRelations.contains(relation);
    }
    if (!finishedCleanly(query, error))
        return false;
    flush();
    if (readFailed)
        return false;
    if (withoutCreation > 0) {
        const QString parents =
            minChildren > 1
                ? QStringLiteral("swept parents with at least %1 children").arg(minChildren)
                : QStringLiteral("swept parents with children");
        dataset->warnings.push_back(
            QStringLiteral("%1: %2 %3 have no usable creation time (the Hub's placeholder date, "
                           "or never listed); no series")
                .arg(store.path())
                .arg(withoutCreation)
                .arg(parents)
                .toStdString());
    }
    return true;
}

}  // namespace hubgrowth::store
