#include "hubgrowth/data/hub/hub_fetcher.h"

#include <QTimer>

#include "hubgrowth/data/hub/hub_api.h"
#include "hubgrowth/data/hub/hub_parsers.h"
#include "hubgrowth/data/hub/hub_settings.h"
#include "hubgrowth/data/store/hub_store.h"

namespace hubgrowth::hub {

int FetchSummary::childrenTotal() const {
    int total = 0;
    for (const auto& [relation, n] : childrenByRelation)
        total += n;
    return total;
}

// One parent's children being listed, page after page.
struct HubFetcher::Listing {
    QString parent;
    int depth = 1;  // 1: the parent is a base
    bool countsForBase = false;
    bool refresh = false;    // newest-first, stops at the first known child
    QSet<QString> seenUrls;  // a repeated next link ends the listing
};

HubFetcher::HubFetcher(HubClient* client, store::HubStore* store, FetchPlan plan, QObject* parent)
    : QObject(parent), client_(client), store_(store), plan_(std::move(plan)) {
    qRegisterMetaType<FetchProgress>();
    maxActiveJobs_ = std::max(2, client_->options().maxInFlight * 2);
    connect(client_, &HubClient::rateLimited, this, &HubFetcher::rateLimited);
}

HubFetcher::~HubFetcher() = default;

QString HubFetcher::listingFilter() const {
    // Children without a relation tag only come with the unfiltered listing.
    if (plan_.relations.contains(kUnspecifiedRelation))
        return QString();
    QStringList asked;
    for (const QString& r : plan_.relations) {
        if (kRelations.contains(r) && !asked.contains(r))
            asked << r;
    }
    return asked.size() == 1 ? asked.front() : QString();
}

void HubFetcher::start() {
    if (started_)
        return;
    started_ = true;
    clock_.start();
    QString description;
    if (!plan_.ids.isEmpty())
        description = plan_.ids.join(QLatin1Char(' '));
    if (!plan_.author.isEmpty())
        description = QStringLiteral("--author ") + plan_.author;
    if (plan_.top > 0)
        description = QStringLiteral("--top %1").arg(plan_.top);
    description += QStringLiteral(" relations=%1 depth=%2")
                       .arg(listingFilter().isEmpty() ? QStringLiteral("all") : listingFilter())
                       .arg(plan_.depth);
    QString error;
    fetchId_ = store_->beginFetch(client_->options().endpoint.toString(QUrl::RemoveUserInfo),
                                  description, &error);
    if (fetchId_ < 0) {
        summary_.fatal = error;
        QTimer::singleShot(0, this, &HubFetcher::finish);
        return;
    }
    if (!plan_.ids.isEmpty()) {
        startBases(plan_.ids);
    } else {
        resolveBases();
    }
}

void HubFetcher::cancel() {
    summary_.cancelled = true;
    jobs_.clear();
    client_->cancel();
    if (activeJobs_ == 0)
        QTimer::singleShot(0, this, &HubFetcher::finish);
}

void HubFetcher::resolveBases() {
    const QUrl first = plan_.top > 0 ? topUrl(client_->options().endpoint, plan_.top)
                                     : authorUrl(client_->options().endpoint, plan_.author);
    ++activeJobs_;
    resolvePage(first, std::make_shared<QSet<QString>>());
}

// Pages through an author's or the top models, keeping those that are not derived.
void HubFetcher::resolvePage(const QUrl& url, const std::shared_ptr<QSet<QString>>& seen) {
    seen->insert(QString::fromLatin1(url.toEncoded()));
    client_->get(url, [this, seen](const HubReply& reply) { onResolvePage(seen, reply); });
}

void HubFetcher::onResolvePage(const std::shared_ptr<QSet<QString>>& seen, const HubReply& reply) {
    const QString what =
        plan_.top > 0 ? QStringLiteral("the top models") : QStringLiteral("author ") + plan_.author;
    if (!reply.ok()) {
        if (!reply.cancelled)
            fatal(QStringLiteral("cannot list %1: %2").arg(what, reply.error));
        jobDone();
        return;
    }
    ModelPage page = parseModelPage(reply.body);
    if (!page.ok()) {
        if (!client_->retryLater(reply.url, reply.attempts, [this, seen](const HubReply& again) {
                onResolvePage(seen, again);
            })) {
            fatal(QStringLiteral("cannot list %1: %2").arg(what, page.error));
            jobDone();
        }
        return;
    }
    ++summary_.pages;
    for (const HubModel& model : page.models) {
        if (plan_.top > 0 && resolved_.size() >= plan_.top)
            break;
        if (!model.isDerived() && !resolved_.contains(model.id))
            resolved_ << model.id;
    }
    const QUrl nextRaw = parseNextLink(reply.link);
    const QUrl next = reply.url.resolved(nextRaw);
    const bool enough = plan_.top > 0 && resolved_.size() >= plan_.top;
    if (!enough && !nextRaw.isEmpty() && !seen->contains(QString::fromLatin1(next.toEncoded()))) {
        resolvePage(next, seen);
        return;
    }
    startBases(resolved_);
    jobDone();
}

void HubFetcher::startBases(const QStringList& ids) {
    QStringList unique;
    for (const QString& id : ids) {
        if (!unique.contains(id))
            unique << id;
    }
    summary_.bases = unique;
    progress_.modelsTotal = static_cast<int>(unique.size());
    emitProgress();
    if (unique.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            if (activeJobs_ == 0)
                finish();
        });
        return;
    }
    for (const QString& id : unique)
        addJob([this, id] { fetchBase(id); });
}

