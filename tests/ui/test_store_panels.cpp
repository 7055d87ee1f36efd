// The store-driven parts of the workbench (offscreen): File ▸ Open Store, the Successors tab and
// the concentration of downloads, against a small store built with HubStore's own API.
#include <QComboBox>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "hubgrowth/data/dataset_loader.h"
#include "hubgrowth/data/hub/hub_model.h"
#include "hubgrowth/testsupport/successor_store.h"
#include "hubgrowth/testsupport/ui_test_support.h"
#include "hubgrowth/ui/chart_export.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/main_window.h"
#include "hubgrowth/ui/message_bar.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/panels/concentration_panel.h"
#include "hubgrowth/ui/panels/panel_factory.h"
#include "hubgrowth/ui/panels/successors_panel.h"

using namespace hubgrowth;

namespace {

using testing::openAndLoad;

// Points of every legend series of the plot (the hover markers repeat them).
int legendPointCount(PlotView* plot) {
    int n = 0;
    for (int i = 0; i < plot->seriesCount(); ++i) {
        if (plot->series(i).inLegend)
            n += plot->seriesPoints(i).size();
    }
    return n;
}

QVector<QPointF> lorenzPoints(PlotView* plot) {
    for (int i = 0; i < plot->seriesCount(); ++i) {
        if (plot->series(i).name.startsWith(QLatin1String("models by")))
            return plot->seriesPoints(i);
    }
    return {};
}

}  // namespace

class TestStorePanels : public QObject {
    Q_OBJECT
    QTemporaryDir settingsDir_;
    QTemporaryDir dataDir_;

  private slots:
    void initTestCase() { testing::isolateSettings(settingsDir_); }

    void successorsTabShowsThePairFromAStore() {
        const QString path = dataDir_.filePath("hub.db");
        QCOMPARE(testing::writeSuccessorStore(path), QString());
        MainWindow window;
        window.show();
        QVERIFY(openAndLoad(window, path));
        QCOMPARE(window.tableModel()->rowCount(), 4);
        QVERIFY(QSettings().value("recent").toStringList().contains(path));

        auto* panel = qobject_cast<SuccessorsPanel*>(window.panel("successors"));
        QVERIFY(panel);
        QCOMPARE(window.tabs()->tabText(window.tabs()->indexOf(panel)), QString("Successors"));
        window.tabs()->setCurrentWidget(panel);
        QVERIFY(!panel->showsNote());
        QCOMPARE(int(panel->pairs().size()), 2);
        QCOMPARE(panel->currentPair(), 0);  // the complete pair first
        panel->setLogScale(false);
        panel->refreshNow();

        PlotView* plot = panel->plots().front();
        const Dataset& dataset = window.tableModel()->dataset();
        const auto& pair = panel->pairs().front();
        const ModelSeries& incumbent = dataset.series[size_t(pair.incumbent)];
        const ModelSeries& successor = dataset.series[size_t(pair.successor)];
        const int inc = plot->indexOfSeries("incumbent: org/old-7b");
        const int suc = plot->indexOfSeries("successor: org/new-7b");
        QVERIFY(inc >= 0 && suc >= 0);
        QCOMPARE(plot->seriesPoints(inc).size(), incumbent.observedMonths());
        QCOMPARE(plot->seriesPoints(suc).size(), successor.observedMonths());
        QCOMPARE(plot->seriesPoints(inc).last().y(), 20.0);
        QCOMPARE(plot->seriesPoints(suc).last().y(), 42.0);
        QCOMPARE(plot->seriesPoints(suc).first().x(), 0.0);  // aligned at each one's creation

        // Linked both ways: a pair picks its incumbent in the browser, the browser picks a pair.
        panel->selectPair(1);
        QCOMPARE(window.selectedSourceRows().value(0), panel->pairs()[1].incumbent);
        window.selectModel("org/new-7b");
        panel->refreshNow();
        QCOMPARE(panel->currentPair(), 0);

        // The pair whose successor was never fetched draws the incumbent alone.
        panel->selectPair(1);
        panel->refreshNow();
        QCOMPARE(panel->currentPair(), 1);
        QVERIFY(plot->title().contains("not in the store"));
        QCOMPARE(legendPointCount(plot),
                 dataset.series[size_t(panel->pairs()[1].incumbent)].observedMonths());
    }

