#pragma once
// The local SQLite store of Hub lineage (Qt Sql). Tables:
//   models(id, author, created_at, created_unix, new_version, children_count, first_fetch,
//   last_fetch) edges(parent, child, relation, first_fetch)          parent -> child with its
//   relation bases(id, relation_filter, added_fetch)              the models whose series the user
//   asked for snapshots(model, fetch, taken_at, downloads, downloads_all_time, likes)  one row per
//   model per fetch fetches(id, started_at, finished_at, endpoint, request, status)
//   listings(parent, relation_filter, next_url, complete, pages, fetch, completed_at)  resume state
// The version lives in PRAGMA user_version; open() migrates older stores step by step and
// refuses newer ones. Every write is one transaction, so an interrupted fetch keeps whole pages.

#include <QSqlDatabase>
#include <QString>
#include <QUrl>
#include <memory>
#include <optional>
#include <vector>

#include "data/hub/hub_model.h"

namespace hubgrowth::store {

inline constexpr int kSchemaVersion = 2;

// The store `hubgrowth fetch` and the app's Fetch dialog use when none is named:
// hubgrowth.db in the app's data folder (QStandardPaths::AppDataLocation, created if missing).
QString defaultStorePath();

// The listing of one parent's children (all relations: relationFilter empty; else one).
struct ListingState {
    bool exists = false;
    bool complete = false;  // ran to the last page at least once
    QUrl nextUrl;           // where an interrupted listing resumes; empty if none
    int pages = 0;
    qint64 completedAt = 0;  // Unix seconds of the last full listing or refresh
};

struct StoredChild {
    QString id;
    QString relation;
    std::optional<qint64> created;
};

struct StoredBase {
    QString id;
    QString author;
    QString createdAt;
    std::optional<qint64> created;
    QString newVersion;                      // models.new_version; empty when none
    std::optional<qint64> downloadsAllTime;  // of the newest snapshot that has the figure
};

class HubStore {
  public:
    // Opens (creating or migrating) the store. Returns null and sets *error on failure.
    static std::unique_ptr<HubStore> open(const QString& path, QString* error);
    // Opens an existing store read-only, without migrating (for loading series).
    static std::unique_ptr<HubStore> openReadOnly(const QString& path, QString* error);
    ~HubStore();
    HubStore(const HubStore&) = delete;
    HubStore& operator=(const HubStore&) = delete;

    QString path() const { return path_; }
    int schemaVersion() const;

    // Fetch bookkeeping. request is a description of what was asked (never a token).
    qint64 beginFetch(const QString& endpoint, const QString& request, QString* error);
    bool finishFetch(qint64 fetch, const QString& status, QString* error);

    // A base model's own record and snapshot; marks it as a base whose series is wanted.
    bool saveBase(qint64 fetch, const hub::HubModel& model, const QString& relationFilter,
                  QString* error);
    // One page of children of `parent`, their edges and snapshots, and the listing's state,
    // in one transaction. complete: the page was the last one.
    bool savePage(qint64 fetch, const QString& parent, const QString& relationFilter,
                  const std::vector<hub::HubModel>& children, const QUrl& nextUrl, bool complete,
                  QString* error);
    // Marks a listing as not resumable (its next link was unusable); what it stored stays.
    bool abandonListing(const QString& parent, const QString& relationFilter, QString* error);

    ListingState listing(const QString& parent, const QString& relationFilter) const;
    bool hasEdge(const QString& parent, const QString& child) const;

    std::vector<StoredBase> bases() const;
    std::vector<StoredChild> children(const QString& parent) const;
    // Unix seconds of the newest completed listing of parent's children (any filter), or 0.
    qint64 listedAt(const QString& parent) const;
    // Filters whose listings of parent completed ("" = all relations).
    QStringList completedFilters(const QString& parent) const;

    int count(const QString& table) const;  // for tests and summaries

  private:
    class PageWriter;
    HubStore(QString path, QString connection);
    static std::unique_ptr<HubStore> connect(const QString& path, const QString& options,
                                             QString* error);
    bool migrate(QString* error);
    bool exec(const QString& sql, QString* error);
    PageWriter* pageWriter(QString* error);  // nullptr (and error) when it cannot be prepared

    QString path_;
    QString connection_;
    std::unique_ptr<PageWriter> pageWriter_;  // the row statements, prepared on first use
    QSqlDatabase db() const;
};

}  // namespace hubgrowth::store
