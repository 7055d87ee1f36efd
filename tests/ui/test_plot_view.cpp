// The chart interface's Qt Charts backend: points, log axes, bands, clicks, legend toggles,
// rendering.
#include <QApplication>
#include <QLocale>
#include <QMouseEvent>
#include <QSet>
#include <QSignalSpy>
#include <QtTest>
#include <cmath>

#include "hubgrowth/testsupport/ui_test_support.h"
#include "hubgrowth/ui/charts/plot_view.h"

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

    void aLogAxisSpansTheDataNotAFitNearZero() {
        auto plot = createPlotView();
        plot->setLogY(true);
        PlotSeries observed{QStringLiteral("observed"),
                            {QPointF(0, 0), QPointF(1, 3), QPointF(2, 40), QPointF(3, 900)},
                            Qt::blue,
                            PlotSeries::Style::Points};
        PlotSeries fit{QStringLiteral("fit"),
                       {QPointF(0.25, 1e-150), QPointF(1, 1e-20), QPointF(3, 950)},
                       Qt::red,
                       PlotSeries::Style::Line};
        fit.definesRange = false;
        plot->setSeries({observed, fit});
        double lo = 0, hi = 0;
        plot->axisRange(Qt::Vertical, &lo, &hi);
        QVERIFY2(std::abs(lo - 1.0) < 1e-6, qPrintable(QString::number(lo)));  // whole decades
        QVERIFY2(std::abs(hi / 1000.0 - 1.0) < 1e-6, qPrintable(QString::number(hi)));
        for (const QString& label : plot->axisLabels(Qt::Vertical))
            QVERIFY2(label.toDouble() >= 1.0, qPrintable(label));
        QVERIFY(plot->axisLabels(Qt::Vertical).size() >= 3);  // labelled decades
    }

    void monthTicksAreWholeAndDistinct_data() {
        QTest::addColumn<QVector<QPointF>>("points");
        QTest::newRow("one month") << QVector<QPointF>{QPointF(0, 0)};
        QTest::newRow("two months") << QVector<QPointF>{QPointF(0, 0), QPointF(1, 3)};
        QTest::newRow("five years") << QVector<QPointF>{QPointF(0, 0), QPointF(59, 7)};
    }
    void monthTicksAreWholeAndDistinct() {
        QFETCH(QVector<QPointF>, points);
        auto plot = createPlotView();
        plot->setAxes(
            PlotAxis{QStringLiteral("months"), false, NAN, NAN, true, QStringLiteral("%.0f")},
            PlotAxis{QStringLiteral("count"), false, NAN, NAN, true});
        plot->setSeries(
            {PlotSeries{QStringLiteral("s"), points, Qt::blue, PlotSeries::Style::Points}});
        const QStringList labels = plot->axisLabels(Qt::Horizontal);
        QVERIFY(labels.size() >= 2);
        QCOMPARE(QSet<QString>(labels.begin(), labels.end()).size(), labels.size());
        for (const QString& label : labels) {
            bool whole = false;
            label.toInt(&whole);
            QVERIFY2(whole, qPrintable(labels.join(' ')));
        }
    }

    void ticksStayRoundAndNonNegativeAfterZooming() {
        auto plot = createPlotView();
        QVector<QPointF> pts;
        for (int i = 0; i < 40; ++i)
            pts.push_back(QPointF(i, 661.3 * i));
        plot->setSeries({PlotSeries{QStringLiteral("s"), pts, Qt::blue, PlotSeries::Style::Line}});
        plot->resize(600, 400);
        plot->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot.get()));
        const auto roundTicks = [&](Qt::Orientation o) {
            const QStringList labels = plot->axisLabels(o);
            if (labels.size() < 2)
                return false;
            const double step = labels[1].toDouble() - labels[0].toDouble();
            const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
            for (const QString& label : labels) {
                const double multiple = label.toDouble() / step;
                if (std::abs(multiple - std::round(multiple)) > 1e-6)
                    return false;
            }
            return std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 ||
                   std::abs(mantissa - 5) < 1e-9;
        };
        QVERIFY(roundTicks(Qt::Vertical));
        plot->zoomBy(1.37);  // zoom in
        QVERIFY2(roundTicks(Qt::Vertical), qPrintable(plot->axisLabels(Qt::Vertical).join(' ')));
        QVERIFY(roundTicks(Qt::Horizontal));
        for (int i = 0; i < 3; ++i)
            plot->zoomBy(0.4);  // zoom out well past the data
        double lo = -1, hi = 0;
        plot->axisRange(Qt::Horizontal, &lo, &hi);
        QVERIFY2(lo >= 0.0, qPrintable(QString::number(lo)));
        plot->axisRange(Qt::Vertical, &lo, &hi);
        QVERIFY2(lo >= 0.0, qPrintable(QString::number(lo)));
        QVERIFY(roundTicks(Qt::Vertical));
    }

    void hidingASeriesFromTheLegendRescales() {
        auto plot = createPlotView();
        plot->setSeries({PlotSeries{QStringLiteral("small"),
                                    {QPointF(0, 1), QPointF(5, 10)},
                                    Qt::blue,
                                    PlotSeries::Style::Line},
                         PlotSeries{QStringLiteral("large"),
                                    {QPointF(0, 1), QPointF(5, 1000)},
                                    Qt::red,
                                    PlotSeries::Style::Line}});
        plot->resize(500, 300);
        plot->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot.get()));
        double lo = 0, hi = 0;
        plot->axisRange(Qt::Vertical, &lo, &hi);
        QVERIFY(hi >= 1000.0);
        plot->setSeriesVisible(1, false);
        QTRY_VERIFY((plot->axisRange(Qt::Vertical, &lo, &hi), hi < 100.0));
        plot->setSeriesVisible(1, true);
        QTRY_VERIFY((plot->axisRange(Qt::Vertical, &lo, &hi), hi >= 1000.0));
    }

    void usageHelpNeverCoversThePointTooltip() {
        auto plot = createPlotView();
        plot->setSeries({PlotSeries{
            QStringLiteral("s"), {QPointF(0, 1)}, Qt::blue, PlotSeries::Style::Points}});
        bool help = false;
        for (QWidget* w : plot->findChildren<QWidget*>()) {
            QVERIFY2(w->toolTip().isEmpty(), qPrintable(w->toolTip()));
            help = help || w->statusTip().contains(QStringLiteral("zoom"));
        }
        QVERIFY(help);  // the help is a status tip instead
    }

    void manyLegendEntriesGoBesideTheChart() {
        auto plot = createPlotView();
        QVector<PlotSeries> many;
        for (int i = 0; i < 12; ++i) {
            many.push_back(PlotSeries{QStringLiteral("2024 Q%1 (n=%2)").arg(i % 4 + 1).arg(i * 37),
                                      {QPointF(0, i), QPointF(1, i + 1)},
                                      Qt::blue,
                                      PlotSeries::Style::Line});
        }
        plot->setSeries(many);
        plot->resize(1000, 600);
        plot->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot.get()));
        // Beside the chart each entry gets its own line, wide enough for its name.
        const QImage image = plot->renderImage(QSize(1000, 600), 1.0);
        QVERIFY(testing::pixelSpread(image) > 5.0);
        QCOMPARE(plot->legendAlignment(), Qt::Alignment(Qt::AlignRight));
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

    void aRightClickAsksForTheContextMenu() {
        auto plot = createPlotView();
        plot->setSeries({PlotSeries{QStringLiteral("l"),
                                    {QPointF(0, 0), QPointF(10, 100)},
                                    Qt::blue,
                                    PlotSeries::Style::Line}});
        plot->resize(500, 400);
        plot->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot.get()));
        double before[2], after[2];
        plot->axisRange(Qt::Horizontal, &before[0], &before[1]);
        QSignalSpy menu(plot.get(), &PlotView::contextMenuRequested);
        const QPoint at =
            plot->mouseTarget()->mapFrom(plot.get(), plot->positionOf(0, QPointF(5, 50)).toPoint());
        QTest::mouseClick(plot->mouseTarget(), Qt::RightButton, Qt::NoModifier, at);
        QTRY_COMPARE(menu.count(), 1);
        QCOMPARE(menu.first().at(0).toPoint(), plot->mouseTarget()->mapToGlobal(at));
        // The menu replaces the old right-click zoom-out: the range is untouched.
        plot->axisRange(Qt::Horizontal, &after[0], &after[1]);
        QCOMPARE(after[0], before[0]);
        QCOMPARE(after[1], before[1]);
    }

    void theCrosshairReadsOutTheValuesUnderThePointer() {
        auto plot = createPlotView();
        plot->setAxes(PlotAxis{QStringLiteral("month")}, PlotAxis{QStringLiteral("count")});
        plot->setSeries({PlotSeries{QStringLiteral("l"),
                                    {QPointF(0, 0), QPointF(10, 100)},
                                    Qt::blue,
                                    PlotSeries::Style::Line}});
        plot->resize(600, 400);
        plot->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot.get()));
        const auto moveTo = [&](const QPointF& value) {
            const QPointF at =
                plot->mouseTarget()->mapFrom(plot.get(), plot->positionOf(0, value).toPoint());
            QMouseEvent move(QEvent::MouseMove, at, plot->mouseTarget()->mapToGlobal(at),
                             Qt::NoButton, Qt::NoButton, Qt::NoModifier);
            QApplication::sendEvent(plot->mouseTarget(), &move);
        };
        moveTo(QPointF(5, 50));
        QCOMPARE(plot->crosshairText(), QString());  // off by default
        plot->setCrosshairEnabled(true);
        moveTo(QPointF(5, 50));
        const QString text = plot->crosshairText();
        const QStringList lines = text.split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].startsWith(QLatin1String("month = ")), qPrintable(text));
        QVERIFY2(lines[1].startsWith(QLatin1String("count = ")), qPrintable(text));
        // One pixel is a few hundredths of a month and half a count here.
        const double month = QLocale().toDouble(lines[0].mid(8));
        const double count = QLocale().toDouble(lines[1].mid(8));
        QVERIFY2(std::abs(month - 5.0) < 0.2, qPrintable(text));
        QVERIFY2(std::abs(count - 50.0) < 2.0, qPrintable(text));
        // Exports never carry the pointer's read-out, and it comes back after one.
        plot->renderImage(QSize(300, 200), 1.0);
        QVERIFY(plot->crosshairEnabled());
        moveTo(QPointF(2, 20));
        QVERIFY(plot->crosshairText().startsWith(QLatin1String("month = ")));
    }
};

QTEST_MAIN(TestPlotView)
#include "test_plot_view.moc"
