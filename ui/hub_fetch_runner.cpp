#include "hub_fetch_runner.h"

#include <QEventLoop>
#include <QThread>

#include "data/store/hub_store.h"

namespace hubgrowth {

HubFetchWorker::HubFetchWorker(std::shared_ptr<std::atomic<bool>> cancelled)
    : cancelled_(std::move(cancelled)) {}

void HubFetchWorker::run(const FetchRequest& request) {
    FetchOutcome outcome;
    outcome.storePath = request.storePath;
    const auto store = store::HubStore::open(request.storePath, &outcome.storeError);
    if (!store) {
        emit finished(outcome);
        QThread::currentThread()->quit();
        return;
    }
    hub::HubClient client(request.client);
    hub::HubFetcher fetcher(&client, store.get(), request.plan);
    fetcher_ = &fetcher;
    connect(&fetcher, &hub::HubFetcher::progress, this, &HubFetchWorker::progress);
    connect(&fetcher, &hub::HubFetcher::rateLimited, this, &HubFetchWorker::rateLimited);
    // A nested loop on the worker thread: the client, fetcher and store stay on this stack
    // and are gone, with the store's connection closed, before finished() goes out.
    QEventLoop loop;
    connect(&fetcher, &hub::HubFetcher::finished, &loop, &QEventLoop::quit);
    fetcher.start();
    if (cancelled_->load())
        fetcher.cancel();  // cancelled before the fetch began
    loop.exec();
    fetcher_ = nullptr;
    outcome.summary = fetcher.summary();
    emit finished(outcome);
    QThread::currentThread()->quit();  // one thread per fetch
}

void HubFetchWorker::cancel() {
    if (fetcher_)
        fetcher_->cancel();
}

HubFetchRunner::HubFetchRunner(QObject* parent) : QObject(parent) {
    qRegisterMetaType<FetchRequest>();
    qRegisterMetaType<FetchOutcome>();
    qRegisterMetaType<hub::FetchProgress>();
}

HubFetchRunner::~HubFetchRunner() {
    cancel();
    stopThread();
}

bool HubFetchRunner::start(const FetchRequest& request) {
    if (running_)
        return false;
    stopThread();
    cancelled_ = std::make_shared<std::atomic<bool>>(false);
    thread_ = new QThread(this);
    thread_->setObjectName(QStringLiteral("hub-fetch"));
    worker_ = new HubFetchWorker(cancelled_);
    worker_->moveToThread(thread_);
    // The worker is deleted by stopThread(), not by deleteLater on the thread's finished():
    // the thread may end while its finished() is still queued here, and a cancel() in that gap
    // must still find a live worker (a queued call to it is then simply never run).
    connect(worker_, &HubFetchWorker::progress, this, &HubFetchRunner::progress);
    connect(worker_, &HubFetchWorker::rateLimited, this, &HubFetchRunner::rateLimited);
    connect(worker_, &HubFetchWorker::finished, this, [this](const FetchOutcome& outcome) {
        running_ = false;
        emit finished(outcome);
    });
    thread_->start();
    running_ = true;
    QMetaObject::invokeMethod(
        worker_, [worker = worker_, request] { worker->run(request); }, Qt::QueuedConnection);
    return true;
}

void HubFetchRunner::cancel() {
    if (!running_ || !worker_)
        return;
    cancelled_->store(true);
    QMetaObject::invokeMethod(
        worker_, [worker = worker_] { worker->cancel(); }, Qt::QueuedConnection);
}

void HubFetchRunner::stopThread() {
    if (!thread_)
        return;
    thread_->wait();  // the worker quits its thread when its fetch has finished
    delete worker_;   // safe: its thread no longer runs (pending calls to it go with it)
    delete thread_;
    thread_ = nullptr;
    worker_ = nullptr;
}

}  // namespace hubgrowth
