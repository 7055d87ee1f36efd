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

void SyntheticHub::appendJson(int i, const QStringList& expand, QByteArray* out) const {
    const Entry& e = entries_[static_cast<size_t>(i)];
    const auto want = [&](const char* field) {
        return expand.isEmpty() || expand.contains(QLatin1String(field));
    };
    const QByteArray idText = id(i).toUtf8();
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
                    appendTag(out, &first, "base_model:" + id(p).toUtf8());
            }
            if (e.relation != 4) {
                for (std::int32_t p : {e.parent1, e.parent2}) {
                    if (p >= 0)
                        appendTag(out, &first, "base_model:" + relation + ':' + id(p).toUtf8());
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
                *out += (p == e.parent1 ? "{\"id\":\"" : ",{\"id\":\"") + id(p).toUtf8() + "\"}";
        }
        *out += "]}";
    }
    if (expand.isEmpty())
        *out += ",\"pipeline_tag\":\"text-generation\",\"library_name\":\"transformers\"";
    if (want("createdAt"))
        *out += ",\"createdAt\":\"" + createdAt(i).toLatin1() + '"';
    if (expand.isEmpty())
        *out += ",\"modelId\":\"" + idText + '"';
    *out += '}';
}

}  // namespace hubgrowth::mockhub
