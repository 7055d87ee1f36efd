#include "hubgrowth/testsupport/cli_runner.h"

namespace hubgrowth::testing {

Run runHubgrowth(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(HUBGROWTH_BINARY), args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QProcessEnvironment isolatedEnvironment(const QString& home) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"HF_TOKEN", "HF_TOKEN_PATH", "HF_HOME", "HF_ENDPOINT"})
        env.remove(name);
    env.insert("HOME", home);
    env.insert("XDG_DATA_HOME", home + "/data");
    env.insert("XDG_CONFIG_HOME", home + "/config");
    return env;
}

}  // namespace hubgrowth::testing
