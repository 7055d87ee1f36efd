// MockHub's whole-Hub listing, served from a SyntheticHub with the recorded Hub's quirks.
#include <QUrlQuery>
#include <algorithm>

#include "hubgrowth/testsupport/mock_hub.h"
#include "hubgrowth/testsupport/synthetic_hub.h"

namespace hubgrowth::mockhub {

namespace {

// The Hub's cursors are base64 of a MongoDB-style query; this one says where the page ends:
// the keyset position (createdAt order) or the offset (trending order).
QByteArray encodeSweepCursor(const char* key, qint64 value) {
    QByteArray payload =
        "{\"" + QByteArray(key) + "\":{\"$lt\":" + QByteArray::number(value) + "}}";
    while (payload.size() % 3 != 2)
        payload.insert(payload.size() - 2, ' ');
    return QUrl::toPercentEncoding(QString::fromLatin1(payload.toBase64()));
}

std::optional<qint64> decodeSweepCursor(const QString& cursor, const char* key) {
    const QByteArray json = QByteArray::fromBase64(cursor.toLatin1());
    const QByteArray marker = "{\"" + QByteArray(key) + "\":{\"$lt\":";
    if (!json.startsWith(marker))
        return std::nullopt;
    bool ok = false;
    const qint64 value = json.mid(marker.size()).replace('}', ' ').trimmed().toLongLong(&ok);
    return ok && value >= 0 ? std::optional<qint64>(value) : std::nullopt;
}

QString firstValue(const QList<QPair<QString, QString>>& items, const QString& key) {
    for (const auto& [k, v] : items) {
        if (k == key)
            return v;
    }
    return {};
}

}  // namespace

MockHub::Response MockHub::listSynthetic(const QUrl& url,
                                         const QList<QPair<QString, QString>>& items) {
    ++sweepRequests_;
    Response response;
    const SyntheticHub& hub = *synthetic_;
    const int n = hub.size();
    QStringList expand;
    for (const auto& [k, v] : items) {
        if (k == QLatin1String("expand[]"))
            expand << v;
    }
    // The first sort wins, as a server reading the first value would.
    const QString sort = firstValue(items, QStringLiteral("sort"));
    const bool ascending = firstValue(items, QStringLiteral("direction")) == QLatin1String("1");
    const auto refuse = [&](const QByteArray& why) {
        response.status = 400;
        response.body = "{\"error\":\"" + why + "\"}";
        return response;
    };
    if (expand.contains(QLatin1String("baseModels")) && !listingBaseModelsAllowed_)
        return refuse("baseModels is not allowed when listing models");
    const bool byCreation = sort == QLatin1String("createdAt");
    if (ascending && !byCreation)
        return refuse("ascending sort is not supported for this field");
    if (!byCreation && !sort.isEmpty() && sort != QLatin1String("trendingScore"))
        return refuse("unsupported sort");
    const QString limitText = firstValue(items, QStringLiteral("limit"));
    const int limit = std::clamp(limitText.isEmpty() ? 1000 : limitText.toInt(), 1, maxPageSize_);
    const QString cursor = firstValue(items, QStringLiteral("cursor"));
    // Positions in the listing's order: createdAt (descending unless ascending) by the model's
    // index; trending by a permutation that changes with every request (scores move).
    std::vector<int> page;
    QByteArray nextCursor;
    if (byCreation) {
        qint64 bound = ascending ? -1 : n;  // keyset: strictly beyond the last one sent
        if (!cursor.isEmpty()) {
            const auto decoded = decodeSweepCursor(cursor, ascending ? "gt" : "lt");
            if (!decoded)
                return refuse("invalid cursor");
            bound = *decoded;
        }
        for (qint64 i = ascending ? bound + 1 : bound - 1;
             i >= 0 && i < n && static_cast<int>(page.size()) < limit; i += ascending ? 1 : -1)
            page.push_back(static_cast<int>(i));
        const bool more = !page.empty() && (ascending ? page.back() < n - 1 : page.back() > 0);
        if (more)
            nextCursor = encodeSweepCursor(ascending ? "gt" : "lt", page.back());
    } else {
        qint64 offset = 0;
        if (!cursor.isEmpty()) {
            const auto decoded = decodeSweepCursor(cursor, "o");
            if (!decoded)
                return refuse("invalid cursor");
            offset = *decoded;
        }
        const quint32 round = ++trendingRound_;
        const qint64 stride = 1000003;  // prime: a permutation of 0..n-1 unless n divides it
        for (qint64 p = offset; p < n && static_cast<int>(page.size()) < limit; ++p)
            page.push_back(static_cast<int>((p * stride + qint64(round) * 7919) % n));
        if (offset + limit < n)
            nextCursor = encodeSweepCursor("o", offset + limit);
    }
    QByteArray body = "[";
    body.reserve(static_cast<qsizetype>(page.size()) * 330 + 2);
    for (size_t k = 0; k < page.size(); ++k) {
        if (k > 0)
            body += ',';
        hub.appendJson(page[k], expand, &body);
    }
    body += ']';
    response.body = std::move(body);
    response.headers.push_back({"X-Total-Count", QByteArray::number(n)});
    if (rateLimitQuota_ > 0) {
        const int used = sweepRequests_ % rateLimitQuota_;
        response.headers.push_back(
            {"RateLimit", "\"api\";r=" + QByteArray::number(std::max(1, rateLimitQuota_ - used)) +
                              ";t=" + QByteArray::number(300 - (sweepRequests_ % 300))});
        response.headers.push_back(
            {"RateLimit-Policy",
             "\"fixed window\";\"api\";q=" + QByteArray::number(rateLimitQuota_) + ";w=300"});
    }
    if (!nextCursor.isEmpty()) {
        // The recorded Hub's next links start with sort=trendingScore whatever was asked.
        QList<QByteArray> kept{"sort=trendingScore"};
        for (const QByteArray& item : url.query(QUrl::FullyEncoded).toLatin1().split('&')) {
            if (!item.startsWith("cursor=") && !item.isEmpty())
                kept << item;
        }
        const QByteArray next = endpoint().toEncoded() + url.path().toLatin1() + '?' +
                                kept.join('&') + "&cursor=" + nextCursor;
        response.headers.push_back({"Link", "<" + next + ">; rel=\"next\""});
    }
    return response;
}

}  // namespace hubgrowth::mockhub
