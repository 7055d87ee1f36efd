#include <ceres/ceres.h>

#include <QtTest>
#include <cmath>
#include <random>

#include "hubgrowth/core/fit/wsb_fitter.h"

using namespace hubgrowth;

namespace {

std::vector<double> curve(const WsbParams& p, double m, int n) {
    std::vector<double> c(static_cast<size_t>(n));
    for (int k = 0; k < n; ++k)
        c[static_cast<size_t>(k)] = wsbValue(k, p, m);
    return c;
}

// Cumulative Poisson counts around the model's monthly increments.
std::vector<double> noisyCurve(const WsbParams& p, double m, int n, unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<double> c(static_cast<size_t>(n), 0.0);
    for (int k = 1; k < n; ++k) {
        const double mean = wsbValue(k, p, m) - wsbValue(k - 1, p, m);
        std::poisson_distribution<int> draw(std::max(mean, 1e-9));
        c[static_cast<size_t>(k)] = c[static_cast<size_t>(k - 1)] + draw(rng);
    }
    return c;
}

bool finite(const FitResult& r) {
    return std::isfinite(r.params.lambda) && std::isfinite(r.params.mu) &&
           std::isfinite(r.params.sigma) && std::isfinite(r.sse) && r.params.lambda > 0 &&
           r.params.sigma > 0;
}

// The same residuals in natural parameters, for ceres::Covariance.
struct WsbCost : public ceres::SizedCostFunction<1, 3> {
    WsbCost(double t, double y, double m) : t_(t), y_(y), m_(m) {}
    bool Evaluate(double const* const* x, double* r, double** j) const override {
        const WsbParams p{x[0][0], x[0][1], x[0][2]};
        r[0] = wsbValue(t_, p, m_) - y_;
        if (j && j[0]) {
            const auto g = wsbGradient(t_, p, m_);
            j[0][0] = g[0];
            j[0][1] = g[1];
            j[0][2] = g[2];
        }
        return true;
    }
    double t_, y_, m_;
};

// Plain Ceres with automatic differentiation from a few starts: the reference a fit must match.
struct AutoDiffResidual {
    AutoDiffResidual(double t, double y, double m) : t_(t), y_(y), m_(m) {}
    template <typename T>
    bool operator()(const T* const x, T* residual) const {
        residual[0] = wsbLogParamValue(x, std::log(t_), m_) - T(y_);
        return true;
    }
    double t_, y_, m_;
};

double plainCeresSse(const std::vector<double>& counts, double m) {
    double best = INFINITY;
    for (const double start : {0.5, 2.0, 5.0}) {
        double x[3] = {std::log(start), 2.0, std::log(0.5)};
        ceres::Problem problem;
        for (size_t t = 1; t < counts.size(); ++t) {
            problem.AddResidualBlock(new ceres::AutoDiffCostFunction<AutoDiffResidual, 1, 3>(
                                         new AutoDiffResidual(double(t), counts[t], m)),
                                     nullptr, x);
        }
        ceres::Solver::Options options;
        options.linear_solver_type = ceres::DENSE_QR;
        options.max_num_iterations = 2000;
        options.function_tolerance = 1e-14;
        options.logging_type = ceres::SILENT;
        ceres::Solver::Summary summary;
        ceres::Solve(options, &problem, &summary);
        if (std::isfinite(summary.final_cost))
            best = std::min(best, 2.0 * summary.final_cost);
    }
    return best;
}

}  // namespace

