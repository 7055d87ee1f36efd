#pragma once
// Runs one Hub fetch (HubClient + HubFetcher into a HubStore, as `hubgrowth fetch` does, or
// HubClient + HubSweeper for the whole Hub, as `hubgrowth fetch --all` does) as a BackgroundJob: on
// the job's worker thread, never on the UI thread, driven by that thread's own event loop.
// Progress, rate-limit pauses and the outcome come back as queued signals. cancel() (at any moment,
// even after the work ended) keeps what the store committed page by page, and the next fetch
// resumes from it.

#include <QString>
#include <memory>

#include "hubgrowth/data/background_job.h"
#include "hubgrowth/data/hub/hub_client.h"
#include "hubgrowth/data/hub/hub_fetcher.h"
#include "hubgrowth/data/hub/hub_sweeper.h"

namespace hubgrowth {

namespace store {
class HubStore;
}

struct FetchRequest {
    hub::FetchPlan plan;  // for the whole Hub only plan.full (re-list) and plan.relations count
    bool wholeHub = false;
    hub::ClientOptions client;  // endpoint and token (the token goes no further than the client)
    QString storePath;
};

struct FetchOutcome {
    bool wholeHub = false;
    hub::FetchSummary summary;  // of a fetch of bases
    hub::SweepSummary sweep;    // of a whole-Hub sweep
    QString storePath;
    QString storeError;  // the store could not be opened: nothing was fetched
};

class HubFetchRunner : public BackgroundJob {
    Q_OBJECT
  public:
    explicit HubFetchRunner(QObject* parent = nullptr);
    ~HubFetchRunner() override;  // cancels and waits for the worker thread

    // False (and nothing happens) while a fetch is running.
    bool start(const FetchRequest& request);

  signals:
    void progress(const hubgrowth::hub::FetchProgress& progress);
    void sweepProgress(const hubgrowth::hub::SweepProgress& progress);
    void rateLimited(int seconds);
    void finished(const hubgrowth::FetchOutcome& outcome);

  protected:
    void workEnded(bool cancelled) override;

  private:
    void fetchBases(JobContext& context, const FetchRequest& request,
                    std::shared_ptr<store::HubStore> store);
    void sweepHub(JobContext& context, const FetchRequest& request,
                  std::shared_ptr<store::HubStore> store);

    FetchOutcome outcome_;  // written by the work, read once it ended
};

}  // namespace hubgrowth

Q_DECLARE_METATYPE(hubgrowth::FetchRequest)
Q_DECLARE_METATYPE(hubgrowth::FetchOutcome)
