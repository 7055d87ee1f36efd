// `hubgrowth store check FILE [--quick]`: SQLite's integrity check and the store's invariants.
// Exit 0: clean; 1: problems (the first ones listed) or not a readable store; 2: usage.
#include <QTextStream>

#include "hubgrowth/cli/cli.h"
#include "hubgrowth/cli/cli_common.h"
#include "hubgrowth/cli/cli_verbs.h"
#include "hubgrowth/data/store/store_check.h"

namespace hubgrowth::cli {

namespace {

const QString kVerb = QStringLiteral("store");

}  // namespace

int runStore(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Checks a store: SQLite's integrity check (every page, b-tree and index) and HubGrowth's "
        "invariants (every edge's child is a model, every base has its listing state, no alias "
        "cycles, the monthly series can be built). Prints `ok` or the first problems found."));
    parser.addPositionalArgument(QStringLiteral("check"), QStringLiteral("The action: check."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A store written by `hubgrowth fetch` (*.db)."));
    parser.addOption({QStringLiteral("quick"),
                      QStringLiteral("SQLite's quick check (pages and b-trees, not index "
                                     "contents): what the workbench runs when it opens a store.")});
    if (auto stop = parseVerbArgs(parser, args, kVerb))
        return *stop;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty() || positional.front() != QLatin1String("check"))
        return usageError(kVerb, QStringLiteral("the only action is `store check FILE`"));
    if (positional.size() != 2)
        return usageError(kVerb, QStringLiteral("`store check` needs one FILE"));
    const QString& path = positional[1];
    const store::StoreCheckResult result =
        store::checkStore(path, parser.isSet(QStringLiteral("quick")) ? store::CheckDepth::Quick
                                                                      : store::CheckDepth::Full);
    for (const QString& note : result.notes)
        err() << "hubgrowth store: note: " << note << "\n";
    if (result.clean()) {
        err().flush();
        QTextStream(stdout) << path << ": ok\n";
        return kOk;
    }
    if (!result.readable)
        return fail(kVerb, result.problems.value(0));
    err() << "hubgrowth store: " << path << ": " << result.problems.size()
          << (result.problems.size() >= store::kMaxReported ? "+" : "") << " problems:\n";
    for (const QString& problem : result.problems)
        err() << "  " << problem << "\n";
    err() << "hubgrowth store: restore a copy of the store, or fetch again into a new file\n";
    err().flush();
    return kInputError;
}

}  // namespace hubgrowth::cli
