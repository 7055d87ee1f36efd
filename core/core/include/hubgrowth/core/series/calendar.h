#pragma once
// Calendar instants for the as-of forecasts: the ISO 8601 times the datasets carry (the paper's
// `2024-01-22 16:30:10+00:00`, the Hub's `2024-01-22T16:30:10.000Z`) and a user's `--as-of`
// date, as Unix seconds (UTC). Pure arithmetic (proleptic Gregorian), no time-zone database.

#include <cstdint>
#include <optional>
#include <string>

namespace hubgrowth {

// "YYYY-MM-DD" (midnight UTC), optionally followed by 'T' or ' ' and "HH:MM[:SS[.fff...]]" and
// an offset "Z", "+HH:MM", "+HHMM" or "+HH" (none: UTC). Anything else: nothing.
std::optional<std::int64_t> parseIsoInstant(const std::string& text);

// "YYYY-MM-DD" of the UTC day holding the instant.
std::string formatIsoDate(std::int64_t unixSeconds);

}  // namespace hubgrowth
