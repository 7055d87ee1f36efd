#include "hubgrowth/testsupport/cli_runner.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include "hubgrowth/testsupport/mock_hub.h"

namespace hubgrowth::testing {

Run runHubgrowth(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(HUBGROWTH_BINARY), args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

Run runWhileServing(const QStringList& args, const QString& home, const ServedRunOptions& options) {
    QProcess p;
    p.setProcessEnvironment(options.environment.isEmpty() ? isolatedEnvironment(home)
                                                          : options.environment);
    if (options.childModifier)
        p.setChildProcessModifier(options.childModifier);
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer watchdog;
    watchdog.setSingleShot(true);
    QObject::connect(&watchdog, &QTimer::timeout, &loop, &QEventLoop::quit);
    watchdog.start(options.watchdogMs);
    QTimer firstRequest, killer;
    killer.setSingleShot(true);
    QObject::connect(&killer, &QTimer::timeout, &p, &QProcess::kill);
    QElapsedTimer sinceFirstRequest;
    if (mockhub::MockHub* hub = options.hub) {
        const int before = hub->requestCount();
        QObject::connect(&firstRequest, &QTimer::timeout, [&, hub, before] {
            if (hub->requestCount() > before) {
                firstRequest.stop();
                sinceFirstRequest.start();
                if (options.killAfterMs >= 0)
                    killer.start(options.killAfterMs);
            }
        });
        firstRequest.start(1);
    }
    p.start(QStringLiteral(HUBGROWTH_BINARY), args);
    loop.exec();
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    Run run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
    run.crashed = p.exitStatus() == QProcess::CrashExit;
    run.msAfterFirstRequest = sinceFirstRequest.isValid() ? sinceFirstRequest.elapsed() : -1;
    return run;
}

Run runWhileServing(const QStringList& args, const QString& home, mockhub::MockHub* hub,
                    int killAfterMs) {
    ServedRunOptions options;
    options.hub = hub;
    options.killAfterMs = killAfterMs;
    return runWhileServing(args, home, options);
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
