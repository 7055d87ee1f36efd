#include "forecast/interval_calibration.h"

#include <algorithm>
#include <cmath>

namespace hubgrowth {

namespace {
constexpr double kMinLogSd = 0.02;

double logIncrement(double lastObserved, double count) {
    return std::log1p(std::max(count - lastObserved, 0.0));
}
}  // namespace

double quantile(std::vector<double> values, double level) {
    if (values.empty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const double pos = level * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<size_t>(std::floor(pos));
    const size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (pos - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

IntervalCalibration IntervalCalibration::fromSamples(
    const std::vector<std::vector<CalibrationSample>>& samples) {
    IntervalCalibration c;
    for (const auto& horizon : samples) {
        HorizonCalibration hc;
        std::vector<double> errors;
        std::vector<double> sds;
        for (const CalibrationSample& s : horizon) {
            const double e =
                logIncrement(s.lastObserved, s.actual) - logIncrement(s.lastObserved, s.predicted);
            if (!std::isfinite(e) || !std::isfinite(s.logSd))
                continue;
            errors.push_back(e);
            sds.push_back(std::max(s.logSd, kMinLogSd));
        }
        hc.samples = static_cast<int>(errors.size());
        if (hc.samples >= kMinSamples) {
            hc.shift = quantile(errors, 0.5);
            std::vector<double> z;
            for (size_t i = 0; i < errors.size(); ++i)
                z.push_back((errors[i] - hc.shift) / sds[i]);
            hc.z = {quantile(z, 0.025), quantile(z, 0.10), quantile(z, 0.90), quantile(z, 0.975)};
        }
        c.horizons_.push_back(hc);
    }
    return c;
}

HorizonCalibration IntervalCalibration::at(int h) const {
    for (int k = std::min(h, static_cast<int>(horizons_.size())); k >= 1; --k) {
        const HorizonCalibration& hc = horizons_[static_cast<size_t>(k - 1)];
        if (hc.samples >= kMinSamples)
            return hc;
    }
    return {};
}

int IntervalCalibration::samples(int h) const {
    return h >= 1 && h <= static_cast<int>(horizons_.size())
               ? horizons_[static_cast<size_t>(h - 1)].samples
               : 0;
}

PredictionInterval predictionInterval(double lastObserved, double predicted, double logSd,
                                      const HorizonCalibration& calibration) {
    const double centre = logIncrement(lastObserved, predicted) + calibration.shift;
    const double s = std::max(logSd, kMinLogSd);
    auto at = [&](double q) { return lastObserved + std::max(0.0, std::expm1(centre + q * s)); };
    PredictionInterval interval;
    interval.median = at(0.0);
    interval.lo95 = at(calibration.z[0]);
    interval.lo80 = at(calibration.z[1]);
    interval.hi80 = at(calibration.z[2]);
    interval.hi95 = at(calibration.z[3]);
    return interval;
}

}  // namespace hubgrowth
