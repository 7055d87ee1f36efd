#include "hubgrowth/core/forecast/calibrated_forecast.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "hubgrowth/core/forecast/stacking.h"

namespace hubgrowth {

namespace {

// The series' forecasts at one stage of the pipeline.
struct Stage {
    MethodForecast forecast;
    MethodForecast reference;  // the linear trend, for auto's guard
    bool recombined = false;
};

class Pipeline {
  public:
    Pipeline(ForecastMethod method, int cut, const std::vector<CutSeries>& series,
             const std::vector<ForecastGroup>& groups, const ForecastSettings& settings)
        : method_(method), cut_(cut), series_(series), groups_(groups), settings_(settings) {
        for (const CutSeries& s : series_)
            horizon_ = std::max(horizon_, s.horizon);
        for (const ForecastGroup& g : groups_)
            donorGroups_.push_back(g.donors);
        std::sort(donorGroups_.begin(), donorGroups_.end());
        donorGroups_.erase(std::unique(donorGroups_.begin(), donorGroups_.end()),
                           donorGroups_.end());
    }

    void forecastAll(const ParallelFor& parallelFor) {
        stages_.resize(series_.size());
        const bool guarded = isAuto() && settings_.populationGuard;
        auto body = [&](int i) {
            const CutSeries& s = series_[static_cast<size_t>(i)];
            const ForecastGroup& g = groups_[static_cast<size_t>(s.group)];
            ForecastContext context;
            static_cast<MethodSettings&>(context) = settings_;
            context.population = g.population;
            context.pooled = s.pooled ? s.pooled : g.pooled;
            context.org = s.series->org;
            context.lead = &s.series->leadCounts;
            Stage& stage = stages_[static_cast<size_t>(i)];
            const double* counts = s.series->counts.data();
            stage.forecast = forecastMethod(method_, counts, cutOf(i) + 1, s.horizon, context);
            if (guarded) {
                stage.reference = forecastMethod(ForecastMethod::Linear, counts, cutOf(i) + 1,
                                                 s.horizon, context);
            }
        };
        if (parallelFor) {
            parallelFor(static_cast<int>(series_.size()), body);
        } else {
            for (int i = 0; i < static_cast<int>(series_.size()); ++i)
                body(i);
        }
        for (const Stage& stage : stages_)
            memberCount_ = std::max(memberCount_, stage.forecast.members.size());
    }

    // Weights are learned from every donor group's raw forecasts before any is recombined.
    void stack() {
        if (!isAuto() || settings_.autoStrategy != AutoStrategy::Stacked)
            return;
        std::map<int, std::vector<std::vector<double>>> weights;
        for (int donors : donorGroups_)
            weights[donors] = stackingWeights(donors);
        for (size_t i = 0; i < series_.size(); ++i) {
            MethodForecast& f = stages_[i].forecast;
            if (!f.ok)
                continue;
            const CutSeries& s = series_[i];
            f = combineAutoMembers(std::move(f.members), s.series->counts.data(), cutOf(i) + 1,
                                   s.horizon,
                                   &weights[groups_[static_cast<size_t>(s.group)].donors]);
            stages_[i].recombined = true;
        }
    }

    void guard() {
        if (!isAuto() || !settings_.populationGuard)
            return;
        std::map<int, IntervalCalibration> guards;
        for (int donors : donorGroups_) {
            guards[donors] = calibrateOn(
                donors, false, [](const Stage& stage) { return &stage.reference; }, false);
        }
        for (size_t i = 0; i < series_.size(); ++i) {
            Stage& stage = stages_[i];
            if (!stage.forecast.ok || !stage.reference.ok)
                continue;
            const IntervalCalibration& g =
                guards[groups_[static_cast<size_t>(series_[i].group)].donors];
            const double atCut = countAt(i, cutOf(i));
            std::vector<double>& future = stage.forecast.future;
            for (size_t k = 0; k < future.size(); ++k) {
                future[k] = clampToReference(atCut, future[k], stage.reference.future[k],
                                             g.at(static_cast<int>(k) + 1), settings_.guardBand);
            }
        }
    }