void HubFetcher::fetchBase(const QString& id) {
    client_->get(modelInfoUrl(client_->options().endpoint, id),
                 [this, id](const HubReply& reply) { onBaseInfo(id, reply); });
}

void HubFetcher::onBaseInfo(const QString& id, const HubReply& reply) {
    if (!reply.ok()) {
        if (!reply.cancelled) {
            fail(id, reply.error);
            ++progress_.modelsDone;
            emitProgress();
        }
        jobDone();
        return;
    }
    const ModelPage info = parseModelInfo(reply.body);
    if (!info.ok()) {
        if (!client_->retryLater(reply.url, reply.attempts,
                                 [this, id](const HubReply& again) { onBaseInfo(id, again); })) {
            fail(id, info.error);
            ++progress_.modelsDone;
            emitProgress();
            jobDone();
        }
        return;
    }
    // The Hub answers under the canonical id (case, renamed repositories): keep that one.
    const QString canonical = info.models.front().id;
    if (canonical != id) {
        const qsizetype at = summary_.bases.indexOf(id);
        if (at >= 0)
            summary_.bases[at] = canonical;
        summary_.renamed << QStringLiteral("%1 -> %2").arg(id, canonical);
    }
    QString error;
    if (!store_->saveBase(fetchId_, info.models.front(), listingFilter(), &error, id)) {
        fatal(error);
        jobDone();
        return;
    }
    startListing(canonical, 1, true);
    jobDone();
}

void HubFetcher::startListing(const QString& parent, int depth, bool countsForBase) {
    if (listed_.contains(parent)) {
        if (countsForBase) {
            ++progress_.modelsDone;
            ++summary_.modelsFetched;
            emitProgress();
        }
        return;
    }
    listed_.insert(parent);
    auto listing = std::make_shared<Listing>();
    listing->parent = parent;
    listing->depth = depth;
    listing->countsForBase = countsForBase;
    addJob([this, listing] {
        const QUrl endpoint = client_->options().endpoint;
        QString error;
        const store::ListingState state = store_->listing(listing->parent, listingFilter(), &error);
        if (!error.isEmpty()) {
            fatal(error);
            endListing(listing, false);
            return;
        }
        // A listing that once completed is refreshed newest-first up to the first known child.
        listing->refresh = state.complete && !plan_.full;
        QUrl url = childrenUrl(endpoint, listing->parent, listingFilter());
        if (state.nextUrl.isValid() && !state.nextUrl.isEmpty() &&
            isHubOrigin(state.nextUrl, endpoint)) {
            // Resume an interrupted listing (or refresh) where it stopped: restarting a refresh
            // would stop at the children it already saved and miss the older new ones.
            url = state.nextUrl;
        }
        fetchPage(listing, url);
    });
}

void HubFetcher::fetchPage(const std::shared_ptr<Listing>& listing, const QUrl& url) {
    listing->seenUrls.insert(QString::fromLatin1(url.toEncoded()));
    client_->get(url, [this, listing](const HubReply& reply) { onPage(listing, reply); });
}

