#pragma once
// The local SQLite store of Hub lineage (Qt Sql). Tables:
//   models(id, author, created_at, created_unix, new_version, children_count, first_fetch,
//   last_fetch) edges(parent, child, relation, first_fetch)          parent -> child with its
//   relation bases(id, relation_filter, added_fetch)              the models whose series the user
//   asked for snapshots(model, fetch, taken_at, downloads, downloads_all_time, likes)  one row per
//   model per fetch fetches(id, started_at, finished_at, endpoint, request, status)
//   listings(parent, relation_filter, next_url, complete, pages, fetch, completed_at,
//   refreshed_at)  resume state
//   aliases(old, new)  a renamed repository: old is never a base of its own
//   sweeps(id, fetch, mode, next_url, pages, models, started_at, finished_at)  whole-Hub sweeps
//   sweep_snapshots(sweep, key, downloads, likes)  one row per model per sweep (models.key)
//   sweep_staged_models(seq, sweep, fetch, id, created_at, created_unix, downloads, likes) and
//   sweep_staged_edges(seq, fetch, parent, child, relation)  sweep pages not merged yet
// The version lives in PRAGMA user_version; open() migrates older stores step by step (one
// exclusive transaction, so two processes creating one store both succeed) and refuses newer
// ones and files that are not stores without writing a byte to them. Every write is one
// transaction, so an interrupted fetch keeps whole pages.

#include <QSqlDatabase>
#include <QString>
#include <QUrl>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "hubgrowth/data/hub/hub_model.h"
#include "hubgrowth/data/store/store_sweep.h"

namespace hubgrowth::store {

inline constexpr int kSchemaVersion = 5;

// The WAL is checkpointed back into the store every this many database pages (4 KiB each) and
// truncated to this size, so a fetch needs about this much free space beyond the store.
inline constexpr int kWalCheckpointPages = 1024;
inline constexpr qint64 kWalSizeLimit = qint64{4} * 1024 * 1024;
// Free space a fetch asks for before it starts: the WAL cap, one page's transaction and room.
inline constexpr qint64 kFetchFreeSpaceNeeded = 4 * kWalSizeLimit;
// A whole-Hub sweep touches a leaf page per model (ids arrive in creation order, not id
// order), so a 1,000-model page writes ~4 MB of WAL; checkpointing (an fsync) after every page
// made the sweep wait on the disk ~2/3 of the time. Sweeps checkpoint every 64 MiB instead.
inline constexpr int kSweepWalCheckpointPages = 16384;
inline constexpr qint64 kSweepWalSizeLimit = qint64{64} * 1024 * 1024;
inline constexpr qint64 kSweepFreeSpaceNeeded = 4 * kSweepWalSizeLimit;
// Sweep pages are staged (appended in listing order) and merged into the id-keyed tables once
// this many models wait: the merge visits the tables in id order, so a leaf page is rewritten
// once per merge instead of once per listing page. Each merge transaction covers the id range
// of about kSweepMergeChunkModels stored models (~25 MB of WAL), so the WAL stays near its cap.
inline constexpr int kSweepStagedModels = 100000;
inline constexpr int kSweepMergeChunkModels = 100000;

// The store `hubgrowth fetch` and the app's Fetch dialog use when none is named:
// hubgrowth.db in the app's data folder (QStandardPaths::AppDataLocation, created if missing).
QString defaultStorePath();

// False (and *error saying how much is free and what to do) when the folder of the store at
// path has less than kFetchFreeSpaceNeeded free; available < 0: ask the file system.
bool checkFreeSpace(const QString& path, QString* error, qint64 available = -1,
                    qint64 needed = kFetchFreeSpaceNeeded);

// The listing of one parent's children (all relations: relationFilter empty; else one).
struct ListingState {
    bool exists = false;
    bool complete = false;  // ran to the last page at least once
    QUrl nextUrl;           // where an interrupted listing resumes; empty if none
    int pages = 0;
    qint64 completedAt = 0;  // Unix seconds of the last listing that ran to its last page
    qint64 refreshedAt = 0;  // of the last refresh that stopped at the first known child
};

// How a saved page ends its listing.
enum class ListingEnd {
    More,       // more pages follow (nextUrl)
    LastPage,   // the listing ran to its last page: every child was seen (completed_at)
    KnownChild  // a refresh reached a child already stored: only newer ones were seen
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

