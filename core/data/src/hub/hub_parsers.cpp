#include "hubgrowth/data/hub/hub_parsers.h"

#include "hubgrowth/data/hub/hub_page_scanner.h"

#include <algorithm>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace hubgrowth::hub {

QString HubModel::relationTo(const QString& base) const {
    QString found;
    for (const BaseLink& link : bases) {
        if (link.base != base)
            continue;
        if (link.relation != kUnspecifiedRelation)
            return link.relation;
        found = link.relation;
    }
    return found;
}

std::optional<BaseLink> parseBaseModelTag(const QString& tag) {
    static const QString prefix = QStringLiteral("base_model:");
    if (!tag.startsWith(prefix))
        return std::nullopt;
    const QString rest = tag.mid(prefix.size());
    const qsizetype colon = rest.indexOf(QLatin1Char(':'));
    BaseLink link;
    if (colon < 0) {
        link.base = rest;
        link.relation = kUnspecifiedRelation;
    } else {
        link.relation = rest.left(colon);
        link.base = rest.mid(colon + 1);
        if (!kRelations.contains(link.relation))
            return std::nullopt;
    }
    if (link.base.isEmpty() || link.base.contains(QLatin1Char(':')))
        return std::nullopt;
    return link;
}

std::optional<qint64> parseCreatedAt(const QString& iso) {
    if (iso.isEmpty())
        return std::nullopt;
    const QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!t.isValid())
        return std::nullopt;
    const qint64 secs = t.toSecsSinceEpoch();
    if (secs <= kCreatedAtPlaceholderEnd)
        return std::nullopt;
    return secs;
}

namespace {

qint64 integerField(const QJsonObject& object, QLatin1String key) {
    const QJsonValue v = object.value(key);
    if (!v.isDouble() || !(v.toDouble() >= 0))
        return -1;
    // Casting a double beyond qint64 is undefined behaviour: saturate.
    constexpr double kLimit = 9.0e18;
    return v.toDouble() >= kLimit ? static_cast<qint64>(kLimit) : static_cast<qint64>(v.toDouble());
}

bool readModel(const QJsonValue& value, HubModel* model, QString* error) {
    if (!value.isObject()) {
        *error = QStringLiteral("an entry is not a JSON object");
        return false;
    }
    const QJsonObject object = value.toObject();
    const QJsonValue id = object.value(QLatin1String("id"));
    if (!id.isString() || id.toString().isEmpty()) {
        *error = QStringLiteral("an entry has no string `id`");
        return false;
    }
    model->id = id.toString();
    model->createdAt = object.value(QLatin1String("createdAt")).toString();
    model->created = parseCreatedAt(model->createdAt);
    model->downloads = integerField(object, QLatin1String("downloads"));
    model->downloadsAllTime = integerField(object, QLatin1String("downloadsAllTime"));
    model->likes = integerField(object, QLatin1String("likes"));
    model->childrenCount = integerField(object, QLatin1String("childrenModelCount"));
    const QJsonArray tags = object.value(QLatin1String("tags")).toArray();
    for (const QJsonValue tag : tags) {
        if (auto link = parseBaseModelTag(tag.toString()))
            model->bases.push_back(*link);
    }
    const QJsonObject baseModels = object.value(QLatin1String("baseModels")).toObject();
    QString relation = baseModels.value(QLatin1String("relation")).toString().toLower();
    if (!kRelations.contains(relation))
        relation = kUnspecifiedRelation;
    for (const QJsonValue parent : baseModels.value(QLatin1String("models")).toArray()) {
        const QString base = parent.toObject().value(QLatin1String("id")).toString();
        if (base.isEmpty() || base.contains(QLatin1Char(':')) ||
            std::any_of(model->bases.begin(), model->bases.end(),
                        [&](const BaseLink& link) { return link.base == base; }))
            continue;
        model->bases.push_back({base, relation});
    }
    const QJsonObject card = object.value(QLatin1String("cardData")).toObject();
    const QJsonValue cardBase = card.value(QLatin1String("base_model"));
    if (cardBase.isString()) {
        model->cardBaseModels << cardBase.toString();
    } else {
        for (const QJsonValue b : cardBase.toArray()) {
            if (b.isString())
                model->cardBaseModels << b.toString();
        }
    }
    model->newVersion = card.value(QLatin1String("new_version")).toString();
    return true;
}

QJsonDocument parseJson(const QByteArray& json, QString* error) {
    QJsonParseError parseError;
    QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("malformed JSON at byte %1: %2")
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
    }
    return doc;
}

}  // namespace

ModelPage parseModelPage(const QByteArray& json) {
    if (std::optional<ModelPage> usual = scanModelPage(json))
        return std::move(*usual);
    return parseModelPageWithQtJson(json);
}

ModelPage parseModelPageWithQtJson(const QByteArray& json) {
    ModelPage page;
    const QJsonDocument doc = parseJson(json, &page.error);
    if (!page.ok())
        return page;
    if (!doc.isArray()) {
        page.error = QStringLiteral("expected a JSON array of models");
        return page;
    }
    const QJsonArray array = doc.array();
    page.models.reserve(static_cast<size_t>(array.size()));
    for (const QJsonValue value : array) {
        HubModel model;
        if (!readModel(value, &model, &page.error)) {
            page.models.clear();
            return page;
        }
        page.models.push_back(std::move(model));
    }
    return page;
}

