#include "hubgrowth/ui/number_format.h"

#include <QCoreApplication>
#include <cmath>

namespace hubgrowth {

QString notAvailable() {
    return QCoreApplication::translate("NumberFormat", "n/a");
}

bool isPresentable(double v) {
    return std::isfinite(v) && std::abs(v) < kOverflowLimit;
}

QString formatCount(double v, const QLocale& locale) {
    if (!isPresentable(v))
        return notAvailable();
    const double rounded = std::round(v);
    return locale.toString(rounded == 0.0 ? 0.0 : rounded, 'f', 0);  // no "-0"
}

QString formatParameter(double v, int digits, const QLocale& locale) {
    if (!isPresentable(v))
        return notAvailable();
    if (v == 0.0)
        return locale.toString(0);
    const double magnitude = std::abs(v);
    if (magnitude < 1e-3 || magnitude >= 1e6)
        return locale.toString(v, 'g', digits);
    // Decimals so that `digits` significant digits remain, trailing zeros dropped.
    const int leading = int(std::floor(std::log10(magnitude))) + 1;
    const int decimals = std::max(0, digits - leading);
    QString text = locale.toString(v, 'f', decimals);
    if (decimals > 0) {
        const QChar point = locale.decimalPoint().at(0);
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(1);
    }
    return text;
}

QString formatMonths(int months) {
    return months == 1 ? QCoreApplication::translate("NumberFormat", "1 month")
                       : QCoreApplication::translate("NumberFormat", "%1 months").arg(months);
}

}  // namespace hubgrowth
