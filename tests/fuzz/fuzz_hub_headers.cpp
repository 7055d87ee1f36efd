// libFuzzer target: core/data/hub/hub_parsers.h parseNextLink, parseRateLimit, parseRetryAfter.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "hub_invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const std::string problem = hubgrowth::fuzz::checkHubHeaders(bytes);
    if (!problem.empty()) {
        std::fprintf(stderr, "hub_headers invariant broken: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
