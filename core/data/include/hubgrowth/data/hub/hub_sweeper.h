#pragma once
// The whole-Hub sweep (`hubgrowth fetch --all`): pages through every model newest first by
// createdAt, storing each page (models, one edge per base_model tag, a download snapshot, the
// cursor) in one transaction, so an interrupted sweep resumes from its last whole page. A
// store that already finished a sweep is refreshed (newest first, up to the first page whose
// models are all known); `full` lists everything again.

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <map>

#include "hubgrowth/data/hub/hub_client.h"
#include "hubgrowth/data/store/store_sweep.h"

namespace hubgrowth::store {
class HubStore;
}

namespace hubgrowth::hub {

struct SweepProgress {
    int pages = 0;
    qint64 models = 0;
    qint64 edges = 0;
    int requests = 0;
    int rateLimitWaits = 0;
    qint64 totalModels = -1;  // X-Total-Count when the Hub sends it
    double etaSeconds = -1;   // from the pages left and the rate limit (or the pace so far)
};

struct SweepSummary {
    store::SweepMode mode = store::SweepMode::First;
    bool resumed = false;  // continued an interrupted sweep from its saved cursor
    bool complete = false;
    int pages = 0;
    qint64 models = 0;
    qint64 known = 0;  // of those, already in the store before (refresh, full)
    std::map<QString, qint64> edgesByRelation;
    qint64 unknownDates = 0;
    qint64 aliasedParents = 0;
    int requests = 0;
    int retries = 0;
    int rateLimitWaits = 0;
    qint64 rateLimitedMs = 0;
    qint64 elapsedMs = 0;
    bool cancelled = false;
    QString fatal;  // why the sweep stopped early (what was committed stays)
};

class HubSweeper : public QObject {
    Q_OBJECT
  public:
    HubSweeper(HubClient* client, store::HubStore* store, bool full, QObject* parent = nullptr);

    void start();   // once; finished() follows
    void cancel();  // stops soon; the committed pages stay
    const SweepSummary& summary() const { return summary_; }

  signals:
    void progress(const hubgrowth::hub::SweepProgress& progress);
    void rateLimited(int seconds);
    void finished();

  private:
    void fetchPage(const QUrl& url);
    void onPage(const HubReply& reply);
    void updateEta(const HubReply& reply, int pageSize);
    void stop(const QString& fatal);
    void finish();

    HubClient* client_;
    store::HubStore* store_;
    bool full_ = false;
    SweepSummary summary_;
    SweepProgress progress_;
    qint64 fetchId_ = -1;
    qint64 sweepId_ = -1;
    QUrl firstUrl_;
    QSet<QByteArray> seenCursors_;  // a repeated cursor would page forever
    QElapsedTimer clock_;
    bool inFlight_ = false;
    bool finished_ = false;
};

}  // namespace hubgrowth::hub

Q_DECLARE_METATYPE(hubgrowth::hub::SweepProgress)
