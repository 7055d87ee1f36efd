#include "hubgrowth/testsupport/synthetic_hub.h"

#include <QDateTime>

namespace hubgrowth::mockhub {

namespace {

constexpr qint64 kFirstDate = 1646870400;  // 2022-03-10T00:00:00Z, after the placeholder band
constexpr qint64 kLastDate = 1780272000;   // 2026-06-01T00:00:00Z
constexpr int kPlaceholderPercent = 3;
const QByteArray kPlaceholders[] = {"2022-03-02T23:29:04.000Z", "2022-03-02T23:29:05.000Z"};

std::uint32_t mix(std::uint32_t x) {
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

void appendTag(QByteArray* out, bool* first, const QByteArray& tag) {
    *out += *first ? "\"" : ",\"";
    *out += tag;
    *out += '"';
    *first = false;
}

// `value` in decimal, at least `width` digits (zero-padded).
void appendNumber(QByteArray* out, qint64 value, int width = 1) {
    char digits[24];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value > 0 || n < width);
    while (n > 0)
        *out += digits[--n];
}

// H. Hinnant's civil_from_days: the date of a day count from 1970-01-01.
void civilFromDays(qint64 days, int* year, int* month, int* day) {
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 dayOfEra = days - era * 146097;
    const qint64 yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 mp = (5 * dayOfYear + 2) / 153;
    *day = static_cast<int>(dayOfYear - (153 * mp + 2) / 5 + 1);
    *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    *year = static_cast<int>(yearOfEra + era * 400 + (*month <= 2 ? 1 : 0));
}

}  // namespace

SyntheticHub::SyntheticHub(int models, std::uint32_t seed) : rng_(seed) {
    initialSize_ = std::max(1, models);
    entries_.reserve(static_cast<size_t>(initialSize_));
    for (int i = 0; i < models; ++i)
        add(true);
}

void SyntheticHub::grow(int more) {
    for (int i = 0; i < more; ++i)
        add(false);
}

void SyntheticHub::add(bool initial) {
    const auto i = static_cast<std::int32_t>(entries_.size());
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    Entry e;
    e.hash = mix(static_cast<std::uint32_t>(i) * 2654435761U + 17);
    // Mostly the parent of an earlier edge (rich get richer), else any possible base.
    const auto pickFrom = [&](const std::vector<std::int32_t>& from) {
        return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(rng_)];
    };
    const auto pickParent = [&]() -> std::int32_t {
        if (!edgeParents_.empty() && unit(rng_) < 0.9)
            return pickFrom(edgeParents_);
        return pickFrom(targets_);
    };
    if (i >= 50 && unit(rng_) < 0.30) {
        const double r = unit(rng_);
        e.relation = r < 0.60 ? 0 : r < 0.75 ? 1 : r < 0.87 ? 2 : r < 0.92 ? 3 : 4;
        e.parent1 = pickParent();
        if (e.relation == 3) {
            const std::int32_t second = pickParent();
            if (second != e.parent1)
                e.parent2 = second;
        }
        edgeParents_.push_back(e.parent1);
        if (e.parent2 >= 0)
            edgeParents_.push_back(e.parent2);
        // Only an old child can be declared late (a new one would be seen by a refresh).
        e.late = initial && i < initialSize_ * 4 / 5 && unit(rng_) < 0.002;
        if (unit(rng_) < 0.2)
            targets_.push_back(i);  // some derivatives become bases themselves
    } else {
        targets_.push_back(i);
    }
    entries_.push_back(e);
}

int SyntheticHub::lateChildren() const {
    int n = 0;
    for (const Entry& e : entries_)
        n += e.late ? 1 : 0;
    return n;
}

QString SyntheticHub::id(int i) const {
    const std::uint32_t h = entries_[static_cast<size_t>(i)].hash;
    return QStringLiteral("org-%1/synthetic-model-%2")
        .arg(h % 4000)
        .arg(i, 7, 10, QLatin1Char('0'));
}

std::optional<qint64> SyntheticHub::createdUnix(int i) const {
    const int placeholders = initialSize_ * kPlaceholderPercent / 100;
    if (i < placeholders)
        return std::nullopt;
    const double step = double(kLastDate - kFirstDate) / std::max(1, initialSize_ - placeholders);
    return kFirstDate + static_cast<qint64>(double(i - placeholders) * step);
}

QString SyntheticHub::createdAt(int i) const {
    const std::optional<qint64> t = createdUnix(i);
    if (!t)
        return QString::fromLatin1(kPlaceholders[i % 2]);
    return QDateTime::fromSecsSinceEpoch(*t, Qt::UTC).toString(Qt::ISODateWithMs);
}