    void successorsHeadToHeadAcrossAllPairs() {
        const QString path = dataDir_.filePath("hub-pairs.db");
        QCOMPARE(testing::writeSuccessorStore(path), QString());
        MainWindow window;
        window.show();
        QVERIFY(openAndLoad(window, path));
        auto* panel = qobject_cast<SuccessorsPanel*>(window.panel("successors"));
        QVERIFY(panel);
        window.tabs()->setCurrentWidget(panel);

        // old-7b (one fine-tune a month through 2024-08) vs new-7b (created 2024-01-01, 42
        // fine-tunes in 2024): since new-7b appeared, old-7b gained its 8 fine-tunes of 2024.
        QCOMPARE(int(panel->headToHeads().size()), 2);
        QVERIFY(!panel->headToHeads()[1]);  // the successor was never fetched
        const auto& h = panel->headToHeads()[0];
        QVERIFY(h);
        QVERIFY2(std::abs(h->offsetMonths - 365.0 / 30.436875) < 1e-6,
                 qPrintable(QString::number(h->offsetMonths)));
        QCOMPARE(h->successorGain, 42.0);
        QVERIFY2(std::abs(h->incumbentGain - 8.0) < 0.05,
                 qPrintable(QString::number(h->incumbentGain)));
        QVERIFY2(panel->summaryText().contains("in the same calendar months in 1 of 1"),
                 qPrintable(panel->summaryText()));

        // Calendar time draws the successor from its creation on the incumbent's timeline.
        panel->setLogScale(false);
        panel->setCalendarTime(true);
        panel->refreshNow();
        PlotView* plot = panel->plots().front();
        const int suc = plot->indexOfSeries("successor: org/new-7b");
        QVERIFY(suc >= 0);
        QCOMPARE(plot->seriesPoints(suc).first().x(), h->offsetMonths);

        // All pairs: one point per comparable pair at (incumbent gain, successor gain).
        panel->setView(SuccessorsPanel::View::AllPairs);
        panel->selectPair(1);
        panel->refreshNow();
        const int pairs = plot->indexOfSeries("pairs");
        QVERIFY(pairs >= 0);
        QCOMPARE(plot->seriesPoints(pairs).size(), 1);
        QCOMPARE(plot->seriesPoints(pairs).front(), QPointF(h->incumbentGain, h->successorGain));
        QVERIFY(plot->series(pairs).labels.front().contains("org/old-7b → org/new-7b"));
        QVERIFY(plot->indexOfSeries("equal gains") >= 0);
        // Clicking the point picks its pair, and its incumbent everywhere.
        const QPoint at = plot->mouseTarget()->mapFrom(
            plot, plot->positionOf(pairs, plot->seriesPoints(pairs).front()).toPoint());
        QTest::mouseClick(plot->mouseTarget(), Qt::LeftButton, Qt::NoModifier, at);
        QTRY_COMPARE(panel->currentPair(), 0);
        QCOMPARE(window.selectedSourceRows().value(0), panel->pairs()[0].incumbent);
    }

