#pragma once
// Runs the real hubgrowth binary for end-to-end CLI tests (tests added with
// hubgrowth_add_cli_test, which make sure the binary is built first).

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <functional>

namespace hubgrowth::mockhub {
class MockHub;
}

namespace hubgrowth::testing {

struct Run {
    int exitCode = -1;  // -1 when the process crashed or did not finish
    QByteArray out, err;
    bool crashed = false;             // ended by a signal (a kill included)
    qint64 msAfterFirstRequest = -1;  // runWhileServing with a hub: its first request to the end
};

// Waits up to five minutes for the process to finish.
Run runHubgrowth(const QStringList& args);

struct ServedRunOptions {
    // The mock this process serves while the binary runs; the run is timed from the mock's first
    // request (the store is open by then: start-up, long under the sanitizers, is not counted).
    mockhub::MockHub* hub = nullptr;
    int killAfterMs = -1;     // >= 0 (needs hub): SIGKILL that long after the first request
    int watchdogMs = 240000;  // a hang ends here with exitCode -1
    std::function<void()> childModifier;  // runs in the child before exec (rlimits)
    // The child's environment; empty: isolatedEnvironment(home).
    QProcessEnvironment environment;
};

// Runs the binary in isolatedEnvironment(home) while this process's event loop keeps serving
// the mock Hub (a blocking wait would starve it).
Run runWhileServing(const QStringList& args, const QString& home, const ServedRunOptions& options);
// The same with a hub (timed, and killed killAfterMs after its first request when >= 0).
Run runWhileServing(const QStringList& args, const QString& home, mockhub::MockHub* hub = nullptr,
                    int killAfterMs = -1);

// This process's environment without the user's Hub settings (HF_TOKEN, HF_TOKEN_PATH, HF_HOME,
// HF_ENDPOINT) and with HOME and the XDG folders under `home`: a test's binary never reads the
// machine's token or settings.
QProcessEnvironment isolatedEnvironment(const QString& home);

}  // namespace hubgrowth::testing
