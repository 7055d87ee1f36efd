#include "hubgrowth/testsupport/reference_data.h"

namespace hubgrowth::testing {

QString referenceDir() {
    const QByteArray fromEnv = qgetenv("HUBGROWTH_REFERENCE_DIR");
    return QDir::cleanPath(fromEnv.isEmpty() ? QStringLiteral(HUBGROWTH_REFERENCE_DIR)
                                             : QString::fromLocal8Bit(fromEnv));
}

QString referenceFinetuneDir() {
    return referenceDir() + QStringLiteral("/hf-finetunes-2025-02-18/finetune");
}

bool haveReference() {
    return QDir(referenceFinetuneDir()).exists();
}

}  // namespace hubgrowth::testing
