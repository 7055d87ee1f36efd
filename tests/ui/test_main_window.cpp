#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

#include "charts/plot_view.h"
#include "demo/demo_generator.h"
#include "main_window.h"
#include "model_table_model.h"

using namespace hubgrowth;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void opensTheDemoAndShowsTheSelectedCurve() {
        MainWindow window;
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        QSignalSpy fitted(&window, &MainWindow::fittingFinished);
        window.show();
        window.openInput(QStringLiteral("demo"));
        QVERIFY(loaded.wait(30000));
        QCOMPARE(window.tableModel()->rowCount(), DemoOptions{}.baseModels);
        QVERIFY(fitted.wait(60000) || fitted.count() == 1);
        QCOMPARE(fitted.first().first().toBool(), false);

        const Dataset demo = generateDemoDataset();
        const ModelSeries& pick = demo.series[5];
        window.selectModel(QString::fromStdString(pick.id));
        PlotView* curve = window.curveView();
        QVERIFY(curve->seriesCount() >= 1);
        const QVector<QPointF> observed = curve->seriesPoints(0);
        QCOMPARE(observed.size(), pick.observedMonths());
        for (int k = 0; k < observed.size(); ++k) QCOMPARE(observed[k].y(), pick.counts[static_cast<size_t>(k)]);
        if (pick.observedMonths() >= 3) QVERIFY(curve->seriesCount() == 3);  // + fit + forecast

        const QImage image = curve->renderImage(QSize(400, 300), 2.0);
        QCOMPARE(image.size(), QSize(800, 600));
    }

    void badInputShowsAMessageAndKeepsTheData() {
        MainWindow window;
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        window.openInput(QStringLiteral("demo"));
        QVERIFY(loaded.wait(30000));
        const int rows = window.tableModel()->rowCount();
        window.openInput(QStringLiteral("/nonexistent/file.csv"));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 30000);
        QCOMPARE(window.tableModel()->rowCount(), rows);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
