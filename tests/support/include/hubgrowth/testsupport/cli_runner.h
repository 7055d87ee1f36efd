#pragma once
// Runs the real hubgrowth binary for end-to-end CLI tests (tests added with
// hubgrowth_add_cli_test, which make sure the binary is built first).

#include <QByteArray>
#include <QProcess>
#include <QStringList>

namespace hubgrowth::testing {

struct Run {
    int exitCode = -1;  // -1 when the process crashed or did not finish
    QByteArray out, err;
};

// Waits up to five minutes for the process to finish.
Run runHubgrowth(const QStringList& args);

}  // namespace hubgrowth::testing
