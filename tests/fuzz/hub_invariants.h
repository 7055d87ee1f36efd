#pragma once
// What must hold for ANY bytes given to the Hub parsers (core/data/hub/hub_parsers.h). The
// libFuzzer targets abort when a check fails; test_fuzz_corpus replays the corpora
// (tests/fuzz/corpus/hub_model_page, hub_headers) through the same checks.

#include <QByteArray>
#include <string>

namespace hubgrowth::fuzz {

// Empty when parseModelPage and parseModelInfo behaved: a rejected page has an error and no
// models; an accepted one has models with non-empty ids, known relations, non-empty bases,
// creation times after the placeholder cutoff, counts >= -1. A model object accepted by
// parseModelInfo reads the same as the only entry of a page wrapping it.
std::string checkHubModelPage(const QByteArray& json);

// Empty when parseNextLink (empty or a valid URL), parseRateLimit (non-negative values, the
// reset bounded) and parseRetryAfter (never negative, bounded, not growing as time passes)
// behaved on the header text.
std::string checkHubHeaders(const QByteArray& header);

}  // namespace hubgrowth::fuzz
