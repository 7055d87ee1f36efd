#pragma once
// Sums the whole Hub's snapshots of a store, sweep by sweep (store::loadHubHistory), as a
// BackgroundJob: a scan of every snapshot, 0.1–0.3 s at 200 k models and more at the Hub's
// 2 M, kept off the UI thread. The work opens its own read-only connection on the worker.

#include <QString>

#include "hubgrowth/data/background_job.h"
#include "hubgrowth/data/store/snapshot_history.h"

namespace hubgrowth {

class HubHistoryJob : public BackgroundJob {
    Q_OBJECT
  public:
    using BackgroundJob::BackgroundJob;
    ~HubHistoryJob() override;  // waits for the worker thread (the query is not interruptible)

    // False while a read runs.
    bool start(const QString& storePath);
    QString storePath() const { return storePath_; }
    // After ended(): the sweeps' totals or the error (once; moved out).
    store::HubHistory takeResult() { return std::move(result_); }

  private:
    QString storePath_;
    store::HubHistory result_;  // written by the work, read after ended()
};

}  // namespace hubgrowth
