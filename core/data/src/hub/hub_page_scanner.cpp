#include "hubgrowth/data/hub/hub_page_scanner.h"

#include <QLatin1String>

namespace hubgrowth::hub {

namespace {

constexpr int kMaxSkippedDepth = 32;
constexpr int kMaxIntegerDigits = 15;   // exact in a double, as QJsonDocument reads it
constexpr int kMaxSkippedDigits = 300;  // finite in a double (QJsonDocument refuses infinity)

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// A cursor over the page's bytes; every read checks the end. A false return means "not the
// usual shape", never "malformed" (the general reader tells those apart).
class Scanner {
  public:
    Scanner(const char* begin, const char* end) : p_(begin), end_(end) {}

    bool atEnd() {
        skipSpace();
        return p_ == end_;
    }

    bool consume(char c) {
        skipSpace();
        if (p_ == end_ || *p_ != c)
            return false;
        ++p_;
        return true;
    }

    bool next(char c) {
        skipSpace();
        return p_ != end_ && *p_ == c;
    }

    // A string of printable ASCII without escapes.
    bool plainString(QLatin1String* out) {
        if (!consume('"'))
            return false;
        const char* start = p_;
        while (p_ != end_ && *p_ != '"') {
            const auto byte = static_cast<unsigned char>(*p_);
            if (byte < 0x20 || byte >= 0x80 || byte == '\\')
                return false;
            ++p_;
        }
        if (p_ == end_)
            return false;
        *out = QLatin1String(start, static_cast<qsizetype>(p_ - start));
        ++p_;
        return true;
    }

