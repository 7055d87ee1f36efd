#include <QtTest>
#include <cmath>

#include "hubgrowth/core/stats/concentration.h"

using namespace hubgrowth;

class TestConcentration : public QObject {
    Q_OBJECT
  private slots:
    void paretoCurveSortsLargestFirst() {
        const auto curve = paretoCurve({1.0, 7.0, 2.0, NAN, -4.0});
        QCOMPARE(int(curve.size()), 4);
        QCOMPARE(curve[0].modelShare, 0.0);
        QCOMPARE(curve[0].valueShare, 0.0);
        QVERIFY(std::abs(curve[1].modelShare - 1.0 / 3.0) < 1e-12);
        QVERIFY(std::abs(curve[1].valueShare - 0.7) < 1e-12);
        QVERIFY(std::abs(curve[2].valueShare - 0.9) < 1e-12);
        QCOMPARE(curve[3].modelShare, 1.0);
        QCOMPARE(curve[3].valueShare, 1.0);
    }

    void shareForEightyPercentInterpolates() {
        // Top model holds 70 %; the second (20 %) adds the missing 10 % halfway: 1.5 of 3 models.
        QVERIFY(std::abs(modelShareForValueShare({7.0, 2.0, 1.0}, 0.8) - 0.5) < 1e-12);
        // Equal values: 80 % of the value needs 80 % of the models.
        QVERIFY(std::abs(modelShareForValueShare(std::vector<double>(10, 3.0), 0.8) - 0.8) < 1e-12);
        QCOMPARE(modelShareForValueShare({0.0, 0.0}, 0.8), 0.0);
        QCOMPARE(modelShareForValueShare({}, 0.8), 0.0);
    }

    void giniSeparatesEqualFromConcentrated() {
        QVERIFY(std::abs(giniCoefficient({5.0, 5.0, 5.0, 5.0})) < 1e-12);
        std::vector<double> one(100, 0.0);
        one[3] = 50.0;
        QVERIFY(std::abs(giniCoefficient(one) - 0.99) < 1e-12);
    }

    void emptyInputGivesTheDiagonalEnds() {
        const auto curve = paretoCurve({});
        QCOMPARE(int(curve.size()), 2);
        QCOMPARE(curve[1].valueShare, 1.0);
    }
};

QTEST_APPLESS_MAIN(TestConcentration)
#include "test_concentration.moc"
