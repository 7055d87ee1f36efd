#pragma once
// Headless verbs of the hubgrowth command line. Exit codes: 0 success, 1 input error (one-line
// message on stderr), 2 usage error.

#include <QStringList>

namespace hubgrowth::cli {

enum ExitCode { kOk = 0, kInputError = 1, kUsageError = 2 };

// True when args[1] names a headless verb (or asks for --help/--version).
bool isHeadlessInvocation(const QStringList& args);

// True when args[1] names a headless verb that renders widgets (export-chart): main() runs it
// under a QApplication.
bool isGuiVerbInvocation(const QStringList& args);

// Renders a chart without a window; a QApplication must exist.
int runExportChart(const QStringList& args);

// Runs the verb in args[1]; a QCoreApplication must exist.
int run(const QStringList& args);

}  // namespace hubgrowth::cli
