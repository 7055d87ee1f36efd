#pragma once
// A lean reader for the usual shape of a GET /api/models page, without building a JSON
// document: a whole-Hub sweep parses 2 M models, and QJsonDocument cost more than the store.
// It reads only the fields a listing carries (id, createdAt, downloads, downloadsAllTime,
// likes, childrenModelCount, tags) and gives up (std::nullopt) on anything else it would have
// to interpret: escapes or non-ASCII bytes in a string it keeps, duplicate fields, numbers
// that are not plain non-negative integers, baseModels or cardData, malformed JSON. The
// caller then reads the page with QJsonDocument, which gives the same models or the error.

#include <QByteArray>
#include <optional>

#include "hubgrowth/data/hub/hub_parsers.h"

namespace hubgrowth::hub {

// The page's models, exactly as parseModelPageWithQtJson would read them, or std::nullopt.
std::optional<ModelPage> scanModelPage(const QByteArray& json);

// The general reader (QJsonDocument): what parseModelPage falls back to.
ModelPage parseModelPageWithQtJson(const QByteArray& json);

// `YYYY-MM-DDTHH:MM:SS.mmmZ` read without QDateTime, as parseCreatedAt would; std::nullopt
// when the text has another form (then parseCreatedAt decides).
std::optional<std::optional<qint64>> scanCreatedAt(const char* text, qsizetype size);

}  // namespace hubgrowth::hub
