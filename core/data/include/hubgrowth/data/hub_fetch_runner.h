#pragma once
// Runs one Hub fetch (HubClient + HubFetcher into a HubStore, as `hubgrowth fetch` does) as a
// BackgroundJob: on the job's worker thread, never on the UI thread, driven by that thread's
// own event loop. Progress, rate-limit pauses and the outcome come back as queued signals.
// cancel() (at any moment, even after the work ended) keeps what the store committed page by
// page, and the next fetch resumes from it.

#include <QString>

#include "hubgrowth/data/background_job.h"
#include "hubgrowth/data/hub/hub_client.h"
#include "hubgrowth/data/hub/hub_fetcher.h"

namespace hubgrowth {

struct FetchRequest {
    hub::FetchPlan plan;
    hub::ClientOptions client;  // endpoint and token (the token goes no further than the client)
    QString storePath;
};

struct FetchOutcome {
    hub::FetchSummary summary;
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
    void rateLimited(int seconds);
    void finished(const hubgrowth::FetchOutcome& outcome);

  protected:
    void workEnded(bool cancelled) override;

  private:
    FetchOutcome outcome_;  // written by the work, read once it ended
};

}  // namespace hubgrowth

Q_DECLARE_METATYPE(hubgrowth::FetchRequest)
Q_DECLARE_METATYPE(hubgrowth::FetchOutcome)