void HubFetcher::onPage(const std::shared_ptr<Listing>& listing, const HubReply& reply) {
    if (!reply.ok()) {
        if (!reply.cancelled)
            fail(listing->parent, QStringLiteral("listing its children: ") + reply.error);
        endListing(listing, false);
        return;
    }
    ModelPage page = parseModelPage(reply.body);
    if (!page.ok()) {
        const QUrl url = reply.url;
        if (!client_->retryLater(url, reply.attempts, [this, listing](const HubReply& again) {
                onPage(listing, again);
            })) {
            fail(listing->parent, QStringLiteral("listing its children: ") + page.error);
            endListing(listing, false);
        }
        return;
    }
    ++summary_.pages;
    ++progress_.pages;

    const QUrl nextRaw = parseNextLink(reply.link);
    const QUrl next = nextRaw.isEmpty() ? QUrl() : reply.url.resolved(nextRaw);
    const bool loops =
        !next.isEmpty() && listing->seenUrls.contains(QString::fromLatin1(next.toEncoded()));
    bool reachedKnown = false;
    QString error;
    if (listing->refresh) {
        for (const HubModel& child : page.models) {
            if (store_->hasEdge(listing->parent, child.id, &error)) {
                reachedKnown = true;
                break;
            }
            if (!error.isEmpty())
                break;
        }
    }
    const bool last = next.isEmpty() || reachedKnown;
    // Only a listing that ran to its last page claims every child; a refresh that stopped at
    // a known one claims the newer ones only.
    const store::ListingEnd end = loops || !last   ? store::ListingEnd::More
                                  : next.isEmpty() ? store::ListingEnd::LastPage
                                                   : store::ListingEnd::KnownChild;
    if (end == store::ListingEnd::KnownChild)
        ++summary_.refreshedIncrementally;
    if (!error.isEmpty() || !store_->savePage(fetchId_, listing->parent, listingFilter(),
                                              page.models, loops ? QUrl() : next, end, &error)) {
        fatal(error);
        endListing(listing, false);
        return;
    }
    for (const HubModel& child : page.models) {
        if (listing->depth == 1) {
            if (countedEdges_.contains(listing->parent + QLatin1Char('\n') + child.id))
                continue;
            countedEdges_.insert(listing->parent + QLatin1Char('\n') + child.id);
            QString relation = child.relationTo(listing->parent);
            if (relation.isEmpty() || relation == kUnspecifiedRelation) {
                relation = listingFilter().isEmpty() ? kUnspecifiedRelation : listingFilter();
            }
            ++summary_.childrenByRelation[relation];
            if (!child.created)
                ++summary_.unknownDates;
            ++progress_.childrenFound;
        } else {
            ++summary_.descendants;
        }
        if (listing->depth < plan_.depth)
            startListing(child.id, listing->depth + 1, false);
    }
    emitProgress();
    if (loops) {
        store_->abandonListing(listing->parent, listingFilter(), &error);
        fail(listing->parent,
             QStringLiteral("the Hub repeated a page link after %1 pages; stopped there")
                 .arg(listing->seenUrls.size()));
        endListing(listing, false);
        return;
    }
    if (last) {
        endListing(listing, true);
        return;
    }
    fetchPage(listing, next);
}

void HubFetcher::endListing(const std::shared_ptr<Listing>& listing, bool ok) {
    if (listing->countsForBase) {
        ++progress_.modelsDone;
        if (ok)
            ++summary_.modelsFetched;
        emitProgress();
    }
    jobDone();
}

void HubFetcher::addJob(std::function<void()> job) {
    if (summary_.cancelled || !summary_.fatal.isEmpty())
        return;
    jobs_.push_back(std::move(job));
    while (activeJobs_ < maxActiveJobs_ && !jobs_.empty()) {
        auto next = std::move(jobs_.front());
        jobs_.pop_front();
        ++activeJobs_;
        next();
    }
}

void HubFetcher::jobDone() {
    --activeJobs_;
    while (activeJobs_ < maxActiveJobs_ && !jobs_.empty() && !summary_.cancelled) {
        auto next = std::move(jobs_.front());
        jobs_.pop_front();
        ++activeJobs_;
        next();
    }
    if (activeJobs_ == 0 && jobs_.empty())
        QTimer::singleShot(0, this, &HubFetcher::finish);
}

void HubFetcher::fail(const QString& model, const QString& reason) {
    summary_.failures.push_back({model, reason});
}

void HubFetcher::fatal(const QString& reason) {
    if (summary_.fatal.isEmpty())
        summary_.fatal = reason;
    jobs_.clear();
    client_->cancel();
}

void HubFetcher::emitProgress() {
    progress_.requests = client_->requestsSent();
    emit progress(progress_);
}

void HubFetcher::finish() {
    if (finished_ || activeJobs_ > 0)
        return;
    finished_ = true;
    summary_.requests = client_->requestsSent();
    summary_.retries = client_->retries();
    summary_.rateLimitedMs = client_->rateLimitedMs();
    summary_.elapsedMs = clock_.elapsed();
    if (fetchId_ >= 0) {
        const QString status = !summary_.fatal.isEmpty()   ? QStringLiteral("failed")
                               : summary_.cancelled        ? QStringLiteral("cancelled")
                               : summary_.failures.empty() ? QStringLiteral("complete")
                                                           : QStringLiteral("partial");
        QString error;
        store_->finishFetch(fetchId_, status, &error);
    }
    emit finished();
}

}  // namespace hubgrowth::hub
