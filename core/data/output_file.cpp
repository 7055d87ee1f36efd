#include "data/output_file.h"

#include <QFile>
#include <QSaveFile>
#include <cstdio>

namespace hubgrowth {

QString writeOutput(const QString& path, const QByteArray& content) {
    if (path.isEmpty() || path == QLatin1String("-")) {
        QFile out;
        // flush() is checked too: a small output sits in the buffer until then, and a full disk
        // behind stdout (ENOSPC) only shows there.
        if (!out.open(stdout, QIODevice::WriteOnly) || out.write(content) != content.size() ||
            !out.flush()) {
            return QStringLiteral("cannot write to standard output (%1)").arg(out.errorString());
        }
        return {};
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString());
    }
    if (file.write(content) != content.size()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return QStringLiteral("%1: cannot write (%2)").arg(path, why);
    }
    if (!file.commit()) {
        return QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString());
    }
    return {};
}

}  // namespace hubgrowth
