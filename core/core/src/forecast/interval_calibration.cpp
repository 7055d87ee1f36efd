#include "hubgrowth/core/forecast/interval_calibration.h"

#include <algorithm>
#include <cmath>

#include "hubgrowth/core/stats/quantile.h"

namespace hubgrowth {

namespace {
constexpr double kMinLogSd = 0.02;

// Split-conformal order statistic: the ceil((n + 1) p)-th smallest for upper levels, the
// floor((n + 1) p)-th for lower ones, so a new exchangeable error falls beyond it with
// probability at most 1 - p (resp. p); clipped to the sample's range.
double conformalQuantile(std::vector<double> values, double level) {
    std::sort(values.begin(), values.end());
    const double n = static_cast<double>(values.size());
    const double rank = level >= 0.5 ? std::ceil((n + 1.0) * level) : std::floor((n + 1.0) * level);
    const double clipped = std::clamp(rank, 1.0, n);
    return values[static_cast<size_t>(clipped) - 1];
}

double logIncrement(double lastObserved, double count) {
    return std::log1p(std::max(count - lastObserved, 0.0));
}
}  // namespace

IntervalCalibration IntervalCalibration::fromSamples(
    const std::vector<std::vector<CalibrationSample>>& samples, bool standardise) {
    IntervalCalibration c;
    for (const auto& horizon : samples) {
        HorizonCalibration hc;
        hc.standardised = standardise;
        std::vector<double> errors;
        std::vector<double> sds;
        for (const CalibrationSample& s : horizon) {
            const double e =
                logIncrement(s.lastObserved, s.actual) - logIncrement(s.lastObserved, s.predicted);
            if (!std::isfinite(e) || !std::isfinite(s.logSd))
                continue;
            errors.push_back(e);
            sds.push_back(standardise ? std::max(s.logSd, kMinLogSd) : 1.0);
        }
        hc.samples = static_cast<int>(errors.size());
        if (hc.samples >= kMinSamples) {
            // z is taken around the raw forecast, so the band is right whether or not the point
            // is moved by the shift.
            hc.shift = quantile(errors, 0.5);
            std::vector<double> z;
            for (size_t i = 0; i < errors.size(); ++i)
                z.push_back(errors[i] / sds[i]);
            hc.z = {conformalQuantile(z, 0.025), conformalQuantile(z, 0.10),
                    conformalQuantile(z, 0.90), conformalQuantile(z, 0.975)};
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
    const double centre = logIncrement(lastObserved, predicted);
    const double s = calibration.standardised ? std::max(logSd, kMinLogSd) : 1.0;
    auto at = [&](double q) { return lastObserved + std::max(0.0, std::expm1(centre + q * s)); };
    PredictionInterval interval;
    interval.median = lastObserved + std::max(0.0, std::expm1(centre + calibration.shift));
    interval.lo95 = at(calibration.z[0]);
    interval.lo80 = at(calibration.z[1]);
    interval.hi80 = at(calibration.z[2]);
    interval.hi95 = at(calibration.z[3]);
    return interval;
}

PredictionInterval limitToMemberEnvelope(const PredictionInterval& band,
                                         const std::vector<PredictionInterval>& members,
                                         double point) {
    if (members.empty())
        return band;
    PredictionInterval envelope = members.front();
    for (const PredictionInterval& m : members) {
        envelope.lo95 = std::min(envelope.lo95, m.lo95);
        envelope.lo80 = std::min(envelope.lo80, m.lo80);
        envelope.hi80 = std::max(envelope.hi80, m.hi80);
        envelope.hi95 = std::max(envelope.hi95, m.hi95);
    }
    PredictionInterval out = band;
    out.lo80 = std::min(std::max(band.lo80, envelope.lo80), point);
    out.hi80 = std::max(std::min(band.hi80, envelope.hi80), point);
    out.lo95 = std::min(std::max(band.lo95, envelope.lo95), out.lo80);
    out.hi95 = std::max(std::min(band.hi95, envelope.hi95), out.hi80);
    return out;
}

double clampToReference(double lastObserved, double predicted, double reference,
                        const HorizonCalibration& referenceCalibration, GuardBand band) {
    if (referenceCalibration.samples < IntervalCalibration::kMinSamples)
        return predicted;
    const PredictionInterval interval =
        predictionInterval(lastObserved, reference, 1.0, referenceCalibration);
    return band == GuardBand::Central95 ? std::clamp(predicted, interval.lo95, interval.hi95)
                                        : std::clamp(predicted, interval.lo80, interval.hi80);
}

}  // namespace hubgrowth
