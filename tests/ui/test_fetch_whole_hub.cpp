// File ▸ Fetch from Hub… ▸ Whole Hub end to end against a small synthetic Hub on the loopback
// mock: the sweep runs on the fetch runner's worker thread with progress, stores exactly the
// Hub's models and the workbench opens the store; Refresh asks far fewer requests, Full records a
// new snapshot of every model, Cancel keeps whole pages and the next fetch resumes, a Hub that
// answers 500 fails in the dialog and opens nothing. Then the Downloads tab on that store.
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include "hubgrowth/data/hub_fetch_runner.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/data/store/snapshot_history.h"
#include "hubgrowth/testsupport/mock_hub.h"
#include "hubgrowth/testsupport/synthetic_hub.h"
#include "hubgrowth/testsupport/ui_test_support.h"
#include "hubgrowth/ui/chart_export.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/fetch_dialog.h"
#include "hubgrowth/ui/main_window.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/panels/downloads_panel.h"

using namespace hubgrowth;
using mockhub::Fault;
using mockhub::FaultKind;

namespace {

constexpr int kHubSize = 2000;
constexpr int kPageSize = 100;

qint64 scalar(const QString& db, const QString& sql) {
    QString error;
    const auto store = store::HubStore::openReadOnly(db, &error);
    if (!store)
        return -1;
    QSqlQuery q(store->database());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

// Fills the dialog for the whole Hub and presses Fetch.
void fetchWholeHub(FetchDialog* dialog, const QUrl& endpoint, const QString& db, bool full) {
    dialog->setMode(FetchDialog::Mode::WholeHub);
    dialog
        ->findChild<QRadioButton*>(full ? QStringLiteral("fetchFull")
                                        : QStringLiteral("fetchRefresh"))
        ->setChecked(true);
    dialog->findChild<QLineEdit*>(QStringLiteral("fetchEndpoint"))->setText(endpoint.toString());
    dialog->findChild<QLineEdit*>(QStringLiteral("fetchStore"))->setText(db);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("fetchButton")),
                      Qt::LeftButton);
}

FetchOutcome waitForFetch(QSignalSpy& fetched) {
    if (fetched.isEmpty() && !fetched.wait(120000))
        return {};
    return fetched.takeFirst().front().value<FetchOutcome>();
}

int pointsOf(const PlotView* plot) {
    int n = 0;
    for (int i = 0; i < plot->seriesCount(); ++i) {
        if (plot->series(i).style == PlotSeries::Style::Points)
            n += plot->series(i).points.size();
    }
    return n;
}

}  // namespace

class TestFetchWholeHub : public QObject {
    Q_OBJECT
    QTemporaryDir settingsDir_;
    QTemporaryDir home_;
    mockhub::MockHub hub_;
    std::shared_ptr<mockhub::SyntheticHub> synthetic_;
    QTemporaryDir dir_;
    QString db_;

  private slots:
    void initTestCase() {
        testing::isolateSettings(settingsDir_);
        for (const char* name : {"HF_TOKEN", "HF_TOKEN_PATH", "HF_ENDPOINT"})
            qunsetenv(name);
        qputenv("HF_HOME", home_.filePath(QStringLiteral("hf")).toUtf8());
        qputenv("XDG_DATA_HOME", home_.filePath(QStringLiteral("data")).toUtf8());
        QVERIFY(hub_.start());
        synthetic_ = std::make_shared<mockhub::SyntheticHub>(kHubSize);
        hub_.setSyntheticHub(synthetic_);
        hub_.setMaxPageSize(kPageSize);
        db_ = dir_.filePath(QStringLiteral("hub.db"));
    }

