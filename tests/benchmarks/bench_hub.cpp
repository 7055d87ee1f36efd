// Hub benchmark: JSON page parsing rate, and a fetch of 50 bases x 2,000 children against the
// loopback mock Hub into a fresh store (wall time, requests, the mock's own time, so what the
// client and the store add is visible).
//   bench_hub [--smoke] [parse] [store] [client] [fetch]
//     client: the same children listings through HubClient and the page parser, no store: what
//     the network client itself adds to the server's time.
//     --smoke: a small run, for ctest; naming phases runs only those. The stores are created
//     in QTemporaryDir's place (TMPDIR; TMPDIR=/dev/shm measures without the disk).
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <cstdio>
#include <ctime>
#include <functional>

#include "hubgrowth/data/hub/hub_api.h"
#include "hubgrowth/data/hub/hub_client.h"
#include "hubgrowth/data/hub/hub_fetcher.h"
#include "hubgrowth/data/hub/hub_parsers.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/testsupport/mock_hub.h"

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
    const double cpuStart = cpuSeconds();
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
    const double cpu = cpuSeconds() - cpuStart;
    if (!error.isEmpty())
        std::fprintf(stderr, "bench_hub: %s\n", qPrintable(error));
    // Three rows per child: its model, its snapshot of this fetch, its edge from the parent.
    std::printf(
        "store: %d pages of 500 new children (ids spread over the whole key range), "
        "one transaction per page: %.3f s wall = %.0f children/s = %.0f rows/s; "
        "%.3f s CPU = %.0f rows/s\n",
        pages, seconds, 500.0 * pages / seconds, 3 * 500.0 * pages / seconds, cpu,
        3 * 500.0 * pages / cpu);
}

// The mock Hub on loopback with `bases` synthetic bases of `children` children each.
bool startMock(mockhub::MockHub& hub, int bases, int children) {
    if (!hub.start()) {
        std::fprintf(stderr, "bench_hub: cannot listen on loopback\n");
        return false;
    }
    hub.addSyntheticLineage(bases, children);
    return true;
}

// Walks every base's children listing (Link rel="next" paging) through HubClient with the
// fetcher's defaults and parses each page; nothing is stored.
int benchClient(bool smoke) {
    const int bases = smoke ? 3 : 50;
    const int children = smoke ? 600 : 2000;
    mockhub::MockHub hub;
    if (!startMock(hub, bases, children))
        return 1;
    hub::ClientOptions options;
    options.endpoint = hub.endpoint();
    hub::HubClient client(options);
    int pending = bases;
    int pages = 0;
    long long parsed = 0;
    bool failed = false;
    QEventLoop loop;
    std::function<void(const hub::HubReply&)> onPage = [&](const hub::HubReply& reply) {
        const hub::ModelPage page = reply.ok() ? hub::parseModelPage(reply.body) : hub::ModelPage{};
        if (!reply.ok() || !page.ok()) {
            failed = true;
        } else {
            ++pages;
            parsed += static_cast<long long>(page.models.size());
            const QUrl next = hub::parseNextLink(reply.link);
            if (!next.isEmpty()) {
                client.get(next, onPage);
                return;
            }
        }
        if (--pending == 0)
            loop.quit();
    };
    const double serverBefore = static_cast<double>(hub.serverNanos()) / 1e9;
    const double cpuStart = cpuSeconds();
    QElapsedTimer timer;
    timer.start();
    for (int b = 0; b < bases; ++b) {
        client.get(
            hub::childrenUrl(hub.endpoint(),
                             QStringLiteral("mockorg/base-%1").arg(b, 2, 10, QLatin1Char('0')),
                             QString()),
            onPage);
    }
    loop.exec();
    const double wall = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuStart;
    const double server = static_cast<double>(hub.serverNanos()) / 1e9 - serverBefore;
    std::printf(
        "client: %d listings (%d pages, %lld children parsed, %d requests), no store: %.2f s "
        "wall, mock server %.2f s, client %.2f s (%.1f ms per request); process CPU %.2f s\n",
        bases, pages, parsed, client.requestsSent(), wall, server, wall - server,
        1000.0 * (wall - server) / std::max(1, client.requestsSent()), cpu);
    std::printf(
        "client ratio: wall / mock server time = %.1f, process CPU / mock server time = "
        "%.1f\n",
        wall / std::max(server, 1e-9), cpu / std::max(server, 1e-9));
    return !failed && parsed == static_cast<long long>(bases) * children ? 0 : 1;
}

int benchFetch(bool smoke) {
    const int bases = smoke ? 3 : 50;
    const int children = smoke ? 600 : 2000;
    mockhub::MockHub hub;
    if (!startMock(hub, bases, children))
        return 1;
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
    // The mock runs on this thread, so both ratios include its time: 1.0 would mean the client
    // and the store cost nothing.
    std::printf(
        "fetch ratio: client wall / mock server time = %.1f, process CPU / mock server "
        "time = %.1f\n",
        wall / std::max(server, 1e-9), cpu / std::max(server, 1e-9));
    return s.failures.empty() && s.fatal.isEmpty() && stored == bases * children ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool smoke = args.contains(QStringLiteral("--smoke"));
    // Naming phases runs only those (for profiling one of them); none named runs all.
    const bool all =
        !args.contains(QStringLiteral("parse")) && !args.contains(QStringLiteral("store")) &&
        !args.contains(QStringLiteral("client")) && !args.contains(QStringLiteral("fetch"));
    if (all || args.contains(QStringLiteral("parse")))
        benchParse(smoke);
    if (all || args.contains(QStringLiteral("store")))
        benchStore(smoke);
    int status = 0;
    if (all || args.contains(QStringLiteral("client")))
        status |= benchClient(smoke);
    if (all || args.contains(QStringLiteral("fetch")))
        status |= benchFetch(smoke);
    return status;
}
