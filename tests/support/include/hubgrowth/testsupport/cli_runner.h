#pragma once
// Runs the real hubgrowth binary for end-to-end CLI tests (tests added with
// hubgrowth_add_cli_test, which make sure the binary is built first).

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace hubgrowth::testing {

struct Run {
    int exitCode = -1;  // -1 when the process crashed or did not finish
    QByteArray out, err;
};

// Waits up to five minutes for the process to finish.
Run runHubgrowth(const QStringList& args);

// This process's environment without the user's Hub settings (HF_TOKEN, HF_TOKEN_PATH, HF_HOME,
// HF_ENDPOINT) and with HOME and the XDG folders under `home`: a test's binary never reads the
// machine's token or settings.
QProcessEnvironment isolatedEnvironment(const QString& home);

}  // namespace hubgrowth::testing
