#pragma once
// A mock Hugging Face Hub for tests and benchmarks: HTTP/1.1 on 127.0.0.1 (and 127.0.0.2 as
// "another host" for redirects), speaking the /api/models endpoints HubGrowth uses: filter=
// base_model:[relation:]ID, author, sort (descending), limit, expand[], Link paging with opaque
// base64 cursors (ending in %3D), model info. Faults are injected per request by rule.
// Never listens beyond loopback.

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QStringList>
#include <QUrl>
#include <memory>
#include <vector>

class QTcpServer;
class QTcpSocket;

namespace hubgrowth::mockhub {

class SyntheticHub;

struct MockModel {
    QString id;
    QString createdAt;  // ISO 8601 as the Hub writes it
    QStringList tags;   // includes base_model:ID and base_model:<relation>:ID for derivatives
    qint64 downloads = 0;
    qint64 downloadsAllTime = 0;
    qint64 likes = 0;
    QStringList cardBaseModels;
};

enum class FaultKind {
    Status,             // answer `status` (500, 502, 503, 504, 401, 403, 404, ...)
    RateLimited,        // 429 with RateLimit: "api";r=0;t=1
    RetryAfter,         // 429 with Retry-After: 1
    Truncated,          // the full Content-Length announced, half the body sent, then closed
    MalformedJson,      // 200 with half a JSON document
    Slow,               // the answer is held back delayMs
    RedirectElsewhere,  // 302 to the same path on 127.0.0.2
    RepeatingNext,      // the last page links back to the first instead of ending
};

struct Fault {
    FaultKind kind = FaultKind::Status;
    QString match;  // substring of the decoded request target; empty matches any
    int times = 1;  // how many matching requests it hits; -1: all
    int status = 500;
    int delayMs = 0;
    QByteArray errorCode;  // X-Error-Code for Status faults
    int skip = 0;          // matching requests let through before the first hit (a deep page)
};

struct SeenRequest {
    QHostAddress host;         // the address it arrived on (127.0.0.1 or 127.0.0.2)
    QByteArray target;         // as sent (percent-encoded)
    QByteArray authorization;  // the Authorization header, if any
    int status = 0;            // what the mock answered
};

class MockHub : public QObject {
    Q_OBJECT
  public:
    explicit MockHub(QObject* parent = nullptr);
    ~MockHub() override;

    // Listens on 127.0.0.1 and 127.0.0.2 (ephemeral ports). False if either fails.
    bool start();
    QUrl endpoint() const;   // http://127.0.0.1:PORT
    QUrl otherHost() const;  // http://127.0.0.2:PORT2

    void addModel(const MockModel& model);
    // Bases "mockorg/base-NN" with `children` derivatives each (see mock_hub.cpp for the mix of
    // relations, placeholder dates and authors). Deterministic.
    void addSyntheticLineage(int bases, int children, int firstBase = 0);
    void addFault(const Fault& fault);
    // Pages hold at most n entries whatever limit was asked (the Hub often answers 500).
    void setMaxPageSize(int n) { maxPageSize_ = n; }
    // The repository old becomes now (its children's base_model tags follow): model info for
    // old answers 307 with a relative Location, as the recorded Hub does.
    void renameModel(const QString& old, const QString& now);
    // Without a sort (or with sort=trendingScore) the Hub pages by trending score; on: the
    // scores change between requests, so models move between pages while a client pages.
    void setTrendingDrift(bool on) { trendingDrift_ = on; }
    void clearFaults();

    // The whole-Hub listing (GET /api/models without filter or author) served from a synthetic
    // Hub (mock_hub_sweep.cpp), with the recorded Hub's quirks: sort=createdAt pages by a
    // keyset cursor (descending; direction=1 ascending), ascending sorts by downloads, likes or
    // trendingScore are refused (400), expand[]=baseModels is refused on listings (400) unless
    // allowed, the Link next URL puts sort=trendingScore first (a client that follows it
    // blindly gets the trending order, which moves models between pages), X-Total-Count and,
    // with a quota, RateLimit / RateLimit-Policy headers on every answer.
    void setSyntheticHub(std::shared_ptr<SyntheticHub> hub) { synthetic_ = std::move(hub); }
    SyntheticHub* syntheticHub() const { return synthetic_.get(); }
    void setListingBaseModelsAllowed(bool on) { listingBaseModelsAllowed_ = on; }
    void setRateLimitQuota(int requestsPer300s) { rateLimitQuota_ = requestsPer300s; }
    // Whole-Hub listing requests answered so far (any status).
    int sweepRequests() const { return sweepRequests_; }

    // Known answers, computed from the mock's own data.
    int childCount(const QString& base, const QString& relation = QString()) const;  // "" = any
    int childCountUnknownDate(const QString& base, const QString& relation) const;
    const std::vector<MockModel>& models() const { return models_; }
    std::vector<MockModel> childrenOf(const QString& base) const;

    const std::vector<SeenRequest>& requests() const { return seen_; }
    int requestCount() const { return static_cast<int>(seen_.size()); }
    void clearRequests() { seen_.clear(); }
    qint64 serverNanos() const { return serverNanos_; }  // time spent building and writing answers

  private:
    struct Response {
        int status = 200;
        std::vector<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;
        bool truncate = false;
        int delayMs = 0;
    };
    struct Connection {
        QByteArray buffer;
        bool busy = false;
    };
    void onNewConnection(QTcpServer* server);
    void process(QTcpSocket* socket);
    Response answer(QTcpSocket* socket, const QByteArray& target, const QByteArray& authorization);
    Response listModels(const QUrl& url, bool repeatingNext);
    Response listSynthetic(const QUrl& url, const QList<QPair<QString, QString>>& items);
    Response modelInfo(const QString& id, const QByteArray& query);
    void send(QTcpSocket* socket, const Response& response);
    const Fault* takeFault(const QString& decodedTarget);
    QByteArray modelJson(const MockModel& model, const QStringList& expand) const;
    void buildIndex() const;

    QTcpServer* primary_;
    QTcpServer* secondary_;
    std::vector<MockModel> models_;
    mutable QHash<QString, std::vector<int>> byTag_;  // tag -> model indexes
    mutable QHash<QString, int> byId_;
    mutable bool indexValid_ = false;
    std::vector<Fault> faults_;
    std::vector<SeenRequest> seen_;
    QHash<QTcpSocket*, Connection> connections_;
    qint64 serverNanos_ = 0;
    int maxPageSize_ = 1000;
    bool trendingDrift_ = false;
    quint32 listingsServed_ = 0;
    QHash<QString, QString> renamed_;  // old id -> new id
    std::shared_ptr<SyntheticHub> synthetic_;
    bool listingBaseModelsAllowed_ = false;
    int rateLimitQuota_ = 0;
    int sweepRequests_ = 0;
    quint32 trendingRound_ = 0;
};

}  // namespace hubgrowth::mockhub
