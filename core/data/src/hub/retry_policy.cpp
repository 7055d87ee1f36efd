#include "hubgrowth/data/hub/retry_policy.h"

#include <algorithm>

namespace hubgrowth::hub {

bool isRetryableStatus(int httpStatus) {
    switch (httpStatus) {
        case 408:
        case 429:
        case 500:
        case 502:
        case 503:
        case 504:
            return true;
        default:
            return false;
    }
}

std::optional<qint64> retryDelayMs(const RetryPolicy& policy, int retry, const RateLimit& rateLimit,
                                   std::optional<qint64> retryAfterSeconds, double jitter) {
    if (retry < 1 || retry > policy.maxRetries)
        return std::nullopt;
    if (rateLimit.exhausted() && rateLimit.resetSeconds)
        return (*rateLimit.resetSeconds + 1) * 1000;
    if (retryAfterSeconds)
        return *retryAfterSeconds * 1000;
    const int shift = std::min(retry - 1, 30);
    const qint64 exponential = std::min(policy.maxDelayMs, policy.baseDelayMs << shift);
    const double factor = 0.5 + std::clamp(jitter, 0.0, 1.0);
    return static_cast<qint64>(static_cast<double>(exponential) * factor);
}

}  // namespace hubgrowth::hub
