#pragma once
// Asynchronous GETs against the Hub on one QNetworkAccessManager: a bounded number of requests
// in flight, transfer timeouts, retries with the Hub's rate-limit headers or backoff, redirects
// followed by hand so the token never leaves the Hub's origin, and cancellation.
// Lives on the thread that runs its event loop.

#include <QByteArray>
#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <deque>
#include <functional>
#include <map>
#include <random>
#include <vector>

#include "hubgrowth/data/hub/retry_policy.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace hubgrowth::hub {

struct HubReply {
    QUrl url;        // the URL finally answered (after redirects)
    int status = 0;  // HTTP status; 0 when no response arrived
    QByteArray body;
    QByteArray link;             // the Link header
    QByteArray errorCode;        // X-Error-Code (e.g. RepoNotFound, GatedRepo)
    QByteArray rateLimit;        // RateLimit (remaining r, reset t) of the answer, if sent
    QByteArray rateLimitPolicy;  // RateLimit-Policy (quota q per window w), if sent
    qint64 totalCount = -1;      // X-Total-Count of a listing, if sent
    QString error;               // empty on a 2xx answer; else a one-line reason
    bool cancelled = false;
    int attempts = 0;
    bool ok() const { return error.isEmpty() && !cancelled; }
};

struct ClientOptions {
    QUrl endpoint;     // the Hub; only requests to its origin carry the token
    QByteArray token;  // empty: anonymous
    int maxInFlight = 4;
    int transferTimeoutMs = 30000;
    int maxRedirects = 5;
    RetryPolicy retry;
};

class HubClient : public QObject {
    Q_OBJECT
  public:
    using Callback = std::function<void(const HubReply&)>;

    explicit HubClient(ClientOptions options, QObject* parent = nullptr);
    ~HubClient() override;

    // Queues a GET; `done` runs exactly once, on this object's thread (also when cancelled).
    void get(const QUrl& url, Callback done);
    // Asks again for a URL whose answer was unusable (e.g. malformed JSON) after a backoff;
    // returns false, without calling `done`, when `attempts` already reached the retry cap.
    bool retryLater(const QUrl& url, int attempts, Callback done);
    // Aborts everything; pending callbacks receive cancelled replies. Later gets are refused.
    void cancel();
    bool isCancelled() const { return cancelled_; }

    const ClientOptions& options() const { return options_; }
    int requestsSent() const { return requestsSent_; }
    int retries() const { return retries_; }
    qint64 rateLimitedMs() const { return rateLimitedMs_; }

  signals:
    // The Hub asked us to wait (429 or an exhausted RateLimit budget); no requests go out.
    void rateLimited(int seconds);

  private:
    struct Pending {
        QUrl url;
        Callback done;
        int attempts = 0;  // requests sent for this call so far
        int redirects = 0;
    };
    struct InFlight {
        QNetworkReply* reply = nullptr;
        Pending pending;
    };

    void pump();
    void send(Pending pending);
    void finished(QNetworkReply* reply);
    void complete(Pending& pending, const HubReply& reply);
    void scheduleRetry(Pending pending, qint64 delayMs);
    void pauseFor(qint64 ms);

    ClientOptions options_;
    QNetworkAccessManager* network_;
    std::deque<Pending> queue_;
    std::vector<InFlight> inFlight_;
    std::map<quint64, Pending> waiting_;  // scheduled retries, so cancel() can answer them
    QDeadlineTimer pausedUntil_;
    QTimer resumeTimer_;
    std::mt19937 random_{std::random_device{}()};
    bool cancelled_ = false;
    int requestsSent_ = 0;
    int retries_ = 0;
    qint64 rateLimitedMs_ = 0;
    quint64 nextWaitId_ = 0;
};

}  // namespace hubgrowth::hub