    void concentrationOffersDownloadsFromAStore() {
        const QString path = dataDir_.filePath("hub-downloads.db");
        QCOMPARE(testing::writeSuccessorStore(path), QString());
        MainWindow window;
        window.show();
        QVERIFY(openAndLoad(window, "demo"));
        auto* panel = qobject_cast<ConcentrationPanel*>(window.panel("concentration"));
        QVERIFY(panel);
        QVERIFY(!panel->downloadsAvailable());
        QVERIFY(!panel->setMeasure(ConcentrationPanel::Measure::DownloadsAllTime));
        auto* measure = panel->findChild<QComboBox*>();
        QVERIFY(measure);
        const int downloadsIndex =
            measure->findData(int(ConcentrationPanel::Measure::DownloadsAllTime));
        auto* items = qobject_cast<QStandardItemModel*>(measure->model());
        QVERIFY(!items->item(downloadsIndex)->isEnabled());
        QVERIFY(measure->itemData(downloadsIndex, Qt::ToolTipRole)
                    .toString()
                    .contains("hubgrowth fetch"));

        QVERIFY(openAndLoad(window, path));
        QVERIFY(panel->downloadsAvailable());
        QVERIFY(items->item(downloadsIndex)->isEnabled());
        window.tabs()->setCurrentWidget(panel);
        panel->refreshNow();
        const QVector<QPointF> finetunes = lorenzPoints(panel->plots().front());
        const double finetuneGini = panel->gini();
        const double finetuneShare = panel->shareForTarget();  // 42, 20, 16, 3: > 2 of 4 models
        QVERIFY(finetuneShare > 0.5);
        QVERIFY(panel->setMeasure(ConcentrationPanel::Measure::DownloadsAllTime));
        panel->refreshNow();
        const QVector<QPointF> downloads = lorenzPoints(panel->plots().front());
        QCOMPARE(downloads.size(), finetunes.size());
        QVERIFY(downloads != finetunes);
        // One model holds nearly all downloads: a fraction of the first of 4 models reaches 80 %.
        QVERIFY(panel->shareForTarget() > 0.0 && panel->shareForTarget() <= 0.25);
        QVERIFY(panel->gini() > finetuneGini);
        QVERIFY(panel->plots().front()->yAxis().title.contains("downloads"));

        // Back to data without downloads: the choice is off again and the measure falls back.
        QVERIFY(openAndLoad(window, "demo"));
        QVERIFY(!items->item(downloadsIndex)->isEnabled());
        QVERIFY(measure->currentData().toInt() !=
                int(ConcentrationPanel::Measure::DownloadsAllTime));
    }

    void aNonStoreShowsTheSuccessorNote() {
        MainWindow window;
        window.show();
        QVERIFY(openAndLoad(window, "demo"));
        auto* panel = qobject_cast<SuccessorsPanel*>(window.panel("successors"));
        window.tabs()->setCurrentWidget(panel);
        QVERIFY(panel->showsNote());
        QVERIFY(panel->note().contains("Hub store"));
        QVERIFY(panel->note().contains("hubgrowth fetch"));
        QVERIFY(panel->pairs().empty());
    }

    void aStoreWithoutNewVersionsSaysSo() {
        const QString path = dataDir_.filePath("plain.db");
        QCOMPARE(testing::writeSuccessorStore(path, true, false), QString());
        MainWindow window;
        QVERIFY(openAndLoad(window, path));
        auto* panel = qobject_cast<SuccessorsPanel*>(window.panel("successors"));
        QVERIFY(panel->showsNote());
        QVERIFY(panel->note().contains("No successors"));
    }

