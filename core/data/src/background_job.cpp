#include "hubgrowth/data/background_job.h"

#include <QMetaObject>
#include <QPointer>
#include <QThread>

namespace hubgrowth {

void JobContext::progress(int done, int total) {
    QMetaObject::invokeMethod(
        job_, [job = job_, done, total] { emit job->progressed(done, total); },
        Qt::QueuedConnection);
}

void JobContext::finish() {
    if (finished_)
        return;
    finished_ = true;
    const bool wasCancelled = cancelled();
    // Queued to the job: if the job is destroyed first, Qt drops the call.
    QMetaObject::invokeMethod(
        job_,
        [job = job_, cancelled = wasCancelled] {
            job->running_ = false;
            job->workEnded(cancelled);
            emit job->ended(cancelled);
        },
        Qt::QueuedConnection);
    QThread::currentThread()->quit();  // one thread per run
}

BackgroundJob::BackgroundJob(QObject* parent) : QObject(parent) {}

BackgroundJob::~BackgroundJob() {
    cancelAndWait();
}

void BackgroundJob::cancelAndWait() {
    cancel();
    stopThread();
}

bool BackgroundJob::run(std::function<void(JobContext&)> work) {
    if (running_)
        return false;
    stopThread();
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    context_.reset(new JobContext(this, cancel_));
    thread_ = new QThread(this);
    thread_->setObjectName(metaObject()->className());
    workerContext_ = new QObject();
    workerContext_->moveToThread(thread_);
    thread_->start();
    running_ = true;
    QMetaObject::invokeMethod(
        workerContext_,
        [context = context_.get(), work = std::move(work)] {
            work(*context);
            if (!context->deferred_)
                context->finish();
        },
        Qt::QueuedConnection);
    return true;
}

void BackgroundJob::cancel() {
    if (cancel_)
        cancel_->store(true);
}

void BackgroundJob::stopThread() {
    if (!thread_)
        return;
    thread_->wait();        // the work quits its thread when it has finished
    delete workerContext_;  // safe: its thread no longer runs
    delete thread_;
    thread_ = nullptr;
    workerContext_ = nullptr;
    context_.reset();
}

}  // namespace hubgrowth
