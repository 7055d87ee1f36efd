#include "hubgrowth/ui/charts/qtcharts_axes.h"

#include <QCategoryAxis>
#include <QLogValueAxis>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "hubgrowth/ui/charts/plot_view.h"

namespace hubgrowth {

namespace {

// A round tick step (1, 2 or 5 times a power of ten) giving about `ticks` intervals.
double niceStep(double span, int ticks) {
    if (!(span > 0.0) || !std::isfinite(span))
        return 1.0;
    const double raw = span / ticks;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double f : {1.0, 2.0, 5.0}) {
        if (raw <= f * power * 1.0001)
            return f * power;
    }
    return 10.0 * power;
}

// Decimals a label needs to tell ticks `step` apart.
int decimalsFor(double step) {
    return step >= 1.0 ? 0 : std::min(12, int(std::ceil(-std::log10(step) - 1e-9)));
}

bool wholeNumberTicks(const PlotAxis& spec) {
    return spec.labelFormat == QLatin1String("%.0f");
}

// The label format for a linear axis with ticks `step` apart up to `magnitude`.
QString linearLabelFormat(const PlotAxis& spec, double step, double magnitude) {
    if (spec.labelFormat != QLatin1String("%g") && !wholeNumberTicks(spec))
        return spec.labelFormat;
    if (magnitude >= 1e9)
        return QStringLiteral("%.3g");
    return QStringLiteral("%.") + QString::number(decimalsFor(step)) + QStringLiteral("f");
}

// Log axes label every 10^step: at most maxLabels labels (Qt elides labels that do not fit
// their share of the axis), whole decades only.
int decadeStep(double lo, double hi, int maxLabels) {
    const double intervals = std::max(1, maxLabels - 1);
    return std::max(1, int(std::ceil(std::log10(hi / lo) / intervals - 1e-9)));
}

QString logLabelFormat(double lo, double hi) {
    // Whole numbers where they stay short, exponents beyond a million.
    return lo >= 1.0 && hi <= 1e6 ? QStringLiteral("%.0f") : QStringLiteral("%g");
}

// Log axes: whole decades (labels sit on decades), a label every 10^step.
void setLogRange(QLogValueAxis* axis, double lo, double hi, int maxLabels) {
    double a = std::floor(std::log10(lo) + 1e-9), b = std::ceil(std::log10(hi) - 1e-9);
    if (b <= a)
        b = a + 1.0;
    // Labels sit on the decades that are multiples of step; the range stays the data's whole
    // decades (widening it to multiples of step left a narrow plot mostly empty).
    const int step = decadeStep(std::pow(10.0, a), std::pow(10.0, b), maxLabels);
    if (step > 1 && std::floor(b / step) * step < std::ceil(a / step) * step)
        b = std::ceil(a / step) * step;  // at least one labelled decade
    axis->setBase(std::pow(10.0, step));
    axis->setMinorTickCount(step == 1 ? 8 : step - 1);
    axis->setLabelFormat(logLabelFormat(std::pow(10.0, a), std::pow(10.0, b)));
    // A hair wider than the decades: Qt drops the label of a decade that rounds outside.
    axis->setRange(std::pow(10.0, a) * (1.0 - 1e-9), std::pow(10.0, b) * (1.0 + 1e-9));
}

// Linear axes: round ticks (1, 2, 5 × 10^k) anchored at 0, whole numbers for months.
void setTicks(QValueAxis* axis, const PlotAxis& spec, double lo, double hi) {
    double step = niceStep(hi - lo, 6);
    if (wholeNumberTicks(spec))
        step = std::max(1.0, step);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    axis->setTickInterval(step);
    axis->setLabelFormat(linearLabelFormat(spec, step, std::max(std::abs(lo), std::abs(hi))));
}

// Named values (calendar months): a label every 1, 2, 3, 6 or 12 × 10^k, about `ticks` of them.
double namedStep(double span, int ticks) {
    const double raw = span / ticks;
    for (int k = 0; k < 12; ++k) {
        const double power = std::pow(10.0, k);
        for (double f : {1.0, 2.0, 3.0, 6.0, 12.0}) {
            if (raw <= f * power * 1.0001)
                return f * power;
        }
    }
    return 1e12;
}

void setNamedTicks(QCategoryAxis* axis, const PlotAxis& spec, double lo, double hi) {
    for (const QString& label : axis->categoriesLabels())
        axis->remove(label);
    const double step = namedStep(hi - lo, 6);
    QStringList seen;
    const double first = std::ceil(lo / step - 1e-9);
    const int count = int(std::min(1000.0, std::floor((hi - first * step) / step + 1e-9) + 1.0));
    for (int i = 0; i < count; ++i) {
        const double t = (first + i) * step;
        QString label = spec.valueText(t);
        if (label.isEmpty() || seen.contains(label))
            continue;  // a category's label must be unique
        seen << label;
        axis->append(label, t);
    }
}

// After a zoom or pan: a non-negative axis never starts below 0 (the range is shifted, and
// setRange re-enters with it); otherwise the ticks follow the new range.
template <typename Axis, typename Retick>
void retickOnRangeChange(Axis* axis, bool nonNegative, Retick retick) {
    QObject::connect(axis, &QValueAxis::rangeChanged, axis,
                     [axis, nonNegative, retick](qreal min, qreal max) {
                         if (nonNegative && min < 0.0) {
                             axis->setRange(0.0, max - min);
                             return;
                         }
                         retick(min, max);
                     });
}

QAbstractAxis* makeNamedAxis(const PlotAxis& spec, double lo, double hi, bool nonNegative) {
    auto* axis = new QCategoryAxis();
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    if (!(std::isfinite(lo) && std::isfinite(hi)))
        lo = 0.0, hi = 1.0;
    if (hi <= lo)
        hi = lo + 1.0;
    axis->setRange(lo, hi);
    axis->setStartValue(lo);
    setNamedTicks(axis, spec, lo, hi);
    axis->setTitleText(spec.title);
    retickOnRangeChange(axis, nonNegative, [axis, spec](qreal min, qreal max) {
        axis->setStartValue(min);
        setNamedTicks(axis, spec, min, max);
    });
    return axis;
}

}  // namespace

