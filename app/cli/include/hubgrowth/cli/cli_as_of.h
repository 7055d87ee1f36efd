#pragma once
// What the as-of verbs share: `--as-of DATE` and the backtest's as-of mode (`backtest --as-of`).

#include <QCommandLineParser>
#include <QString>
#include <cstdint>
#include <vector>

#include "hubgrowth/core/forecast/as_of.h"
#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth::cli {

void addAsOfOption(QCommandLineParser& parser, bool repeatable);

// Every --as-of value as Unix seconds (a date is its midnight UTC); prints a usage message and
// returns false for one that is not an ISO 8601 date or time.
bool readAsOfDates(const QCommandLineParser& parser, std::vector<std::int64_t>* dates);

// "YYYY-MM-DD" for a midnight UTC, else the full ISO 8601 time in UTC.
QString formatAsOf(std::int64_t instant);

// `backtest --as-of DATE...`: the CSV to --out, the pooled summary on stderr; an exit code.
int runBacktestAsOf(const QCommandLineParser& parser, const Dataset& dataset,
                    const AsOfOptions& options, const std::vector<std::int64_t>& dates,
                    int threads);

}  // namespace hubgrowth::cli