    void successorsChartExportsHeadless() {
        const QString path = dataDir_.filePath("export.db");
        QCOMPARE(testing::writeSuccessorStore(path), QString());
        ImportResult loaded = loadDataset(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
        ModelTableModel model;
        model.setDataset(std::move(loaded.dataset));
        ModelFilterProxy proxy;
        proxy.setSourceModel(&model);
        auto panel = createChartPanel("successors", &model, &proxy);
        QVERIFY(panel);
        const QString png = dataDir_.filePath("successors.png");
        QCOMPARE(exportPanel(panel.get(), png, QSize(800, 500), 1.0), QString());
        QImage image(png);
        QCOMPARE(image.size(), QSize(800, 500));
        QVERIFY2(testing::pixelSpread(image) > 8.0, "the exported chart is blank");
        QCOMPARE(panel->plots().front()->seriesCount(), 4);  // two lines, two marker sets
    }

    void storeSeriesCountTheChosenRelations() {
        // One base with 3 fine-tunes and 2 adapters (and 1 child without a relation tag).
        const QString path = dataDir_.filePath("relations.db");
        {
            QString error;
            auto store = store::HubStore::open(path, &error);
            QVERIFY2(store, qPrintable(error));
            const qint64 fetch = store->beginFetch("http://127.0.0.1", "test", &error);
            QVERIFY(store->saveBase(
                fetch, testing::hubModel("org/mixed-7b", "2023-01-01T00:00:00.000Z"), {}, &error));
            std::vector<hub::HubModel> children;
            const QStringList relations{"finetune", "finetune", "finetune",
                                        "adapter",  "adapter",  hub::kUnspecifiedRelation};
            for (int i = 0; i < relations.size(); ++i) {
                hub::HubModel child = testing::hubModel(
                    QStringLiteral("ft/child-%1").arg(i),
                    QStringLiteral("2023-%1-15T00:00:00.000Z").arg(2 + i, 2, 10, QLatin1Char('0')),
                    {}, -1, "org/mixed-7b");
                child.bases.front().relation = relations[i];
                children.push_back(child);
            }
            QVERIFY2(store->savePage(fetch, "org/mixed-7b", {}, children, {}, true, &error),
                     qPrintable(error));
            QVERIFY(store->finishFetch(fetch, "complete", &error));
        }
        const auto lastCount = [](const MainWindow& w) {
            return w.tableModel()->rowCount() == 1 ? w.tableModel()->series(0).lastCount() : -1.0;
        };
        {
            MainWindow window;
            QCOMPARE(window.storeRelations(), QStringList({"finetune"}));  // the paper's default
            QVERIFY(openAndLoad(window, path));
            QCOMPARE(lastCount(window), 3.0);
            // Fit ▸ Count in Stores ▸ Adapters reloads the open store with them counted.
            QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
            QAction* adapters = nullptr;
            for (QAction* a : window.findChildren<QAction*>()) {
                if (a->data().toString() == QLatin1String("adapter"))
                    adapters = a;
            }
            QVERIFY(adapters && adapters->isCheckable() && !adapters->isChecked());
            adapters->trigger();
            QVERIFY(loaded.wait(60000));
            QCOMPARE(window.storeRelations(), QStringList({"finetune", "adapter"}));
            QCOMPARE(lastCount(window), 5.0);
            window.setStoreRelations({"finetune", "adapter", "merge", "unspecified", "distill"});
            QVERIFY(loaded.wait(60000));
            QCOMPARE(lastCount(window), 6.0);  // the unknown "distill" is dropped
            // Nothing chosen falls back to fine-tunes.
            window.setStoreRelations({});
            QVERIFY(loaded.wait(60000));
            QCOMPARE(lastCount(window), 3.0);
            window.setStoreRelations({"adapter", "finetune"});
            QVERIFY(loaded.wait(60000));
        }
        // Remembered by the next window; paper CSVs are unaffected.
        MainWindow again;
        QCOMPARE(again.storeRelations(), QStringList({"adapter", "finetune"}));
        QVERIFY(openAndLoad(again, path));
        QCOMPARE(lastCount(again), 5.0);
        again.setStoreRelations({"finetune"});
        QVERIFY(openAndLoad(again, "demo"));
        QSignalSpy loaded(&again, &MainWindow::datasetLoaded);
        again.setStoreRelations({"merge"});  // demo is no store: nothing to reload
        QVERIFY(!loaded.wait(500));
        again.setStoreRelations({"finetune"});
    }

    void aFailedOpenKeepsTheStore() {
        const QString path = dataDir_.filePath("keep.db");
        QCOMPARE(testing::writeSuccessorStore(path), QString());
        MainWindow window;
        QVERIFY(openAndLoad(window, path));
        const QString broken = dataDir_.filePath("broken.db");
        {
            QFile file(broken);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("not a database at all");
        }
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        window.openInput(broken);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy() || window.messageBar()->isVisible(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.messageBar()->text().isEmpty(), 30000);
        QCOMPARE(loaded.count(), 0);
        QCOMPARE(window.tableModel()->rowCount(), 4);
        QCOMPARE(window.currentInput(), path);
        auto* panel = qobject_cast<SuccessorsPanel*>(window.panel("successors"));
        QCOMPARE(int(panel->pairs().size()), 2);
    }
};

QTEST_MAIN(TestStorePanels)
#include "test_store_panels.moc"
