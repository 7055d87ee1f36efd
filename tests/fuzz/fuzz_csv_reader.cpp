// libFuzzer target: core/io/csv_reader.h parseCsv (and csvEscape through the round trip).
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz_invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string problem = hubgrowth::fuzz::checkCsvReader(
        std::string_view(reinterpret_cast<const char*>(data), size));
    if (!problem.empty()) {
        std::fprintf(stderr, "csv_reader invariant broken: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
