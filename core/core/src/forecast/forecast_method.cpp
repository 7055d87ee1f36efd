#include "hubgrowth/core/forecast/forecast_method.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "hubgrowth/core/fit/wsb_fitter.h"
#include "hubgrowth/core/stats/quantile.h"

namespace hubgrowth {

const char* methodName(ForecastMethod method) {
    switch (method) {
        case ForecastMethod::WsbLs:
            return "wsb-ls";
        case ForecastMethod::Wsb:
            return "wsb";
        case ForecastMethod::WsbPrior:
            return "wsb-prior";
        case ForecastMethod::Bass:
            return "bass";
        case ForecastMethod::Gompertz:
            return "gompertz";
        case ForecastMethod::Logistic:
            return "logistic";
        case ForecastMethod::Linear:
            return "linear";
        case ForecastMethod::Pooled:
            return "pooled";
        case ForecastMethod::Auto:
            return "auto";
        case ForecastMethod::Damped:
            return "damped";
    }
    return "unknown";
}

std::optional<ForecastMethod> parseMethod(const std::string& name) {
    for (ForecastMethod method : kAllMethods) {
        if (name == methodName(method))
            return method;
    }
    return std::nullopt;
}

std::string methodNameList() {
    std::string list;
    for (ForecastMethod method : kAllMethods) {
        if (!list.empty())
            list += '|';
        list += methodName(method);
    }
    return list;
}

std::vector<ForecastMethod> defaultAutoMembers() {
    return {ForecastMethod::WsbPrior, ForecastMethod::Bass, ForecastMethod::Gompertz,
            ForecastMethod::Logistic, ForecastMethod::Linear};
}

namespace {

constexpr int kTrendMonths = 3;

double dispersionOf(const ForecastContext& context) {
    return context.population ? context.population->dispersion : 0.25;
}

// Standard deviation of ln(D + 1) for a forecast future increment D: a negative binomial for
// the whole increment (variance D + alpha D^2: the months share one rate, so their noise does
// not average out) plus the parameters' uncertainty, the latter capped at a factor e so that a
// fit on a ridge cannot make the band meaningless.
double logSpread(double increment, double alpha, double parameterVariance) {
    const double scale = increment + 1.0;
    const double noise = 1.0 / scale + alpha;
    const double parameters = std::min(parameterVariance / (scale * scale), 1.0);
    return std::sqrt(noise + parameters);
}

MethodForecast fromCurve(const CurveFit& fit, const double* counts, int n, int horizon,
                         double alpha, bool anchored, bool withParameters) {
    MethodForecast out;
    out.fit = fit;
    out.detail = curveName(fit.kind);
    if (!fit.ok)
        return out;
    const double last = counts[n - 1];
    const double cLast = fit.value(n - 1);
    for (int t = 0; t < n; ++t)
        out.fitted.push_back(fit.value(t));
    const Eigen::Vector3d gLast = fit.gradient(n - 1);
    for (int h = 1; h <= horizon; ++h) {
        const double c = fit.value(n - 1 + h);
        const double point = anchored ? last + std::max(c - cLast, 0.0) : c;
        out.future.push_back(point);
    }
    for (int h = 1; h <= horizon; ++h) {
        double parameterVariance = 0.0;
        if (fit.covarianceValid && withParameters) {
            const Eigen::Vector3d g = fit.gradient(n - 1 + h) - gLast;
            parameterVariance = std::max(0.0, g.dot(fit.covariance * g));
        }
        const double increment = std::max(out.future[static_cast<size_t>(h - 1)] - last, 0.0);
        out.logSd.push_back(logSpread(increment, alpha, parameterVariance));
    }
    out.ok = std::all_of(out.future.begin(), out.future.end(),
                         [](double v) { return std::isfinite(v); });
    return out;
}

MethodForecast paperLeastSquares(const double* counts, int n, int horizon,
                                 const ForecastContext& context) {
    FitOptions options;
    options.m = context.m;
    const FitResult r = fitWsb(counts, n, options);
    CurveFit fit;
    static_cast<FittedCurve&>(fit) = r.curve();
    fit.ok = r.hasCurve();
    return fromCurve(fit, counts, n, horizon, dispersionOf(context), context.anchorLeastSquares,
                     context.parameterUncertainty);
}

MethodForecast linearTrend(const double* counts, int n, int horizon, double alpha,
                           bool withParameters) {
    MethodForecast out;
    out.detail = "linear";
    const int span = std::min(kTrendMonths, n - 1);
    if (span < 1)
        return out;
    const double last = counts[n - 1];
    const double slope = std::max(0.0, (last - counts[n - 1 - span]) / span);
    // Spread of the recent increments: how uncertain the slope itself is.
    double sumSq = 0.0;
    for (int j = n - span; j < n; ++j) {
        const double d = counts[j] - counts[j - 1] - slope;
        sumSq += d * d;
    }
    const double slopeVariance =
        span > 1 ? sumSq / (span - 1) / span : slope + alpha * slope * slope;
    for (int t = 0; t < n; ++t)
        out.fitted.push_back(std::max(0.0, last - slope * (n - 1 - t)));
    for (int h = 1; h <= horizon; ++h) {
        out.future.push_back(last + slope * h);
        out.logSd.push_back(
            logSpread(slope * h, alpha, withParameters ? h * h * slopeVariance : 0.0));
    }
    out.ok = std::isfinite(slope);
    return out;
}

// The damped local trend: increments continue at the last 3 months' mean rate r, times phi^j in
// the j-th month ahead, where phi^3 is how much the rate fell from the 3 months before (capped
// at 1: a series that accelerated is extended linearly, never exponentially). Growth on the Hub
// typically slows with age; this lets each series say by how much, from its own last 6 months.
MethodForecast dampedTrend(const double* counts, int n, int horizon, double alpha,
                           bool withParameters) {
    MethodForecast out;
    out.detail = "damped";
    if (n - 1 < 2 * kTrendMonths)
        return out;
    const double last = counts[n - 1];
    const double middle = counts[n - 1 - kTrendMonths];
    const double rate = std::max(0.0, (last - middle) / kTrendMonths);
    const double before = std::max(0.0, (middle - counts[n - 1 - 2 * kTrendMonths]) / kTrendMonths);
    const double phi = rate > 0.0 && before > 0.0
                           ? std::min(1.0, std::pow(rate / before, 1.0 / kTrendMonths))
                           : 1.0;
    double sumSq = 0.0;
    for (int j = n - kTrendMonths; j < n; ++j) {
        const double d = counts[j] - counts[j - 1] - rate;
        sumSq += d * d;
    }
    const double rateVariance = sumSq / (kTrendMonths - 1) / kTrendMonths;
    for (int t = 0; t < n; ++t)
        out.fitted.push_back(std::max(0.0, last - rate * (n - 1 - t)));
    double months = 0.0;  // sum of phi^j, j = 1..h: the increment is rate * months
    double factor = 1.0;
    for (int h = 1; h <= horizon; ++h) {
        factor *= phi;
        months += factor;
        out.future.push_back(last + rate * months);
        out.logSd.push_back(
            logSpread(rate * months, alpha, withParameters ? months * months * rateVariance : 0.0));
    }
    out.ok = std::isfinite(rate) && std::isfinite(phi);
    return out;
}

MethodForecast pooledTrend(const double* counts, int n, int horizon, const PooledTrend* pooled,
                           const std::vector<double>* lead) {
    MethodForecast out;
    out.detail = "pooled";
    if (!pooled || pooled->cut != n - 1)
        return out;
    bool withLead = lead && pooledLeadFeature(*lead, n, 1).has_value();
    for (int h = 1; h <= horizon; ++h) {
        if (!pooled->has(h))
            return out;
        withLead = withLead && pooled->hasLead(h);
    }
    if (withLead)
        out.detail = "pooled+lead";
    const double last = counts[n - 1];
    const int span = std::min(kTrendMonths, n - 1);
    const double slope = std::max(0.0, (last - counts[n - 1 - span]) / span);
    for (int t = 0; t < n; ++t)
        out.fitted.push_back(std::max(0.0, last - slope * (n - 1 - t)));
    for (int h = 1; h <= horizon; ++h) {
        const auto features = pooledFeatures(counts, n, h);
        const auto k = static_cast<size_t>(h - 1);
        const double* beta =
            withLead ? pooled->leadCoefficients[k].data() : pooled->coefficients[k].data();
        double logIncrement = 0.0;
        for (size_t j = 0; j < features.size(); ++j)
            logIncrement += beta[j] * features[j];
        if (withLead)
            logIncrement += beta[4] * *pooledLeadFeature(*lead, n, h);
        out.future.push_back(last + std::expm1(std::max(0.0, logIncrement)));
        out.logSd.push_back(withLead ? pooled->leadResidualSd[k] : pooled->residualSd[k]);
    }
    out.ok = std::all_of(out.future.begin(), out.future.end(),
                         [](double v) { return std::isfinite(v); });
    return out;
}

// Combines member forecasts in ln(increment + 1) space with the given weights (weights[h - 1],
// the last entry for longer horizons); the spread adds the members' disagreement to their own (a
// mixture's variance). Members that failed are left out and the others' weights renormalised.
MethodForecast combine(const std::vector<MethodForecast>& members,
                       const std::vector<std::vector<double>>& weights, const double* counts, int n,
                       int horizon, bool median) {
    MethodForecast out;
    if (weights.empty())
        return out;
    const double last = counts[n - 1];
    auto usedAt = [&](size_t hh) {
        const std::vector<double>& w = weights[std::min(hh, weights.size() - 1)];
        std::vector<size_t> used;
        for (size_t i = 0; i < members.size() && i < w.size(); ++i) {
            if (members[i].ok && w[i] > 0.0)
                used.push_back(i);
        }
        return used;
    };
    const std::vector<size_t> first = usedAt(0);
    if (first.empty())
        return out;
    for (size_t i : first) {
        if (!out.detail.empty())
            out.detail += '+';
        out.detail += members[i].detail;
    }
    // The fitted curve shown for the observed months is the first usable member's.
    out.fitted = members[first.front()].fitted;
    out.fit = members[first.front()].fit;
    for (int h = 1; h <= horizon; ++h) {
        const auto hh = static_cast<size_t>(h - 1);
        const std::vector<double>& w = weights[std::min(hh, weights.size() - 1)];
        std::vector<size_t> used = usedAt(hh);
        if (used.empty())
            return {};
        std::vector<double> logs;
        double total = 0.0, mean = 0.0, spread = 0.0;
        for (size_t i : used) {
            logs.push_back(std::log1p(std::max(members[i].future[hh] - last, 0.0)));
            total += w[i];
        }
        for (size_t k = 0; k < used.size(); ++k)
            mean += w[used[k]] / total * logs[k];
        const double centre = median ? quantile(logs, 0.5) : mean;
        for (size_t k = 0; k < used.size(); ++k) {
            const double sd = members[used[k]].logSd[hh];
            spread += w[used[k]] / total * (sd * sd + (logs[k] - centre) * (logs[k] - centre));
        }
        out.future.push_back(last + std::expm1(centre));
        out.logSd.push_back(std::sqrt(spread));
    }
    out.ok = true;
    return out;
}

MethodForecast autoForecast(const double* counts, int n, int horizon,
                            const ForecastContext& autoContext) {
    ForecastContext context = autoContext;  // what the members see
    context.parameterUncertainty = autoContext.autoParameterUncertainty;
    if (context.autoStrategy == AutoStrategy::MedianBestRival ||
        context.autoStrategy == AutoStrategy::Stacked) {
        std::vector<MethodForecast> members;
        members.push_back(forecastMethod(ForecastMethod::WsbPrior, counts, n, horizon, context));
        MethodForecast best;
        for (ForecastMethod rival :
             {ForecastMethod::Bass, ForecastMethod::Gompertz, ForecastMethod::Logistic}) {
            MethodForecast f = forecastMethod(rival, counts, n, horizon, context);
            // Same data and parameter count: the lowest AICc is the highest likelihood, which
            // also ranks rivals when there are too few months for AICc itself.
            if (f.ok && (!best.ok || f.fit.logLikelihood > best.fit.logLikelihood))
                best = std::move(f);
        }
        members.push_back(std::move(best));
        if (context.autoWithLinear) {
            members.push_back(forecastMethod(ForecastMethod::Linear, counts, n, horizon, context));
        }
        if (context.autoWithPooled) {
            members.push_back(forecastMethod(ForecastMethod::Pooled, counts, n, horizon, context));
        }
        // The damped trend abstains below 7 months (it cannot see a rate change yet) rather
        // than repeat the linear trend and give it two votes.
        if (context.autoWithDamped && n - 1 >= 2 * kTrendMonths) {
            members.push_back(forecastMethod(ForecastMethod::Damped, counts, n, horizon, context));
        }
        return combineAutoMembers(
            std::move(members), counts, n, horizon,
            context.autoStrategy == AutoStrategy::Stacked ? context.stackingWeights : nullptr);
    }
    std::vector<MethodForecast> members;
    bool linearLast = false;
    for (ForecastMethod method : context.autoMembers) {
        if (method == ForecastMethod::Auto)
            continue;
        members.push_back(forecastMethod(method, counts, n, horizon, context));
        linearLast = method == ForecastMethod::Linear;
    }
    std::vector<double> weights(members.size(), 1.0);
    if (context.autoStrategy == AutoStrategy::Median || !linearLast) {
        return combine(members, {weights}, counts, n, horizon, true);
    }

    // Akaike weights over the curve members (the linear trend has no likelihood on all months).
    double bestAicc = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i + 1 < members.size(); ++i) {
        if (members[i].ok)
            bestAicc = std::min(bestAicc, members[i].fit.aicc);
    }
    if (!std::isfinite(bestAicc))
        return combine(members, {weights}, counts, n, horizon, true);
    weights.back() = 0.0;
    for (size_t i = 0; i + 1 < members.size(); ++i) {
        const double delta = members[i].fit.aicc - bestAicc;
        if (context.autoStrategy == AutoStrategy::AiccSelect) {
            weights[i] = delta == 0.0 ? 1.0 : 0.0;
        } else {
            weights[i] = members[i].ok && std::isfinite(delta) ? std::exp(-0.5 * delta) : 0.0;
        }
    }
    return combine(members, {weights}, counts, n, horizon, false);
}

}  // namespace