    // A non-negative integer of at most kMaxIntegerDigits digits, no fraction or exponent.
    bool integer(qint64* out) {
        skipSpace();
        if (p_ == end_ || !isDigit(*p_) || (*p_ == '0' && p_ + 1 != end_ && isDigit(p_[1])))
            return false;
        qint64 value = 0;
        int digits = 0;
        while (p_ != end_ && isDigit(*p_)) {
            if (++digits > kMaxIntegerDigits)
                return false;
            value = value * 10 + (*p_ - '0');
            ++p_;
        }
        if (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E'))
            return false;
        *out = value;
        return true;
    }

    bool skipValue(int depth) {
        skipSpace();
        if (p_ == end_ || depth > kMaxSkippedDepth)
            return false;
        switch (*p_) {
            case '"':
                return skipString();
            case '{':
                return skipObject(depth);
            case '[':
                return skipArray(depth);
            case 't':
                return literal("true");
            case 'f':
                return literal("false");
            case 'n':
                return literal("null");
            default:
                return skipNumber();
        }
    }

  private:
    void skipSpace() {
        while (p_ != end_ && isSpace(*p_))
            ++p_;
    }

    bool literal(const char* word) {
        for (; *word; ++word, ++p_) {
            if (p_ == end_ || *p_ != *word)
                return false;
        }
        return true;
    }

    // ASCII with the simple escapes; \u and raw non-ASCII are left to the general reader.
    bool skipString() {
        ++p_;
        while (p_ != end_ && *p_ != '"') {
            const auto byte = static_cast<unsigned char>(*p_);
            if (byte < 0x20 || byte >= 0x80)
                return false;
            if (byte == '\\') {
                if (++p_ == end_)
                    return false;
                const char escaped = *p_;
                if (escaped != '"' && escaped != '\\' && escaped != '/' && escaped != 'b' &&
                    escaped != 'f' && escaped != 'n' && escaped != 'r' && escaped != 't')
                    return false;
            }
            ++p_;
        }
        if (p_ == end_)
            return false;
        ++p_;
        return true;
    }

    bool skipDigits(int* digits) {
        const char* start = p_;
        while (p_ != end_ && isDigit(*p_))
            ++p_;
        *digits += static_cast<int>(p_ - start);
        return p_ != start && *digits <= kMaxSkippedDigits;
    }

    // JSON's number grammar without an exponent.
    bool skipNumber() {
        if (*p_ == '-')
            ++p_;
        if (p_ == end_ || !isDigit(*p_) || (*p_ == '0' && p_ + 1 != end_ && isDigit(p_[1])))
            return false;
        int digits = 0;
        if (!skipDigits(&digits))
            return false;
        if (p_ != end_ && *p_ == '.') {
            ++p_;
            if (!skipDigits(&digits))
                return false;
        }
        return p_ == end_ || (*p_ != 'e' && *p_ != 'E');
    }

    bool skipArray(int depth) {
        ++p_;
        if (consume(']'))
            return true;
        do {
            if (!skipValue(depth + 1))
                return false;
        } while (consume(','));
        return consume(']');
    }

    bool skipObject(int depth) {
        ++p_;
        if (consume('}'))
            return true;
        do {
            QLatin1String key;
            if (!plainString(&key) || !consume(':') || !skipValue(depth + 1))
                return false;
        } while (consume(','));
        return consume('}');
    }

    const char* p_;
    const char* end_;
};

enum Field : unsigned {
    kId = 1,
    kCreatedAt = 2,
    kDownloads = 4,
    kDownloadsAllTime = 8,
    kLikes = 16,
    kChildren = 32,
    kTags = 64,
};

bool readTags(Scanner* in, HubModel* model) {
    if (!in->consume('['))
        return false;
    if (in->consume(']'))
        return true;
    static const QLatin1String prefix("base_model:");
    do {
        QLatin1String tag;
        if (!in->plainString(&tag))
            return false;
        if (tag.startsWith(prefix)) {
            if (auto link = parseBaseModelTag(QString(tag)))
                model->bases.push_back(*link);
        }
    } while (in->consume(','));
    return in->consume(']');
}

bool readModel(Scanner* in, HubModel* model) {
    if (!in->consume('{'))
        return false;
    unsigned seen = 0;
    const auto once = [&seen](Field field) {
        if (seen & field)
            return false;
        seen |= field;
        return true;
    };
    if (!in->consume('}')) {
        do {
            QLatin1String key;
            if (!in->plainString(&key) || !in->consume(':'))
                return false;
            bool ok = true;
            if (key == QLatin1String("id")) {
                QLatin1String id;
                ok = once(kId) && in->plainString(&id) && !id.isEmpty();
                model->id = QString(id);
            } else if (key == QLatin1String("createdAt")) {
                QLatin1String text;
                ok = once(kCreatedAt) && in->plainString(&text);
                model->createdAt = QString(text);
                const auto fast = scanCreatedAt(text.data(), text.size());
                model->created = fast ? *fast : parseCreatedAt(model->createdAt);
            } else if (key == QLatin1String("downloads")) {
                ok = once(kDownloads) && in->integer(&model->downloads);
            } else if (key == QLatin1String("downloadsAllTime")) {
                ok = once(kDownloadsAllTime) && in->integer(&model->downloadsAllTime);
            } else if (key == QLatin1String("likes")) {
                ok = once(kLikes) && in->integer(&model->likes);
            } else if (key == QLatin1String("childrenModelCount")) {
                ok = once(kChildren) && in->integer(&model->childrenCount);
            } else if (key == QLatin1String("tags")) {
                ok = once(kTags) && readTags(in, model);
            } else if (key == QLatin1String("baseModels") || key == QLatin1String("cardData")) {
                ok = false;  // nested lineage: the general reader's job
            } else {
                ok = in->skipValue(1);
            }
            if (!ok)
                return false;
        } while (in->consume(','));
        if (!in->consume('}'))
            return false;
    }
    return (seen & kId) != 0;  // no id: the general reader says so
}

int twoDigits(const char* s) {
    return (s[0] - '0') * 10 + (s[1] - '0');
}

bool leapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// Days from 1970-01-01 to the date (proleptic Gregorian; H. Hinnant's days_from_civil).
qint64 daysFromCivil(int year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const int yearOfEra = year - era * 400;
    const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return qint64{era} * 146097 + dayOfEra - 719468;
}

}  // namespace

std::optional<std::optional<qint64>> scanCreatedAt(const char* text, qsizetype size) {
    // 2024-05-01T12:34:56.789Z
    static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
    if (size != qsizetype(sizeof(shape) - 1))
        return std::nullopt;
    for (qsizetype i = 0; i < size; ++i) {
        if (shape[i] == 'd' ? !isDigit(text[i]) : text[i] != shape[i])
            return std::nullopt;
    }
    const int year = twoDigits(text) * 100 + twoDigits(text + 2);
    const int month = twoDigits(text + 5);
    const int day = twoDigits(text + 8);
    const int hour = twoDigits(text + 11);
    const int minute = twoDigits(text + 14);
    const int second = twoDigits(text + 17);
    static const int monthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1970 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 ||
        second > 59)
        return std::nullopt;
    if (day > monthDays[month - 1] + (month == 2 && leapYear(year) ? 1 : 0))
        return std::nullopt;
    const qint64 secs = daysFromCivil(year, month, day) * 86400 + qint64{hour} * 3600 +
                        qint64{minute} * 60 + second;
    if (secs <= kCreatedAtPlaceholderEnd)
        return std::optional<qint64>();  // the placeholder band: unknown
    return std::optional<qint64>(secs);
}

std::optional<ModelPage> scanModelPage(const QByteArray& json) {
    Scanner in(json.constData(), json.constData() + json.size());
    ModelPage page;
    if (!in.consume('['))
        return std::nullopt;
    if (!in.consume(']')) {
        // ~330 bytes a model in a listing: reserve once.
        page.models.reserve(static_cast<size_t>(json.size() / 256 + 1));
        do {
            if (!in.next('{'))
                return std::nullopt;
            HubModel model;
            if (!readModel(&in, &model))
                return std::nullopt;
            page.models.push_back(std::move(model));
        } while (in.consume(','));
        if (!in.consume(']'))
            return std::nullopt;
    }
    if (!in.atEnd())
        return std::nullopt;
    return page;
}

}  // namespace hubgrowth::hub