    // A base model's own record and snapshot; marks it as a base whose series is wanted and
    // gives it a listing state. requestedId: the id the user named; when the Hub answered under
    // another (a renamed repository), it becomes an alias and what was stored under it moves
    // to model.id, so one base keeps one series.
    bool saveBase(qint64 fetch, const hub::HubModel& model, const QString& relationFilter,
                  QString* error, const QString& requestedId = QString());
    // One page of children of `parent`, their edges and snapshots, and the listing's state,
    // in one transaction. complete: the page was the last one.
    bool savePage(qint64 fetch, const QString& parent, const QString& relationFilter,
                  const std::vector<hub::HubModel>& children, const QUrl& nextUrl, bool complete,
                  QString* error);
    bool savePage(qint64 fetch, const QString& parent, const QString& relationFilter,
                  const std::vector<hub::HubModel>& children, const QUrl& nextUrl, ListingEnd end,
                  QString* error);
    // Marks a listing as not resumable (its next link was unusable); what it stored stays.
    bool abandonListing(const QString& parent, const QString& relationFilter, QString* error);

    // Reads. With error given, a failed step (a damaged page, an I/O error, a lock) sets it and
    // the result is partial: never take it for the whole.
    ListingState listing(const QString& parent, const QString& relationFilter,
                         QString* error = nullptr) const;
    bool hasEdge(const QString& parent, const QString& child, QString* error = nullptr) const;

    std::vector<StoredBase> bases(QString* error = nullptr) const;
    std::vector<StoredChild> children(const QString& parent, QString* error = nullptr) const;
    // Unix seconds up to which parent's children were listed (the newest full listing or
    // refresh, any filter), or 0 when no listing ever reached its end.
    qint64 listedAt(const QString& parent, QString* error = nullptr) const;
    // Filters whose listings of parent completed ("" = all relations).
    QStringList completedFilters(const QString& parent, QString* error = nullptr) const;
    // The id a renamed repository goes by now (id itself when it is no alias).
    QString canonicalId(const QString& id, QString* error = nullptr) const;

    // Whole-Hub sweeps (store_sweep.cpp). The latest sweep, if any.
    std::optional<SweepState> latestSweep(QString* error) const;
    // Unix seconds when the newest finished sweep reached its end; 0 when none did.
    qint64 sweptAt(QString* error = nullptr) const;
    qint64 beginSweep(qint64 fetch, SweepMode mode, QString* error);
    // The sweep's larger checkpoint interval and WAL cap (kSweepWalCheckpointPages).
    bool useSweepCheckpoints(QString* error);
    // One listing page of the whole Hub in one transaction: every model (row, key, snapshot of
    // this sweep), an edge per base_model tag (parents resolved through aliases; a parent not
    // stored yet gets a row of its own), and the sweep's cursor (last: the sweep ended).
    bool saveSweepPage(qint64 fetch, qint64 sweep, const std::vector<hub::HubModel>& models,
                       const QUrl& nextUrl, bool last, SweepPageCounts* counts, QString* error);
    // How many of these models the store already holds (staged pages included).
    int countKnown(const std::vector<hub::HubModel>& models, QString* error);
    // Merges the staged sweep pages into models, edges and snapshots (store_sweep_merge.cpp);
    // saveSweepPage does so every kSweepStagedModels and at the sweep's end, a cancelled or
    // failed sweep when it finishes, and a sweep killed before that when the next one starts.
    bool mergeStagedSweep(QString* error);
    // The merge's sizes (tests merge small batches in several chunks to cover that path).
    void setSweepMergeSizes(int stagedModels, int chunkModels) {
        sweepStagedModels_ = stagedModels;
        sweepMergeChunkModels_ = chunkModels;
    }

    int count(const QString& table) const;  // for tests and summaries
    // Copies the WAL back into the store and truncates it (end of a fetch).
    bool checkpoint(QString* error);
    QSqlDatabase database() const { return db(); }  // for the store check

  private:
    class PageWriter;
    class SweepWriter;
    HubStore(QString path, QString connection);
    static std::unique_ptr<HubStore> connect(const QString& path, const QString& options,
                                             QString* error);
    bool refuseForeign(QString* error);
    bool migrate(QString* error);
    bool useWal(QString* error);
    bool exec(const QString& sql, QString* error);
    PageWriter* pageWriter(QString* error);  // nullptr (and error) when it cannot be prepared

    QString path_;
    QString connection_;
    std::unique_ptr<PageWriter> pageWriter_;  // the row statements, prepared on first use
    std::unique_ptr<SweepWriter> sweepWriter_;
    int sweepStagedModels_ = kSweepStagedModels;
    int sweepMergeChunkModels_ = kSweepMergeChunkModels;
    SweepWriter* sweepWriter(QString* error);
    // The merge; finalUpdate (null: none) runs in its last transaction.
    bool mergeStaged(SweepWriter* writer, const std::function<bool(QString*)>& finalUpdate,
                     QString* error);
    bool updateSweepRow(qint64 sweep, const QUrl& nextUrl, bool last, int models, QString* error);
    QSqlDatabase db() const;
};

}  // namespace hubgrowth::store