MethodForecast combineAutoMembers(std::vector<MethodForecast> members, const double* counts, int n,
                                  int horizon, const std::vector<std::vector<double>>* weights) {
    MethodForecast out;
    if (weights && !weights->empty()) {
        out = combine(members, *weights, counts, n, horizon, false);
    } else {
        out =
            combine(members, {std::vector<double>(members.size(), 1.0)}, counts, n, horizon, true);
    }
    for (MethodForecast& m : members)
        m.members.clear();
    out.members = std::move(members);
    return out;
}

std::vector<double> memberLogIncrements(const MethodForecast& autoForecast, double lastObserved,
                                        int h) {
    std::vector<double> logs;
    const auto hh = static_cast<size_t>(h - 1);
    for (const MethodForecast& m : autoForecast.members) {
        if (!m.ok || h < 1 || hh >= m.future.size())
            return {};
        logs.push_back(std::log1p(std::max(m.future[hh] - lastObserved, 0.0)));
    }
    return logs;
}

namespace {

MethodForecast forecastUnexplained(ForecastMethod method, const double* counts, int n, int horizon,
                                   const ForecastContext& context) {
    if (n < 2)
        return {};
    const double alpha = dispersionOf(context);
    CurveFitOptions options;
    options.m = context.m;
    options.dispersion = context.fitDispersion >= 0.0 ? context.fitDispersion : alpha;
    auto curve = [&](CurveKind kind) {
        if (n < 3)
            return MethodForecast{};
        return fromCurve(fitCurve(kind, counts, n, options), counts, n, horizon, alpha, true,
                         context.parameterUncertainty);
    };
    switch (method) {
        case ForecastMethod::WsbLs:
            return n < 3 ? MethodForecast{} : paperLeastSquares(counts, n, horizon, context);
        case ForecastMethod::Wsb:
            return curve(CurveKind::Wsb);
        case ForecastMethod::WsbPrior: {
            options.prior =
                context.population ? context.population->priorFor(context.org) : nullptr;
            MethodForecast f = curve(CurveKind::Wsb);
            if (options.prior)
                f.detail = "wsb-prior";
            return f;
        }
        case ForecastMethod::Bass:
            return curve(CurveKind::Bass);
        case ForecastMethod::Gompertz:
            return curve(CurveKind::Gompertz);
        case ForecastMethod::Logistic:
            return curve(CurveKind::Logistic);
        case ForecastMethod::Linear:
            return linearTrend(counts, n, horizon, alpha, context.parameterUncertainty);
        case ForecastMethod::Pooled:
            return pooledTrend(counts, n, horizon, context.pooled, context.lead);
        case ForecastMethod::Damped:
            return dampedTrend(counts, n, horizon, alpha, context.parameterUncertainty);
        case ForecastMethod::Auto:
            return autoForecast(counts, n, horizon, context);
    }
    return {};
}

// Why a method fails, said where the failure is known rather than guessed by each caller.
std::string failureReason(ForecastMethod method, const double* counts, int n) {
    if (method == ForecastMethod::Pooled)
        return "fewer than 20 other series of its age to learn from";
    if (method == ForecastMethod::Damped && n < 2 * kTrendMonths + 1)
        return "needs 7 observed months: two 3-month windows";
    if (n >= 1 && !(counts[n - 1] > 0.0))
        return "no adoption yet: every count is 0; use linear or auto";
    return {};
}

}  // namespace

MethodForecast forecastMethod(ForecastMethod method, const double* counts, int n, int horizon,
                              const ForecastContext& context) {
    MethodForecast f = forecastUnexplained(method, counts, n, horizon, context);
    if (!f.ok && f.error.empty())
        f.error = failureReason(method, counts, n);
    return f;
}

}  // namespace hubgrowth
