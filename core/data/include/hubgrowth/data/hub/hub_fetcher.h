#pragma once
// Downloads lineage into the store: resolves the bases (explicit ids, an organisation's
// original models or the most downloaded ones), records each base, lists its children page by
// page (optionally their children too), and keeps score. Every page is committed on its own,
// so a cancelled or failed fetch keeps what it got and the next one resumes from the saved
// cursor; a listing that once completed is refreshed newest-first up to the first known child
// (FetchPlan::full re-lists it whole).

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "hubgrowth/data/hub/hub_client.h"
#include "hubgrowth/data/hub/hub_model.h"

namespace hubgrowth::store {
class HubStore;
}

namespace hubgrowth::hub {

struct FetchPlan {
    QStringList ids;        // explicit base ids, or
    QString author;         // an organisation's models that are not derived, or
    int top = 0;            // the N most downloaded models that are not derived
    QStringList relations;  // relations to list; empty or all four: every child
    int depth = 1;          // 1: children only; 2: their children too; ...
    // Re-list every child even of listings that completed before: a refresh stops at the first
    // known child, so it cannot see an older child that appeared late (a card that gained its
    // base_model later, a repository made public later).
    bool full = false;
};

struct FetchProgress {
    int modelsDone = 0;
    int modelsTotal = 0;
    int pages = 0;
    int childrenFound = 0;
    int requests = 0;
};

struct FetchFailure {
    QString model;
    QString reason;
};

struct FetchSummary {
    QStringList bases;
    int modelsFetched = 0;                      // bases recorded and listed to the end
    std::map<QString, int> childrenByRelation;  // direct children of the bases seen this run
    int unknownDates = 0;                       // of those, without a usable creation time
    int descendants = 0;                        // deeper generations (--depth > 1)
    std::vector<FetchFailure> failures;         // per model; the fetch went on without them
    QString fatal;                              // the whole fetch could not proceed
    int requests = 0;
    int retries = 0;
    int pages = 0;
    int refreshedIncrementally = 0;  // listings that stopped at their first known child
    QStringList renamed;             // "OLD -> NEW" for bases the Hub answered under a new id
    qint64 rateLimitedMs = 0;
    qint64 elapsedMs = 0;
    bool cancelled = false;
    int childrenTotal() const;
};

class HubFetcher : public QObject {
    Q_OBJECT
  public:
    HubFetcher(HubClient* client, store::HubStore* store, FetchPlan plan,
               QObject* parent = nullptr);
    ~HubFetcher() override;

    void start();   // once; finished() follows
    void cancel();  // stops soon; what was committed stays
    const FetchSummary& summary() const { return summary_; }
    // The relation filter the listings use: "" for every relation, else the single one asked.
    QString listingFilter() const;

  signals:
    void progress(const hubgrowth::hub::FetchProgress& progress);
    void rateLimited(int seconds);
    void finished();

  private:
    struct Listing;
    void resolveBases();
    void resolvePage(const QUrl& url, const std::shared_ptr<QSet<QString>>& seen);
    void onResolvePage(const std::shared_ptr<QSet<QString>>& seen, const HubReply& reply);
    void startBases(const QStringList& ids);
    void fetchBase(const QString& id);
    void onBaseInfo(const QString& id, const HubReply& reply);
    void startListing(const QString& parent, int depth, bool countsForBase);
    void fetchPage(const std::shared_ptr<Listing>& listing, const QUrl& url);
    void onPage(const std::shared_ptr<Listing>& listing, const HubReply& reply);
    void endListing(const std::shared_ptr<Listing>& listing, bool ok);
    void addJob(std::function<void()> job);
    void jobDone();
    void fail(const QString& model, const QString& reason);
    void fatal(const QString& reason);
    void emitProgress();
    void finish();

    HubClient* client_;
    store::HubStore* store_;
    FetchPlan plan_;
    FetchSummary summary_;
    FetchProgress progress_;
    qint64 fetchId_ = -1;
    QElapsedTimer clock_;
    std::deque<std::function<void()>> jobs_;
    int activeJobs_ = 0;
    int maxActiveJobs_ = 8;
    bool started_ = false;
    bool finished_ = false;
    QStringList resolved_;        // bases found by --author / --top
    QSet<QString> listed_;        // parents whose listing this run started (no cycles)
    QSet<QString> countedEdges_;  // "base\nchild" of direct children counted in the summary
};

}  // namespace hubgrowth::hub

Q_DECLARE_METATYPE(hubgrowth::hub::FetchProgress)
