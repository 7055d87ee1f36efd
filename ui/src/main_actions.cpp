#include "hubgrowth/ui/main_actions.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QTabWidget>

#include "hubgrowth/data/dataset_loader.h"
#include "hubgrowth/data/hub/hub_model.h"
#include "hubgrowth/data/output_file.h"
#include "hubgrowth/ui/chart_export.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/export_chart_dialog.h"
#include "hubgrowth/ui/job_status.h"
#include "hubgrowth/ui/main_window.h"
#include "hubgrowth/ui/model_browser.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/panels/curve_panel.h"
#include "hubgrowth/ui/recent_inputs.h"
#include "hubgrowth/ui/table_export.h"

namespace hubgrowth {

MainActions::MainActions(MainWindow* window) : QObject(window), window_(window) {
    buildFileMenu();
    buildEditMenu();
    buildViewMenu();
    buildFitMenu();
    buildHelpMenu();
    for (ChartPanel* panel : window_->chartPanels()) {
        connect(panel, &ChartPanel::exportRequested, this, &MainActions::exportChartDialog);
        connect(panel, &ChartPanel::statusMessage, window_->jobStatus(), &JobStatus::setText);
    }
}

void MainActions::buildFileMenu() {
    QMenu* file = window_->menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainActions::openFileDialog);
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Open a paper-format CSV file"));
    file->addAction(tr("Open &Folder…"), this, &MainActions::openFolderDialog)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QAction* openStore = file->addAction(tr("Open &Store…"), this, &MainActions::openStoreDialog);
    openStore->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    openStore->setToolTip(tr("Open a HubGrowth store (the SQLite file `hubgrowth fetch` writes)"));
    file->addAction(tr("&Fetch from Hub…"), window_, &MainWindow::openFetchDialog)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    file->addAction(tr("&Import Paper CSV…"), this, &MainActions::importPaperCsvDialog)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    file->addAction(tr("Open &Demo Data"), this,
                    [this] { window_->openInput(QString::fromLatin1(kDemoInput)); });
    recent_ = new RecentInputs(file->addMenu(tr("&Recent")));
    connect(recent_, &RecentInputs::openRequested, window_, &MainWindow::openInput);
    file->addSeparator();
    file->addAction(tr("&Export Chart…"), this, &MainActions::exportChartDialog)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addAction(tr("Export &CSV…"), this, &MainActions::exportCsvDialog)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), window_, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
}

void MainActions::buildEditMenu() {
    QMenu* edit = window_->menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Copy Chart"), this, &MainActions::copyChart)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    edit->addAction(tr("&Find Model"), window_, [this] { window_->browser()->focusSearch(); })
        ->setShortcut(QKeySequence::Find);
    edit->addAction(tr("C&lear Filters"), window_, [this] { window_->browser()->clearFilters(); });
}

void MainActions::buildViewMenu() {
    QMenu* view = window_->menuBar()->addMenu(tr("&View"));
    QTabWidget* tabs = window_->tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        QAction* show =
            view->addAction(tabs->tabText(i), tabs, [tabs, i] { tabs->setCurrentIndex(i); });
        show->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + i)));
    }
    view->addSeparator();
    auto forEachPlot = [this](auto&& f) {
        if (ChartPanel* panel = window_->currentPanel()) {
            for (PlotView* plot : panel->plots())
                f(plot);
        }
    };
    view->addAction(tr("Zoom &In"), this,
                    [forEachPlot] { forEachPlot([](PlotView* p) { p->zoomBy(1.25); }); })
        ->setShortcut(QKeySequence::ZoomIn);
    view->addAction(tr("Zoom &Out"), this,
                    [forEachPlot] { forEachPlot([](PlotView* p) { p->zoomBy(0.8); }); })
        ->setShortcut(QKeySequence::ZoomOut);
    view->addAction(tr("&Reset Zoom"), this,
                    [forEachPlot] { forEachPlot([](PlotView* p) { p->resetZoom(); }); })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    CurvePanel* curve = window_->curvePanel();
    QAction* log = view->addAction(tr("&Log Scale (Curve)"));
    log->setCheckable(true);
    log->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(log, &QAction::toggled, curve, &CurvePanel::setLogScale);
    connect(curve, &CurvePanel::logScaleChanged, log, &QAction::setChecked);
    view->addSeparator();
    QAction* fullScreen = view->addAction(tr("&Full Screen"), window_, [this] {
        window_->setWindowState(window_->windowState() ^ Qt::WindowFullScreen);
    });
    // F11 everywhere, as the README says, besides the platform's own binding (none on a plain
    // X11 desktop).
    QList<QKeySequence> fullScreenKeys{QKeySequence(Qt::Key_F11)};
    for (const QKeySequence& key : QKeySequence::keyBindings(QKeySequence::FullScreen)) {
        if (!fullScreenKeys.contains(key))
            fullScreenKeys << key;
    }
    fullScreen->setShortcuts(fullScreenKeys);
}