    void theDialogOffersTheWholeHubWithRefreshByDefault() {
        FetchDialog dialog;
        dialog.setMode(FetchDialog::Mode::WholeHub);
        QVERIFY(dialog.findChild<QRadioButton*>(QStringLiteral("fetchRefresh"))->isChecked());
        const QString note = dialog.findChild<QLabel*>(QStringLiteral("wholeHubNote"))->text();
        QVERIFY2(note.contains(QStringLiteral("resumes")), qPrintable(note));
        dialog.findChild<QLineEdit*>(QStringLiteral("fetchStore"))->setText(db_);
        const FetchRequest request = dialog.request();
        QVERIFY(request.wholeHub);
        QVERIFY(!request.plan.full);
        QCOMPARE(request.plan.depth, 1);
        dialog.findChild<QRadioButton*>(QStringLiteral("fetchFull"))->setChecked(true);
        QVERIFY(dialog.request().plan.full);
    }

    void aWholeHubFetchStoresEveryModelAndOpensTheStore() {
        MainWindow window;
        window.show();
        QVERIFY(testing::openAndLoad(window, QStringLiteral("demo")));
        auto* runner = window.findChild<HubFetchRunner*>();
        QVERIFY(runner);
        QSignalSpy progress(runner, &HubFetchRunner::sweepProgress);
        QSignalSpy fetched(&window, &MainWindow::fetchFinished);
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        fetchWholeHub(window.openFetchDialog(), hub_.endpoint(), db_, false);
        QVERIFY(window.isFetching());
        QVERIFY(runner->workerThread() != QThread::currentThread());
        const FetchOutcome outcome = waitForFetch(fetched);
        QVERIFY(outcome.wholeHub);
        QVERIFY2(outcome.sweep.fatal.isEmpty(), qPrintable(outcome.sweep.fatal));
        QVERIFY(outcome.sweep.complete);
        QCOMPARE(outcome.sweep.mode, store::SweepMode::First);
        QCOMPARE(outcome.sweep.models, qint64(kHubSize));
        QCOMPARE(hub_.sweepRequests(), kHubSize / kPageSize);
        QVERIFY(!progress.isEmpty());
        const auto last = progress.back().front().value<hub::SweepProgress>();
        QCOMPARE(last.models, qint64(kHubSize));
        QCOMPARE(scalar(db_, "SELECT count(*) FROM models"), qint64(kHubSize));
        QCOMPARE(scalar(db_, "SELECT count(*) FROM edges"), qint64(synthetic_->edges().size()));
        QVERIFY(loaded.wait(60000));
        QCOMPARE(window.currentInput(), db_);
        QVERIFY(window.tableModel()->rowCount() > 0);
    }

    void aRefreshAsksFarFewerRequests() {
        synthetic_->grow(30);
        const int before = hub_.sweepRequests();
        MainWindow window;
        QSignalSpy fetched(&window, &MainWindow::fetchFinished);
        fetchWholeHub(window.openFetchDialog(), hub_.endpoint(), db_, false);
        const FetchOutcome outcome = waitForFetch(fetched);
        QVERIFY2(outcome.sweep.fatal.isEmpty(), qPrintable(outcome.sweep.fatal));
        QCOMPARE(outcome.sweep.mode, store::SweepMode::Refresh);
        QVERIFY(outcome.sweep.complete);
        const int asked = hub_.sweepRequests() - before;
        QVERIFY2(asked <= 3, qPrintable(QString::number(asked)));
        QCOMPARE(scalar(db_, "SELECT count(*) FROM models"), qint64(synthetic_->size()));
    }

    void aFullReListRecordsANewSnapshotOfEveryModel() {
        synthetic_->nextDay();
        MainWindow window;
        QSignalSpy fetched(&window, &MainWindow::fetchFinished);
        fetchWholeHub(window.openFetchDialog(), hub_.endpoint(), db_, true);
        const FetchOutcome outcome = waitForFetch(fetched);
        QVERIFY2(outcome.sweep.fatal.isEmpty(), qPrintable(outcome.sweep.fatal));
        QCOMPARE(outcome.sweep.mode, store::SweepMode::Full);
        const qint64 sweep = scalar(db_, "SELECT max(id) FROM sweeps WHERE mode = 'full'");
        QVERIFY(sweep > 0);
        QCOMPARE(
            scalar(
                db_,
                QStringLiteral("SELECT count(*) FROM sweep_snapshots WHERE sweep = %1").arg(sweep)),
            qint64(synthetic_->size()));
    }

