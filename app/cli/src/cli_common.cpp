#include "hubgrowth/cli/cli_common.h"

#include <unistd.h>

#include <cstdio>

namespace hubgrowth::cli {

QTextStream& err() {
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString& verb, const QString& message, int code) {
    err() << "hubgrowth " << verb << ": " << message << "\n";
    err().flush();
    return code;
}

int usageError(const QString& verb, const QString& message) {
    err() << "hubgrowth " << verb << ": " << message << "\nTry 'hubgrowth " << verb
          << " --help'.\n";
    err().flush();
    return kUsageError;
}

void warn(const QString& verb, const std::string& message) {
    err() << "hubgrowth " << verb << ": warning: " << QString::fromStdString(message) << "\n";
}

void addMOption(QCommandLineParser& parser) {
    parser.addOption({QStringLiteral("m"), QStringLiteral("The fixed constant m (default 100)."),
                      QStringLiteral("M")});
}

void addOutCsvOption(QCommandLineParser& parser) {
    parser.addOption({QStringLiteral("out"),
                      QStringLiteral("Output CSV file ('-' or none: standard output)."),
                      QStringLiteral("FILE")});
}

void addMethodOption(QCommandLineParser& parser) {
    parser.addOption({QStringLiteral("method"), methodHelp(), QStringLiteral("NAME")});
}

void addMinChildrenOption(QCommandLineParser& parser) {
    parser.addOption(
        {QStringLiteral("min-children"),
         QStringLiteral("A store swept with `fetch --all`: a series for every base with at least N "
                        "counted children (default 1)."),
         QStringLiteral("N")});
}

bool readMinChildren(const QCommandLineParser& parser, int* children) {
    *children = 1;
    return readInt(parser, QStringLiteral("min-children"), 1, children);
}

void addThreadsOption(QCommandLineParser& parser) {
    parser.addOption({QStringLiteral("threads"),
                      QStringLiteral("Worker threads (default: one per core)."),
                      QStringLiteral("N")});
}

std::optional<int> parseVerbArgs(QCommandLineParser& parser, const QStringList& args,
                                 const QString& verb) {
    parser.addHelpOption();
    QStringList verbArgs = args;
    verbArgs.removeAt(1);  // the verb itself
    if (!verbArgs.isEmpty())
        verbArgs[0] = args[0] + QLatin1Char(' ') + verb;
    if (!parser.parse(verbArgs)) {
        return usageError(verb, parser.errorText());
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // Qt names the executable's path in the usage line; users type `hubgrowth VERB`.
        QString help = parser.helpText();
        const qsizetype optionsAt = help.indexOf(QLatin1String(" ["));
        const qsizetype lineEnd = help.indexOf(QLatin1Char('\n'));
        if (help.startsWith(QLatin1String("Usage: ")) && optionsAt > 0 && optionsAt < lineEnd)
            help.replace(7, optionsAt - 7, QStringLiteral("hubgrowth ") + verb);
        QTextStream(stdout) << help;
        return 0;
    }
    return std::nullopt;
}

bool readDouble(const QCommandLineParser& parser, const QString& name, double min, double* value) {
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || !(v >= min) || !qIsFinite(v)) {
        err() << "hubgrowth: --" << name << " needs a number >= " << min << ", got '"
              << parser.value(name) << "'\n";
        err().flush();
        return false;
    }
    *value = v;
    return true;
}

bool readInt(const QCommandLineParser& parser, const QString& name, int min, int* value, int max) {
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int v = parser.value(name).toInt(&ok);
    if (!ok || v < min || v > max) {
        err() << "hubgrowth: --" << name << " needs a whole number >= " << min;
        if (max != std::numeric_limits<int>::max())
            err() << " and <= " << max;
        err() << ", got '" << parser.value(name) << "'\n";
        err().flush();
        return false;
    }
    *value = v;
    return true;
}

bool readMethod(const QCommandLineParser& parser, ForecastMethod* method) {
    if (!parser.isSet(QStringLiteral("method")))
        return true;
    const auto parsed = parseMethod(parser.value(QStringLiteral("method")).toStdString());
    if (!parsed) {
        err() << "hubgrowth: --method needs one of " << QString::fromStdString(methodNameList())
              << ", got '" << parser.value(QStringLiteral("method")) << "'\n";
        err().flush();
        return false;
    }
    *method = *parsed;
    return true;
}

QString methodHelp() {
    return QStringLiteral("Forecasting method: %1 (default auto).")
        .arg(QString::fromStdString(methodNameList()));
}

bool stderrIsTerminal() {
    return isatty(fileno(stderr)) != 0;
}

}  // namespace hubgrowth::cli