ModelPage parseModelInfo(const QByteArray& json) {
    ModelPage page;
    const QJsonDocument doc = parseJson(json, &page.error);
    if (!page.ok())
        return page;
    if (!doc.isObject()) {
        page.error = QStringLiteral("expected a JSON object describing one model");
        return page;
    }
    HubModel model;
    if (readModel(doc.object(), &model, &page.error))
        page.models.push_back(std::move(model));
    return page;
}

namespace {

// Splits `a=b; c="d, e"` style parameter lists at `separator` outside quotes.
QList<QByteArray> splitOutsideQuotes(const QByteArray& text, char separator) {
    QList<QByteArray> parts;
    QByteArray current;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"')
            quoted = !quoted;
        if (c == separator && !quoted) {
            parts << current.trimmed();
            current.clear();
        } else {
            current += c;
        }
    }
    parts << current.trimmed();
    return parts;
}

QByteArray unquote(QByteArray value) {
    value = value.trimmed();
    if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
        value = value.mid(1, value.size() - 2);
    return value;
}

}  // namespace

QUrl parseNextLink(const QByteArray& linkHeader) {
    qsizetype pos = 0;
    while (pos < linkHeader.size()) {
        const qsizetype open = linkHeader.indexOf('<', pos);
        if (open < 0)
            return {};
        const qsizetype close = linkHeader.indexOf('>', open + 1);
        if (close < 0)
            return {};
        const QByteArray target = linkHeader.mid(open + 1, close - open - 1).trimmed();
        // Parameters run to the next comma outside quotes.
        qsizetype end = close + 1;
        bool quoted = false;
        while (end < linkHeader.size() && (quoted || linkHeader[end] != ',')) {
            if (linkHeader[end] == '"')
                quoted = !quoted;
            ++end;
        }
        const QByteArray params = linkHeader.mid(close + 1, end - close - 1);
        for (const QByteArray& param : splitOutsideQuotes(params, ';')) {
            const qsizetype eq = param.indexOf('=');
            if (eq < 0 || param.left(eq).trimmed().toLower() != "rel")
                continue;
            for (const QByteArray& rel : unquote(param.mid(eq + 1)).split(' ')) {
                if (rel.trimmed().toLower() == "next" && !target.isEmpty()) {
                    const QUrl url = QUrl::fromEncoded(target);
                    return url.isValid() ? url : QUrl();
                }
            }
        }
        pos = end + 1;
    }
    return {};
}

RateLimit parseRateLimit(const QByteArray& header) {
    RateLimit limit;
    for (const QByteArray& item : splitOutsideQuotes(header, ',')) {
        for (const QByteArray& param : splitOutsideQuotes(item, ';')) {
            const qsizetype eq = param.indexOf('=');
            if (eq < 0)
                continue;
            const QByteArray key = param.left(eq).trimmed();
            bool ok = false;
            const qint64 value = unquote(param.mid(eq + 1)).toLongLong(&ok);
            if (!ok || value < 0)
                continue;
            if (key == "r" && !limit.remaining)
                limit.remaining = value;
            if (key == "t" && !limit.resetSeconds)
                limit.resetSeconds = std::min(value, kMaxHeaderWaitSeconds);
        }
        if (limit.remaining || limit.resetSeconds)
            break;  // the first policy item that says anything
    }
    return limit;
}

RateLimitPolicy parseRateLimitPolicy(const QByteArray& header) {
    RateLimitPolicy policy;
    for (const QByteArray& param : splitOutsideQuotes(header, ';')) {
        const qsizetype eq = param.indexOf('=');
        if (eq < 0)
            continue;
        const QByteArray key = param.left(eq).trimmed();
        bool ok = false;
        const qint64 value = unquote(param.mid(eq + 1)).toLongLong(&ok);
        if (!ok || value <= 0)
            continue;
        if (key == "q" && !policy.quota)
            policy.quota = value;
        if (key == "w" && !policy.windowSeconds)
            policy.windowSeconds = std::min(value, kMaxHeaderWaitSeconds);
    }
    return policy;
}

std::optional<qint64> parseRetryAfter(const QByteArray& header, qint64 nowUtcSecs) {
    const QByteArray text = header.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (ok)
        return seconds >= 0 ? std::optional<qint64>(std::min(seconds, kMaxHeaderWaitSeconds))
                            : std::nullopt;
    // An IMF-fixdate ("Wed, 21 Oct 2015 07:28:00 GMT"); Qt's RFC 2822 parser wants "+0000".
    QString date = QString::fromLatin1(text);
    if (date.endsWith(QLatin1String(" GMT")))
        date = date.chopped(4) + QStringLiteral(" +0000");
    const QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    return std::clamp<qint64>(when.toSecsSinceEpoch() - nowUtcSecs, 0, kMaxHeaderWaitSeconds);
}

}  // namespace hubgrowth::hub
