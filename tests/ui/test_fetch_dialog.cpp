// File ▸ Fetch from Hub… end to end against the loopback mock Hub: the dialog's fetch runs on a
// worker thread, lands in a temporary store and the workbench opens it; cancel and resume; an
// HTTP error for one id; the token never appears in a widget; the Hub settings persist. Also the
// demo banner's one-click paths, the Concentration measure's persistence, every overlaid
// model's forecast bands and a cancellable load.
#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include "hubgrowth/data/hub_fetch_runner.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/testsupport/mock_hub.h"
#include "hubgrowth/testsupport/ui_test_support.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/fetch_dialog.h"
#include "hubgrowth/ui/main_window.h"
#include "hubgrowth/ui/message_bar.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/panels/concentration_panel.h"
#include "hubgrowth/ui/panels/curve_panel.h"

using namespace hubgrowth;
using mockhub::FaultKind;

namespace {

const QString kBase0 = QStringLiteral("mockorg/base-00");
const QString kBase1 = QStringLiteral("mockorg/base-01");
const QString kBase2 = QStringLiteral("mockorg/base-02");
const QByteArray kSecret = "hf_gui_secret_token_4711";
constexpr int kPage = 500;  // the Hub client's page size

int expectedCount(const mockhub::MockHub& hub, const QString& base) {
    return hub.childCount(base, QStringLiteral("finetune")) -
           hub.childCountUnknownDate(base, QStringLiteral("finetune"));
}

int requestsMatching(const mockhub::MockHub& hub, const QByteArray& part) {
    int n = 0;
    for (const auto& r : hub.requests())
        n += QUrl::fromPercentEncoding(r.target).toUtf8().contains(part);
    return n;
}

// Fills the dialog (base ids mode) and presses Fetch.
void fillAndFetch(FetchDialog* dialog, const QStringList& ids, const QUrl& endpoint,
                  const QString& store) {
    dialog->setMode(FetchDialog::Mode::Ids);
    dialog->findChild<QPlainTextEdit*>(QStringLiteral("fetchIds"))
        ->setPlainText(ids.join(QLatin1Char('\n')));
    dialog->findChild<QLineEdit*>(QStringLiteral("fetchEndpoint"))->setText(endpoint.toString());
    dialog->findChild<QLineEdit*>(QStringLiteral("fetchStore"))->setText(store);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("fetchButton")),
                      Qt::LeftButton);
}

// Every text a widget under root shows or would show on hover.
QStringList visibleTexts(const QWidget* root) {
    QStringList texts{root->windowTitle(), root->toolTip()};
    for (const QWidget* w : root->findChildren<QWidget*>()) {
        texts << w->toolTip() << w->windowTitle() << w->statusTip();
        if (auto* label = qobject_cast<const QLabel*>(w))
            texts << label->text();
        if (auto* edit = qobject_cast<const QLineEdit*>(w))
            texts << edit->displayText() << edit->placeholderText() << edit->text();
        if (auto* edit = qobject_cast<const QPlainTextEdit*>(w))
            texts << edit->toPlainText();
        if (auto* button = qobject_cast<const QAbstractButton*>(w))
            texts << button->text();
        if (auto* combo = qobject_cast<const QComboBox*>(w)) {
            for (int i = 0; i < combo->count(); ++i)
                texts << combo->itemText(i);
        }
    }
    return texts;
}

bool showsSecret(const QWidget* root) {
    for (const QString& text : visibleTexts(root)) {
        if (text.contains(QLatin1String(kSecret)))
            return true;
    }
    return false;
}

QStringList tableIds(const ModelTableModel* model) {
    QStringList ids;
    for (int row = 0; row < model->rowCount(); ++row)
        ids << QString::fromStdString(model->series(row).id);
    ids.sort();
    return ids;
}

int bandCount(const PlotView* view) {
    int bands = 0;
    for (int i = 0; i < view->seriesCount(); ++i)
        bands += view->series(i).style == PlotSeries::Style::Band;
    return bands;
}

}  // namespace

// datasetLoaded is awaited with QTRY on the spy's count, not QSignalSpy::wait: the load can end
// while another spy's wait (the fetch's) runs the event loop, and wait() would then wait for a
// second load that never comes.
class TestFetchDialog : public QObject {
    Q_OBJECT
    QTemporaryDir settingsDir_;
    QTemporaryDir home_;

