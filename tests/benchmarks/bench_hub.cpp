// Hub benchmark: JSON page parsing rate, and a fetch of 50 bases x 2,000 children against the
// loopback mock Hub into a fresh store (wall time, requests, the mock's own time, so what the
// client and the store add is visible).
//   bench_hub [--smoke]     (--smoke: a small run, for ctest)
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <cstdio>
#include <ctime>

#include "data/hub/hub_client.h"
#include "data/hub/hub_fetcher.h"
#include "data/hub/hub_parsers.h"
#include "data/store/hub_store.h"
#include "mock_hub.h"

using namespace hubgrowth;

namespace {

// Process CPU seconds: steadier than wall time on a shared machine.
double cpuSeconds() {
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

// A page shaped like the Hub's answer to a children listing with createdAt, tags, downloads, likes.
QByteArray samplePage(int entries) {
    QByteArray json = "[";
    for (int i = 0; i < entries; ++i) {
        if (i)
            json += ',';
        json +=
            "{\"_id\":\"65f1c0ffee" + QByteArray::number(100000 + i) + "\",\"id\":\"user-" +
            QByteArray::number(i % 997) + "/Llama-3-8B-finetune-" + QByteArray::number(i) +
            "\",\"likes\":" + QByteArray::number(i % 13) +
            ",\"downloads\":" + QByteArray::number(i * 7 % 100000) + ",\"createdAt\":\"2024-0" +
            QByteArray::number(1 + i % 9) + "-1" + QByteArray::number(i % 10) +
            "T12:34:56.000Z\",\"tags\":[\"transformers\",\"safetensors\",\"llama\",\"text-"
            "generation\","
            "\"conversational\",\"en\",\"base_model:meta-llama/Meta-Llama-3-8B\","
            "\"base_model:finetune:meta-llama/Meta-Llama-3-8B\",\"license:llama3\",\"region:us\"]}";
    }
    return json + "]";
}

void benchParse(bool smoke) {
    const QByteArray page = samplePage(500);
    const int rounds = smoke ? 20 : 400;
    qint64 entries = 0;
    const double cpuStart = cpuSeconds();
    QElapsedTimer timer;
    timer.start();
    for (int r = 0; r < rounds; ++r) {
        const hub::ModelPage parsed = hub::parseModelPage(page);
        if (!parsed.ok() || parsed.models.size() != 500 || parsed.models.back().bases.size() != 2) {
            std::fprintf(stderr, "bench_hub: the sample page did not parse\n");
            std::exit(1);
        }
        entries += static_cast<qint64>(parsed.models.size());
    }
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuStart;
    std::printf(
        "parse: %lld entries (%d pages of 500, %.0f bytes/entry): %.3f s wall = %.0f "
        "entries/s, %.3f s CPU = %.0f entries/s (target >= 100000)\n",
        static_cast<long long>(entries), rounds, static_cast<double>(page.size()) / 500.0, seconds,
        static_cast<double>(entries) / seconds, cpu, static_cast<double>(entries) / cpu);
}

// The store alone: pages of 500 parsed children written as the fetcher writes them.
void benchStore(bool smoke) {
    const hub::ModelPage page = hub::parseModelPage(samplePage(500));
    const int pages = smoke ? 4 : 200;
    QTemporaryDir dir;
    QString error;
    auto store = store::HubStore::open(dir.filePath("store.db"), &error);
    const qint64 fetch =
        store ? store->beginFetch(QStringLiteral("bench"), QStringLiteral("bench"), &error) : -1;
    QElapsedTimer timer;
    timer.start();
    for (int p = 0; p < pages && fetch >= 0; ++p) {
        std::vector<hub::HubModel> models = page.models;
        for (auto& m : models)
            m.id += QStringLiteral("-p%1").arg(p);  // new children every page
        if (!store->savePage(fetch, QStringLiteral("meta-llama/Meta-Llama-3-8B"), QString(), models,
                             QUrl(), false, &error))
            break;
    }
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (!error.isEmpty())
        std::fprintf(stderr, "bench_hub: %s\n", qPrintable(error));
    std::printf(
        "store: %d pages of 500 children in %.3f s = %.0f children/s (one transaction per page)\n",
        pages, seconds, 500.0 * pages / seconds);
}

int benchFetch(bool smoke) {
    const int bases = smoke ? 3 : 50;
    const int children = smoke ? 600 : 2000;
    mockhub::MockHub hub;
    if (!hub.start()) {
        std::fprintf(stderr, "bench_hub: cannot listen on loopback\n");
        return 1;
    }
    hub.addSyntheticLineage(bases, children);
    QTemporaryDir dir;
    QString error;
    auto store = store::HubStore::open(dir.filePath("bench.db"), &error);
    if (!store) {
        std::fprintf(stderr, "bench_hub: %s\n", qPrintable(error));
        return 1;
    }
    hub::FetchPlan plan;
    for (int b = 0; b < bases; ++b)
        plan.ids << QStringLiteral("mockorg/base-%1").arg(b, 2, 10, QLatin1Char('0'));
    plan.relations = {QStringLiteral("finetune"), QStringLiteral("adapter"),
                      QStringLiteral("quantized"), QStringLiteral("merge")};
    hub::ClientOptions options;
    options.endpoint = hub.endpoint();
    hub::HubClient client(options);
    hub::HubFetcher fetcher(&client, store.get(), plan);
    QSignalSpy done(&fetcher, &hub::HubFetcher::finished);
    const double cpuStart = cpuSeconds();
    QElapsedTimer timer;
    timer.start();
    fetcher.start();
    if (!done.wait(600000)) {
        std::fprintf(stderr, "bench_hub: the fetch did not finish\n");
        return 1;
    }
    const double wall = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuStart;
    const double server = static_cast<double>(hub.serverNanos()) / 1e9;
    const hub::FetchSummary& s = fetcher.summary();
    const int stored = store->count(QStringLiteral("edges"));
    std::printf(
        "fetch: %d bases x %d children against the mock, %d in flight: %.2f s wall, "
        "%d requests (%d pages), %d retries; mock server %.2f s, client + store %.2f s "
        "(%.1f ms per request); process CPU %.2f s; %d edges stored (expected %d), "
        "%.0f children/s\n",
        bases, children, options.maxInFlight, wall, s.requests, s.pages, s.retries, server,
        wall - server, 1000.0 * (wall - server) / std::max(1, s.requests), cpu, stored,
        bases * children, static_cast<double>(stored) / wall);
    return s.failures.empty() && s.fatal.isEmpty() && stored == bases * children ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const bool smoke = app.arguments().contains(QStringLiteral("--smoke"));
    benchParse(smoke);
    benchStore(smoke);
    return benchFetch(smoke);
}