class TestWsbFitter : public QObject {
    Q_OBJECT
  private slots:
    void recoversExactParameters_data() {
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("mu");
        QTest::addColumn<double>("sigma");
        QTest::addColumn<double>("m");
        QTest::addColumn<int>("months");
        QTest::newRow("typical") << 2.0 << 1.5 << 1.0 << 100.0 << 24;
        QTest::newRow("fit-early") << 4.0 << 0.5 << 0.6 << 100.0 << 18;
        QTest::newRow("slow-burner") << 1.2 << 2.8 << 1.3 << 100.0 << 35;
        QTest::newRow("m30") << 3.0 << 1.8 << 0.9 << 30.0 << 30;
        QTest::newRow("short") << 2.5 << 1.0 << 0.8 << 100.0 << 8;
    }
    void recoversExactParameters() {
        QFETCH(double, lambda);
        QFETCH(double, mu);
        QFETCH(double, sigma);
        QFETCH(double, m);
        QFETCH(int, months);
        FitOptions options;
        options.m = m;
        const FitResult r = fitWsb(curve({lambda, mu, sigma}, m, months), options);
        QVERIFY(r.converged());
        QVERIFY2(std::abs(r.params.lambda / lambda - 1) < 1e-5,
                 qPrintable(QString::number(r.params.lambda)));
        QVERIFY2(std::abs(r.params.mu - mu) < 1e-5, qPrintable(QString::number(r.params.mu)));
        QVERIFY2(std::abs(r.params.sigma / sigma - 1) < 1e-5,
                 qPrintable(QString::number(r.params.sigma)));
        QVERIFY(r.sse < 1e-12);
        QVERIFY(r.r2 > 0.999999);
    }

    void recoversParametersUnderCountNoise() {
        const WsbParams truth{3.0, 1.6, 0.9};
        int close = 0;
        for (unsigned seed = 1; seed <= 20; ++seed) {
            const auto data = noisyCurve(truth, 100.0, 30, seed);
            const FitResult r = fitWsb(data, {});
            QVERIFY(finite(r));
            // Least squares must do at least as well as the truth on its own data.
            QVERIFY(r.sse <= wsbSse(data.data(), 30, truth, 100.0) * (1 + 1e-9));
            if (std::abs(r.params.lambda / truth.lambda - 1) < 0.1 &&
                std::abs(r.params.mu - truth.mu) < 0.2 &&
                std::abs(r.params.sigma / truth.sigma - 1) < 0.15) {
                ++close;
            }
        }
        QVERIFY2(close >= 18, qPrintable(QStringLiteral("%1 of 20 close").arg(close)));
    }

