#pragma once
// How the workbench writes numbers, so the table, the summaries, tooltips and legends agree:
// counts are whole numbers with the locale's digit grouping, parameters have a few significant
// digits, and values that are no result (NaN, infinity, overflow) read "n/a".

#include <QLocale>
#include <QString>

namespace hubgrowth {

// Above this a count or parameter is an overflowed fit, not a number anyone can use.
inline constexpr double kOverflowLimit = 1e15;

// "n/a" shown for values that are no result.
QString notAvailable();
// True when v is a usable number (finite and below kOverflowLimit in magnitude).
bool isPresentable(double v);
// 33592 -> "33,592" (en) / "33.592" (de); rounds to whole numbers; "n/a" when not presentable.
QString formatCount(double v, const QLocale& locale = QLocale());
// λ, μ, σ, RMSE: `digits` significant digits without exponents for ordinary magnitudes
// (0.001 to 1e6), e.g. 1.234, 27.6, 0.0123, 1,234,567 -> "1.235e+06"; "n/a" when not presentable.
QString formatParameter(double v, int digits = 4, const QLocale& locale = QLocale());
// "1 month", "7 months".
QString formatMonths(int months);

}  // namespace hubgrowth