int logLabelBudget(int pixels, Qt::Orientation orientation) {
    // A label like "0.0001" or "1e+06" with the gap Qt keeps between labels; one text line.
    const int perLabel = orientation == Qt::Horizontal ? 60 : 28;
    return std::clamp(pixels / perLabel, 2, kMaxLogLabels);
}

QAbstractAxis* makeChartAxis(const PlotAxis& spec, double lo, double hi, bool nonNegative,
                             int maxLogLabels) {
    if (spec.log) {
        auto* axis = new QLogValueAxis();
        if (!(std::isfinite(lo) && std::isfinite(hi) && lo > 0.0 && hi > lo))
            lo = 1.0, hi = 10.0;
        axis->setMinorGridLineColor(QColor(238, 238, 238));
        setLogRange(axis, lo, hi, maxLogLabels);
        axis->setTitleText(spec.title);
        // A zoom keeps whole, labelled decades.
        QObject::connect(
            axis, &QLogValueAxis::rangeChanged, axis, [axis, maxLogLabels](qreal min, qreal max) {
                if (!(min > 0.0 && max > min))
                    return;
                const double a = std::floor(std::log10(min) + 1e-9);
                const double b = std::ceil(std::log10(max) - 1e-9);
                if (std::abs(std::log10(min) - a) > 1e-6 || std::abs(std::log10(max) - b) > 1e-6 ||
                    axis->base() != std::pow(10.0, decadeStep(min, max, maxLogLabels)))
                    setLogRange(axis, min, max, maxLogLabels);
            });
        return axis;
    }
    if (spec.valueText)
        return makeNamedAxis(spec, lo, hi, nonNegative);
    auto* axis = new QValueAxis();
    if (!(std::isfinite(lo) && std::isfinite(hi)))
        lo = 0.0, hi = 1.0;
    if (hi <= lo)
        hi = lo + 1.0;
    double step = niceStep(hi - lo, 6);
    if (wholeNumberTicks(spec))
        step = std::max(1.0, step);
    // The range ends on ticks, unless the panel fixed it.
    if (!(std::isfinite(spec.min) && std::isfinite(spec.max))) {
        lo = std::floor(lo / step + 1e-9) * step;
        hi = std::ceil(hi / step - 1e-9) * step;
    }
    axis->setRange(lo, hi);
    setTicks(axis, spec, lo, hi);
    axis->setTitleText(spec.title);
    // Ticks stay round after zooming; zooming out or panning never shows negative months
    // or counts when the data has none.
    retickOnRangeChange(axis, nonNegative,
                        [axis, spec](qreal min, qreal max) { setTicks(axis, spec, min, max); });
    return axis;
}

void autoAxisRange(const PlotAxis& spec, double dataLo, double dataHi, double* lo, double* hi) {
    if (std::isfinite(spec.min) && std::isfinite(spec.max)) {
        *lo = spec.min;
        *hi = spec.max;
        return;
    }
    if (!(dataLo <= dataHi)) {
        *lo = spec.log ? 1.0 : 0.0;
        *hi = spec.log ? 10.0 : 1.0;
        return;
    }
    if (spec.log) {
        *lo = dataLo;  // makeChartAxis() widens to whole decades
        *hi = dataHi * 1.0001;
        return;
    }
    if (spec.includeZero) {
        dataLo = std::min(dataLo, 0.0);
        dataHi = std::max(dataHi, 0.0);
    }
    const double pad = dataHi > dataLo ? 0.04 * (dataHi - dataLo) : 0.5;
    *lo = (spec.includeZero && dataLo == 0.0) ? 0.0 : dataLo - pad;
    if (dataLo >= 0.0 && *lo < 0.0)
        *lo = 0.0;  // no negative months or counts in the margin
    *hi = dataHi + pad;
}

}  // namespace hubgrowth
