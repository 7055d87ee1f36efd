#include "hub_invariants.h"

#include "hubgrowth/data/hub/hub_page_scanner.h"
#include "hubgrowth/data/hub/hub_parsers.h"

namespace hubgrowth::fuzz {

namespace {

using hub::HubModel;
using hub::ModelPage;

std::string describe(const QString& id) {
    return id.left(80).toStdString();
}

std::string checkModel(const HubModel& model) {
    if (model.id.isEmpty())
        return "a model without an id";
    for (const hub::BaseLink& link : model.bases) {
        if (link.base.isEmpty() || link.base.contains(QLatin1Char(':')))
            return "an empty or malformed base in " + describe(model.id);
        if (link.relation != hub::kUnspecifiedRelation && !hub::kRelations.contains(link.relation))
            return "an unknown relation '" + describe(link.relation) + "' in " + describe(model.id);
    }
    if (model.created) {
        if (*model.created <= hub::kCreatedAtPlaceholderEnd)
            return "a placeholder creation time kept in " + describe(model.id);
        if (model.createdAt.isEmpty())
            return "a creation time without its text in " + describe(model.id);
    }
    for (qint64 count :
         {model.downloads, model.downloadsAllTime, model.likes, model.childrenCount}) {
        if (count < -1)
            return "a count below -1 in " + describe(model.id);
    }
    return {};
}

std::string checkPage(const ModelPage& page, const char* parser) {
    if (!page.ok()) {
        if (!page.models.empty())
            return std::string(parser) + ": models kept despite an error (half-read page)";
        return {};
    }
    for (const HubModel& model : page.models) {
        const std::string problem = checkModel(model);
        if (!problem.empty())
            return std::string(parser) + ": " + problem;
    }
    return {};
}

bool sameModel(const HubModel& a, const HubModel& b) {
    if (a.bases.size() != b.bases.size())
        return false;
    for (size_t i = 0; i < a.bases.size(); ++i) {
        if (a.bases[i].base != b.bases[i].base || a.bases[i].relation != b.bases[i].relation)
            return false;
    }
    return a.id == b.id && a.createdAt == b.createdAt && a.created == b.created &&
           a.downloads == b.downloads && a.downloadsAllTime == b.downloadsAllTime &&
           a.likes == b.likes && a.childrenCount == b.childrenCount &&
           a.cardBaseModels == b.cardBaseModels && a.newVersion == b.newVersion;
}

// The lean scanner accepts only what QJsonDocument reads the same way.
std::string checkScannerAgrees(const QByteArray& json) {
    const std::optional<ModelPage> scanned = hub::scanModelPage(json);
    if (!scanned)
        return {};
    const ModelPage general = hub::parseModelPageWithQtJson(json);
    if (!general.ok())
        return "scanModelPage accepted a page the JSON reader rejects: " +
               general.error.toStdString();
    if (!scanned->ok() || scanned->models.size() != general.models.size())
        return "scanModelPage read another number of models than the JSON reader";
    for (size_t i = 0; i < general.models.size(); ++i) {
        if (!sameModel(scanned->models[i], general.models[i]))
            return "scanModelPage read " + describe(general.models[i].id) + " differently";
    }
    return {};
}

}  // namespace

std::string checkHubModelPage(const QByteArray& json) {
    const ModelPage page = hub::parseModelPage(json);
    std::string problem = checkPage(page, "parseModelPage");
    if (!problem.empty())
        return problem;
    problem = checkScannerAgrees(json);
    if (!problem.empty())
        return problem;
    const ModelPage info = hub::parseModelInfo(json);
    problem = checkPage(info, "parseModelInfo");
    if (!problem.empty())
        return problem;
    if (info.ok() != (info.models.size() == 1))
        return "parseModelInfo: accepted with other than one model";
    if (info.ok() && page.ok())
        return "one text accepted both as a page (array) and as one model (object)";
    if (info.ok()) {
        const ModelPage wrapped = hub::parseModelPage('[' + json + ']');
        if (!wrapped.ok() || wrapped.models.size() != 1)
            return "a model object accepted alone is rejected inside a page";
        if (!sameModel(info.models.front(), wrapped.models.front()))
            return "a model object reads differently inside a page";
    }
    return {};
}

std::string checkHubHeaders(const QByteArray& header) {
    const QUrl next = hub::parseNextLink(header);
    if (!next.isEmpty() && !next.isValid())
        return "parseNextLink returned an invalid URL";
    if (!next.isEmpty() && (!header.contains('<') || !header.contains('>')))
        return "parseNextLink found a target outside <...>";

    const hub::RateLimit limit = hub::parseRateLimit(header);
    if (limit.remaining && *limit.remaining < 0)
        return "parseRateLimit: negative remaining";
    if (limit.resetSeconds &&
        (*limit.resetSeconds < 0 || *limit.resetSeconds > hub::kMaxHeaderWaitSeconds))
        return "parseRateLimit: reset outside [0, kMaxHeaderWaitSeconds]";

    // A fixed clock keeps the check reproducible; the later clock must never wait longer.
    const qint64 now = 1700000000;  // 2023-11-14
    const auto wait = hub::parseRetryAfter(header, now);
    const auto later = hub::parseRetryAfter(header, now + 3600);
    for (const auto& w : {wait, later}) {
        if (w && (*w < 0 || *w > hub::kMaxHeaderWaitSeconds))
            return "parseRetryAfter: wait outside [0, kMaxHeaderWaitSeconds]";
    }
    if (wait.has_value() != later.has_value())
        return "parseRetryAfter: usability depends on the clock";
    if (wait && *later > *wait)
        return "parseRetryAfter: the wait grew as time passed";
    return {};
}

}  // namespace hubgrowth::fuzz
