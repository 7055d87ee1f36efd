#pragma once
// Where the real Hub lineage lives (../shared/reference next to the repository), for tests and
// benchmarks that use it when present and skip with a message when not.

#include <QDir>
#include <QString>

namespace hubgrowth::testing {

inline QString referenceDir() {
    const QByteArray fromEnv = qgetenv("HUBGROWTH_REFERENCE_DIR");
    return QDir::cleanPath(fromEnv.isEmpty() ? QStringLiteral(HUBGROWTH_REFERENCE_DIR)
                                             : QString::fromLocal8Bit(fromEnv));
}

inline QString referenceFinetuneDir() {
    return referenceDir() + QStringLiteral("/hf-finetunes-2025-02-18/finetune");
}

inline bool haveReference() { return QDir(referenceFinetuneDir()).exists(); }

}  // namespace hubgrowth::testing

// Skips the current Qt Test function when the reference data is absent.
#define HUBGROWTH_REQUIRE_REFERENCE()                                                          \
    do {                                                                                      \
        if (!hubgrowth::testing::haveReference())                                             \
            QSKIP(qPrintable(QStringLiteral("reference data not found at %1 (set "             \
                                            "HUBGROWTH_REFERENCE_DIR); skipping")            \
                                 .arg(hubgrowth::testing::referenceDir())));                 \
    } while (false)
