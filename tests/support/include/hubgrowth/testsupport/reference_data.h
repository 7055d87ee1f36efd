#pragma once
// Where the real Hub lineage lives (../shared/reference next to the repository), for tests and
// benchmarks that use it when present and skip with a message when not. The environment
// variable HUBGROWTH_REFERENCE_DIR overrides the directory configured at build time.

#include <QDir>
#include <QString>

namespace hubgrowth::testing {

QString referenceDir();
QString referenceFinetuneDir();
bool haveReference();

}  // namespace hubgrowth::testing

// Skips the current Qt Test function when the reference data is absent.
#define HUBGROWTH_REQUIRE_REFERENCE()                                              \
    do {                                                                           \
        if (!hubgrowth::testing::haveReference())                                  \
            QSKIP(qPrintable(QStringLiteral("reference data not found at %1 (set " \
                                            "HUBGROWTH_REFERENCE_DIR); skipping")  \
                                 .arg(hubgrowth::testing::referenceDir())));       \
    } while (false)
