#pragma once
// When to retry a Hub request and how long to wait first. Pure: the caller supplies the
// parsed headers and a jitter in [0, 1), so tests can pin every branch.

#include <QtGlobal>
#include <optional>

#include "hubgrowth/data/hub/hub_parsers.h"

namespace hubgrowth::hub {

struct RetryPolicy {
    int maxRetries = 6;         // per request, over all reasons
    qint64 baseDelayMs = 1000;  // first exponential backoff step
    qint64 maxDelayMs = 60000;  // cap of the exponential backoff (server-told waits are not capped)
};

// 408, 429, 500, 502, 503, 504.
bool isRetryableStatus(int httpStatus);

// Delay before retry number `retry` (1 for the first retry), or empty when the cap is reached.
// Order: RateLimit r=0 -> t+1 s; else Retry-After -> that many seconds; else exponential
// backoff base * 2^(retry-1), capped, times (0.5 + jitter) so clients do not retry in step.
std::optional<qint64> retryDelayMs(const RetryPolicy& policy, int retry, const RateLimit& rateLimit,
                                   std::optional<qint64> retryAfterSeconds, double jitter);

}  // namespace hubgrowth::hub
