#pragma once
// Runs one Hub fetch (HubClient + HubFetcher into a HubStore, as `hubgrowth fetch` does) on a
// worker QThread, never on the UI thread. The worker object is moved to the thread; progress,
// rate-limit pauses and the outcome come back as queued signals. cancel() (from the runner's
// thread, at any moment, even after the worker ended) keeps what the store committed page by
// page, and the next fetch resumes from it.

#include <QObject>
#include <QPointer>
#include <QString>
#include <atomic>
#include <memory>

#include "data/hub/hub_client.h"
#include "data/hub/hub_fetcher.h"

class QThread;

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

// Lives on the worker thread; only HubFetchRunner talks to it.
class HubFetchWorker : public QObject {
    Q_OBJECT
  public:
    explicit HubFetchWorker(std::shared_ptr<std::atomic<bool>> cancelled);
    void run(const hubgrowth::FetchRequest& request);  // on the worker thread
    void cancel();                                     // on the worker thread

  signals:
    void progress(const hubgrowth::hub::FetchProgress& progress);
    void rateLimited(int seconds);
    void finished(const hubgrowth::FetchOutcome& outcome);

  private:
    std::shared_ptr<std::atomic<bool>> cancelled_;
    QPointer<hub::HubFetcher> fetcher_;
};

class HubFetchRunner : public QObject {
    Q_OBJECT
  public:
    explicit HubFetchRunner(QObject* parent = nullptr);
    ~HubFetchRunner() override;  // cancels and waits for the worker thread

    // False (and nothing happens) while a fetch is running.
    bool start(const FetchRequest& request);
    void cancel();
    bool isRunning() const { return running_; }
    QThread* workerThread() const { return thread_; }  // the running fetch's thread, for tests

  signals:
    void progress(const hubgrowth::hub::FetchProgress& progress);
    void rateLimited(int seconds);
    void finished(const hubgrowth::FetchOutcome& outcome);

  private:
    void stopThread();

    QThread* thread_ = nullptr;
    HubFetchWorker* worker_ = nullptr;
    std::shared_ptr<std::atomic<bool>> cancelled_;
    bool running_ = false;
};

}  // namespace hubgrowth

Q_DECLARE_METATYPE(hubgrowth::FetchRequest)
Q_DECLARE_METATYPE(hubgrowth::FetchOutcome)
