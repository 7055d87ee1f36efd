#include "hubgrowth/cli/cli.h"

#include <QCoreApplication>
#include <QTextStream>

#include "hubgrowth/cli/cli_common.h"
#include "hubgrowth/cli/cli_verbs.h"

namespace hubgrowth::cli {

namespace {

struct Verb {
    const char* name;
    const char* summary;
    int (*run)(const QStringList&);  // nullptr for verbs that need a QApplication (see main.cpp)
    bool needsGui = false;
};

const Verb kVerbs[] = {
    {"fit", "fit the WSB model to every series of an input", runFit},
    {"forecast", "observed, fitted and forecast curve of one model", runForecast},
    {"fetch", "download lineage from the Hugging Face Hub into the store", runFetch},
    {"backtest", "forecast every series from its first K months and score it", runBacktest},
    {"rank", "models ranked by forecast gain over the next H months, as of a date", runRank},
    {"successors", "incumbent vs successor (new_version) pairs of a store, head to head",
     runSuccessors},
    {"snapshots", "a store's download history (per sweep, or one model's) as CSV", runSnapshots},
    {"store", "check a store: SQLite's integrity check and the store's invariants", runStore},
    {"export-chart", "render a workbench chart to PNG or SVG (no display needed)", nullptr, true},
};

void printUsage(QTextStream& out) {
    out << "Usage: hubgrowth [INPUT]            open the workbench (default: the demo data)\n"
           "       hubgrowth VERB [options]     run headless\n\nVerbs:\n";
    for (const Verb& verb : kVerbs) {
        out << "  " << QString::fromLatin1(verb.name).leftJustified(14) << verb.summary << "\n";
    }
    out << "\nINPUT is a paper-format CSV file, a folder of them, a store written by 'fetch'\n"
           "(*.db), or 'demo' (the embedded synthetic snapshot).\n"
           "'hubgrowth VERB --help' describes a verb's options.\n"
           "Options: -h, --help   this text;  -v, --version   the version.\n";
}

}  // namespace

bool isHeadlessInvocation(const QStringList& args) {
    if (args.size() < 2)
        return false;
    const QString& first = args[1];
    if (first == QLatin1String("--help") || first == QLatin1String("-h") ||
        first == QLatin1String("--version") || first == QLatin1String("-v")) {
        return true;
    }
    for (const Verb& verb : kVerbs) {
        if (first == QLatin1String(verb.name))
            return !verb.needsGui;
    }
    return false;
}

bool isGuiVerbInvocation(const QStringList& args) {
    for (const Verb& verb : kVerbs) {
        if (args.value(1) == QLatin1String(verb.name))
            return verb.needsGui;
    }
    return false;
}

int run(const QStringList& args) {
    const QString first = args.value(1);
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        QTextStream(stdout) << "hubgrowth " << QCoreApplication::applicationVersion() << "\n";
        return kOk;
    }
    if (first == QLatin1String("--help") || first == QLatin1String("-h")) {
        QTextStream out(stdout);
        printUsage(out);
        return kOk;
    }
    for (const Verb& verb : kVerbs) {
        if (first == QLatin1String(verb.name) && verb.run)
            return verb.run(args);
    }
    printUsage(err());
    return kUsageError;
}

}  // namespace hubgrowth::cli
