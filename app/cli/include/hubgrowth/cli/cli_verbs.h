#pragma once
// One function per headless verb; each takes the full argument list (args[1] is the verb).

#include <QStringList>

namespace hubgrowth::cli {

int runFit(const QStringList& args);
int runForecast(const QStringList& args);
int runFetch(const QStringList& args);
int runBacktest(const QStringList& args);
int runRank(const QStringList& args);
int runSuccessors(const QStringList& args);
int runSnapshots(const QStringList& args);
int runStore(const QStringList& args);

}  // namespace hubgrowth::cli
