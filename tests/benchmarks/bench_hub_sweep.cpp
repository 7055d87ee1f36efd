// Whole-Hub sweep benchmark: `fetch --all`'s client and store (in process) against the loopback
// mock serving a deterministic synthetic Hub from another thread. Prints the sweep's throughput
// (models/s, wall), the store's size after the sweep and after a further --full sweep, the time
// to open the store and build every series, and the peak RSS (this process: the mock and its
// synthetic Hub included). On a shared machine wall time moves with the other load, so each
// sweep also reports CPU seconds: the whole process's (user + system) and the mock's server
// thread's alone; "client + store" is the difference (the sweep's own threads: the event loop,
// Qt's network thread and SQLite).
//   bench_hub_sweep [--smoke] [--models N]   (default 2,000,000; --smoke: 20,000)
// The store is created in QTemporaryDir's place (TMPDIR).
#include <pthread.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/data/hub/hub_client.h"
#include "hubgrowth/data/hub/hub_sweeper.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/store_dataset.h"
#include "hubgrowth/testsupport/mock_hub.h"
#include "hubgrowth/testsupport/synthetic_hub.h"

using namespace hubgrowth;

namespace {

double peakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

double processCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) {
        return double(t.tv_sec) + double(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double threadCpuSeconds(clockid_t clock) {
    timespec t{};
    clock_gettime(clock, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

double storeMb(const QString& path) {
    return double(QFileInfo(path).size() + QFileInfo(path + "-wal").size()) / (1024.0 * 1024.0);
}

struct SweepRun {
    hub::SweepSummary summary;
    double seconds = 0;
    double processCpu = 0;    // seconds, user + system, every thread
    double mockCpu = 0;       // the mock's server thread alone
    double largestWalMb = 0;  // the WAL file's size, polled every 2 ms during the sweep
};

// Polls the WAL's size from a thread of its own (the merge runs its chunks back to back).
class WalWatch {
  public:
    explicit WalWatch(const QString& db) : path_((db + "-wal").toStdString()) {
        thread_ = std::thread([this] {
            while (!stop_.load()) {
                struct stat info {};
                if (::stat(path_.c_str(), &info) == 0)
                    largest_ = std::max<qint64>(largest_, info.st_size);
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        });
    }
    double stopMb() {
        stop_ = true;
        thread_.join();
        return double(largest_) / (1024.0 * 1024.0);
    }

  private:
    std::string path_;
    std::atomic<bool> stop_{false};
    qint64 largest_ = 0;
    std::thread thread_;
};

void printCpu(const SweepRun& run) {
    const double own = run.processCpu - run.mockCpu;
    std::printf(
        "  CPU: %.2f s process, %.2f s of it the mock's thread; client + store %.2f s: "
        "%.0f models per CPU-second\n",
        run.processCpu, run.mockCpu, own, double(run.summary.models) / std::max(own, 1e-3));
    std::printf("  largest WAL seen: %.1f MB (polled every 2 ms)\n", run.largestWalMb);
}

SweepRun sweep(const QUrl& endpoint, const QString& db, bool full, clockid_t mockClock) {
    QString error;
    auto store = store::HubStore::open(db, &error);
    if (!store) {
        std::fprintf(stderr, "bench_hub_sweep: %s\n", qPrintable(error));
        std::exit(1);
    }
    hub::ClientOptions options;
    options.endpoint = endpoint;
    hub::HubClient client(options);
    hub::HubSweeper sweeper(&client, store.get(), full);
    QEventLoop loop;
    QObject::connect(&sweeper, &hub::HubSweeper::finished, &loop, &QEventLoop::quit);
    QElapsedTimer timer;
    const double cpuBefore = processCpuSeconds();
    const double mockBefore = threadCpuSeconds(mockClock);
    WalWatch wal(db);
    timer.start();
    sweeper.start();
    loop.exec();
    store->checkpoint(&error);
    SweepRun run{sweeper.summary(), double(timer.elapsed()) / 1000.0,
                 processCpuSeconds() - cpuBefore, threadCpuSeconds(mockClock) - mockBefore,
                 wal.stopMb()};
    if (!run.summary.fatal.isEmpty() || !run.summary.complete) {
        std::fprintf(stderr, "bench_hub_sweep: sweep failed: %s\n", qPrintable(run.summary.fatal));
        std::exit(1);
    }
    return run;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool smoke = args.contains("--smoke");
    int models = smoke ? 20000 : 2000000;
    const qsizetype at = args.indexOf("--models");
    if (at >= 0 && at + 1 < args.size())
        models = args[at + 1].toInt();
    if (models < 100) {
        std::fprintf(stderr, "bench_hub_sweep: --models needs a number >= 100\n");
        return 2;
    }
    QElapsedTimer timer;
    timer.start();
    auto synthetic = std::make_shared<mockhub::SyntheticHub>(models);
    const qint64 edges = static_cast<qint64>(synthetic->edges().size());
    std::printf("synthetic Hub: %d models, %lld edges (built in %.1f s)\n", models,
                static_cast<long long>(edges), double(timer.elapsed()) / 1000.0);

    // The mock serves from its own thread, so the sweep's wall time is the client's and the
    // store's, not the server's.
    QThread serverThread;
    serverThread.start();
    mockhub::MockHub* mock = nullptr;
    QUrl endpoint;
    QMetaObject::invokeMethod(
        &app,
        [&] {
            mock = new mockhub::MockHub();
            mock->moveToThread(&serverThread);
        },
        Qt::DirectConnection);
    pthread_t serverHandle{};
    QMetaObject::invokeMethod(
        mock,
        [&] {
            serverHandle = pthread_self();
            mock->setSyntheticHub(synthetic);
            if (!mock->start())
                std::fprintf(stderr, "bench_hub_sweep: the mock Hub cannot listen\n");
            endpoint = mock->endpoint();
        },
        Qt::BlockingQueuedConnection);

    clockid_t mockClock{};
    if (pthread_getcpuclockid(serverHandle, &mockClock) != 0) {
        std::fprintf(stderr, "bench_hub_sweep: no CPU clock for the mock's thread\n");
        return 1;
    }
    QTemporaryDir dir;
    const QString db = dir.filePath("sweep.db");
    const SweepRun first = sweep(endpoint, db, false, mockClock);
    const double afterFirst = storeMb(db);
    std::printf(
        "first sweep: %lld models, %d pages in %.2f s wall: %.0f models/s (client + store)\n",
        static_cast<long long>(first.summary.models), first.summary.pages, first.seconds,
        double(first.summary.models) / first.seconds);
    printCpu(first);
    std::printf("store after one sweep: %.1f MB (%.1f bytes per model)\n", afterFirst,
                afterFirst * 1024 * 1024 / models);

    QMetaObject::invokeMethod(
        mock, [&] { synthetic->nextDay(); }, Qt::BlockingQueuedConnection);
    const SweepRun full = sweep(endpoint, db, true, mockClock);
    const double afterFull = storeMb(db);
    std::printf("--full sweep: %lld models in %.2f s wall: %.0f models/s\n",
                static_cast<long long>(full.summary.models), full.seconds,
                double(full.summary.models) / full.seconds);
    printCpu(full);
    std::printf("store after a further --full sweep: %.1f MB (+%.1f MB, %.1f bytes per model)\n",
                afterFull, afterFull - afterFirst, (afterFull - afterFirst) * 1024 * 1024 / models);

    timer.restart();
    QStringList all = {"finetune", "adapter", "quantized", "merge", "unspecified"};
    const ImportResult loaded = store::loadStoreDataset(db, all);
    const double loadSeconds = double(timer.elapsed()) / 1000.0;
    if (!loaded.ok()) {
        std::fprintf(stderr, "bench_hub_sweep: %s\n", qPrintable(loaded.error));
        return 1;
    }
    std::printf(
        "open the store and build all series: %.2f s (%zu series, all relations, "
        "quick_check included)\n",
        loadSeconds, loaded.dataset.series.size());
    timer.restart();
    BatchOptions fitOptions;  // the CLI's and the workbench's defaults: one thread per core
    const BatchOutcome fits = fitBatch(loaded.dataset.series, fitOptions);
    const double fitSeconds = double(timer.elapsed()) / 1000.0;
    const auto converged = std::count_if(fits.results.begin(), fits.results.end(),
                                         [](const FitResult& r) { return r.converged(); });
    std::printf("fit every series: %.2f s on %d threads (%d series, %lld converged, %.0f fits/s)\n",
                fitSeconds, QThread::idealThreadCount(), fits.completed,
                static_cast<long long>(converged), double(fits.completed) / fitSeconds);
    std::printf("peak RSS: %.0f MB (this process: mock, synthetic Hub, client and store)\n",
                peakRssMb());

    QMetaObject::invokeMethod(
        mock, [&] { delete mock; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return 0;
}