    void aCancelledSweepResumesNextTime() {
        const QString db = dir_.filePath(QStringLiteral("cancelled.db"));
        hub_.addFault(Fault{FaultKind::Slow, QString(), -1, 200, 300, {}, 0});
        MainWindow window;
        window.show();
        QVERIFY(testing::openAndLoad(window, QStringLiteral("demo")));
        auto* runner = window.findChild<HubFetchRunner*>();
        QSignalSpy progress(runner, &HubFetchRunner::sweepProgress);
        QSignalSpy fetched(&window, &MainWindow::fetchFinished);
        fetchWholeHub(window.openFetchDialog(), hub_.endpoint(), db, false);
        QVERIFY(progress.wait(60000));
        window.cancelWork();
        FetchOutcome outcome = waitForFetch(fetched);
        hub_.clearFaults();
        QVERIFY(outcome.sweep.cancelled);
        QVERIFY(outcome.sweep.pages >= 1);
        QVERIFY(outcome.sweep.models < synthetic_->size());
        QVERIFY2(window.statusText().contains(QStringLiteral("cancelled")),
                 qPrintable(window.statusText()));
        fetchWholeHub(window.openFetchDialog(), hub_.endpoint(), db, false);
        outcome = waitForFetch(fetched);
        QVERIFY(outcome.sweep.resumed);
        QVERIFY(outcome.sweep.complete);
        QCOMPARE(scalar(db, "SELECT count(*) FROM models"), qint64(synthetic_->size()));
    }