void MainActions::buildFitMenu() {
    QMenu* fit = window_->menuBar()->addMenu(tr("F&it"));
    fit->addAction(tr("&Re-fit All Models"), window_, &MainWindow::startFitting)
        ->setShortcut(QKeySequence::Refresh);
    fit->addAction(tr("&Cancel"), window_, &MainWindow::cancelWork)
        ->setShortcut(QKeySequence::Cancel);
    fit->addSeparator();
    QMenu* count = fit->addMenu(tr("Count in &Stores"));
    count->setToolTipsVisible(true);
    const QList<std::pair<QString, QString>> relationLabels{
        {QStringLiteral("finetune"), tr("&Fine-tunes")},
        {QStringLiteral("adapter"), tr("&Adapters")},
        {QStringLiteral("quantized"), tr("&Quantizations")},
        {QStringLiteral("merge"), tr("&Merges")},
        {hub::kUnspecifiedRelation, tr("&Unspecified (no relation tag)")}};
    for (const auto& [relation, label] : relationLabels) {
        QAction* action = count->addAction(label);
        action->setData(relation);
        action->setCheckable(true);
        action->setChecked(window_->storeRelations().contains(relation));
        action->setToolTip(
            tr("Count children tagged base_model:%1 in the series of a Hub store").arg(relation));
        connect(action, &QAction::triggered, this, [this] {
            QStringList chosen;
            for (QAction* a : relationActions_) {
                if (a->isChecked())
                    chosen << a->data().toString();
            }
            window_->setStoreRelations(chosen);
        });
        relationActions_ << action;
    }
}

void MainActions::buildHelpMenu() {
    QMenu* help = window_->menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About HubGrowth"), this, &MainActions::showAbout)
        ->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)
        ->setMenuRole(QAction::AboutQtRole);
}

void MainActions::showStoreRelations(const QStringList& relations) {
    for (QAction* action : relationActions_)
        action->setChecked(relations.contains(action->data().toString()));
}

void MainActions::openFileDialog() {
    const QString path = QFileDialog::getOpenFileName(
        window_, tr("Open Data"), QString(), tr("Paper-format CSV (*.csv);;All files (*)"));
    if (!path.isEmpty())
        window_->openInput(path);
}

void MainActions::openFolderDialog() {
    const QString path =
        QFileDialog::getExistingDirectory(window_, tr("Open a Folder of Paper CSV Files"));
    if (!path.isEmpty())
        window_->openInput(path);
}

void MainActions::openStoreDialog() {
    const QString path =
        QFileDialog::getOpenFileName(window_, tr("Open HubGrowth Store"), QString(),
                                     tr("HubGrowth store (*.db *.sqlite);;All files (*)"));
    if (!path.isEmpty())
        window_->openInput(path);
}

void MainActions::importPaperCsvDialog() {
    const QStringList paths = QFileDialog::getOpenFileNames(
        window_, tr("Import Paper CSV (one or several organisations)"), QString(),
        tr("CSV files (*.csv)"));
    if (!paths.isEmpty())
        window_->openInputs(paths);
}