qint64 SyntheticHub::downloads(int i) const {
    const std::uint32_t h = entries_[static_cast<size_t>(i)].hash;
    const qint64 base = qint64(h % 997) * (h % 997) / 50;
    return base + qint64(day_) * (h % 13);
}

qint64 SyntheticHub::likes(int i) const {
    const std::uint32_t h = entries_[static_cast<size_t>(i)].hash;
    return (h >> 8) % 31 + day_ * (i % 2);
}

std::vector<SyntheticEdge> SyntheticHub::edges() const {
    std::vector<SyntheticEdge> out;
    for (int i = 0; i < size(); ++i) {
        const Entry& e = entries_[static_cast<size_t>(i)];
        if (e.parent1 < 0 || !basesVisible(e))
            continue;
        out.push_back({e.parent1, i, e.relation});
        if (e.parent2 >= 0)
            out.push_back({e.parent2, i, e.relation});
    }
    return out;
}

void SyntheticHub::appendId(int i, QByteArray* out) const {
    *out += "org-";
    appendNumber(out, entries_[static_cast<size_t>(i)].hash % 4000);
    *out += "/synthetic-model-";
    appendNumber(out, i, 7);
}

void SyntheticHub::appendCreatedAt(int i, QByteArray* out) const {
    const std::optional<qint64> t = createdUnix(i);
    if (!t) {
        *out += kPlaceholders[i % 2];
        return;
    }
    const qint64 days = *t / 86400;  // the synthetic dates are all after 1970
    const qint64 seconds = *t % 86400;
    int year = 0;
    int month = 0;
    int day = 0;
    civilFromDays(days, &year, &month, &day);
    appendNumber(out, year, 4);
    *out += '-';
    appendNumber(out, month, 2);
    *out += '-';
    appendNumber(out, day, 2);
    *out += 'T';
    appendNumber(out, seconds / 3600, 2);
    *out += ':';
    appendNumber(out, seconds / 60 % 60, 2);
    *out += ':';
    appendNumber(out, seconds % 60, 2);
    *out += ".000Z";
}

void SyntheticHub::appendJson(int i, const QStringList& expand, QByteArray* out) const {
    const Entry& e = entries_[static_cast<size_t>(i)];
    const auto want = [&](const char* field) {
        return expand.isEmpty() || expand.contains(QLatin1String(field));
    };
    QByteArray idText;
    appendId(i, &idText);
    const auto parentId = [this](std::int32_t p) {
        QByteArray text;
        appendId(p, &text);
        return text;
    };
    *out += "{\"_id\":\"";
    *out += QByteArray::number(0x6000000000000000LL + i, 16).rightJustified(24, '0');
    *out += "\",\"id\":\"" + idText + '"';
    if (want("likes"))
        *out += ",\"likes\":" + QByteArray::number(likes(i));
    if (expand.isEmpty())
        *out += ",\"trendingScore\":" + QByteArray::number(e.hash % 7) + ",\"private\":false";
    if (want("downloads"))
        *out += ",\"downloads\":" + QByteArray::number(downloads(i));
    const bool bases = e.parent1 >= 0 && basesVisible(e);
    const QByteArray relation = kSyntheticRelations[e.relation].toLatin1();
    if (want("tags")) {
        *out += ",\"tags\":[";
        bool first = true;
        for (const char* tag : {"transformers", "safetensors", "text-generation"})
            appendTag(out, &first, tag);
        if (bases) {
            for (std::int32_t p : {e.parent1, e.parent2}) {
                if (p >= 0)
                    appendTag(out, &first, "base_model:" + parentId(p));
            }
            if (e.relation != 4) {
                for (std::int32_t p : {e.parent1, e.parent2}) {
                    if (p >= 0)
                        appendTag(out, &first, "base_model:" + relation + ':' + parentId(p));
                }
            }
        }
        appendTag(out, &first, "license:apache-2.0");
        appendTag(out, &first, "region:us");
        *out += ']';
    }
    if (!expand.isEmpty() && expand.contains(QLatin1String("baseModels")) && bases) {
        *out += ",\"baseModels\":{\"relation\":\"" + relation + "\",\"models\":[";
        for (std::int32_t p : {e.parent1, e.parent2}) {
            if (p >= 0)
                *out += (p == e.parent1 ? "{\"id\":\"" : ",{\"id\":\"") + parentId(p) + "\"}";
        }
        *out += "]}";
    }
    if (expand.isEmpty())
        *out += ",\"pipeline_tag\":\"text-generation\",\"library_name\":\"transformers\"";
    if (want("createdAt")) {
        *out += ",\"createdAt\":\"";
        appendCreatedAt(i, out);
        *out += '"';
    }
    if (expand.isEmpty())
        *out += ",\"modelId\":\"" + idText + '"';
    *out += '}';
}

}  // namespace hubgrowth::mockhub
