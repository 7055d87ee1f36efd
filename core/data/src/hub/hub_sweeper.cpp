#include "hubgrowth/data/hub/hub_sweeper.h"

#include <QTimer>
#include <QUrlQuery>
#include <cmath>

#include "hubgrowth/data/hub/hub_api.h"
#include "hubgrowth/data/hub/hub_parsers.h"
#include "hubgrowth/data/hub/hub_settings.h"
#include "hubgrowth/data/store/hub_store.h"

namespace hubgrowth::hub {

namespace {

QByteArray cursorOf(const QUrl& url) {
    return QUrlQuery(url).queryItemValue(QStringLiteral("cursor"), QUrl::FullyEncoded).toLatin1();
}

}  // namespace

HubSweeper::HubSweeper(HubClient* client, store::HubStore* store, bool full, QObject* parent)
    : QObject(parent), client_(client), store_(store), full_(full) {
    qRegisterMetaType<SweepProgress>();
    connect(client_, &HubClient::rateLimited, this, [this](int seconds) {
        ++summary_.rateLimitWaits;
        ++progress_.rateLimitWaits;
        emit rateLimited(seconds);
    });
}

void HubSweeper::start() {
    clock_.start();
    const QUrl endpoint = client_->options().endpoint;
    firstUrl_ = sweepUrl(endpoint);
    QString error;
    fetchId_ = store_->beginFetch(endpoint.toString(QUrl::RemoveUserInfo),
                                  full_ ? QStringLiteral("--all --full") : QStringLiteral("--all"),
                                  &error);
    if (fetchId_ < 0)
        return stop(error);
    if (!store_->useSweepCheckpoints(&error))
        return stop(error);
    const std::optional<store::SweepState> latest = store_->latestSweep(&error);
    if (!error.isEmpty())
        return stop(error);
    QUrl url = firstUrl_;
    // An unfinished sweep resumes in its own mode (a --full asked over an unfinished refresh
    // starts the full one instead).
    const bool resumable = latest && !latest->finished() &&
                           !(full_ && latest->mode != store::SweepMode::Full) &&
                           latest->nextUrl.isValid() && !latest->nextUrl.isEmpty() &&
                           isHubOrigin(latest->nextUrl, endpoint);
    if (resumable) {
        sweepId_ = latest->id;
        summary_.mode = latest->mode;
        summary_.resumed = true;
        url = latest->nextUrl;
    } else {
        const bool anyFinished = store_->sweptAt(&error) > 0;
        if (!error.isEmpty())
            return stop(error);
        summary_.mode = !anyFinished ? store::SweepMode::First
                        : full_      ? store::SweepMode::Full
                                     : store::SweepMode::Refresh;
        sweepId_ = store_->beginSweep(fetchId_, summary_.mode, &error);
        if (sweepId_ < 0)
            return stop(error);
    }
    fetchPage(url);
}

void HubSweeper::cancel() {
    summary_.cancelled = true;
    client_->cancel();
    if (!inFlight_)
        QTimer::singleShot(0, this, &HubSweeper::finish);
}

void HubSweeper::fetchPage(const QUrl& url) {
    seenCursors_.insert(cursorOf(url));
    inFlight_ = true;
    client_->get(url, [this](const HubReply& reply) { onPage(reply); });
}

void HubSweeper::onPage(const HubReply& reply) {
    inFlight_ = false;
    if (!reply.ok()) {
        if (reply.cancelled)
            return finish();
        return stop(QStringLiteral("listing page %1: %2").arg(summary_.pages + 1).arg(reply.error));
    }
    const ModelPage page = parseModelPage(reply.body);
    if (!page.ok()) {
        inFlight_ = true;
        if (!client_->retryLater(reply.url, reply.attempts,
                                 [this](const HubReply& again) { onPage(again); })) {
            inFlight_ = false;
            stop(QStringLiteral("listing page %1: %2").arg(summary_.pages + 1).arg(page.error));
        }
        return;
    }
    const QUrl link = parseNextLink(reply.link);
    QUrl next = link.isEmpty() ? QUrl() : sweepNextUrl(firstUrl_, reply.url.resolved(link));
    const bool repeats = !next.isEmpty() && seenCursors_.contains(cursorOf(next));
    QString error;
    int known = 0;
    if (summary_.mode != store::SweepMode::First) {
        known = store_->countKnown(page.models, &error);
        if (known < 0)
            return stop(error);
    }
    // A refresh has seen everything newer than the store once a whole page is known.
    const bool allKnown =
        summary_.mode == store::SweepMode::Refresh && known == static_cast<int>(page.models.size());
    const bool last = next.isEmpty() || allKnown || page.models.empty();
    // Outside a refresh the next page is asked for before this one is stored: the Hub (or the
    // network) works while the store does. Pages are still committed in order, one at a time.
    const bool prefetch =
        summary_.mode != store::SweepMode::Refresh && !last && !repeats && !summary_.cancelled;
    if (prefetch)
        fetchPage(next);
    store::SweepPageCounts counts;
    if (!store_->saveSweepPage(fetchId_, sweepId_, page.models, repeats ? QUrl() : next,
                               last && !repeats, &counts, &error))
        return stop(error);
    ++summary_.pages;
    summary_.models += counts.models;
    summary_.known += known;
    summary_.unknownDates += counts.unknownDates;
    summary_.aliasedParents += counts.parentsResolved;
    for (const auto& [relation, n] : counts.edgesByRelation)
        summary_.edgesByRelation[relation] += n;
    ++progress_.pages;
    progress_.models += counts.models;
    progress_.edges += counts.edges;
    progress_.requests = client_->requestsSent();
    updateEta(reply, static_cast<int>(page.models.size()));
    emit progress(progress_);
    if (repeats)
        return stop(QStringLiteral("the Hub repeated a page cursor after %1 pages; stopped there "
                                   "(run again to resume)")
                        .arg(summary_.pages));
    if (summary_.cancelled)
        return prefetch ? void() : finish();  // a prefetched page comes back cancelled
    if (last) {
        summary_.complete = true;
        return finish();
    }
    if (!prefetch)
        fetchPage(next);
}

void HubSweeper::updateEta(const HubReply& reply, int pageSize) {
    if (reply.totalCount >= 0)
        progress_.totalModels = reply.totalCount;
    if (progress_.totalModels < 0 || pageSize <= 0 || summary_.mode == store::SweepMode::Refresh) {
        progress_.etaSeconds = -1;
        return;
    }
    // Pages left at this page's size; at most the rate limit's pace, else the pace so far.
    const double left =
        std::max<double>(0, double(progress_.totalModels - progress_.models)) / pageSize;
    const double elapsed = std::max<double>(1e-3, double(clock_.elapsed()) / 1000.0);
    double pagesPerSecond = progress_.pages / elapsed;
    const RateLimitPolicy policy = parseRateLimitPolicy(reply.rateLimitPolicy);
    if (policy.quota && policy.windowSeconds)
        pagesPerSecond =
            std::min(pagesPerSecond, double(*policy.quota) / double(*policy.windowSeconds));
    progress_.etaSeconds = std::ceil(left / std::max(1e-9, pagesPerSecond));
}

void HubSweeper::stop(const QString& fatal) {
    if (summary_.fatal.isEmpty())
        summary_.fatal = fatal;
    client_->cancel();
    QTimer::singleShot(0, this, &HubSweeper::finish);
}

void HubSweeper::finish() {
    if (finished_)
        return;
    finished_ = true;
    summary_.requests = client_->requestsSent();
    summary_.retries = client_->retries();
    summary_.rateLimitedMs = client_->rateLimitedMs();
    QString mergeError;
    // A cancelled or failed sweep's staged pages are merged now: the store shows what it has.
    if (!store_->mergeStagedSweep(&mergeError) && summary_.fatal.isEmpty())
        summary_.fatal = mergeError;
    summary_.elapsedMs = clock_.elapsed();
    if (fetchId_ >= 0) {
        const QString status = !summary_.fatal.isEmpty() ? QStringLiteral("failed")
                               : summary_.cancelled      ? QStringLiteral("cancelled")
                                                         : QStringLiteral("complete");
        QString error;
        store_->finishFetch(fetchId_, status, &error);
    }
    emit finished();
}

}  // namespace hubgrowth::hub
