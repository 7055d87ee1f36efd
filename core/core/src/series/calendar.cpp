#include "hubgrowth/core/series/calendar.h"

#include <cctype>
#include <cstdio>

namespace hubgrowth {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool isLeap(std::int64_t y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(std::int64_t y, int m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `width` digits at text[*pos].
bool readDigits(const std::string& text, size_t* pos, int width, int* value) {
    if (*pos + static_cast<size_t>(width) > text.size())
        return false;
    int v = 0;
    for (int i = 0; i < width; ++i) {
        const char c = text[*pos + static_cast<size_t>(i)];
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return false;
        v = v * 10 + (c - '0');
    }
    *pos += static_cast<size_t>(width);
    *value = v;
    return true;
}

bool expect(const std::string& text, size_t* pos, char c) {
    if (*pos >= text.size() || text[*pos] != c)
        return false;
    ++*pos;
    return true;
}

// "Z", "+HH:MM", "+HHMM", "+HH" (or '-') at text[*pos] -> seconds east of UTC.
bool readOffset(const std::string& text, size_t* pos, int* seconds) {
    if (*pos >= text.size()) {
        *seconds = 0;
        return true;
    }
    const char sign = text[*pos];
    if (sign == 'Z' || sign == 'z') {
        ++*pos;
        *seconds = 0;
        return true;
    }
    if (sign != '+' && sign != '-')
        return false;
    ++*pos;
    int hours = 0, minutes = 0;
    if (!readDigits(text, pos, 2, &hours) || hours > 23)
        return false;
    if (*pos < text.size()) {
        expect(text, pos, ':');
        if (!readDigits(text, pos, 2, &minutes) || minutes > 59)
            return false;
    }
    *seconds = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    return true;
}

}  // namespace

std::optional<std::int64_t> parseIsoInstant(const std::string& text) {
    size_t pos = 0;
    int year = 0, month = 0, day = 0;
    if (!readDigits(text, &pos, 4, &year) || !expect(text, &pos, '-') ||
        !readDigits(text, &pos, 2, &month) || !expect(text, &pos, '-') ||
        !readDigits(text, &pos, 2, &day)) {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return std::nullopt;
    int hour = 0, minute = 0, second = 0, offset = 0;
    if (pos < text.size() && (text[pos] == 'T' || text[pos] == 't' || text[pos] == ' ')) {
        ++pos;
        if (!readDigits(text, &pos, 2, &hour) || hour > 23 || !expect(text, &pos, ':') ||
            !readDigits(text, &pos, 2, &minute) || minute > 59) {
            return std::nullopt;
        }
        if (pos < text.size() && text[pos] == ':') {
            ++pos;
            if (!readDigits(text, &pos, 2, &second) || second > 60)
                return std::nullopt;
            if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
                ++pos;
                const size_t digitsFrom = pos;
                while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])))
                    ++pos;
                if (pos == digitsFrom)
                    return std::nullopt;
            }
        }
    }
    if (!readOffset(text, &pos, &offset) || pos != text.size())
        return std::nullopt;
    return daysFromCivil(year, month, day) * 86400 + std::int64_t{hour} * 3600 +
           std::int64_t{minute} * 60 + second - offset;
}

std::string formatIsoDate(std::int64_t unixSeconds) {
    std::int64_t z = (unixSeconds >= 0 ? unixSeconds : unixSeconds - 86399) / 86400 + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02d-%02d", static_cast<long long>(year), month,
                  day);
    return buffer;
}

}  // namespace hubgrowth
