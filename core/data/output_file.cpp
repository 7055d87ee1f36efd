#include "data/output_file.h"

#include <QFile>
#include <QSaveFile>
#include <cstdio>

namespace hubgrowth {

QString writeOutput(const QString& path, const QByteArray& content) {
    if (path.isEmpty() || path == QLatin1String("-")) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly) || out.write(content) != content.size()) {
            return QStringLiteral("cannot write to standard output");
        }
        out.flush();
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
