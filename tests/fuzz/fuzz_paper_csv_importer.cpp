// libFuzzer target: core/data/paper_csv_importer.h importPaperCsvText.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz_invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray text =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const std::string problem = hubgrowth::fuzz::checkPaperCsvImporter(text);
    if (!problem.empty()) {
        std::fprintf(stderr, "paper_csv_importer invariant broken: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