  private slots:
    void initTestCase() {
        testing::isolateSettings(settingsDir_);
        for (const char* name : {"HF_TOKEN", "HF_TOKEN_PATH", "HF_ENDPOINT"})
            qunsetenv(name);
        // No token file of the user's, and the default store inside the test's folder.
        qputenv("HF_HOME", home_.filePath(QStringLiteral("hf")).toUtf8());
        qputenv("XDG_DATA_HOME", home_.filePath(QStringLiteral("data")).toUtf8());
    }
    void init() { QSettings().clear(); }

    void demoBannerFetchesALineageIntoTheWorkbench() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(3, 700);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("gui.db"));
        MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        window.openInput(QStringLiteral("demo"));
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
        auto* bannerFetch = window.findChild<QPushButton*>(QStringLiteral("demoFetch"));
        QVERIFY(bannerFetch && bannerFetch->isVisible());
        QVERIFY(window.findChild<QPushButton*>(QStringLiteral("demoImport"))->isVisible());
        QVERIFY(window.findChild<QPushButton*>(QStringLiteral("demoOpenStore"))->isVisible());
        QTest::mouseClick(bannerFetch, Qt::LeftButton);
        auto* dialog = window.findChild<FetchDialog*>();
        QVERIFY(dialog && dialog->isVisible());
        // Defaults: fine-tunes only, the real Hub, the app's store.
        QVERIFY(
            dialog->findChild<QAbstractButton*>(QStringLiteral("relation-finetune"))->isChecked());
        QVERIFY(
            !dialog->findChild<QAbstractButton*>(QStringLiteral("relation-adapter"))->isChecked());
        QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("fetchEndpoint"))->text(),
                 QStringLiteral("https://huggingface.co"));
        QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("fetchStore"))->text(),
                 QDir::toNativeSeparators(store::defaultStorePath()));

        QSignalSpy fetched(&window, &MainWindow::fetchFinished);
        loaded.clear();
        fillAndFetch(dialog, {kBase0, kBase2}, hub.endpoint(), db);
        QVERIFY(window.isFetching());
        // Never on the UI thread: the fetch runs on the runner's own, running thread.
        auto* runner = window.findChild<HubFetchRunner*>();
        QVERIFY(runner && runner->workerThread());
        QVERIFY(runner->workerThread() != QThread::currentThread());
        QVERIFY(runner->workerThread()->isRunning());
        auto* cancel = window.statusBar()->findChild<QPushButton*>();
        QVERIFY(cancel && cancel->isVisible());  // the status bar's Cancel serves the fetch
        QVERIFY(fetched.wait(120000));
        const auto outcome = fetched.front().front().value<FetchOutcome>();
        QVERIFY(outcome.storeError.isEmpty());
        QCOMPARE(outcome.summary.modelsFetched, 2);
        QVERIFY(outcome.summary.failures.empty());
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
        // Exactly the two bases, each with the mock's dated fine-tunes.
        QCOMPARE(tableIds(window.tableModel()), QStringList({kBase0, kBase2}));
        for (int row = 0; row < window.tableModel()->rowCount(); ++row) {
            const ModelSeries& s = window.tableModel()->series(row);
            QCOMPARE(int(s.lastCount()), expectedCount(hub, QString::fromStdString(s.id)));
        }
        QCOMPARE(window.currentInput(), db);
        QVERIFY(!window.findChild<QPushButton*>(QStringLiteral("demoFetch"))->isVisible());
        const QString summary = window.messageBar()->text();
        QVERIFY2(summary.contains(QStringLiteral("2 of 2 models fetched")), qPrintable(summary));
        QVERIFY2(!summary.contains(QStringLiteral("Failed")), qPrintable(summary));
        QVERIFY(!window.isFetching());
        QTRY_VERIFY(!cancel->isVisible() || window.isBusy());
    }

    void theFetchedRelationsAreCounted() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(1, 700);
        const int adapters = hub.childCount(kBase0, QStringLiteral("adapter")) -
                             hub.childCountUnknownDate(kBase0, QStringLiteral("adapter"));
        QVERIFY(adapters > 0);
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QCOMPARE(window.storeRelations(), QStringList({"finetune"}));
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        FetchDialog* dialog = window.openFetchDialog();
        dialog->findChild<QAbstractButton*>(QStringLiteral("relation-adapter"))->click();
        fillAndFetch(dialog, {kBase0}, hub.endpoint(), dir.filePath(QStringLiteral("both.db")));
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 120000);
        // The store opens counting what was fetched, not fine-tunes alone.
        QCOMPARE(window.storeRelations(), QStringList({"finetune", "adapter"}));
        QCOMPARE(window.tableModel()->rowCount(), 1);
        QCOMPARE(int(window.tableModel()->series(0).lastCount()),
                 expectedCount(hub, kBase0) + adapters);
    }

    void cancelAfterTheWorkerEndedIsHarmless() {
        // The worker may end (and its thread with it) while its finished() still waits in the
        // UI thread's queue; a Cancel clicked in that gap must not reach a deleted worker.
        QTemporaryDir dir;
        HubFetchRunner runner;
        QSignalSpy finished(&runner, &HubFetchRunner::finished);
        FetchRequest request;
        request.plan.ids = QStringList{kBase0};
        request.client.endpoint = QUrl(QStringLiteral("http://127.0.0.1:9"));
        request.storePath = dir.filePath(QStringLiteral("no/such/folder/x.db"));  // fails at once
        QVERIFY(runner.start(request));
        QVERIFY(runner.workerThread()->wait(30000));  // ended; finished() not delivered yet
        QVERIFY(runner.isRunning());
        runner.cancel();
        QVERIFY(finished.wait(30000));
        QVERIFY(!runner.isRunning());
        QVERIFY(!finished.front().front().value<FetchOutcome>().storeError.isEmpty());
        // And the runner takes the next fetch.
        QVERIFY(runner.start(request));
        QVERIFY(finished.wait(30000));
    }

    void cancelKeepsWholePagesAndASecondFetchResumes() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(1, 2600);
        const int total = hub.childCount(kBase0, QStringLiteral("finetune"));  // 1560: 4 pages
        const int pages = (total + kPage - 1) / kPage;
        hub.addFault({FaultKind::Slow, QStringLiteral("cursor="), -1, 200, 400, {}});
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("resume.db"));
        MainWindow window;
        window.show();
        auto* runner = window.findChild<HubFetchRunner*>();
        QVERIFY(runner);
        connect(runner, &HubFetchRunner::progress, &window, [&window](const hub::FetchProgress& p) {
            if (p.pages >= 1)
                window.cancelWork();  // the status bar's Cancel
        });
        QSignalSpy fetched(&window, &MainWindow::fetchFinished);
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        fillAndFetch(window.openFetchDialog(), {kBase0}, hub.endpoint(), db);
        QVERIFY(fetched.wait(120000));
        const auto first = fetched.takeFirst().front().value<FetchOutcome>();
        QVERIFY(first.summary.cancelled);
        QCOMPARE(first.summary.modelsFetched, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);  // what was kept is opened
        QVERIFY2(window.messageBar()->text().contains(QStringLiteral("cancelled")),
                 qPrintable(window.messageBar()->text()));
        int kept = 0;
        {
            QString error;
            const auto store = store::HubStore::openReadOnly(db, &error);
            QVERIFY2(store, qPrintable(error));
            kept = store->count(QStringLiteral("edges"));
            QVERIFY(kept >= kPage && kept < total);
            QCOMPARE(kept % kPage, 0);  // whole pages only
            QCOMPARE(int(store->children(kBase0).size()), kept);
            QCOMPARE(store->count(QStringLiteral("models")), 1 + kept);
            QVERIFY(!store->listing(kBase0, QStringLiteral("finetune")).complete);
        }

        disconnect(runner, &HubFetchRunner::progress, &window, nullptr);
        hub.clearFaults();
        hub.clearRequests();
        loaded.clear();
        fillAndFetch(window.openFetchDialog(), {kBase0}, hub.endpoint(), db);
        QVERIFY(fetched.wait(120000));
        const auto second = fetched.takeFirst().front().value<FetchOutcome>();
        QVERIFY(!second.summary.cancelled);
        QCOMPARE(second.summary.modelsFetched, 1);
        // Resumed at the saved cursor: no page twice, nothing doubled.
        QCOMPARE(requestsMatching(hub, "cursor="), pages - kept / kPage);
        {
            QString error;
            const auto store = store::HubStore::openReadOnly(db, &error);
            QVERIFY2(store, qPrintable(error));
            QCOMPARE(store->count(QStringLiteral("edges")), total);
            QCOMPARE(store->count(QStringLiteral("models")), 1 + total);
            QCOMPARE(store->count(QStringLiteral("bases")), 1);
            QVERIFY(store->listing(kBase0, QStringLiteral("finetune")).complete);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
        QCOMPARE(tableIds(window.tableModel()), QStringList{kBase0});
        QCOMPARE(int(window.tableModel()->series(0).lastCount()), expectedCount(hub, kBase0));
    }

    void closingTheWindowMidFetchStopsItAndKeepsWholePages() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(1, 2600);
        const int total = hub.childCount(kBase0, QStringLiteral("finetune"));
        hub.addFault({FaultKind::Slow, QStringLiteral("cursor="), -1, 200, 400, {}});
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("closed.db"));
        {
            MainWindow window;
            window.show();
            fillAndFetch(window.openFetchDialog(), {kBase0}, hub.endpoint(), db);
            QTRY_VERIFY_WITH_TIMEOUT(requestsMatching(hub, "cursor=") >= 1, 60000);
            QVERIFY(window.isFetching());
        }  // the destructor cancels the fetch and waits for its thread
        QString error;
        const auto store = store::HubStore::openReadOnly(db, &error);
        QVERIFY2(store, qPrintable(error));
        const int kept = store->count(QStringLiteral("edges"));
        QVERIFY(kept < total);
        QCOMPARE(kept % kPage, 0);
    }

    void anHttpErrorForOneIdIsReportedWhileTheRestIsFetched() {
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(2, 300);
        hub.addFault({FaultKind::Status, QStringLiteral("/api/models/mockorg/base-01"), -1, 404, 0,
                      "RepoNotFound"});
        // And one 429 on the way, which the status bar announces.
        hub.addFault(
            {FaultKind::RateLimited, QStringLiteral("/api/models/mockorg/base-00"), 1, 429, 0, {}});
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QStringList pauses;
        connect(window.findChild<HubFetchRunner*>(), &HubFetchRunner::rateLimited, &window,
                [&] { pauses << window.statusText(); });
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        fillAndFetch(window.openFetchDialog(), {kBase0, kBase1}, hub.endpoint(),
                     dir.filePath(QStringLiteral("partial.db")));
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 120000);
        QVERIFY(!pauses.isEmpty());
        QVERIFY2(pauses.front().contains(
                     QRegularExpression(QStringLiteral("rate-limited, resuming in [0-9]+ s"))),
                 qPrintable(pauses.front()));
        QCOMPARE(tableIds(window.tableModel()), QStringList{kBase0});
        QCOMPARE(int(window.tableModel()->series(0).lastCount()), expectedCount(hub, kBase0));
        const QString message = window.messageBar()->text();
        QVERIFY2(message.contains(QStringLiteral("1 of 2 models fetched")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("Failed: mockorg/base-01: ")),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("404")), qPrintable(message));
    }

    void theTokenIsUsedButNeverShown() {
        QSettings().setValue(QStringLiteral("hub/token"), kSecret);
        mockhub::MockHub hub;
        QVERIFY(hub.start());
        hub.addSyntheticLineage(1, 50);
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        FetchDialog* dialog = window.openFetchDialog();
        const QString status = dialog->findChild<QLabel*>(QStringLiteral("tokenStatus"))->text();
        QVERIFY2(status.contains(QStringLiteral("settings")), qPrintable(status));
        QVERIFY(!showsSecret(dialog));
        // Typing a token: masked while typed, gone from the field once saved.
        auto* field = dialog->findChild<QLineEdit*>(QStringLiteral("tokenSetting"));
        QCOMPARE(field->echoMode(), QLineEdit::Password);
        QTest::keyClicks(field, QString::fromLatin1(kSecret));
        QVERIFY(!field->displayText().contains(QLatin1String(kSecret)));
        QSignalSpy fetched(&window, &MainWindow::fetchFinished);
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        fillAndFetch(dialog, {kBase0}, hub.endpoint(), dir.filePath(QStringLiteral("t.db")));
        QVERIFY(fetched.wait(120000));
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
        int authorised = 0;
        for (const auto& r : hub.requests())
            authorised += r.authorization == QByteArray("Bearer ") + kSecret;
        QCOMPARE(authorised, hub.requestCount());  // the token went to the Hub ...
        QVERIFY(hub.requestCount() > 0);
        QVERIFY(!showsSecret(&window));  // ... and nowhere on screen
        FetchDialog* again = window.openFetchDialog();
        QVERIFY(!showsSecret(again));
        QVERIFY(again->findChild<QLineEdit*>(QStringLiteral("tokenSetting"))->text().isEmpty());
        // HF_TOKEN wins over the setting, and the status says so.
        FetchDialog envDialog(nullptr, [] {
            QProcessEnvironment env;
            env.insert(QStringLiteral("HF_TOKEN"), QStringLiteral("hf_from_env"));
            return env;
        }());
        const QString envStatus =
            envDialog.findChild<QLabel*>(QStringLiteral("tokenStatus"))->text();
        QVERIFY2(envStatus.contains(QStringLiteral("HF_TOKEN")), qPrintable(envStatus));
        QVERIFY(!envStatus.contains(QStringLiteral("hf_from_env")));
        QCOMPARE(envDialog.request().client.token, QByteArray("hf_from_env"));
    }

    void hubSettingsAndChoicesPersist() {
        {
            FetchDialog dialog;
            QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("tokenStatus"))->text().left(4),
                     QStringLiteral("none"));
            dialog.findChild<QLineEdit*>(QStringLiteral("endpointSetting"))
                ->setText(QStringLiteral("http://127.0.0.1:9/"));
            QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("tokenSetting")),
                             QStringLiteral("hf_saved"));
            QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("saveHubSettings")),
                              Qt::LeftButton);
        }
        QCOMPARE(QSettings().value(QStringLiteral("hub/endpoint")).toString(),
                 QStringLiteral("http://127.0.0.1:9/"));
        QCOMPARE(QSettings().value(QStringLiteral("hub/token")).toByteArray(),
                 QByteArray("hf_saved"));
        {
            FetchDialog dialog;
            QCOMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("fetchEndpoint"))->text(),
                     QStringLiteral("http://127.0.0.1:9"));
            QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("tokenStatus"))
                        ->text()
                        .contains(QStringLiteral("settings")));
            dialog.setMode(FetchDialog::Mode::Author);
            dialog.findChild<QLineEdit*>(QStringLiteral("fetchAuthor"))
                ->setText(QStringLiteral("mockorg"));
            dialog.findChild<QAbstractButton*>(QStringLiteral("relation-adapter"))->click();
            dialog.findChild<QAbstractButton*>(QStringLiteral("fetchRecursive"))->click();
            dialog.findChild<QSpinBox*>(QStringLiteral("fetchDepth"))->setValue(3);
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            const FetchRequest r = dialog.request();
            QCOMPARE(r.plan.author, QStringLiteral("mockorg"));
            QVERIFY(r.plan.ids.isEmpty());
            QCOMPARE(r.plan.relations, QStringList({"finetune", "adapter"}));
            QCOMPARE(r.plan.depth, 3);
            QCOMPARE(r.client.token, QByteArray("hf_saved"));
        }
        {
            FetchDialog dialog;  // the choices come back
            const FetchRequest r = dialog.request();
            QCOMPARE(r.plan.author, QStringLiteral("mockorg"));
            QCOMPARE(r.plan.relations, QStringList({"finetune", "adapter"}));
            QCOMPARE(r.plan.depth, 3);
            // HF_ENDPOINT overrides the setting.
            QProcessEnvironment env;
            env.insert(QStringLiteral("HF_ENDPOINT"), QStringLiteral("http://127.0.0.2:7"));
            FetchDialog fromEnv(nullptr, env);
            QCOMPARE(fromEnv.request().client.endpoint, QUrl(QStringLiteral("http://127.0.0.2:7")));
            // Forgetting the token.
            dialog.findChild<QAbstractButton*>(QStringLiteral("forgetToken"))->click();
            dialog.saveHubSettings();
            QVERIFY(!QSettings().contains(QStringLiteral("hub/token")));
        }
        // An invalid form is refused with a reason, not accepted.
        FetchDialog invalid;
        invalid.setMode(FetchDialog::Mode::Ids);
        invalid.findChild<QPlainTextEdit*>(QStringLiteral("fetchIds"))
            ->setPlainText(QStringLiteral("not an id"));
        invalid.accept();
        QVERIFY(invalid.result() != int(QDialog::Accepted));
        QVERIFY(!invalid.validate().isEmpty());
    }

    void theConcentrationMeasurePersists() {
        {
            MainWindow window;
            auto* panel = window.findChild<ConcentrationPanel*>();
            auto* combo = panel->findChild<QComboBox*>();
            QVERIFY(combo);
            const int index = combo->findData(int(ConcentrationPanel::Measure::Forecast12));
            combo->setCurrentIndex(index);
            emit combo->activated(index);  // as the user's choice
        }
        QCOMPARE(QSettings().value(QStringLiteral("concentration/measure")).toInt(),
                 int(ConcentrationPanel::Measure::Forecast12));
        MainWindow again;
        again.restoreSession({QStringLiteral("demo")});
        QCOMPARE(again.findChild<ConcentrationPanel*>()->measure(),
                 ConcentrationPanel::Measure::Forecast12);
    }

    void everyOverlaidModelGetsItsBands() {
        MainWindow window;
        window.show();
        QSignalSpy fitted(&window, &MainWindow::fittingFinished);
        window.openInput(QStringLiteral("demo"));
        QVERIFY(fitted.wait(120000));
        QTableView* table = window.tableView();
        table->clearSelection();
        table->selectionModel()->select(
            QItemSelection(table->model()->index(0, 0), table->model()->index(2, 0)),
            QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(window.selectedSourceRows().size(), 3);
        window.tabs()->setCurrentIndex(0);
        QTRY_COMPARE_WITH_TIMEOUT(bandCount(window.curveView()), 2 * 3, 120000);
        // One 95 % and one 80 % band per model, each in its model's colour.
        for (int row : window.selectedSourceRows()) {
            const QString id = QString::fromStdString(window.tableModel()->series(row).id);
            QVERIFY(window.curveView()->indexOfSeries(id + QStringLiteral(" 95 % interval")) >= 0 ||
                    window.curveView()->indexOfSeries(
                        id + QStringLiteral(" 95 % interval (clipped)")) >= 0);
        }
        QVERIFY(window.curvePanel()->summary().contains(QStringLiteral("3 of 3 forecasts drawn")));
    }

    void aLoadIsCancelledFromTheStatusBarWithoutBlocking() {
        QTemporaryDir dir;
        const QString big = testing::writeSyntheticCsv(dir, 3000);
        QVERIFY(!big.isEmpty());
        MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        QSignalSpy fitted(&window, &MainWindow::fittingFinished);
        window.openInput(QStringLiteral("demo"));
        QVERIFY(fitted.wait(120000));
        const int demoRows = window.tableModel()->rowCount();
        window.openInput(big);
        QVERIFY(window.isBusy());
        window.cancelWork();
        QVERIFY(!window.isBusy());
        QCOMPARE(window.statusText(), QStringLiteral("Loading cancelled"));
        QTest::qWait(3000);  // the abandoned load ends on its thread; its result is dropped
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(window.tableModel()->rowCount(), demoRows);
        QCOMPARE(window.currentInput(), QStringLiteral("demo"));
        // Opening again while a load runs supersedes it without waiting for it.
        window.openInput(big);
        window.openInput(QStringLiteral("demo"));
        QVERIFY(loaded.wait(60000));
        QCOMPARE(window.currentInput(), QStringLiteral("demo"));
        QTest::qWait(2000);
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(window.tableModel()->rowCount(), demoRows);
    }
    void aFailedFetchSaysWhyInTheDialogAndOpensNothing() {
        // Nothing listens on port 9: every request fails at once, as without a network.
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("unreachable.db"));
        MainWindow window;
        window.show();
        QVERIFY(testing::openAndLoad(window, QStringLiteral("demo")));
        QSignalSpy fetched(&window, &MainWindow::fetchFinished);
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        fillAndFetch(window.openFetchDialog(), {kBase0}, QUrl(QStringLiteral("http://127.0.0.1:9")),
                     db);
        QVERIFY(fetched.wait(120000));
        const auto outcome = fetched.front().front().value<FetchOutcome>();
        QCOMPARE(outcome.summary.modelsFetched, 0);
        QVERIFY(!outcome.summary.failures.empty());
        // The dialog is up again and says it failed, and why.
        auto* dialog = window.findChild<FetchDialog*>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        const QString error = dialog->errorText();
        QVERIFY2(error.contains(QStringLiteral("failed"), Qt::CaseInsensitive), qPrintable(error));
        QVERIFY2(error.contains(kBase0), qPrintable(error));
        QVERIFY2(error.contains(outcome.summary.failures.front().reason), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("hubgrowth fetch")), qPrintable(error));
        // Nothing was opened: the demo stays, no empty store, no command line advice.
        QVERIFY(!loaded.wait(1000));
        QCOMPARE(window.currentInput(), QStringLiteral("demo"));
        QVERIFY(!window.messageBar()->text().contains(QStringLiteral("hubgrowth fetch")));
        QVERIFY2(window.statusText().contains(QStringLiteral("failed")),
                 qPrintable(window.statusText()));
    }
};

QTEST_MAIN(TestFetchDialog)
#include "test_fetch_dialog.moc"
