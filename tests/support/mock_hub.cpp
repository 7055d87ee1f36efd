#include "hubgrowth/testsupport/mock_hub.h"

#include <QDateTime>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <algorithm>

namespace hubgrowth::mockhub {

namespace {

const QHostAddress kPrimary(QStringLiteral("127.0.0.1"));
const QHostAddress kSecondary(QStringLiteral("127.0.0.2"));

QByteArray reason(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 302:
            return "Found";
        case 307:
            return "Temporary Redirect";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        default:
            return "Status";
    }
}

// An opaque cursor like the Hub's: base64 of a small JSON object, padded so it ends in '='.
QByteArray encodeCursor(int offset) {
    QByteArray payload = "{\"o\":" + QByteArray::number(offset) + "}";
    while (payload.size() % 3 != 2)
        payload.insert(payload.size() - 1, ' ');
    return payload.toBase64();
}

int decodeCursor(const QString& cursor, bool* ok) {
    const QByteArray json = QByteArray::fromBase64(cursor.toLatin1());
    const int start = json.indexOf("\"o\":");
    *ok = start >= 0;
    if (!*ok)
        return 0;
    return json.mid(start + 4).replace('}', ' ').trimmed().toInt(ok);
}

QString queryValue(const QList<QPair<QString, QString>>& items, const QString& key) {
    for (const auto& [k, v] : items) {
        if (k == key)
            return v;
    }
    return {};
}

}  // namespace

MockHub::MockHub(QObject* parent)
    : QObject(parent), primary_(new QTcpServer(this)), secondary_(new QTcpServer(this)) {
    connect(primary_, &QTcpServer::newConnection, this, [this] { onNewConnection(primary_); });
    connect(secondary_, &QTcpServer::newConnection, this, [this] { onNewConnection(secondary_); });
}

MockHub::~MockHub() = default;

bool MockHub::start() {
    return primary_->listen(kPrimary, 0) && secondary_->listen(kSecondary, 0);
}

QUrl MockHub::endpoint() const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(primary_->serverPort()));
}

QUrl MockHub::otherHost() const {
    return QUrl(QStringLiteral("http://127.0.0.2:%1").arg(secondary_->serverPort()));
}

void MockHub::addModel(const MockModel& model) {
    models_.push_back(model);
    indexValid_ = false;
}

void MockHub::addSyntheticLineage(int bases, int children, int firstBase) {
    const QDateTime epoch(QDate(2023, 1, 1), QTime(0, 0), Qt::UTC);
    for (int b = firstBase; b < firstBase + bases; ++b) {
        MockModel base;
        base.id = QStringLiteral("mockorg/base-%1").arg(b, 2, 10, QLatin1Char('0'));
        const QDateTime baseTime = epoch.addDays(b * 3);
        base.createdAt = baseTime.toString(Qt::ISODateWithMs);
        base.tags = {QStringLiteral("transformers"), QStringLiteral("text-generation")};
        base.downloads = 1000000 - b * 1000;
        base.downloadsAllTime = 5000000 - b * 1000;
        base.likes = 500 - b;
        addModel(base);
        for (int j = 0; j < children; ++j) {
            MockModel child;
            // Every 50th child is by the base's own organisation (so --author must skip it).
            const QString author =
                j % 50 == 1 ? QStringLiteral("mockorg") : QStringLiteral("user-%1").arg(j % 97);
            child.id = QStringLiteral("%1/base-%2-child-%3")
                           .arg(author)
                           .arg(b, 2, 10, QLatin1Char('0'))
                           .arg(j, 5, 10, QLatin1Char('0'));
            // Spread over about two years; every 97th has the pre-2022 placeholder date.
            child.createdAt = j % 97 == 5
                                  ? QStringLiteral("2022-03-02T23:29:04.000Z")
                                  : baseTime.addSecs(3600 + qint64(j) * 7919 * 37 % (700 * 86400))
                                        .toString(Qt::ISODateWithMs);
            static const char* relations[] = {"finetune", "finetune", "finetune", "finetune",
                                              "finetune", "finetune", "adapter",  "quantized",
                                              "merge",    nullptr};
            const char* relation = relations[j % 10];
            child.tags = {QStringLiteral("transformers"), QStringLiteral("base_model:") + base.id};
            if (relation)
                child.tags
                    << QStringLiteral("base_model:%1:%2").arg(QLatin1String(relation), base.id);
            child.cardBaseModels = {base.id};
            child.downloads = j % 1000;
            child.downloadsAllTime = j % 1000 + 10;
            child.likes = j % 7;
            addModel(child);
        }
    }
}