    void degenerateSeriesGiveFiniteParameters_data() {
        QTest::addColumn<std::vector<double>>("counts");
        QTest::addColumn<int>("outcome");
        QTest::newRow("all-zero") << std::vector<double>(18, 0.0) << int(FitOutcome::NoAdoption);
        QTest::newRow("three-zero") << std::vector<double>{0, 0, 0} << int(FitOutcome::NoAdoption);
        QTest::newRow("single-jump")
            << std::vector<double>{0, 0, 0, 0, 7, 7, 7, 7} << int(FitOutcome::Converged);
        QTest::newRow("flat-from-month-1")
            << std::vector<double>{0, 5, 5, 5, 5} << int(FitOutcome::Converged);
        QTest::newRow("three-points") << std::vector<double>{0, 4, 9} << int(FitOutcome::Converged);
        QTest::newRow("jump-then-creep")
            << std::vector<double>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 9, 9, 9, 9, 9} << -1;
        std::vector<double> linear, exponential, huge;
        for (int k = 0; k < 35; ++k) {
            linear.push_back(10.0 * k);
            exponential.push_back(std::round(std::expm1(0.3 * k)));
            huge.push_back(std::round(33592.0 * std::pow(k / 34.0, 1.3)));
        }
        QTest::newRow("linear") << linear << -1;
        QTest::newRow("exponential") << exponential << -1;
        QTest::newRow("huge-30k") << huge << -1;
        QTest::newRow("non-monotone") << std::vector<double>{0, 10, 30, 25, 40, 38, 60} << -1;
        QTest::newRow("nonzero-month-0") << std::vector<double>{3, 3, 8, 20, 31} << -1;
    }
    void degenerateSeriesGiveFiniteParameters() {
        QFETCH(std::vector<double>, counts);
        QFETCH(int, outcome);
        const FitResult r = fitWsb(counts, {});
        QVERIFY2(finite(r), qPrintable(QStringLiteral("lambda %1 mu %2 sigma %3 sse %4")
                                           .arg(r.params.lambda)
                                           .arg(r.params.mu)
                                           .arg(r.params.sigma)
                                           .arg(r.sse)));
        if (outcome >= 0)
            QCOMPARE(int(r.outcome), outcome);
        QVERIFY(std::isfinite(r.rmse) && std::isfinite(r.r2));
        // Exactly representable shapes are fitted exactly.
        if (outcome == int(FitOutcome::NoAdoption) || outcome == int(FitOutcome::Converged)) {
            QVERIFY2(r.sse < 1e-12, qPrintable(QString::number(r.sse)));
        }
    }

    // Zeros, one value part-way, then a level held: the step limit fits exactly.
    void twoLevelStepsAreFittedExactly_data() {
        QTest::addColumn<std::vector<double>>("counts");
        QTest::newRow("from-month-1") << std::vector<double>{0, 5, 12, 12, 12, 12};
        QTest::newRow("mid") << std::vector<double>{0, 0, 3, 5, 5, 5};
        QTest::newRow("late") << std::vector<double>{0, 0, 0, 0, 0, 0, 0, 0, 0,
                                                     0, 0, 0, 7, 9, 9, 9, 9, 9};
        QTest::newRow("last-two") << std::vector<double>{0, 0, 0, 0, 1, 2};
    }
    void twoLevelStepsAreFittedExactly() {
        QFETCH(std::vector<double>, counts);
        const FitResult r = fitWsb(counts, {});
        QVERIFY(finite(r));
        QCOMPARE(int(r.outcome), int(FitOutcome::Converged));
        QVERIFY2(r.sse < 1e-20, qPrintable(QString::number(r.sse)));
    }

    // Near-steps (a steep but resolved rise) and ridges (convex growth whose least-squares
    // optimum lies at lambda -> infinity): finite, and as good as plain Ceres within 0.1 %.
    void matchesPlainCeresOnNearStepsAndRidges_data() {
        QTest::addColumn<std::vector<double>>("counts");
        std::vector<double> power, powerNoisy, nearStep;
        std::mt19937 rng(11);
        std::poisson_distribution<int> noise(3);
        for (int k = 0; k < 27; ++k) {
            power.push_back(k == 0 ? 0.0 : std::round(100.0 * std::expm1(0.05 * std::pow(k, 1.3))));
            powerNoisy.push_back(k == 0 ? 0.0 : power.back() + noise(rng));
        }
        nearStep = curve({2.0, std::log(6.0), 0.05}, 100.0, 15);
        QTest::newRow("ridge-power-law") << power;
        QTest::newRow("ridge-noisy") << powerNoisy;
        QTest::newRow("near-step") << nearStep;
        QTest::newRow("eva-like") << std::vector<double>{
            0,    76,   179,  249,  344,  470,  577,  678,  782,  918,  1083, 1203, 1293, 1420,
            1514, 1660, 1859, 2044, 2167, 2436, 2612, 2817, 3003, 3248, 3420, 3799, 4036};
    }
    void matchesPlainCeresOnNearStepsAndRidges() {
        QFETCH(std::vector<double>, counts);
        const FitResult r = fitWsb(counts, {});
        QVERIFY(finite(r));
        const double reference = plainCeresSse(counts, 100.0);
        QVERIFY2(r.sse <= reference * 1.001 + 1e-9,
                 qPrintable(QStringLiteral("ours %1 plain Ceres %2 (%3)")
                                .arg(r.sse, 0, 'g', 12)
                                .arg(reference, 0, 'g', 12)
                                .arg(fitOutcomeName(r.outcome))));
    }

    // Exact curves whose optimum lies far along a ridge (the curve deep in Phi's lower tail at
    // the last month, lambda large): the fitted curve reproduces the data, and the fit says it
    // converged rather than stopping at the iteration cap.
    void recoversCurvesAlongRidges_data() {
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("mu");
        QTest::addColumn<double>("sigma");
        QTest::addColumn<int>("months");
        QTest::newRow("tail-z-2") << 200.0 << 6.0 << 1.2 << 30;
        QTest::newRow("tail-z-3") << 3000.0 << 9.0 << 1.8 << 30;
        QTest::newRow("tail-z-4-short") << 5e4 << 10.0 << 1.6 << 12;
    }
    void recoversCurvesAlongRidges() {
        QFETCH(double, lambda);
        QFETCH(double, mu);
        QFETCH(double, sigma);
        QFETCH(int, months);
        const auto data = curve({lambda, mu, sigma}, 100.0, months);
        const FitResult r = fitWsb(data, {});
        QVERIFY(finite(r));
        QVERIFY2(r.outcome == FitOutcome::Converged, fitOutcomeName(r.outcome));
        for (int k = 1; k < months; ++k) {
            const double fitted = wsbValue(k, r.params, 100.0);
            QVERIFY2(std::abs(fitted - data[size_t(k)]) <= 1e-3 * data[size_t(k)] + 1e-6,
                     qPrintable(QStringLiteral("month %1: %2 vs %3 (lambda %4)")
                                    .arg(k)
                                    .arg(fitted)
                                    .arg(data[size_t(k)])
                                    .arg(r.params.lambda)));
        }
    }

    void rejectsUnusableInput() {
        QCOMPARE(fitWsb(std::vector<double>{0, 1}, {}).outcome, FitOutcome::TooShort);
        QCOMPARE(fitWsb(std::vector<double>{}, {}).outcome, FitOutcome::TooShort);
        QCOMPARE(fitWsb(std::vector<double>{0, 1, std::nan(""), 4}, {}).outcome,
                 FitOutcome::InvalidInput);
        QCOMPARE(fitWsb(std::vector<double>{0, 1, INFINITY, 4}, {}).outcome,
                 FitOutcome::InvalidInput);
    }

    void mChangesTheFit() {
        const auto data = curve({2.0, 1.5, 1.0}, 100.0, 24);
        FitOptions m30;
        m30.m = 30.0;
        const FitResult a = fitWsb(data, {});
        const FitResult b = fitWsb(data, m30);
        QCOMPARE(b.m, 30.0);
        QVERIFY(std::abs(a.params.lambda - b.params.lambda) > 0.1);
        // The fitted curves agree on the data even though lambda differs.
        QVERIFY(b.r2 > 0.99);
    }

    void covarianceMatchesCeresDenseSvd() {
        const auto data = noisyCurve({2.5, 1.4, 0.9}, 100.0, 26, 7);
        const FitResult r = fitWsb(data, {});
        QVERIFY(r.covarianceValid);

        double x[3] = {r.params.lambda, r.params.mu, r.params.sigma};
        ceres::Problem problem;
        for (int t = 1; t < 26; ++t) {
            problem.AddResidualBlock(new WsbCost(t, data[static_cast<size_t>(t)], 100.0), nullptr,
                                     x);
        }
        ceres::Covariance::Options covOptions;
        covOptions.algorithm_type = ceres::DENSE_SVD;
        ceres::Covariance covariance(covOptions);
        std::vector<std::pair<const double*, const double*>> blocks{{x, x}};
        QVERIFY(covariance.Compute(blocks, &problem));
        double cov[9];
        QVERIFY(covariance.GetCovarianceBlock(x, x, cov));
        const double s2 = r.sse / (26 - 3);
        for (int i = 0; i < 3; ++i) {
            for (int j = 0; j < 3; ++j) {
                const double expected = s2 * cov[i * 3 + j];
                QVERIFY2(
                    std::abs(r.covariance(i, j) - expected) <= 1e-6 * std::abs(expected) + 1e-12,
                    qPrintable(QStringLiteral("(%1,%2): %3 vs %4")
                                   .arg(i)
                                   .arg(j)
                                   .arg(r.covariance(i, j))
                                   .arg(expected)));
            }
        }
        QVERIFY(r.standardError(0) > 0 && r.standardError(0) < r.params.lambda);
    }
};

QTEST_APPLESS_MAIN(TestWsbFitter)
#include "test_wsb_fitter.moc"
