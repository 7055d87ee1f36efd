// The workbench window end to end (offscreen): loading, linked selection, filters, backtest,
// cancellation, responsiveness while fitting, session restore.
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QTimer>
#include <QtTest>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/testsupport/ui_test_support.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/main_window.h"
#include "hubgrowth/ui/message_bar.h"
#include "hubgrowth/ui/model_browser.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/panels/chart_panel.h"
#include "hubgrowth/ui/panels/curve_panel.h"
#include "hubgrowth/ui/panels/parameters_panel.h"

using namespace hubgrowth;

namespace {

using testing::openAndFit;

// Opens `models` synthetic series and waits until they are loaded (the fit has just started).
bool openSynthetic(MainWindow& window, const QTemporaryDir& dir, int models) {
    return testing::openAndLoad(window, testing::writeSyntheticCsv(dir, models));
}

int scatterPointCount(PlotView* scatter) {
    int n = 0;
    for (int i = 0; i < scatter->seriesCount(); ++i) {
        if (scatter->series(i).name != QLatin1String("selected"))
            n += scatter->seriesPoints(i).size();
    }
    return n;
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir settingsDir_;

  private slots:
    void initTestCase() { testing::isolateSettings(settingsDir_); }

    void opensTheDemoAndShowsTheSelectedCurve() {
        MainWindow window;
        window.show();
        QVERIFY(openAndFit(window, QStringLiteral("demo")));
        QCOMPARE(window.tableModel()->rowCount(), DemoOptions{}.baseModels);
        QCOMPARE(window.tableView()->model()->rowCount(), DemoOptions{}.baseModels);
        QVERIFY(!window.isBusy());
        // The fit columns, empty when the table was sized at load, are wide enough for their
        // numbers once the fits are in (no "0.…").
        QTableView* table = window.tableView();
        for (int column : {ModelTableModel::Lambda, ModelTableModel::Mu, ModelTableModel::Sigma,
                           ModelTableModel::Ultimate}) {
            int widest = 0;
            for (int row = 0; row < std::min(50, table->model()->rowCount()); ++row) {
                const QString text = table->model()->index(row, column).data().toString();
                widest = std::max(widest, table->fontMetrics().horizontalAdvance(text));
            }
            QVERIFY2(widest > 0 && table->columnWidth(column) > widest,
                     qPrintable(QStringLiteral("column %1: %2 px for %3 px of text")
                                    .arg(column)
                                    .arg(table->columnWidth(column))
                                    .arg(widest)));
        }

        const Dataset demo = generateDemoDataset();
        const ModelSeries* pick = nullptr;
        for (const auto& s : demo.series) {
            if (s.observedMonths() > 10 && s.lastCount() > 20)
                pick = &s;
        }
        QVERIFY(pick);
        window.selectModel(QString::fromStdString(pick->id));
        PlotView* curve = window.curveView();
        const int observedIndex = curve->indexOfSeries(QStringLiteral("observed"));
        QVERIFY(observedIndex >= 0);
        const QVector<QPointF> observed = curve->seriesPoints(observedIndex);
        QCOMPARE(observed.size(), pick->observedMonths());
        for (int k = 0; k < observed.size(); ++k) {
            QCOMPARE(observed[k], QPointF(k, pick->counts[size_t(k)]));
        }
        const int row = window.tableModel()->rowOf(QString::fromStdString(pick->id));
        const FitResult* fit = window.tableModel()->fit(row);
        QVERIFY(fit);
        const int fitIndex = curve->indexOfSeries(QStringLiteral("WSB fit"));
        QVERIFY(fitIndex >= 0);
        const QVector<QPointF> fitted = curve->seriesPoints(fitIndex);
        QVERIFY(fitted.size() > observed.size());
        QCOMPARE(fitted.front().x(), 0.0);
        QCOMPARE(fitted.back().x(), double(pick->observedMonths() - 1));
        for (const QPointF& p : fitted)
            QCOMPARE(p.y(), wsbValue(p.x(), fit->params, fit->m));
        // The forecast and its bands arrive from a worker (see test_curve_forecast).
        QTRY_VERIFY_WITH_TIMEOUT(curve->indexOfSeries(QStringLiteral("forecast (auto)")) >= 0,
                                 120000);
        QVERIFY(curve->indexOfSeries(QStringLiteral("80 % interval")) >= 0);
        QVERIFY(curve->indexOfSeries(QStringLiteral("held out (not fitted)")) < 0);
        QVERIFY(curve->title().contains(QString::fromStdString(pick->id)));
    }

    void keyboardMovesTheSelectionAndTheCurveFollows() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndFit(window, QStringLiteral("demo")));
        QTableView* table = window.tableView();
        table->setFocus();
        table->selectRow(0);
        const QString first = table->model()->index(0, ModelTableModel::Model).data().toString();
        QCOMPARE(window.curveView()->title(), first);
        QTest::keyClick(table, Qt::Key_Down);
        const QString second = table->model()->index(1, ModelTableModel::Model).data().toString();
        QCOMPARE(window.curveView()->title(), second);
        QCOMPARE(window.selectedSourceRows().size(), 1);
        // The other tabs follow too: the parameters scatter rings the selected model.
        window.tabs()->setCurrentWidget(window.parametersPanel());
        PlotView* scatter = window.parametersPanel()->scatterPlots().front();
        const int selected = scatter->indexOfSeries(QStringLiteral("selected"));
        if (window.tableModel()->fitQuality(window.selectedSourceRows().front()) ==
            FitQuality::Good) {
            QVERIFY(selected >= 0);
            QCOMPARE(scatter->series(selected).labels, QStringList{second});
        }
    }

    void selectingWithTheScatterShownDrawsWhatAFullRefreshDraws() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndFit(window, QStringLiteral("demo")));
        ParametersPanel* parameters = window.parametersPanel();
        window.tabs()->setCurrentWidget(parameters);
        const QString hidden = parameters->sharedLegend().front().name;
        parameters->setGroupHidden(hidden, true);
        QTableView* table = window.tableView();
        int ringed = 0;
        for (int row : {0, 3, 7}) {
            table->selectRow(row);  // the selection alone: only the rings are redrawn
            const QString id = table->model()->index(row, ModelTableModel::Model).data().toString();
            QVector<QVector<PlotSeries>> drawn;
            for (PlotView* scatter : parameters->scatterPlots()) {
                QVector<PlotSeries> series;
                for (int s = 0; s < scatter->seriesCount(); ++s)
                    series.push_back(scatter->series(s));
                drawn.push_back(series);
                const int selected = scatter->indexOfSeries(QStringLiteral("selected"));
                if (selected >= 0) {
                    QCOMPARE(scatter->series(selected).labels, QStringList{id});
                    ++ringed;
                }
                QVERIFY(!scatter->isSeriesVisible(scatter->indexOfSeries(hidden)));
            }
            parameters->refreshNow();  // everything rebuilt from the model
            const QVector<PlotView*> scatters = parameters->scatterPlots();
            for (int i = 0; i < scatters.size(); ++i) {
                QCOMPARE(scatters[i]->seriesCount(), drawn[i].size());
                for (int s = 0; s < drawn[i].size(); ++s) {
                    QCOMPARE(scatters[i]->series(s).name, drawn[i][s].name);
                    QCOMPARE(scatters[i]->series(s).points, drawn[i][s].points);
                    QCOMPARE(scatters[i]->series(s).labels, drawn[i][s].labels);
                    QCOMPARE(scatters[i]->isSeriesVisible(s), drawn[i][s].name != hidden);
                }
            }
        }
        QVERIFY(ringed > 0);  // at least one selected model had a good fit to ring
    }

    void clickingAScatterPointSelectsItsModel() {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndFit(window, QStringLiteral("demo")));
        window.tabs()->setCurrentWidget(window.parametersPanel());
        PlotView* scatter = window.parametersPanel()->scatterPlots()[1];  // λ–σ: both positive
        // Pick a point no other marker overlaps, so the click can only mean that model.
        const PlotSeries org = scatter->series(0);  // a copy: selecting redraws the chart
        QVERIFY(!org.points.isEmpty());
        int index = -1;
        for (int i = 0; i < org.points.size() && index < 0; ++i) {
            const QPointF at = scatter->positionOf(0, org.points[i]);
            if (!scatter->rect().contains(at.toPoint()))
                continue;
            if (window.selectedSourceRows().contains(
                    window.parametersPanel()->rowAt(scatter, 0, i)))
                continue;
            bool alone = true;
            for (int s = 0; s < scatter->seriesCount() && alone; ++s) {
                const QVector<QPointF> pts = scatter->seriesPoints(s);
                for (int k = 0; k < pts.size() && alone; ++k) {
                    if (s == 0 && k == i)
                        continue;
                    if ((scatter->positionOf(s, pts[k]) - at).manhattanLength() < 16)
                        alone = false;
                }
            }
            if (alone)
                index = i;
        }
        QVERIFY2(index >= 0, "no isolated point to click");
        const QString expected = org.labels[index];
        const QPoint at = scatter->mouseTarget()->mapFrom(
            scatter, scatter->positionOf(0, org.points[index]).toPoint());
        QTest::mouseClick(scatter->mouseTarget(), Qt::LeftButton, Qt::NoModifier, at);
        QTRY_COMPARE(window.tableView()
                         ->currentIndex()
                         .siblingAtColumn(ModelTableModel::Model)
                         .data()
                         .toString(),
                     expected);
        QCOMPARE(window.selectedSourceRows().size(), 1);
        QCOMPARE(QString::fromStdString(
                     window.tableModel()->series(window.selectedSourceRows().front()).id),
                 expected);
        // Every tab follows: the curve shows the clicked model when its tab is shown.
        window.tabs()->setCurrentWidget(window.curvePanel());
        QCOMPARE(window.curveView()->title(), expected);
    }

    void theFilterFiltersTheScatter() {
        MainWindow window;
        window.show();
        QVERIFY(openAndFit(window, QStringLiteral("demo")));
        window.tabs()->setCurrentWidget(window.parametersPanel());
        PlotView* scatter = window.parametersPanel()->scatterPlots()[1];
        const int before = scatterPointCount(scatter);
        QVERIFY(before > 0);
        QCOMPARE(before, window.parametersPanel()->plottedModelCount());
        window.filterProxy()->setOrganisation(window.tableModel()->organisations().front());
        const int after = scatterPointCount(scatter);
        QVERIFY(after > 0);
        QVERIFY(after < before);
        QCOMPARE(after, window.parametersPanel()->plottedModelCount());
        window.filterProxy()->setMinimumCount(1e9);
        QCOMPARE(scatterPointCount(scatter), 0);
    }

    void fittingTheFirstKMonthsHoldsTheRestOut() {
        MainWindow window;
        window.show();
        QVERIFY(openAndFit(window, QStringLiteral("demo")));
        QSignalSpy fitted(&window, &MainWindow::fittingFinished);
        window.setFitSettings(100.0, 6);
        QVERIFY(fitted.wait(60000));
        QCOMPARE(window.fitFirstMonths(), 6);
        const ModelTableModel* model = window.tableModel();
        int row = -1;
        for (int r = 0; r < model->rowCount() && row < 0; ++r) {
            if (model->series(r).observedMonths() > 12 && model->fit(r))
                row = r;
        }
        QVERIFY(row >= 0);
        QCOMPARE(model->fit(row)->observedMonths, 6);
        window.selectModel(QString::fromStdString(model->series(row).id));
        PlotView* curve = window.curveView();
        QCOMPARE(curve->seriesPoints(curve->indexOfSeries(QStringLiteral("observed"))).size(), 6);
        const QVector<QPointF> held =
            curve->seriesPoints(curve->indexOfSeries(QStringLiteral("held out (not fitted)")));
        QCOMPARE(held.size(), model->series(row).observedMonths() - 6);
        QCOMPARE(held.front().x(), 6.0);
        QVERIFY(model->index(row, ModelTableModel::Flags)
                    .data()
                    .toString()
                    .contains(QLatin1String("backtest")));
    }

    void severalSelectedModelsOverlay() {
        MainWindow window;
        window.show();
        QVERIFY(openAndFit(window, QStringLiteral("demo")));
        QTableView* table = window.tableView();
        table->selectRow(0);
        table->selectionModel()->select(table->model()->index(1, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        table->selectionModel()->select(table->model()->index(2, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(window.selectedSourceRows().size(), 3);
        PlotView* curve = window.curveView();
        for (int r = 0; r < 3; ++r) {
            QVERIFY(curve->indexOfSeries(table->model()->index(r, 0).data().toString()) >= 0);
        }
        window.curvePanel()->setNormalised(true);
        const QVector<QPointF> first = curve->seriesPoints(0);
        QCOMPARE(first.back().y(), 1.0);  // normalised by the last observed count
    }

    void cancellingMidFitLeavesAConsistentTable() {
        QTemporaryDir dir;
        MainWindow window;
        QSignalSpy fitted(&window, &MainWindow::fittingFinished);
        QVERIFY(openSynthetic(window, dir, 20000));
        window.cancelWork();  // the fit has just started
        QVERIFY(fitted.wait(60000));
        QVERIFY(!window.isBusy());
        const ModelTableModel* model = window.tableModel();
        int fittedRows = 0;
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->isFitted(r)) {
                ++fittedRows;
            } else {
                QVERIFY(!model->index(r, ModelTableModel::Lambda).data().isValid());
            }
        }
        QCOMPARE(fittedRows, model->fittedCount());
        QCOMPARE(fitted.first().first().toBool(), fittedRows < model->rowCount());
        // A re-fit completes the table.
        fitted.clear();
        window.setFitSettings(100.0, 0);
        QVERIFY(fitted.wait(120000));
        QCOMPARE(fitted.first().first().toBool(), false);
        QCOMPARE(model->fittedCount(), model->rowCount());
    }

    void changingMWhileFittingRefitsWithTheNewValue() {
        QTemporaryDir dir;
        MainWindow window;
        QSignalSpy fitted(&window, &MainWindow::fittingFinished);
        QVERIFY(openSynthetic(window, dir, 20000));
        window.setFitSettings(30.0, 0);  // cancels the running job first
        QVERIFY(fitted.wait(120000));
        QCOMPARE(fitted.count(), 1);  // the cancelled job reports nothing
        QCOMPARE(fitted.first().first().toBool(), false);
        const ModelTableModel* model = window.tableModel();
        QCOMPARE(model->fittedCount(), model->rowCount());
        for (int r = 0; r < model->rowCount(); r += 97) {
            if (const FitResult* f = model->fit(r))
                QCOMPARE(f->m, 30.0);
        }
    }

    void theEventLoopKeepsTurningWhileFitting20k() {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QSignalSpy fitted(&window, &MainWindow::fittingFinished);
        QVERIFY(openSynthetic(window, dir, 20000));
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0, longest = 0;
        QTimer tick;
        tick.setInterval(1);
        connect(&tick, &QTimer::timeout, [&] {
            longest = std::max(longest, clock.elapsed() - last);
            last = clock.elapsed();
        });
        tick.start();
        QVERIFY(fitted.wait(120000));
        tick.stop();
        qInfo("longest event-loop gap while fitting 20k series: %lld ms", longest);
        QVERIFY2(longest < 2000, qPrintable(QStringLiteral("UI stalled %1 ms").arg(longest)));
    }

    void firstLaunchShowsTheLabelledDemo() {
        QSettings().clear();
        MainWindow window;
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        window.restoreSession();
        window.show();
        QVERIFY(loaded.wait(30000));
        QCOMPARE(window.currentInput(), QStringLiteral("demo"));
        const QList<QLabel*> labels = window.findChildren<QLabel*>();
        const bool noticed = std::any_of(labels.begin(), labels.end(), [](QLabel* l) {
            return l->isVisible() && l->text().contains(QLatin1String("Synthetic demo data"));
        });
        QVERIFY(noticed);
    }

    void theLastSessionIsRestored() {
        QSettings().clear();
        QString chosen;
        {
            MainWindow window;
            window.show();
            QVERIFY(openAndFit(window, QStringLiteral("demo")));
            window.tableView()->selectRow(5);
            chosen = window.tableView()->currentIndex().siblingAtColumn(0).data().toString();
            window.curvePanel()->setHorizon(24);
            window.close();
        }
        MainWindow again;
        QSignalSpy fitted(&again, &MainWindow::fittingFinished);
        again.restoreSession();
        QVERIFY(fitted.wait(60000));
        QCOMPARE(again.currentInput(), QStringLiteral("demo"));
        QCOMPARE(again.curvePanel()->horizon(), 24);
        QCOMPARE(again.tableView()->currentIndex().siblingAtColumn(0).data().toString(), chosen);
    }

    void openingASmallerDatasetDropsTheOldSelection() {
        MainWindow window;
        window.show();
        QVERIFY(openAndFit(window, QStringLiteral("demo")));
        window.tableView()->selectRow(window.tableView()->model()->rowCount() - 1);
        QVERIFY(window.selectedSourceRows().front() > 10);
        QVERIFY(openAndFit(window, QStringLiteral(HUBGROWTH_FIXTURES_DIR "/paper-small.csv")));
        QVERIFY(window.tableModel()->rowCount() < 10);
        for (ChartPanel* panel :
             {window.panel(QStringLiteral("curve")), window.panel(QStringLiteral("parameters"))}) {
            window.tabs()->setCurrentWidget(panel);
            for (int row : panel->selectedRows())
                QVERIFY(row < window.tableModel()->rowCount());
        }
        QVERIFY(window.curveView()->title().startsWith(QLatin1String("acme/")) ||
                window.curveView()->title().contains(QLatin1String("Select")));
    }

    void badInputShowsAMessageAndKeepsTheData() {
        MainWindow window;
        QVERIFY(openAndFit(window, QStringLiteral("demo")));
        const int rows = window.tableModel()->rowCount();
        window.openInput(QStringLiteral("/nonexistent/file.csv"));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 30000);
        QCOMPARE(window.tableModel()->rowCount(), rows);
        QVERIFY2(window.messageBar()->text().contains(QLatin1String("/nonexistent/file.csv")),
                 qPrintable(window.messageBar()->text()));
    }
    void theWindowFitsA1024By700Screen() {
        MainWindow window;
        window.show();
        QVERIFY(openAndFit(window, QStringLiteral("demo")));
        const QSize least = window.minimumSizeHint().expandedTo(window.minimumSize());
        QString parts;
        for (QWidget* w :
             {static_cast<QWidget*>(window.browser()), static_cast<QWidget*>(window.tabs())}) {
            parts += QStringLiteral(" %1: %2")
                         .arg(QString::fromLatin1(w->metaObject()->className()))
                         .arg(w->minimumSizeHint().width());
        }
        for (int i = 0; i < window.tabs()->count(); ++i) {
            parts += QStringLiteral(" %1: %2")
                         .arg(window.tabs()->tabText(i))
                         .arg(window.tabs()->widget(i)->minimumSizeHint().width());
        }
        QVERIFY2(least.width() <= 1024 && least.height() <= 700,
                 qPrintable(QStringLiteral("minimum %1×%2;%3")
                                .arg(least.width())
                                .arg(least.height())
                                .arg(parts)));
        window.resize(1024, 700);
        QTRY_COMPARE(window.size(), QSize(1024, 700));
        // Every tab, shown, fits as well.
        for (int i = 0; i < window.tabs()->count(); ++i) {
            window.tabs()->setCurrentIndex(i);
            QTRY_COMPARE(window.size(), QSize(1024, 700));
        }
    }

    void f11TogglesFullScreen() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!(window.windowState() & Qt::WindowFullScreen));
        QTest::keyClick(&window, Qt::Key_F11);
        QTRY_VERIFY(window.windowState() & Qt::WindowFullScreen);
        QTest::keyClick(&window, Qt::Key_F11);
        QTRY_VERIFY(!(window.windowState() & Qt::WindowFullScreen));
    }

    void theTitleNamesTheAppOnce() {
        // As the platform shows it: the title, then " — " and the display name unless the title
        // already ends with it.
        const auto shown = [](const QWidget& w) {
            QString title = w.windowTitle();
            title.remove(QStringLiteral("[*]"));
            const QString app = QGuiApplication::applicationDisplayName();
            return title.endsWith(app) ? title : title + QStringLiteral(" — ") + app;
        };
        QGuiApplication::setApplicationDisplayName(QStringLiteral("HubGrowth"));
        QTemporaryDir dir;
        const QString csv = testing::writeSyntheticCsv(dir, 20);
        MainWindow window;
        window.show();
        QCOMPARE(shown(window).count(QStringLiteral("HubGrowth")), 1);
        QVERIFY(testing::openAndLoad(window, csv));
        QCOMPARE(shown(window).count(QStringLiteral("HubGrowth")), 1);
        QVERIFY2(shown(window).startsWith(QFileInfo(csv).completeBaseName()),
                 qPrintable(shown(window)));
        QCOMPARE(window.windowFilePath(), csv);
        QVERIFY(testing::openAndLoad(window, QStringLiteral("demo")));
        QCOMPARE(shown(window).count(QStringLiteral("HubGrowth")), 1);
        QVERIFY(window.windowFilePath().isEmpty());  // the demo is no file
    }

    void theDemoBannerReadsCleanly() {
        MainWindow window;
        window.show();
        QVERIFY(testing::openAndLoad(window, QStringLiteral("demo")));
        QString banner;
        for (QLabel* label : window.findChildren<QLabel*>()) {
            if (label->isVisible() && label->text().contains(QLatin1String("Synthetic demo data")))
                banner = label->text();
        }
        QVERIFY(!banner.isEmpty());
        QTextDocument plain;
        plain.setHtml(banner);
        const QString text = plain.toPlainText();
        QVERIFY2(!text.contains(QStringLiteral("….")) && !text.contains(QStringLiteral("..")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Open Store…")), qPrintable(text));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