    void aHubAnswering500FailsInTheDialogAndOpensNothing() {
        const QString db = dir_.filePath(QStringLiteral("failed.db"));
        hub_.addFault(Fault{FaultKind::Status, QString(), -1, 500, 0, {}, 2});
        MainWindow window;
        window.show();
        QVERIFY(testing::openAndLoad(window, QStringLiteral("demo")));
        QSignalSpy fetched(&window, &MainWindow::fetchFinished);
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        FetchDialog* dialog = window.openFetchDialog();
        dialog->setMode(FetchDialog::Mode::WholeHub);
        dialog->findChild<QLineEdit*>(QStringLiteral("fetchEndpoint"))
            ->setText(hub_.endpoint().toString());
        dialog->findChild<QLineEdit*>(QStringLiteral("fetchStore"))->setText(db);
        QVERIFY(dialog->validate().isEmpty());
        // The dialog's request with quick retries (the default backs off for a minute).
        FetchRequest request = dialog->request();
        request.client.retry.baseDelayMs = 10;
        dialog->close();
        QVERIFY(window.startFetch(request));
        const FetchOutcome outcome = waitForFetch(fetched);
        hub_.clearFaults();
        QVERIFY(!outcome.sweep.fatal.isEmpty());
        QTRY_VERIFY(dialog->isVisible());
        const QString error = dialog->errorText();
        QVERIFY2(error.contains(QStringLiteral("failed"), Qt::CaseInsensitive), qPrintable(error));
        QVERIFY2(error.contains(outcome.sweep.fatal), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("resumes")), qPrintable(error));
        QVERIFY(!loaded.wait(500));
        QCOMPARE(window.currentInput(), QStringLiteral("demo"));
        QVERIFY2(window.statusText().contains(QStringLiteral("failed")),
                 qPrintable(window.statusText()));
    }

    void theDownloadsTabShowsTheStoresSnapshots() {
        MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(testing::openAndLoad(window, db_));
        auto* panel = qobject_cast<DownloadsPanel*>(window.panel(QStringLiteral("downloads")));
        QVERIFY(panel);
        QCOMPARE(panel->storePath(), db_);
        QSignalSpy hubRead(panel, &DownloadsPanel::hubHistoryRead);
        window.tabs()->setCurrentWidget(panel);
        // The whole Hub's totals are summed on a worker, never on the UI thread.
        PlotView* hubPlot = panel->plots()[1];
        QVERIFY(panel->isReadingHub());
        QVERIFY2(hubPlot->title().contains(QStringLiteral("summing")),
                 qPrintable(hubPlot->title()));
        QCOMPARE(pointsOf(hubPlot), 0);
        QTRY_COMPARE(hubRead.size(), 1);
        QVERIFY(!panel->isReadingHub());
        // Whole Hub: the first sweep and the full re-list; the refresh is left out.
        QCOMPARE(pointsOf(hubPlot), 2);
        QVERIFY2(hubPlot->title().contains(QStringLiteral("refreshes left out")),
                 qPrintable(hubPlot->title()));
        // Sweeps seconds apart still get time ticks (the axis steps in whole minutes).
        QVERIFY(hubPlot->axisLabels(Qt::Horizontal).size() >= 2);
        // The selected model follows the table, with exactly the store's snapshots.
        const QString id = QString::fromStdString(window.tableModel()->series(0).id);
        window.selectModel(id);
        PlotView* modelPlot = panel->plots()[0];
        const auto history = store::loadModelHistory(db_, id);
        QVERIFY(history.points.size() >= 2);
        QTRY_COMPARE(pointsOf(modelPlot), int(history.points.size()));
        QVERIFY2(modelPlot->title().contains(id), qPrintable(modelPlot->title()));
        const QString other = QString::fromStdString(window.tableModel()->series(1).id);
        window.selectModel(other);
        QTRY_VERIFY(modelPlot->title().contains(other));
        // It exports like the other tabs.
        const QByteArray csv = panelCsv(panel);
        QVERIFY2(csv.contains(other.toUtf8()), csv.constData());
        QVERIFY(csv.contains("whole Hub"));
        // One row per snapshot (the line and its markers are one series), and the header.
        const int rows = int(csv.count('\n'));
        QCOMPARE(rows, 1 + int(store::loadModelHistory(db_, other).points.size()) + 2);
        for (const QString& name : {QStringLiteral("d.png"), QStringLiteral("d.svg")}) {
            const QString path = dir_.filePath(name);
            const QString error = exportPanel(panel, path, QSize(900, 700), 1.0);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(QFileInfo(path).size() > 1000);
        }
        QVERIFY(testing::pixelSpread(renderPanel(panel, QSize(900, 700), 1.0)) > 5.0);
    }

    void aStoreWithOneSweepSaysSo() {
        const QString db = dir_.filePath(QStringLiteral("one.db"));
        MainWindow window;
        QSignalSpy fetched(&window, &MainWindow::fetchFinished);
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        fetchWholeHub(window.openFetchDialog(), hub_.endpoint(), db, false);
        QVERIFY(waitForFetch(fetched).sweep.complete);
        QVERIFY(loaded.wait(60000));
        auto* panel = qobject_cast<DownloadsPanel*>(window.panel(QStringLiteral("downloads")));
        panel->refreshNow();
        QTRY_VERIFY(!panel->isReadingHub());
        panel->refreshNow();
        const QString one = QStringLiteral(
            "one snapshot so far: run a full refresh to start a "
            "history");
        QVERIFY2(panel->plots()[1]->title().contains(one), qPrintable(panel->plots()[1]->title()));
        window.selectModel(QString::fromStdString(window.tableModel()->series(0).id));
        panel->refreshNow();
        QVERIFY2(panel->plots()[0]->title().contains(one), qPrintable(panel->plots()[0]->title()));
        QVERIFY2(panel->noteText().contains(QStringLiteral("one snapshot so far")),
                 qPrintable(panel->noteText()));
    }

    void aCsvInputHasNoSnapshots() {
        QTemporaryDir dir;
        const QString csv = testing::writeSyntheticCsv(dir, 20);
        MainWindow window;
        QVERIFY(testing::openAndLoad(window, csv));
        auto* panel = qobject_cast<DownloadsPanel*>(window.panel(QStringLiteral("downloads")));
        QVERIFY(panel->storePath().isEmpty());
        panel->refreshNow();
        QVERIFY2(panel->noteText().contains(QStringLiteral("comes from a Hub store")),
                 qPrintable(panel->noteText()));
        QCOMPARE(panel->plots()[0]->seriesCount(), 0);
    }
};

QTEST_MAIN(TestFetchWholeHub)
#include "test_fetch_whole_hub.moc"
