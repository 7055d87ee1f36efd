// libFuzzer target: core/data/store/store_dataset.h loadStoreDataset on the input written to a
// temporary file (SQLite itself is not instrumented: this checks our handling of what it reads).
#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "store_invariants.h"

namespace {
QTemporaryDir* scratch = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    static QCoreApplication app(*argc, *argv);  // Qt Sql finds its driver plugins through it
    static QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/hubgrowth-fuzz-store-XXXXXX"));
    scratch = &dir;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const std::string problem =
        hubgrowth::fuzz::checkStoreLoader(bytes, scratch->filePath(QStringLiteral("input.bin")));
    if (!problem.empty()) {
        std::fprintf(stderr, "store_loader invariant broken: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
