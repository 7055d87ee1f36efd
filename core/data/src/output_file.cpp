#include "hubgrowth/data/output_file.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

namespace hubgrowth {

namespace {

QString systemReason(int error, const QString& qtReason) {
    if (error != 0)
        return QString::fromLocal8Bit(std::strerror(error));
    return qtReason;
}

// Fault injection for the kill-mid-write row of the fault matrix (tests/cli/test_fault_matrix):
// with HUBGROWTH_FAULT_STOP_MID_WRITE set, the process stops itself (SIGSTOP) once half of the
// temporary file is on disk, so the test can kill it at exactly that point instead of racing it.
bool stopMidWriteRequested() {
    static const bool requested = qEnvironmentVariableIsSet("HUBGROWTH_FAULT_STOP_MID_WRITE");
    return requested;
}

qint64 writeAll(QSaveFile& file, const QByteArray& content) {
    if (!stopMidWriteRequested())
        return file.write(content);
    const qint64 half = content.size() / 2;
    qint64 written = file.write(content.constData(), half);
    if (written != half || !file.flush())
        return written;
#ifdef SIGSTOP
    std::raise(SIGSTOP);
#endif
    const qint64 rest = file.write(content.constData() + half, content.size() - half);
    return rest < 0 ? rest : written + rest;
}

}  // namespace

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
    const QString kept =
        QFileInfo::exists(path) ? QStringLiteral("; the previous file is unchanged") : QString();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString());
    }
    // Unbuffered-size writes fail in the system call; Qt may then report "Unknown error", so the
    // reason is taken from errno right away (ENOSPC: disk full, EFBIG: file size limit).
    errno = 0;
    if (writeAll(file, content) != content.size()) {
        const QString why = systemReason(errno, file.errorString());
        file.cancelWriting();
        return QStringLiteral("%1: cannot write (%2)%3").arg(path, why, kept);
    }
    errno = 0;
    if (!file.commit()) {
        return QStringLiteral("%1: cannot write (%2)%3")
            .arg(path, systemReason(errno, file.errorString()), kept);
    }
    return {};
}

}  // namespace hubgrowth
