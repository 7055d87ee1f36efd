#pragma once
// One pattern for every background task of the app (loading a dataset, fitting every series,
// fetching from the Hub): a job owns a worker QThread; start runs the work there; progress and
// the end come back as queued signals on the job's own thread; cancel() sets an atomic flag
// that the work checks as it goes, and is harmless at any moment, even after the work ended.
//
//   class LoadJob : public BackgroundJob { ... bool start(...) { return run([=](JobContext& c)
//       { result_ = load(..., c.cancelFlag()); }); } };
//   connect(&job, &BackgroundJob::ended, ...);   // (bool cancelled), on the owner's thread
//
// The work either returns when done (the usual case), or, for work driven by events on the
// worker thread (network replies), calls context.deferFinish() and later context.finish():
// the worker thread runs an event loop of its own, so no nested loop is needed.

#include <QObject>
#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace hubgrowth {

class BackgroundJob;

// What the work sees, on the worker thread.
class JobContext {
  public:
    bool cancelled() const { return cancel_->load(std::memory_order_relaxed); }
    const std::atomic<bool>* cancelFlag() const { return cancel_.get(); }
    // Reports progress to the job's thread (queued; never blocks the work).
    void progress(int done, int total);
    // For event-driven work: the job is not finished when the work function returns...
    void deferFinish() { deferred_ = true; }
    // ...but when this is called (on the worker thread).
    void finish();

  private:
    friend class BackgroundJob;
    JobContext(BackgroundJob* job, std::shared_ptr<std::atomic<bool>> cancel)
        : job_(job), cancel_(std::move(cancel)) {}
    BackgroundJob* job_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    bool deferred_ = false;
    bool finished_ = false;
};

class BackgroundJob : public QObject {
    Q_OBJECT
  public:
    explicit BackgroundJob(QObject* parent = nullptr);
    ~BackgroundJob() override;  // cancels and waits for the worker thread

    bool isRunning() const { return running_; }
    // Asks the work to stop; ended(true) follows (what was done until then is kept).
    void cancel();
    // The running (or last) work's thread, for tests.
    QThread* workerThread() const { return thread_; }

  signals:
    void progressed(int done, int total);
    // The work ended; cancelled when cancel() was called before it did. Subclasses announce
    // their typed result from workEnded(), just before this.
    void ended(bool cancelled);

  protected:
    // Runs work on a new worker thread; false (and nothing runs) while a job is running.
    bool run(std::function<void(JobContext&)> work);
    // Called on the job's thread just before ended(), for subclasses to take the result.
    virtual void workEnded(bool /*cancelled*/) {}
    // Cancels and waits until the worker thread has ended. A subclass whose work writes to its
    // members calls this from its destructor, while those members still exist.
    void cancelAndWait();

  private:
    friend class JobContext;
    void stopThread();

    QThread* thread_ = nullptr;
    QObject* workerContext_ = nullptr;  // lives on the worker thread
    std::unique_ptr<JobContext> context_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    bool running_ = false;
};

}  // namespace hubgrowth
