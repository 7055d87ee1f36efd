#pragma once
// Helpers shared by the command-line verbs.

#include <QCommandLineParser>
#include <QString>
#include <QTextStream>
#include <limits>
#include <optional>
#include <string>

#include "hubgrowth/cli/cli.h"
#include "hubgrowth/core/forecast/forecast_method.h"

namespace hubgrowth::cli {

QTextStream& err();

// Prints "hubgrowth VERB: MESSAGE" on stderr and returns code, so a verb can `return fail(...)`.
int fail(const QString& verb, const QString& message, int code = kInputError);
// A usage error: the message, then a pointer to the verb's --help; returns kUsageError.
int usageError(const QString& verb, const QString& message);
// Prints "hubgrowth VERB: warning: MESSAGE" (loader warnings; the verb goes on).
void warn(const QString& verb, const std::string& message);

// Options several verbs share, worded the same everywhere.
void addMOption(QCommandLineParser& parser);        // --m M
void addOutCsvOption(QCommandLineParser& parser);   // --out FILE ('-' or none: stdout)
void addMethodOption(QCommandLineParser& parser);   // --method NAME
void addThreadsOption(QCommandLineParser& parser);  // --threads N
// --min-children N: a swept store's series are the parents with at least N counted children.
void addMinChildrenOption(QCommandLineParser& parser);
// Reads --min-children (default 1) into *children, which the verb passes to its loads; prints a
// usage message and returns false when it is not a whole number >= 1.
bool readMinChildren(const QCommandLineParser& parser, int* children);

// Parses args for a verb. Returns an exit code when the verb should stop now (help printed:
// 0; bad arguments: 2, with the message printed), nothing when it should go on.
std::optional<int> parseVerbArgs(QCommandLineParser& parser, const QStringList& args,
                                 const QString& verb);

// Reads a number option; prints a usage message and returns false when it is not valid.
bool readDouble(const QCommandLineParser& parser, const QString& name, double min, double* value);
bool readInt(const QCommandLineParser& parser, const QString& name, int min, int* value,
             int max = std::numeric_limits<int>::max());

// The longest forecast horizon the verbs accept: 100 years of months. Beyond it a forecast says
// nothing, and the interval tables would take minutes to build.
constexpr int kMaxHorizonMonths = 1200;

// Reads --method (default: auto); prints a usage message and returns false for an unknown name.
bool readMethod(const QCommandLineParser& parser, ForecastMethod* method);
QString methodHelp();  // the --method option's description

// True when standard error is a terminal (progress lines are only drawn there).
bool stderrIsTerminal();

}  // namespace hubgrowth::cli
