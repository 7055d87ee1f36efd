// The fitter against plain Ceres on the real reference lineage (../shared/reference): every
// series with at least 3 months, m = 100. Plain Ceres is the straightforward solve (autodiff of
// the one model definition, Problem + DENSE_QR, three fixed starts, up to 500 iterations each);
// the fitter must reach its SSE (within 0.1 % on 99 %, 2 % on 99.5 %), stay finite everywhere,
// and stop at its iteration cap on at most 1 % of them, each flagged as not converged.
#include <ceres/ceres.h>
#include <glog/logging.h>

#include <QtTest>
#include <cmath>

#include "hubgrowth/core/fit/wsb_fitter.h"
#include "hubgrowth/data/paper_csv_importer.h"
#include "hubgrowth/testsupport/reference_data.h"

using namespace hubgrowth;

namespace {

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
        options.max_num_iterations = 500;
        options.function_tolerance = 1e-12;
        options.logging_type = ceres::SILENT;
        ceres::Solver::Summary summary;
        ceres::Solve(options, &problem, &summary);
        if (std::isfinite(summary.final_cost))
            best = std::min(best, 2.0 * summary.final_cost);
    }
    return best;
}

}  // namespace

class TestWsbFitterReference : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        google::InitGoogleLogging("test_wsb_fitter_reference");
        FLAGS_minloglevel = google::GLOG_ERROR;  // plain Ceres' rejected trial steps
    }

    void matchesPlainCeresOnReferenceSeries() {
        HUBGROWTH_REQUIRE_REFERENCE();
        const ImportResult loaded = importPaperCsv(testing::referenceFinetuneDir());
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        int fitted = 0, asGood = 0, nearlyAsGood = 0, capped = 0, cappedUnflagged = 0;
        QStringList worst;
        for (const ModelSeries& s : loaded.dataset.series) {
            if (s.observedMonths() < 3)
                continue;
            ++fitted;
            const FitResult r = fitWsb(s.counts, {});
            QVERIFY2(std::isfinite(r.params.lambda) && std::isfinite(r.params.mu) &&
                         std::isfinite(r.params.sigma) && std::isfinite(r.sse) &&
                         r.params.lambda > 0 && r.params.sigma > 0,
                     s.id.c_str());
            if (r.outcome == FitOutcome::MaxIterations) {
                ++capped;
                if (r.converged())
                    ++cappedUnflagged;
            }
            const double reference = plainCeresSse(s.counts, 100.0);
            if (r.sse <= reference * 1.02 + 1e-9)
                ++nearlyAsGood;
            if (r.sse <= reference * 1.001 + 1e-9) {
                ++asGood;
            } else if (worst.size() < 10) {
                worst << QStringLiteral("%1: ours %2, plain Ceres %3 (%4)")
                             .arg(QString::fromStdString(s.id))
                             .arg(r.sse, 0, 'g', 10)
                             .arg(reference, 0, 'g', 10)
                             .arg(fitOutcomeName(r.outcome));
            }
        }
        qInfo(
            "%d series: %d as good as plain Ceres (x 1.001), %d within x 1.02, %d at the "
            "iteration cap",
            fitted, asGood, nearlyAsGood, capped);
        QVERIFY(fitted > 2000);
        QCOMPARE(cappedUnflagged, 0);
        QVERIFY2(capped * 100 <= fitted, qPrintable(QString::number(capped)));
        // Known shortfall (2026-12-02: 2,698 of 2,721): on some ridges plain Ceres' 500
        // iterations end in a slightly lower valley than the fitter's walk, by at most 1.5 %.
        QVERIFY2(asGood * 100 >= fitted * 99, qPrintable(worst.join(QStringLiteral("; "))));
        QVERIFY2(nearlyAsGood * 1000 >= fitted * 995, qPrintable(worst.join(QStringLiteral("; "))));
    }
};

QTEST_APPLESS_MAIN(TestWsbFitterReference)
#include "test_wsb_fitter_reference.moc"