void MockHub::renameModel(const QString& old, const QString& now) {
    const QString oldTag = QStringLiteral("base_model:") + old;
    for (MockModel& model : models_) {
        if (model.id == old)
            model.id = now;
        for (QString& tag : model.tags) {
            if (tag == oldTag)
                tag = QStringLiteral("base_model:") + now;
            else if (tag.startsWith(QLatin1String("base_model:")) &&
                     tag.endsWith(QLatin1Char(':') + old))
                tag = tag.left(tag.size() - old.size()) + now;
        }
        for (QString& card : model.cardBaseModels) {
            if (card == old)
                card = now;
        }
    }
    renamed_.insert(old, now);
    indexValid_ = false;
}

void MockHub::addFault(const Fault& fault) {
    faults_.push_back(fault);
}

void MockHub::clearFaults() {
    faults_.clear();
}

void MockHub::buildIndex() const {
    if (indexValid_)
        return;
    byTag_.clear();
    byId_.clear();
    for (int i = 0; i < static_cast<int>(models_.size()); ++i) {
        byId_.insert(models_[static_cast<size_t>(i)].id, i);
        for (const QString& tag : models_[static_cast<size_t>(i)].tags)
            byTag_[tag].push_back(i);
    }
    indexValid_ = true;
}

std::vector<MockModel> MockHub::childrenOf(const QString& base) const {
    buildIndex();
    std::vector<MockModel> out;
    for (int i : byTag_.value(QStringLiteral("base_model:") + base))
        out.push_back(models_[static_cast<size_t>(i)]);
    return out;
}

int MockHub::childCount(const QString& base, const QString& relation) const {
    buildIndex();
    const QString tag = relation.isEmpty() ? QStringLiteral("base_model:") + base
                                           : QStringLiteral("base_model:%1:%2").arg(relation, base);
    return static_cast<int>(byTag_.value(tag).size());
}

int MockHub::childCountUnknownDate(const QString& base, const QString& relation) const {
    buildIndex();
    const QString tag = relation.isEmpty() ? QStringLiteral("base_model:") + base
                                           : QStringLiteral("base_model:%1:%2").arg(relation, base);
    int n = 0;
    for (int i : byTag_.value(tag))
        n += models_[static_cast<size_t>(i)].createdAt < QLatin1String("2022-03-03") ? 1 : 0;
    return n;
}

void MockHub::onNewConnection(QTcpServer* server) {
    while (QTcpSocket* socket = server->nextPendingConnection()) {
        connections_.insert(socket, Connection{});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { process(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            connections_.remove(socket);
            socket->deleteLater();
        });
    }
}

void MockHub::process(QTcpSocket* socket) {
    auto it = connections_.find(socket);
    if (it == connections_.end())
        return;
    it->buffer += socket->readAll();
    while (!it->busy) {
        const int end = it->buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = it->buffer.left(end);
        it->buffer.remove(0, end + 4);
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        QByteArray authorization;
        for (int i = 1; i < lines.size(); ++i) {
            const int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].left(colon).trimmed().toLower() == "authorization") {
                authorization = lines[i].mid(colon + 1).trimmed();
            }
        }
        const QByteArray target = requestLine.value(1);
        QElapsedTimer timer;
        timer.start();
        const Response response = requestLine.value(0) == "GET"
                                      ? answer(socket, target, authorization)
                                      : Response{405, {}, "method not allowed", false, 0};
        seen_.push_back({socket->localAddress(), target, authorization, response.status});
        if (response.delayMs > 0) {
            it->busy = true;
            serverNanos_ += timer.nsecsElapsed();
            QPointer<QTcpSocket> guard(socket);
            QTimer::singleShot(response.delayMs, this, [this, guard, response] {
                if (!guard || !connections_.contains(guard.data()))
                    return;
                send(guard.data(), response);
                auto again = connections_.find(guard.data());
                if (again == connections_.end())
                    return;
                again->busy = false;
                process(guard.data());
            });
            return;
        }
        send(socket, response);
        serverNanos_ += timer.nsecsElapsed();
        if (response.truncate)
            return;
        it = connections_.find(socket);
        if (it == connections_.end())
            return;
    }
}

const Fault* MockHub::takeFault(const QString& decodedTarget) {
    for (Fault& fault : faults_) {
        if (fault.times == 0)
            continue;
        if (!fault.match.isEmpty() && !decodedTarget.contains(fault.match))
            continue;
        if (fault.skip > 0) {
            --fault.skip;
            continue;
        }
        if (fault.times > 0)
            --fault.times;
        return &fault;
    }
    return nullptr;
}

