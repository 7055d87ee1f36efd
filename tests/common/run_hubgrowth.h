#pragma once
// Runs the real hubgrowth binary (HUBGROWTH_BINARY) for end-to-end CLI tests.

#include <QByteArray>
#include <QProcess>
#include <QStringList>

namespace hubgrowth::testing {

struct Run {
    int exitCode = -1;  // -1 when the process crashed or did not finish
    QByteArray out, err;
};

inline Run runHubgrowth(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(HUBGROWTH_BINARY), args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

}  // namespace hubgrowth::testing
