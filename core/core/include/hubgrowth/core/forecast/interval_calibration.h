#pragma once
// Turns a method's raw forecast and its model-based spread into a calibrated point forecast and
// 80 % / 95 % prediction intervals. The uncertain quantity is the future increment
// D = c(K+h) - c(K), modelled on the log scale:
//   ln(D + 1) = ln(D_raw + 1) + s z,
// where s is the method's own standard deviation (negative-binomial noise of the increment +
// parameter uncertainty) and the quantiles of z are empirical, learned from pseudo-forecasts on
// other series (split-conformal calibration). The median log error (shift) is learned too and
// can move the point forecast. Without a calibration z is standard normal.

#include <array>
#include <vector>

namespace hubgrowth {

struct PredictionInterval {
    double median = 0.0;  // the point moved by the calibration's shift
    double lo80 = 0.0, hi80 = 0.0, lo95 = 0.0, hi95 = 0.0;
};

// One pseudo-forecast with its outcome (cumulative counts).
struct CalibrationSample {
    double lastObserved = 0.0;
    double predicted = 0.0;  // raw, before calibration
    double actual = 0.0;
    double logSd = 0.0;
};

struct HorizonCalibration {
    double shift = 0.0;  // median of ln(D + 1) - ln(D_raw + 1)
    // Quantiles of z at 2.5, 10, 90, 97.5 %.
    std::array<double, 4> z{-1.959963984540054, -1.2815515655446004, 1.2815515655446004,
                            1.959963984540054};
    int samples = 0;
    bool standardised = true;
};

class IntervalCalibration {
  public:
    static constexpr int kMinSamples = 20;

    // samples[h - 1]: pseudo-forecasts made h months ahead.
    // standardise: z = error / s (the method's own spread); false: z = error (one width for all).
    static IntervalCalibration fromSamples(
        const std::vector<std::vector<CalibrationSample>>& samples, bool standardise = true);

    // For h months ahead: its own when it had enough samples, else that of the nearest shorter
    // horizon that had, else the uncalibrated default.
    HorizonCalibration at(int h) const;
    int samples(int h) const;

  private:
    std::vector<HorizonCalibration> horizons_;
};

PredictionInterval predictionInterval(double lastObserved, double predicted, double logSd,
                                      const HorizonCalibration& calibration);

// auto's band kept inside the envelope of its members' own calibrated bands: no edge farther
// out than the farthest member's. Each member's band is calibrated on its own, so their
// envelope covers at least as often as any one of them; auto's standardised band can be far
// wider when the members disagree wildly (the disagreement inflates its spread and the
// calibrated quantiles multiply it). The result still holds the point; no members: band as is.
PredictionInterval limitToMemberEnvelope(const PredictionInterval& band,
                                         const std::vector<PredictionInterval>& members,
                                         double point);

// Which calibrated band of the reference forecast bounds a point forecast.
enum class GuardBand { Central80, Central95 };

// The population guard: predicted, moved into the band (80 % by default: the interval a user
// is shown first) that the calibration (learned without standardising, s = 1) gives around a
// reference forecast of the same series. A calibration without samples leaves predicted as it
// is.
double clampToReference(double lastObserved, double predicted, double reference,
                        const HorizonCalibration& referenceCalibration,
                        GuardBand band = GuardBand::Central80);

}  // namespace hubgrowth