    CalibratedForecasts calibrate() {
        std::map<int, IntervalCalibration> calibrations;
        std::map<int, std::vector<IntervalCalibration>> memberCalibrations;
        const bool envelope = isAuto() && settings_.memberEnvelope;
        for (int donors : donorGroups_) {
            calibrations[donors] = calibrateOn(donors, settings_.standardiseErrors,
                                               [](const Stage& stage) { return &stage.forecast; });
            for (size_t j = 0; envelope && j < memberCount_; ++j) {
                memberCalibrations[donors].push_back(
                    calibrateOn(donors, settings_.standardiseErrors, [&](const Stage& stage) {
                        const MethodForecast& f = stage.forecast;
                        return f.ok && f.members.size() == memberCount_ ? &f.members[j] : nullptr;
                    }));
            }
        }

        CalibratedForecasts out;
        for (const ForecastGroup& g : groups_)
            out.calibrations.push_back(calibrations[g.donors]);
        out.series.resize(series_.size());
        for (size_t i = 0; i < series_.size(); ++i) {
            CalibratedSeries& result = out.series[i];
            result.forecast = std::move(stages_[i].forecast);
            result.recombined = stages_[i].recombined;
            MethodForecast& f = result.forecast;
            if (!f.ok)
                continue;
            const int donors = groups_[static_cast<size_t>(series_[i].group)].donors;
            const IntervalCalibration& calibration = calibrations[donors];
            const double atCut = countAt(i, cutOf(i));
            const bool withEnvelope = envelope && f.members.size() == memberCount_;
            for (size_t k = 0; k < f.future.size(); ++k) {
                const int h = static_cast<int>(k) + 1;
                PredictionInterval interval =
                    predictionInterval(atCut, f.future[k], f.logSd[k], calibration.at(h));
                if (withEnvelope) {
                    std::vector<PredictionInterval> bands;
                    for (size_t j = 0; j < memberCount_; ++j) {
                        const MethodForecast& m = f.members[j];
                        if (m.ok && k < m.future.size()) {
                            bands.push_back(
                                predictionInterval(atCut, m.future[k], m.logSd[k],
                                                   memberCalibrations[donors][j].at(h)));
                        }
                    }
                    interval = limitToMemberEnvelope(interval, bands, f.future[k]);
                }
                // The point moves only with the shift; otherwise it stays the method's own (the
                // paper's unanchored wsb-ls may lie below the last count, and is scored as it is).
                if (settings_.calibratePoint)
                    f.future[k] = interval.median;
                result.intervals.push_back(interval);
            }
        }
        return out;
    }

  private:
    bool isAuto() const { return method_ == ForecastMethod::Auto; }

    // The series' own cut when it has one, else the pipeline's.
    int cutOf(size_t i) const { return series_[i].cut >= 0 ? series_[i].cut : cut_; }
    int cutOf(int i) const { return cutOf(static_cast<size_t>(i)); }

    double countAt(size_t i, int month) const {
        return series_[i].series->counts[static_cast<size_t>(month)];
    }

    // The one place calibration samples are made: the forecast pick(stage) of each series of
    // the donor group (skipped when null or failed) against what the series did next; without
    // withSpread every sample's spread is 1 (the guard's unstandardised band).
    template <typename Pick>
    IntervalCalibration calibrateOn(int donors, bool standardise, Pick pick,
                                    bool withSpread = true) const {
        std::vector<std::vector<CalibrationSample>> samples(static_cast<size_t>(horizon_));
        for (size_t i = 0; i < series_.size(); ++i) {
            if (series_[i].group != donors)
                continue;
            const MethodForecast* f = pick(stages_[i]);
            if (!f || !f->ok)
                continue;
            const double atCut = countAt(i, cutOf(i));
            for (size_t k = 0; k < f->future.size() && k < samples.size(); ++k) {
                samples[k].push_back({atCut, f->future[k],
                                      countAt(i, cutOf(i) + static_cast<int>(k) + 1),
                                      withSpread ? f->logSd[k] : 1.0});
            }
        }
        return IntervalCalibration::fromSamples(samples, standardise);
    }

    // Per horizon, from the donor group's members h months ahead; none when no donor teaches
    // any horizon (auto then takes its members' median).
    std::vector<std::vector<double>> stackingWeights(int donors) const {
        std::vector<std::vector<StackingSample>> byHorizon(static_cast<size_t>(horizon_));
        bool any = false;
        for (size_t i = 0; i < series_.size(); ++i) {
            if (series_[i].group != donors || !stages_[i].forecast.ok)
                continue;
            const double atCut = countAt(i, cutOf(i));
            for (int h = 1; h <= horizon_; ++h) {
                std::vector<double> logs = memberLogIncrements(stages_[i].forecast, atCut, h);
                if (logs.empty())
                    continue;
                const double actual = countAt(i, cutOf(i) + h);
                byHorizon[static_cast<size_t>(h - 1)].push_back(
                    {std::move(logs), std::log1p(std::max(actual - atCut, 0.0))});
                any = true;
            }
        }
        std::vector<std::vector<double>> weights;
        for (size_t k = 0; any && k < byHorizon.size(); ++k)
            weights.push_back(learnStackingWeights(byHorizon[k], static_cast<int>(memberCount_)));
        return weights;
    }

    ForecastMethod method_;
    int cut_;
    const std::vector<CutSeries>& series_;
    const std::vector<ForecastGroup>& groups_;
    const ForecastSettings& settings_;
    int horizon_ = 0;
    std::vector<int> donorGroups_;
    std::vector<Stage> stages_;
    size_t memberCount_ = 0;
};

}  // namespace

CalibratedForecasts forecastCalibrated(ForecastMethod method, int cut,
                                       const std::vector<CutSeries>& series,
                                       const std::vector<ForecastGroup>& groups,
                                       const ForecastSettings& settings,
                                       const ParallelFor& parallelFor) {
    Pipeline pipeline(method, cut, series, groups, settings);
    pipeline.forecastAll(parallelFor);
    pipeline.stack();
    pipeline.guard();
    return pipeline.calibrate();
}

}  // namespace hubgrowth