void MainActions::exportChartDialog() {
    ChartPanel* panel = window_->currentPanel();
    if (!panel)
        return;
    const QString suggested =
        QDir::home().filePath(QStringLiteral("hubgrowth-%1.png").arg(panel->chartId()));
    ExportChartDialog dialog(suggested, kDefaultExportSize, window_);
    if (dialog.exec() != QDialog::Accepted || dialog.path().isEmpty())
        return;
    const QString error = exportPanel(panel, dialog.path(), dialog.pixelSize(), dialog.scale());
    if (!error.isEmpty()) {
        window_->showError(error);
    } else {
        window_->jobStatus()->setText(
            tr("Chart exported to %1").arg(QDir::toNativeSeparators(dialog.path())));
    }
}

void MainActions::copyChart() {
    if (ChartPanel* panel = window_->currentPanel()) {
        copyPanelToClipboard(panel, panel->size());
        window_->jobStatus()->setText(tr("Chart copied to the clipboard"));
    }
}

void MainActions::exportCsvDialog() {
    const QStringList kinds{tr("Table: the rows shown, as sorted"), tr("Fits: every fitted model"),
                            tr("Series: the selected models, observed and fitted by month")};
    bool ok = false;
    const QString kind =
        QInputDialog::getItem(window_, tr("Export CSV"), tr("Export:"), kinds, 0, false, &ok);
    if (!ok)
        return;
    const int which = int(kinds.indexOf(kind));
    const QString name = which == 0   ? QStringLiteral("table")
                         : which == 1 ? QStringLiteral("fits")
                                      : QStringLiteral("series");
    const QString path = QFileDialog::getSaveFileName(
        window_, tr("Export CSV"),
        QDir::home().filePath(QStringLiteral("hubgrowth-%1.csv").arg(name)),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const ModelTableModel& model = *window_->tableModel();
    const QByteArray csv =
        which == 0 ? tableCsv(window_->filterProxy())
        : which == 1
            ? fitsCsv(model)
            : seriesCsv(model, window_->selectedSourceRows(), window_->curvePanel()->horizon(),
                        [this](int row) { return window_->curvePanel()->forecastFor(row); });
    const QString error = writeOutput(path, csv);
    if (!error.isEmpty()) {
        window_->showError(error);
    } else {
        window_->jobStatus()->setText(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
    }
}

void MainActions::showAbout() {
    const ModelTableModel& model = *window_->tableModel();
    const QString provenance =
        model.rowCount() > 0 ? QString::fromStdString(model.dataset().provenance).toHtmlEscaped()
                             : tr("No data loaded.");
    QMessageBox::about(
        window_, tr("About HubGrowth"),
        tr("<h3>HubGrowth %1</h3>"
           "<p>Forecasts how open-weight AI models are adopted on the Hugging Face Hub, by fitting "
           "the Wang–Song–Barabási model to each base model's cumulative fine-tunes:</p>"
           "<p align=center><i>c</i>(<i>t</i>) = <i>m</i> (exp(<i>λ</i> Φ((ln <i>t</i> − <i>μ</i>) "
           "/ "
           "<i>σ</i>)) − 1),&nbsp;&nbsp; <i>c</i><sub>∞</sub> = <i>m</i> (e<sup><i>λ</i></sup> − "
           "1)</p>"
           "<p><i>t</i>: months since the base model's creation; <i>λ</i>: fitness, <i>μ</i>: "
           "immediacy, <i>σ</i>: longevity; <i>m</i> = %2 (fixed).</p>"
           "<p>Method: Bhandari, Chen, Gao (2025), <i>Forecasting Open-Weight AI Model Growth on "
           "Hugging Face</i>, arXiv 2502.15987.</p>"
           "<p><b>Data:</b> %3</p>")
            .arg(QCoreApplication::applicationVersion())
            .arg(window_->fitM())
            .arg(provenance));
}

}  // namespace hubgrowth