MockHub::Response MockHub::answer(QTcpSocket* socket, const QByteArray& target,
                                  const QByteArray& authorization) {
    Q_UNUSED(authorization);
    const QString decoded = QUrl::fromPercentEncoding(target);
    const Fault* fault = socket->localAddress() == kPrimary ? takeFault(decoded) : nullptr;
    const QUrl url = QUrl::fromEncoded(QByteArray("http://mock") + target);
    Response response;
    if (fault) {
        switch (fault->kind) {
            case FaultKind::Status:
                response.status = fault->status;
                response.body = "{\"error\":\"injected\"}";
                if (!fault->errorCode.isEmpty())
                    response.headers.push_back({"X-Error-Code", fault->errorCode});
                return response;
            case FaultKind::RateLimited:
                response.status = 429;
                response.headers.push_back({"RateLimit", "\"api\";r=0;t=1"});
                response.headers.push_back(
                    {"RateLimit-Policy", "\"fixed window\";\"api\";q=500;w=300"});
                response.body = "{\"error\":\"rate limited\"}";
                return response;
            case FaultKind::RetryAfter:
                response.status = 429;
                response.headers.push_back({"Retry-After", "1"});
                response.body = "{\"error\":\"rate limited\"}";
                return response;
            case FaultKind::RedirectElsewhere:
                response.status = 302;
                response.headers.push_back({"Location", otherHost().toEncoded() + target});
                return response;
            default:
                break;
        }
    }
    const QString path = url.path();
    if (path == QLatin1String("/api/models")) {
        response = listModels(url, fault && fault->kind == FaultKind::RepeatingNext);
    } else if (path.startsWith(QLatin1String("/api/models/"))) {
        response = modelInfo(path.mid(12), url.query(QUrl::FullyEncoded).toLatin1());
    } else {
        response.status = 404;
        response.body = "{\"error\":\"no such endpoint\"}";
    }
    if (fault && fault->kind == FaultKind::Truncated)
        response.truncate = true;
    if (fault && fault->kind == FaultKind::MalformedJson)
        response.body = response.body.left(response.body.size() / 2);
    if (fault && fault->kind == FaultKind::Slow)
        response.delayMs = fault->delayMs;
    return response;
}

QByteArray MockHub::modelJson(const MockModel& m, const QStringList& expand) const {
    // Hand-built JSON: ids and tags are plain ASCII here, so no escaping is needed.
    const auto want = [&](const char* field) {
        return expand.isEmpty() || expand.contains(QLatin1String(field));
    };
    QByteArray json =
        "{\"_id\":\"" + QByteArray::number(qHash(m.id), 16) + "\",\"id\":\"" + m.id.toUtf8() + '"';
    if (want("createdAt"))
        json += ",\"createdAt\":\"" + m.createdAt.toUtf8() + '"';
    if (want("downloads"))
        json += ",\"downloads\":" + QByteArray::number(m.downloads);
    if (want("likes"))
        json += ",\"likes\":" + QByteArray::number(m.likes);
    if (!expand.isEmpty() && want("downloadsAllTime"))
        json += ",\"downloadsAllTime\":" + QByteArray::number(m.downloadsAllTime);
    if (want("tags")) {
        json += ",\"tags\":[";
        for (int i = 0; i < m.tags.size(); ++i)
            json += (i ? ",\"" : "\"") + m.tags[i].toUtf8() + '"';
        json += ']';
    }
    if (!expand.isEmpty() && want("cardData")) {
        json += ",\"cardData\":{";
        if (m.cardBaseModels.size() == 1)
            json += "\"base_model\":\"" + m.cardBaseModels.front().toUtf8() + '"';
        if (m.cardBaseModels.size() > 1) {
            json += "\"base_model\":[";
            for (int i = 0; i < m.cardBaseModels.size(); ++i)
                json += (i ? ",\"" : "\"") + m.cardBaseModels[i].toUtf8() + '"';
            json += ']';
        }
        json += '}';
    }
    if (!expand.isEmpty() && want("childrenModelCount")) {
        json += ",\"childrenModelCount\":" + QByteArray::number(childCount(m.id));
    }
    json += '}';
    return json;
}

