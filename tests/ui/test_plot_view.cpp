// The chart interface's Qt Charts backend: points, log axes, bands, clicks, legend toggles,
// rendering.
#include <QSignalSpy>
#include <QtTest>

#include "charts/plot_view.h"
#include "ui_test_support.h"

using namespace hubgrowth;

class TestPlotView : public QObject {
    Q_OBJECT
  private slots:
    void holdsTheSeriesItWasGiven() {
        auto plot = createPlotView();
        PlotSeries points{QStringLiteral("p"),
                          {QPointF(0, 0), QPointF(1, 2), QPointF(2, 5)},
                          Qt::blue,
                          PlotSeries::Style::Points};
        PlotSeries line{
            QStringLiteral("l"), {QPointF(0, 1), QPointF(2, 3)}, Qt::red, PlotSeries::Style::Line};
        plot->setSeries({points, line});
        QCOMPARE(plot->seriesCount(), 2);
        QCOMPARE(plot->seriesPoints(0), points.points);
        QCOMPARE(plot->indexOfSeries(QStringLiteral("l")), 1);
        QCOMPARE(plot->indexOfSeries(QStringLiteral("none")), -1);
        QVERIFY(plot->isSeriesVisible(1));
        plot->setSeriesVisible(1, false);
        QVERIFY(!plot->isSeriesVisible(1));
        QVERIFY(plot->isSeriesVisible(0));
    }

    void rendersSomethingAtTheRequestedSize() {
        auto plot = createPlotView();
        plot->setTitle(QStringLiteral("render"));
        plot->setAxisTitles(QStringLiteral("x"), QStringLiteral("y"));
        QVector<QPointF> pts;
        for (int i = 0; i < 50; ++i)
            pts.push_back(QPointF(i, i * i));
        plot->setSeries(
            {PlotSeries{QStringLiteral("sq"), pts, Qt::darkGreen, PlotSeries::Style::Line}});
        const QImage image = plot->renderImage(QSize(500, 300), 2.0);
        QCOMPARE(image.size(), QSize(1000, 600));
        QVERIFY(testing::pixelSpread(image) > 5.0);
    }

    void logAxesSkipNonPositiveValuesButKeepTheData() {
        auto plot = createPlotView();
        plot->setLogY(true);
        QVERIFY(plot->yAxis().log);
        PlotSeries s{QStringLiteral("s"),
                     {QPointF(0, 0), QPointF(1, 10), QPointF(2, -1), QPointF(3, NAN)},
                     Qt::blue,
                     PlotSeries::Style::Points};
        plot->setSeries({s});
        QCOMPARE(plot->seriesPoints(0).size(), 4);  // the caller's data is untouched
        plot->resize(400, 300);
        plot->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot.get()));
        // The positive point is drawn inside the widget.
        const QPointF at = plot->positionOf(0, QPointF(1, 10));
        QVERIFY(plot->rect().contains(at.toPoint()));
    }

    void bandsCarryBothEdges() {
        auto plot = createPlotView();
        const PlotSeries band =
            PlotSeries::band(QStringLiteral("80 % interval"), {QPointF(0, 1), QPointF(1, 2)},
                             {QPointF(0, 3), QPointF(1, 5)}, Qt::red);
        QCOMPARE(band.style, PlotSeries::Style::Band);
        plot->setSeries({band});
        QCOMPARE(plot->series(0).lower.size(), 2);
        QCOMPARE(plot->series(0).points[1].y(), 5.0);
        QVERIFY(testing::pixelSpread(plot->renderImage(QSize(300, 200), 1.0)) > 5.0);
    }

    void clickingAPointReportsItsIndex() {
        auto plot = createPlotView();
        QVector<QPointF> pts{QPointF(1, 1), QPointF(5, 8), QPointF(9, 3)};
        PlotSeries s{QStringLiteral("s"), pts, Qt::blue, PlotSeries::Style::Points};
        s.markerSize = 12;
        s.labels = QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        plot->setSeries({s});
        plot->resize(500, 400);
        plot->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot.get()));
        QSignalSpy clicked(plot.get(), &PlotView::pointClicked);
        const QPoint at =
            plot->mouseTarget()->mapFrom(plot.get(), plot->positionOf(0, pts[1]).toPoint());
        QTest::mouseClick(plot->mouseTarget(), Qt::LeftButton, Qt::NoModifier, at);
        QTRY_COMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().at(0).toInt(), 0);
        QCOMPARE(clicked.first().at(1).toInt(), 1);
    }

    void hoveringAPointNamesIt_data() {
        QTest::addColumn<int>("count");
        QTest::newRow("series") << 3;
        QTest::newRow("large set") << 3000;  // drawn by the direct-painting item
    }
    void hoveringAPointNamesIt() {
        QFETCH(int, count);
        auto plot = createPlotView();
        QVector<QPointF> pts;
        QStringList labels;
        for (int i = 0; i < count; ++i) {
            pts.push_back(QPointF(i % 60, (i / 60) * 3 + (i % 7)));
            labels << QStringLiteral("model-%1").arg(i);
        }
        const int target = count / 2;
        pts[target] = QPointF(30.5, -20.0);  // apart from the rest
        PlotSeries s{QStringLiteral("s"), pts, Qt::blue, PlotSeries::Style::Points};
        s.labels = labels;
        s.markerSize = 10;
        plot->setSeries({s});
        plot->resize(600, 400);
        plot->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot.get()));
        QSignalSpy hovered(plot.get(), &PlotView::pointHovered);
        QSignalSpy clicked(plot.get(), &PlotView::pointClicked);
        const QPoint at =
            plot->mouseTarget()->mapFrom(plot.get(), plot->positionOf(0, pts[target]).toPoint());
        QTest::mouseMove(plot->mouseTarget(), at + QPoint(20, 20));
        QTest::mouseMove(plot->mouseTarget(), at);
        QTRY_VERIFY(!hovered.isEmpty());
        QCOMPARE(hovered.last().at(1).toInt(), target);
        QTest::mouseClick(plot->mouseTarget(), Qt::LeftButton, Qt::NoModifier, at);
        QTRY_COMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().at(1).toInt(), target);
    }

    void largeScattersStayOffOpenGLWhenExporting() {
        auto plot = createPlotView();
        QVector<QPointF> pts;
        for (int i = 0; i < 20000; ++i)
            pts.push_back(QPointF(i % 200, i / 200));
        plot->setSeries(
            {PlotSeries{QStringLiteral("many"), pts, Qt::blue, PlotSeries::Style::Points}});
        plot->setOpenGLAllowed(false);
        QVERIFY(!plot->usesOpenGL());
        QVERIFY(testing::pixelSpread(plot->renderImage(QSize(400, 300), 1.0)) > 5.0);
        QVERIFY(!plot->usesOpenGL());
    }
};

QTEST_MAIN(TestPlotView)
#include "test_plot_view.moc"
