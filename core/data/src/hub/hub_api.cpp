#include "hubgrowth/data/hub/hub_api.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace hubgrowth::hub {

namespace {

QUrl apiUrl(const QUrl& endpoint, const QString& path, const QUrlQuery& query) {
    QUrl url = endpoint;
    url.setPath(endpoint.path() + path);
    url.setQuery(query);
    return url;
}

void addListExpands(QUrlQuery* query) {
    for (const char* field : {"createdAt", "tags", "downloads", "likes"}) {
        query->addQueryItem(QStringLiteral("expand[]"), QString::fromLatin1(field));
    }
}

bool isIdPart(const QString& part) {
    static const QRegularExpression allowed(
        QStringLiteral("^[A-Za-z0-9_](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?$"));
    return part.size() <= 96 && allowed.match(part).hasMatch() &&
           !part.contains(QLatin1String("--")) && !part.contains(QLatin1String(".."));
}

}  // namespace

bool isModelId(const QString& id) {
    const QStringList parts = id.split(QLatin1Char('/'));
    if (parts.size() > 2)
        return false;
    for (const QString& part : parts) {
        if (!isIdPart(part))
            return false;
    }
    return true;
}

QUrl modelInfoUrl(const QUrl& endpoint, const QString& id) {
    QUrlQuery query;
    for (const char* field : {"createdAt", "tags", "downloads", "downloadsAllTime", "likes",
                              "cardData", "childrenModelCount"}) {
        query.addQueryItem(QStringLiteral("expand[]"), QString::fromLatin1(field));
    }
    return apiUrl(endpoint, QStringLiteral("/api/models/") + id, query);
}

QUrl childrenUrl(const QUrl& endpoint, const QString& base, const QString& relation) {
    QUrlQuery query;
    const QString filter = relation.isEmpty()
                               ? QStringLiteral("base_model:") + base
                               : QStringLiteral("base_model:%1:%2").arg(relation, base);
    query.addQueryItem(QStringLiteral("filter"), filter);
    addListExpands(&query);
    // Newest first by creation time, a key that never changes while paging. Without a sort the
    // Hub pages by trendingScore, which moves models between pages as it changes and loses
    // them; ascending order is refused for some keys, descending is the Hub's own default.
    query.addQueryItem(QStringLiteral("sort"), QStringLiteral("createdAt"));
    query.addQueryItem(QStringLiteral("limit"), QString::number(kPageLimit));
    return apiUrl(endpoint, QStringLiteral("/api/models"), query);
}

QUrl authorUrl(const QUrl& endpoint, const QString& author) {
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("author"), author);
    addListExpands(&query);
    query.addQueryItem(QStringLiteral("limit"), QString::number(kPageLimit));
    return apiUrl(endpoint, QStringLiteral("/api/models"), query);
}

QUrl topUrl(const QUrl& endpoint, int limit) {
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("sort"), QStringLiteral("downloads"));
    addListExpands(&query);
    query.addQueryItem(QStringLiteral("limit"), QString::number(qBound(1, limit, kPageLimit)));
    return apiUrl(endpoint, QStringLiteral("/api/models"), query);
}

QUrl sweepUrl(const QUrl& endpoint) {
    QUrlQuery query;
    addListExpands(&query);
    query.addQueryItem(QStringLiteral("sort"), QStringLiteral("createdAt"));
    query.addQueryItem(QStringLiteral("direction"), QStringLiteral("-1"));
    query.addQueryItem(QStringLiteral("limit"), QString::number(kSweepPageLimit));
    return apiUrl(endpoint, QStringLiteral("/api/models"), query);
}

QUrl sweepNextUrl(const QUrl& first, const QUrl& link) {
    QByteArray cursor;
    for (const QByteArray& item : link.query(QUrl::FullyEncoded).toLatin1().split('&')) {
        if (item.startsWith("cursor="))
            cursor = item.mid(7);
    }
    if (cursor.isEmpty())
        return {};
    QByteArray query;
    for (const QByteArray& item : first.query(QUrl::FullyEncoded).toLatin1().split('&')) {
        if (!item.startsWith("cursor=") && !item.isEmpty())
            query += item + '&';
    }
    QUrl next = first;
    next.setQuery(QString::fromLatin1(query + "cursor=" + cursor), QUrl::StrictMode);
    return next;
}

}  // namespace hubgrowth::hub
