#pragma once
// Pure parsers for what the Hub sends: JSON pages, the Link header, the RateLimit and
// Retry-After headers, timestamps. Free functions over bytes, without I/O, so they can be
// unit-tested and fuzzed. None of them throws or crashes on malformed input.

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <optional>
#include <vector>

#include "hubgrowth/data/hub/hub_model.h"

namespace hubgrowth::hub {

struct ModelPage {
    std::vector<HubModel> models;
    QString error;  // empty on success; else why the page is unusable
    bool ok() const { return error.isEmpty(); }
};

// A page of GET /api/models: a JSON array of model objects. Lineage comes from the tags; when
// an entry also carries `baseModels` ({relation, models: [{id}]}, sent only when expanded and
// not on every Hub version) its bases are added where the tags did not name them. Entries without a
// string `id` are an error (the page is rejected as a whole: nothing half-read is stored).
ModelPage parseModelPage(const QByteArray& json);

// GET /api/models/ORG/NAME: one model object.
ModelPage parseModelInfo(const QByteArray& json);

// The target of rel="next" in a Link header (RFC 8288), exactly as sent (the cursor is not
// re-encoded); an empty QUrl when there is none or the header is malformed.
QUrl parseNextLink(const QByteArray& linkHeader);

// Waits the server asks for (RateLimit t, Retry-After) are capped at this, so that callers can
// turn them into milliseconds without overflowing; a longer wait is nonsense for a client.
inline constexpr qint64 kMaxHeaderWaitSeconds = qint64{366} * 24 * 3600;

// `RateLimit: "api";r=REMAINING;t=SECONDS` (IETF draft, as the Hub sends it).
struct RateLimit {
    std::optional<qint64> remaining;     // r
    std::optional<qint64> resetSeconds;  // t, at most kMaxHeaderWaitSeconds
    bool exhausted() const { return remaining && *remaining <= 0; }
};
RateLimit parseRateLimit(const QByteArray& header);

// `RateLimit-Policy: "fixed window";"api";q=QUOTA;w=WINDOW_SECONDS`: the requests allowed per
// window (for a sweep's ETA). Empty fields when not sent or unusable.
struct RateLimitPolicy {
    std::optional<qint64> quota;          // q
    std::optional<qint64> windowSeconds;  // w, > 0
};
RateLimitPolicy parseRateLimitPolicy(const QByteArray& header);

// `Retry-After`: delta-seconds or an HTTP date (relative to nowUtcSecs). Empty when unusable;
// otherwise in [0, kMaxHeaderWaitSeconds].
std::optional<qint64> parseRetryAfter(const QByteArray& header, qint64 nowUtcSecs);

// An ISO 8601 `createdAt`. Values up to 2022-03-03 are the Hub's placeholder for
// repositories older than the field, so they are unknown (empty) like unparsable ones.
std::optional<qint64> parseCreatedAt(const QString& iso);
inline constexpr qint64 kCreatedAtPlaceholderEnd = 1646265600;  // 2022-03-03T00:00:00Z

// The relation and base named by one tag: `base_model:<relation>:<id>` or `base_model:<id>`.
std::optional<BaseLink> parseBaseModelTag(const QString& tag);

}  // namespace hubgrowth::hub
