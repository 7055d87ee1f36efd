#pragma once

#include <Eigen/Core>

#include "hubgrowth/core/fit/fitted_curve.h"
#include "hubgrowth/core/model/wsb_model.h"

namespace hubgrowth {

// Why a fit ended the way it did; kept as an enum so the hot path never allocates.
enum class FitOutcome {
    Converged,  // the solver met a convergence test
    // The least-squares optimum is the lambda -> infinity limit, the power law
    // m(exp(A t^b) - 1): the curve is fitted (and forecasts), but lambda, mu and sigma are not
    // identifiable (lambda ends at the edge of double precision) and are not reported.
    PowerLawLimit,
    MaxIterations,  // stopped at the iteration cap; parameters are the best found
    NoAdoption,     // every month after 0 is zero: c(t) = 0 is fitted exactly
    TooShort,       // fewer than 3 observed months (month 0 included)
    InvalidInput,   // NaN/Inf in the counts
};

const char* fitOutcomeName(FitOutcome outcome);

struct FitResult {
    WsbParams params;
    double m = 0.0;
    int observedMonths = 0;  // n: months 0..n-1 were observed
    double sse = 0.0;
    double rmse = 0.0;
    double r2 = 0.0;  // 1 - SSE/SST; 1 when the data are constant and fitted exactly
    int iterations = 0;
    FitOutcome outcome = FitOutcome::InvalidInput;
    // Covariance of (lambda, mu, sigma): s^2 (J^T J)^+ with s^2 = SSE / (n - 3), computed like
    // ceres::Covariance's DENSE_SVD (pseudo-inverse, tiny singular values dropped).
    Eigen::Matrix3d covariance = Eigen::Matrix3d::Zero();
    bool covarianceValid = false;

    bool converged() const {
        return outcome == FitOutcome::Converged || outcome == FitOutcome::PowerLawLimit ||
               outcome == FitOutcome::NoAdoption;
    }
    double standardError(int i) const;
    // Converged with parameters that mean something (not the power-law limit).
    bool identified() const { return outcome == FitOutcome::Converged; }
    // There is a curve to evaluate and forecast with, identified or not.
    bool hasCurve() const {
        return outcome != FitOutcome::TooShort && outcome != FitOutcome::InvalidInput;
    }
    // The same curve in the forecaster's terms: x = (ln lambda, mu, ln sigma) and the covariance
    // of x (defined in fitted_curve.cpp).
    FittedCurve curve() const;
};

}  // namespace hubgrowth
