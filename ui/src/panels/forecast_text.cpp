#include "hubgrowth/ui/panels/forecast_text.h"

#include "hubgrowth/core/forecast/forecaster.h"
#include "hubgrowth/core/forecast/holdout_check.h"
#include "hubgrowth/data/forecast_batch_job.h"
#include "hubgrowth/ui/number_format.h"
#include "hubgrowth/ui/panels/curve_panel.h"

namespace hubgrowth {

// One line per method for the combo's item tooltips.
QString methodDescription(ForecastMethod method) {
    switch (method) {
        case ForecastMethod::WsbLs:
            return CurvePanel::tr("The paper's WSB fit by least squares, continued");
        case ForecastMethod::Wsb:
            return CurvePanel::tr("WSB fitted to monthly increments, anchored at the last count");
        case ForecastMethod::WsbPrior:
            return CurvePanel::tr("WSB shrunk towards the dataset's typical curve (short series)");
        case ForecastMethod::Bass:
            return CurvePanel::tr("Bass diffusion curve: innovators and imitators");
        case ForecastMethod::Gompertz:
            return CurvePanel::tr("Gompertz curve: an asymmetric S towards a ceiling");
        case ForecastMethod::Logistic:
            return CurvePanel::tr("Logistic curve: a symmetric S towards a ceiling");
        case ForecastMethod::Linear:
            return CurvePanel::tr("The last 3 months' trend, continued");
        case ForecastMethod::Pooled:
            return CurvePanel::tr("Growth of older series at the same age, pooled");
        case ForecastMethod::Damped:
            return CurvePanel::tr("The last 3 months' rate, slowing as it slowed before");
        case ForecastMethod::Auto:
            return CurvePanel::tr("Median of the methods that backtested best (recommended)");
    }
    return {};
}

// The visual backtest's score, in the backtest's terms.
QString holdoutSummary(const HoldoutCheck& check) {
    if (!check.any())
        return CurvePanel::tr(" · held out: no month within the forecast horizon");
    const QString ape = check.lastApe >= 0.0
                            ? CurvePanel::tr("%1 %").arg(formatParameter(100.0 * check.lastApe, 3))
                            : notAvailable();
    return CurvePanel::tr(
               " · held out: APE at month %1 = %2; inside 80 %: %3 of %4, inside 95 %: %5 of %4")
        .arg(check.lastMonth)
        .arg(ape)
        .arg(check.inside80)
        .arg(check.points)
        .arg(check.inside95);
}

QString forecastSummary(const SeriesForecast& forecast, int horizon) {
    if (!forecast.ok) {
        return CurvePanel::tr(" · forecast: %1").arg(QString::fromStdString(forecast.error));
    }
    QString text =
        CurvePanel::tr(" · forecast %1").arg(QString::fromLatin1(methodName(forecast.method)));
    if (!forecast.detail.empty())
        text += QStringLiteral(" (%1)").arg(QString::fromStdString(forecast.detail));
    if (!forecast.path.empty() && horizon > 0) {
        const ForecastPoint& end = forecast.path.back();
        const double floor = forecastFloor(forecast);
        text += CurvePanel::tr(": c(+%1 mo, %2) = %3, 80 % %4–%5, 95 % %6–%7")
                    .arg(horizon)
                    .arg(QString::fromLatin1(methodName(forecast.method)),
                         formatCount(atLeastFloor(end.fitted, floor)),
                         formatCount(atLeastFloor(end.lo80, floor)),
                         formatCount(atLeastFloor(end.hi80, floor)),
                         formatCount(atLeastFloor(end.lo95, floor)),
                         formatCount(atLeastFloor(end.hi95, floor)));
    }
    // Older series that reached the last forecast month, cut at this series' age or (when too
    // few are that old) at an earlier month; without any, the core reuses the calibration of
    // the longest horizon that has enough (or the model's own spread).
    if (forecast.calibrationSeries > 0 && forecast.calibratedOnEarlierCut())
        text += CurvePanel::tr(
                    " · intervals calibrated on %1 series cut at month %2 (too few "
                    "older series reach +%3 months)")
                    .arg(forecast.calibrationSeries)
                    .arg(forecast.calibrationCut)
                    .arg(horizon);
    else if (forecast.calibrationSeries > 0)
        text += CurvePanel::tr(" · intervals calibrated on %1 older series")
                    .arg(forecast.calibrationSeries);
    else
        text += CurvePanel::tr(
                    " · no older series reach +%1 months: the intervals reuse "
                    "shorter horizons' calibration")
                    .arg(horizon);
    const std::string flags = describeFlags(forecast.flags);
    if (!flags.empty())
        text += CurvePanel::tr(" · flags: %1").arg(QString::fromStdString(flags));
    return text;
}

}  // namespace hubgrowth
