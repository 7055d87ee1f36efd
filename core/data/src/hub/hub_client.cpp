#include "hubgrowth/data/hub/hub_client.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <algorithm>

#include "hubgrowth/data/hub/hub_settings.h"

namespace hubgrowth::hub {

namespace {

bool isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Network failures worth another try: the connection dropped, timed out or was refused
// for a moment. Protocol and TLS failures are not.
bool isTransientNetworkError(QNetworkReply::NetworkError error) {
    switch (error) {
        case QNetworkReply::RemoteHostClosedError:
        case QNetworkReply::TimeoutError:
        case QNetworkReply::OperationCanceledError:  // the transfer timeout aborted it
        case QNetworkReply::TemporaryNetworkFailureError:
        case QNetworkReply::NetworkSessionFailedError:
        case QNetworkReply::ProxyTimeoutError:
        case QNetworkReply::UnknownNetworkError:
            return true;
        default:
            return false;
    }
}

QString describeStatus(int status, const QByteArray& errorCode) {
    QString text = QStringLiteral("HTTP %1").arg(status);
    switch (status) {
        case 401:
            text += QStringLiteral(" (private, gated or missing)");
            break;
        case 403:
            text += QStringLiteral(" (the token lacks access)");
            break;
        case 404:
            text += QStringLiteral(" (not found)");
            break;
        default:
            break;
    }
    if (!errorCode.isEmpty())
        text += QStringLiteral(" [%1]").arg(QString::fromLatin1(errorCode.left(64)));
    return text;
}

}  // namespace

HubClient::HubClient(ClientOptions options, QObject* parent)
    : QObject(parent), options_(std::move(options)), network_(new QNetworkAccessManager(this)) {
    options_.maxInFlight = std::max(1, options_.maxInFlight);
    resumeTimer_.setSingleShot(true);
    resumeTimer_.setTimerType(Qt::PreciseTimer);
    connect(&resumeTimer_, &QTimer::timeout, this, &HubClient::pump);
    connect(network_, &QNetworkAccessManager::finished, this, &HubClient::finished);
}

HubClient::~HubClient() {
    // Callbacks may refer to objects already being destroyed: drop them without calling.
    network_->disconnect(this);
    const std::vector<InFlight> flying = std::move(inFlight_);
    inFlight_.clear();
    for (const InFlight& f : flying)
        f.reply->abort();
}

void HubClient::get(const QUrl& url, Callback done) {
    Pending pending{url, std::move(done), 0, 0};
    if (cancelled_) {
        HubReply reply;
        reply.url = url;
        reply.cancelled = true;
        reply.error = QStringLiteral("cancelled");
        complete(pending, reply);
        return;
    }
    queue_.push_back(std::move(pending));
    pump();
}

bool HubClient::retryLater(const QUrl& url, int attempts, Callback done) {
    if (cancelled_) {
        get(url, std::move(done));  // answers at once with a cancelled reply
        return true;
    }
    const auto delay = retryDelayMs(options_.retry, attempts, RateLimit{}, std::nullopt,
                                    std::uniform_real_distribution<double>(0.0, 1.0)(random_));
    if (!delay)
        return false;
    ++retries_;
    scheduleRetry(Pending{url, std::move(done), attempts, 0}, *delay);
    return true;
}

void HubClient::cancel() {
    if (cancelled_)
        return;
    cancelled_ = true;
    resumeTimer_.stop();
    std::vector<Pending> toAnswer;
    for (auto& q : queue_)
        toAnswer.push_back(std::move(q));
    queue_.clear();
    for (auto& [id, w] : waiting_)
        toAnswer.push_back(std::move(w));
    waiting_.clear();
    // Aborting emits finished() synchronously; finished() sees cancelled_ and answers them.
    const std::vector<InFlight> flying = inFlight_;
    for (const InFlight& f : flying)
        f.reply->abort();
    for (Pending& p : toAnswer) {
        HubReply reply;
        reply.url = p.url;
        reply.cancelled = true;
        reply.error = QStringLiteral("cancelled");
        reply.attempts = p.attempts;
        complete(p, reply);
    }
}

void HubClient::pauseFor(qint64 ms) {
    if (ms <= 0)
        return;
    const qint64 remaining = pausedUntil_.isForever() ? 0 : pausedUntil_.remainingTime();
    if (ms <= remaining)
        return;
    rateLimitedMs_ += ms - remaining;
    pausedUntil_.setRemainingTime(ms);
    resumeTimer_.start(static_cast<int>(std::min<qint64>(ms, std::numeric_limits<int>::max())));
    emit rateLimited(static_cast<int>((ms + 999) / 1000));
}

void HubClient::pump() {
    if (cancelled_)
        return;
    if (!pausedUntil_.isForever() && pausedUntil_.remainingTime() > 0) {
        // Timers may fire a little early: wait out the rest.
        if (!resumeTimer_.isActive()) {
            resumeTimer_.start(static_cast<int>(pausedUntil_.remainingTime()) + 1);
        }
        return;
    }
    while (!queue_.empty() && static_cast<int>(inFlight_.size()) < options_.maxInFlight) {
        Pending next = std::move(queue_.front());
        queue_.pop_front();
        send(std::move(next));
    }
}

void HubClient::send(Pending pending) {
    // Links and redirects come from the network: never let them reach file:, data:, ftp:, ...
    const QString scheme = pending.url.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        HubReply reply;
        reply.url = pending.url;
        reply.attempts = pending.attempts;
        reply.error = QStringLiteral("refused a non-HTTP URL (%1:)").arg(scheme.left(20));
        QTimer::singleShot(0, this, [this, pending = std::move(pending), reply]() mutable {
            complete(pending, reply);
            pump();
        });
        return;
    }
    QNetworkRequest request(pending.url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(options_.transferTimeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QStringLiteral("hubgrowth/%1").arg(QCoreApplication::applicationVersion()));
    request.setRawHeader("Accept", "application/json");
    if (!options_.token.isEmpty() && isHubOrigin(pending.url, options_.endpoint)) {
        request.setRawHeader("Authorization", "Bearer " + options_.token);
    }
    ++pending.attempts;
    ++requestsSent_;
    QNetworkReply* reply = network_->get(request);
    inFlight_.push_back({reply, std::move(pending)});
}

void HubClient::scheduleRetry(Pending pending, qint64 delayMs) {
    const quint64 id = ++nextWaitId_;
    waiting_.emplace(id, std::move(pending));
    QTimer::singleShot(std::chrono::milliseconds(delayMs), this, [this, id] {
        auto it = waiting_.find(id);
        if (it == waiting_.end())
            return;  // answered by cancel()
        queue_.push_front(std::move(it->second));
        waiting_.erase(it);
        pump();
    });
}

void HubClient::finished(QNetworkReply* networkReply) {
    networkReply->deleteLater();
    auto it = std::find_if(inFlight_.begin(), inFlight_.end(),
                           [networkReply](const InFlight& f) { return f.reply == networkReply; });
    if (it == inFlight_.end())
        return;
    Pending pending = std::move(it->pending);
    inFlight_.erase(it);

    HubReply reply;
    reply.url = pending.url;
    reply.attempts = pending.attempts;
    if (cancelled_) {
        reply.cancelled = true;
        reply.error = QStringLiteral("cancelled");
        complete(pending, reply);
        return;
    }
    reply.status = networkReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply.link = networkReply->rawHeader("Link");
    reply.errorCode = networkReply->rawHeader("X-Error-Code");
    reply.rateLimit = networkReply->rawHeader("RateLimit");
    reply.rateLimitPolicy = networkReply->rawHeader("RateLimit-Policy");
    bool totalOk = false;
    const qint64 total = networkReply->rawHeader("X-Total-Count").toLongLong(&totalOk);
    reply.totalCount = totalOk && total >= 0 ? total : -1;
    const RateLimit rateLimit = parseRateLimit(networkReply->rawHeader("RateLimit"));
    const auto retryAfter =
        parseRetryAfter(networkReply->rawHeader("Retry-After"), QDateTime::currentSecsSinceEpoch());
    const QNetworkReply::NetworkError netError = networkReply->error();

    if (isRedirect(reply.status)) {
        const QUrl target =
            pending.url.resolved(QUrl::fromEncoded(networkReply->rawHeader("Location")));
        if (!target.isValid() || pending.redirects >= options_.maxRedirects ||
            (pending.url.scheme() == QLatin1String("https") &&
             target.scheme() != QLatin1String("https"))) {
            reply.error =
                QStringLiteral("refused redirect to '%1'").arg(target.toDisplayString().left(200));
            complete(pending, reply);
            return;
        }
        pending.url = target;  // the token goes along only if target is the Hub's origin
        ++pending.redirects;
        queue_.push_front(std::move(pending));
        pump();
        return;
    }

    const bool httpOk =
        reply.status >= 200 && reply.status < 300 && netError == QNetworkReply::NoError;
    if (httpOk) {
        reply.body = networkReply->readAll();
        if (rateLimit.exhausted() && rateLimit.resetSeconds)
            pauseFor((*rateLimit.resetSeconds + 1) * 1000);
        complete(pending, reply);
        pump();
        return;
    }

    const bool retryable =
        reply.status != 0 ? isRetryableStatus(reply.status) : isTransientNetworkError(netError);
    // A body cut short arrives with a 200 status and an error: retry it too.
    const bool truncated = reply.status >= 200 && reply.status < 300;
    if (retryable || truncated) {
        const auto delay = retryDelayMs(options_.retry, pending.attempts, rateLimit, retryAfter,
                                        std::uniform_real_distribution<double>(0.0, 1.0)(random_));
        if (delay) {
            ++retries_;
            if (reply.status == 429 || (rateLimit.exhausted() && rateLimit.resetSeconds)) {
                queue_.push_front(std::move(pending));
                pauseFor(
                    *delay);  // the budget is shared: everyone waits (a cancel() here answers it)
            } else {
                scheduleRetry(std::move(pending), *delay);
            }
            pump();
            return;
        }
    }
    reply.error = reply.status != 0 && !truncated ? describeStatus(reply.status, reply.errorCode)
                                                  : networkReply->errorString().left(200);
    if (retryable || truncated)
        reply.error += QStringLiteral(" after %1 attempts").arg(pending.attempts);
    complete(pending, reply);
    pump();
}

void HubClient::complete(Pending& pending, const HubReply& reply) {
    Callback done = std::move(pending.done);
    if (done)
        done(reply);
}

}  // namespace hubgrowth::hub