MockHub::Response MockHub::listModels(const QUrl& url, bool repeatingNext) {
    buildIndex();
    Response response;
    const QList<QPair<QString, QString>> items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    QStringList expand;
    for (const auto& [k, v] : items) {
        if (k == QLatin1String("expand[]"))
            expand << v;
    }
    const QString filter = queryValue(items, QStringLiteral("filter"));
    const QString author = queryValue(items, QStringLiteral("author"));
    if (synthetic_ && filter.isEmpty() && author.isEmpty())
        return listSynthetic(url, items);
    const QString sort = queryValue(items, QStringLiteral("sort"));
    const int limit = std::clamp(queryValue(items, QStringLiteral("limit")).isEmpty()
                                     ? 1000
                                     : queryValue(items, QStringLiteral("limit")).toInt(),
                                 1, maxPageSize_);
    bool cursorOk = true;
    const QString cursor = queryValue(items, QStringLiteral("cursor"));
    const int offset = cursor.isEmpty() ? 0 : decodeCursor(cursor, &cursorOk);
    if (!cursorOk || offset < 0) {
        response.status = 400;
        response.body = "{\"error\":\"invalid cursor\"}";
        return response;
    }
    std::vector<int> selected;
    if (!filter.isEmpty()) {
        selected = byTag_.value(filter);
    } else {
        for (int i = 0; i < static_cast<int>(models_.size()); ++i)
            selected.push_back(i);
    }
    if (!author.isEmpty()) {
        const QString prefix = author + QLatin1Char('/');
        selected.erase(
            std::remove_if(
                selected.begin(), selected.end(),
                [&](int i) { return !models_[static_cast<size_t>(i)].id.startsWith(prefix); }),
            selected.end());
    }
    const auto key = [&](int i) -> const MockModel& { return models_[static_cast<size_t>(i)]; };
    if (sort == QLatin1String("downloads")) {
        std::stable_sort(selected.begin(), selected.end(),
                         [&](int a, int b) { return key(a).downloads > key(b).downloads; });
    } else if (sort == QLatin1String("likes")) {
        std::stable_sort(selected.begin(), selected.end(),
                         [&](int a, int b) { return key(a).likes > key(b).likes; });
    } else if (sort == QLatin1String("createdAt")) {
        std::stable_sort(selected.begin(), selected.end(),
                         [&](int a, int b) { return key(a).createdAt > key(b).createdAt; });
    } else if (trendingDrift_ && (sort.isEmpty() || sort == QLatin1String("trendingScore"))) {
        // Trending scores that moved since the last request: a fresh order per page.
        const quint32 round = ++listingsServed_;
        std::stable_sort(selected.begin(), selected.end(), [&](int a, int b) {
            return qHash(key(a).id, round) > qHash(key(b).id, round);
        });
    }
    const int total = static_cast<int>(selected.size());
    const int end = std::min(total, offset + limit);
    QByteArray body = "[";
    for (int i = offset; i < end; ++i) {
        if (i > offset)
            body += ',';
        body += modelJson(key(selected[static_cast<size_t>(i)]), expand);
    }
    body += ']';
    response.body = body;
    // The next link repeats the request's own query (as sent) with a fresh cursor.
    QList<QByteArray> kept;
    for (const QByteArray& item : url.query(QUrl::FullyEncoded).toLatin1().split('&')) {
        if (!item.startsWith("cursor="))
            kept << item;
    }
    // Like the recorded Hub, a listing without a sort gets sort=trendingScore in its next link.
    if (sort.isEmpty() && trendingDrift_)
        kept.prepend("sort=trendingScore");
    const QByteArray first = endpoint().toEncoded() + url.path().toLatin1() + '?' + kept.join('&');
    if (end < total) {
        const QByteArray next =
            first + "&cursor=" + QUrl::toPercentEncoding(QString::fromLatin1(encodeCursor(end)));
        response.headers.push_back({"Link", "<" + next + ">; rel=\"next\""});
    } else if (repeatingNext) {
        response.headers.push_back({"Link", "<" + first + ">; rel=\"next\""});
    }
    return response;
}

MockHub::Response MockHub::modelInfo(const QString& id, const QByteArray& query) {
    buildIndex();
    Response response;
    if (renamed_.contains(id)) {
        response.status = 307;
        response.headers.push_back(
            {"Location", "/api/models/" + renamed_.value(id).toUtf8() +
                             (query.isEmpty() ? QByteArray() : '?' + query)});
        response.body =
            "Temporary Redirect. Redirecting to /api/models/" + renamed_.value(id).toUtf8();
        return response;
    }
    auto it = byId_.constFind(id);
    if (it == byId_.constEnd()) {  // the Hub resolves ids case-insensitively
        for (it = byId_.constBegin(); it != byId_.constEnd(); ++it) {
            if (it.key().compare(id, Qt::CaseInsensitive) == 0)
                break;
        }
    }
    if (it == byId_.constEnd()) {
        response.status = 401;
        response.headers.push_back({"X-Error-Code", "RepoNotFound"});
        response.body = "{\"error\":\"Repository not found\"}";
        return response;
    }
    response.body =
        modelJson(models_[static_cast<size_t>(*it)],
                  {QStringLiteral("createdAt"), QStringLiteral("tags"), QStringLiteral("downloads"),
                   QStringLiteral("downloadsAllTime"), QStringLiteral("likes"),
                   QStringLiteral("cardData"), QStringLiteral("childrenModelCount")});
    return response;
}

void MockHub::send(QTcpSocket* socket, const Response& response) {
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reason(response.status) + "\r\n";
    out += "Content-Type: application/json; charset=utf-8\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto& [name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    if (response.truncate) {
        out += response.body.left(response.body.size() / 2);
        socket->write(out);
        socket->flush();
        socket->disconnectFromHost();
        return;
    }
    out += response.body;
    socket->write(out);
}

}  // namespace hubgrowth::mockhub
