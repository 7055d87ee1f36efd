#include "hubgrowth/ui/main_window.h"

#include <algorithm>

#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/data/dataset_load_job.h"
#include "hubgrowth/data/dataset_loader.h"
#include "hubgrowth/data/hub/hub_model.h"
#include "hubgrowth/ui/app_settings.h"
#include "hubgrowth/ui/demo_notice.h"
#include "hubgrowth/ui/fetch_dialog.h"
#include "hubgrowth/ui/fit_tool_bar.h"
#include "hubgrowth/ui/job_status.h"
#include "hubgrowth/ui/main_actions.h"
#include "hubgrowth/ui/model_browser.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/panels/as_of_link.h"
#include "hubgrowth/ui/panels/concentration_panel.h"
#include "hubgrowth/ui/panels/curve_panel.h"
#include "hubgrowth/ui/panels/downloads_panel.h"
#include "hubgrowth/ui/panels/panel_factory.h"
#include "hubgrowth/ui/panels/parameters_panel.h"
#include "hubgrowth/ui/recent_inputs.h"
#include "hubgrowth/ui/table_forecaster.h"

namespace hubgrowth {

namespace {

// Streaming fit results redraw the visible chart at most this often.
constexpr int kPanelRefreshMs = 250;
// Spinning m or K quickly starts one fit, not one per step.
constexpr int kRefitDelayMs = 300;

QString inputLabel(const QString& input) {
    return input == QLatin1String(kDemoInput) ? QObject::tr("Demo data (synthetic)")
                                              : QDir::toNativeSeparators(input);
}

using Source = JobStatus::Source;

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), model_(new ModelTableModel(this)), proxy_(new ModelFilterProxy(this)) {
    proxy_->setSourceModel(model_);
    setWindowTitle(tr("HubGrowth"));

    browser_ = new ModelBrowser(model_, proxy_);
    connect(browser_, &ModelBrowser::selectionChanged, this, &MainWindow::onSelectionChanged);

    tabs_ = new QTabWidget();
    tabs_->setDocumentMode(true);
    for (const QString& id : workbenchTabIds()) {
        ChartPanel* panel = createChartPanel(id, model_, proxy_).release();
        panels_ << panel;
        tabs_->addTab(panel, panel->displayName());
        connect(panel, &ChartPanel::rowActivated, browser_, &ModelBrowser::selectSourceRow);
    }

    splitter_ = new QSplitter();
    splitter_->addWidget(browser_);
    splitter_->addWidget(tabs_);
    splitter_->setStretchFactor(0, 2);
    splitter_->setStretchFactor(1, 3);
    splitter_->setSizes({560, 840});

    demoNotice_ = new DemoNotice();
    // The banner's buttons do what the File menu's entries of the same name do (actions_ is
    // built below, before anything can be clicked).
    connect(demoNotice_, &DemoNotice::fetchRequested, this, &MainWindow::openFetchDialog);
    connect(demoNotice_, &DemoNotice::importRequested, this,
            [this] { actions_->importPaperCsvDialog(); });
    connect(demoNotice_, &DemoNotice::openStoreRequested, this,
            [this] { actions_->openStoreDialog(); });
    messages_ = new MessageBar();

    auto* central = new QWidget();
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(demoNotice_);
    layout->addWidget(messages_);
    layout->addWidget(splitter_, 1);
    setCentralWidget(central);

    jobStatus_ = new JobStatus(statusBar());
    connect(jobStatus_, &JobStatus::cancelRequested, this, &MainWindow::cancelWork);

    refitTimer_ = new QTimer(this);
    refitTimer_->setSingleShot(true);
    refitTimer_->setInterval(kRefitDelayMs);
    connect(refitTimer_, &QTimer::timeout, this, &MainWindow::startFitting);
    panelTimer_ = new QTimer(this);
    panelTimer_->setSingleShot(true);
    panelTimer_->setInterval(kPanelRefreshMs);
    connect(panelTimer_, &QTimer::timeout, this, &MainWindow::refreshPanels);

    fitBar_ = new FitToolBar();
    addToolBar(fitBar_);
    tableForecaster_ = new TableForecaster(model_, this);
    connect(tableForecaster_, &TableForecaster::progressed, this,
            [this](const QString& what, int done, int total) {
                jobStatus_->showProgress(Source::Background, what, done, total);
            });
    connect(tableForecaster_, &TableForecaster::finished, this, [this](bool cancelled) {
        jobStatus_->clear(Source::Background);
        const QString column =
            model_->headerData(ModelTableModel::Forecast12, Qt::Horizontal, Qt::DisplayRole)
                .toString();
        jobStatus_->showMessage(Source::Background,
                                cancelled ? tr("%1: cancelled").arg(column)
                                          : tr("%1 forecast for every model").arg(column));
        if (!cancelled && proxy_->sortColumn() == ModelTableModel::Forecast12)
            proxy_->sort(proxy_->sortColumn(), proxy_->sortOrder());
        emit tableForecastsFinished(cancelled);
    });
    connect(fitBar_, &FitToolBar::changed, this, [this] {
        curvePanel()->setFirstMonths(fitBar_->firstMonths());  // the cut shows at once
        scheduleRefit();
    });
    actions_ = new MainActions(this);
    setStoreRelations(settings::kStoreRelations.value());
    connect(model_, &ModelTableModel::fitsChanged, this, &MainWindow::onFitsChanged);
    connect(proxy_, &ModelFilterProxy::filterChanged, this, [this] {
        browser_->updateSummary();
        refreshPanels();
    });
    connectPersistentSettings();
    linkAsOfControls(panel(QStringLiteral("curve")), panel(QStringLiteral("rising")));

    setUpFetchRunner();
    // Roomy by default, but never larger than the screen it opens on (1024×700 included).
    QSize size(1400, 860);
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size());
    resize(size);
}

MainWindow::~MainWindow() {
    if (job_)
        job_->cancel();
    if (loader_)
        loader_->cancel();  // the jobs' destructors (children of this) wait for their threads
}

// Each chart option is saved where it changes, so it survives even a window that is never
// closed properly.
void MainWindow::connectPersistentSettings() {
    connect(curvePanel(), &CurvePanel::horizonChanged, this, [this](int months) {
        settings::kCurveHorizon.set(months);
        startTableForecasts();
    });
    connect(curvePanel(), &CurvePanel::logScaleChanged, this,
            [](bool log) { settings::kCurveLog.set(log); });
    connect(curvePanel(), &CurvePanel::datesChanged, this,
            [](bool dates) { settings::kCurveDates.set(dates); });
    connect(curvePanel(), &CurvePanel::methodChanged, this, [this](const QString& name) {
        settings::kCurveMethod.set(name);
        startTableForecasts();
    });
    if (auto* concentration =
            qobject_cast<ConcentrationPanel*>(panel(QStringLiteral("concentration")))) {
        connect(concentration, &ConcentrationPanel::measureChanged, this,
                [](ConcentrationPanel::Measure measure) {
                    settings::kConcentrationMeasure.set(int(measure));
                });
    }
}

void MainWindow::setStoreRelations(const QStringList& relations) {
    if (adoptStoreRelations(relations) && currentIsStore_ && !loader_) {
        afterLoad_.set(tr("Counting %1 children.").arg(storeRelations_.join(QStringLiteral(", "))),
                       MessageBar::Level::Info);
        openInputs(currentInput_.split(QLatin1Char(';')));
    }
}

bool MainWindow::adoptStoreRelations(const QStringList& relations) {
    QStringList known;
    for (const QString& r : relations) {
        if ((hub::kRelations.contains(r) || r == hub::kUnspecifiedRelation) && !known.contains(r))
            known << r;
    }
    if (known.isEmpty())
        known = store::kDefaultRelations;
    actions_->showStoreRelations(known);
    if (known == storeRelations_)
        return false;
    storeRelations_ = known;
    settings::kStoreRelations.set(storeRelations_);
    return true;
}

bool MainWindow::isBusy() const {
    return loader_ != nullptr || (job_ && job_->isRunning());
}

void MainWindow::openInput(const QString& input) {
    openInputs({input});
}

void MainWindow::openInputs(const QStringList& inputs) {
    if (inputs.isEmpty())
        return;
    cancelLoadAndFit();
    jobStatus_->showProgress(Source::LoadOrFit,
                             tr("Loading %1…")
                                 .arg(inputs.size() == 1 ? inputLabel(inputs.front())
                                                         : tr("%1 files").arg(inputs.size())),
                             0, 0);
    auto* job = new DatasetLoadJob(this);
    loader_ = job;
    connect(job, &BackgroundJob::ended, this, [this, job] { onLoaded(job); });
    job->start(inputs, storeRelations_);
}

void MainWindow::onLoaded(DatasetLoadJob* job) {
    job->deleteLater();
    if (job != loader_)
        return;  // cancelled or superseded: the dataset shown stays
    loader_ = nullptr;
    ImportResult result = job->takeResult();
    const QStringList loadedInputs = job->inputs();
    const QString input = loadedInputs.join(QStringLiteral(";"));
    if (!result.ok()) {
        jobStatus_->clear(Source::LoadOrFit);
        showError(tr("Could not open %1: %2").arg(inputLabel(input), result.error));
        afterLoad_.showFailed(messages_, result.error);
        if (model_->rowCount() == 0 && input != QLatin1String(kDemoInput)) {
            openInput(QString::fromLatin1(kDemoInput));  // never leave the first window empty
        }
        return;
    }
    const bool synthetic = result.dataset.synthetic;
    const QString provenance = QString::fromStdString(result.dataset.provenance);
    QStringList warnings;
    for (const auto& line : result.dataset.warnings)
        warnings << QString::fromStdString(line);
    // The platform adds " — HubGrowth" (the display name) itself; a file's path goes where the
    // platform shows documents (proxy icon, recent documents).
    const bool isFile = loadedInputs.size() == 1 &&
                        loadedInputs.front() != QLatin1String(kDemoInput) &&
                        QFileInfo(loadedInputs.front()).isFile();
    setWindowFilePath(isFile ? loadedInputs.front() : QString());
    setWindowTitle(QString::fromStdString(result.dataset.name) + QStringLiteral("[*]"));
    currentInput_ = input;
    currentIsStore_ = result.dataset.fromStore;
    if (loadedInputs.size() == 1)
        actions_->recent()->remember(loadedInputs.front());
    settings::kSessionInputs.set(loadedInputs);

    // The selection's rows belong to the old dataset: drop them before the model changes.
    for (ChartPanel* panel : panels_) {
        panel->setSelectedRows({});
        // The Downloads tab reads the store's snapshots itself (one store opened alone).
        if (auto* downloads = qobject_cast<DownloadsPanel*>(panel))
            downloads->setStorePath(
                currentIsStore_ && loadedInputs.size() == 1 ? loadedInputs.front() : QString());
    }
    model_->setDataset(std::move(result.dataset), job->takeDigest());
    browser_->datasetChanged();
    demoNotice_->setProvenance(provenance);
    demoNotice_->setVisible(synthetic);
    afterLoad_.showLoaded(messages_, warnings);
    emit datasetLoaded();
    startFitting();  // at once: the window is busy from the load to the fit's end
}

void MainWindow::setFitSettings(double m, int firstMonths) {
    fitBar_->setValues(m, firstMonths);
    curvePanel()->setFirstMonths(fitBar_->firstMonths());
    if (model_->rowCount() > 0)
        startFitting();
}

double MainWindow::fitM() const {
    return fitBar_->m();
}

int MainWindow::fitFirstMonths() const {
    return fitBar_->firstMonths();
}

void MainWindow::scheduleRefit() {
    if (job_ && job_->isRunning())
        job_->cancel();  // stop wasted work at once
    refitTimer_->start();
}

void MainWindow::startFitting() {
    refitTimer_->stop();
    tableForecaster_->cancel();
    if (job_) {
        // Results of the old job must not land in the new table: disconnect before cancelling.
        job_->disconnect(this);
        job_->cancel();
        job_->deleteLater();
        job_ = nullptr;
    }
    if (model_->rowCount() == 0)
        return;
    model_->clearFits();
    auto* job = new BatchFitJob(this);
    job_ = job;
    connect(job, &BatchFitJob::chunkReady, this,
            [this, job](int first, int count, int done, int total) {
                if (job != job_)
                    return;
                std::vector<FitResult> fits;
                fits.reserve(static_cast<size_t>(count));
                for (int i = 0; i < count; ++i)
                    fits.push_back(job->result(first + i));
                model_->setFits(first, fits);
                jobStatus_->showProgress(Source::LoadOrFit, tr("Fitting…"), done, total);
            });
    connect(job, &BatchFitJob::finished, this, [this, job](bool cancelled) {
        if (job == job_)
            onFitFinished(cancelled);
    });
    BatchOptions options;
    options.fit.m = fitM();
    jobStatus_->showProgress(Source::LoadOrFit, tr("Fitting…"), 0, model_->rowCount());
    // The series are shared and cut on the workers: copying 200 k of them here took ~30 ms.
    job->start(model_->sharedSeries(), fitFirstMonths(), options);
    settings::kFitM.set(fitM());
    settings::kFitFirstMonths.set(fitFirstMonths());
}

void MainWindow::onFitFinished(bool cancelled) {
    jobStatus_->clear(Source::LoadOrFit);
    jobStatus_->showMessage(
        Source::LoadOrFit,
        cancelled
            ? tr("Fitting cancelled: %1 of %2 models fitted; the rest show no "
                 "parameters (F5 re-fits).")
                  .arg(model_->fittedCount())
                  .arg(model_->rowCount())
            : tr("%1 models fitted (m = %2%3).")
                  .arg(model_->rowCount())
                  .arg(fitM())
                  .arg(fitFirstMonths() > 0 ? tr(", first %1 months only").arg(fitFirstMonths())
                                            : QString()));
    // Only a quality filter and a sort on a fit column depend on the fits: re-applying them
    // otherwise would cost a sort of every row for nothing.
    if (proxy_->quality() != ModelFilterProxy::Quality::Any)
        proxy_->refilter();
    if (proxy_->sortColumn() >= ModelTableModel::Lambda)
        proxy_->sort(proxy_->sortColumn(), proxy_->sortOrder());
    if (!pendingSelection_.isEmpty()) {
        selectModel(pendingSelection_);
        pendingSelection_.clear();
    }
    QTableView* table = browser_->table();
    if (!table->currentIndex().isValid() && proxy_->rowCount() > 0)
        table->selectRow(0);
    browser_->widenFitColumns();
    refreshPanels();
    emit fittingFinished(cancelled);
    if (!cancelled)
        startTableForecasts();
}

// The forecasts wait for the fit (the two would share the cores) and follow the Curve tab.
void MainWindow::startTableForecasts() {
    if (isBusy() || model_->rowCount() == 0)
        return;
    tableForecaster_->start(fitM(), curvePanel()->method(), curvePanel()->horizon(),
                            fitFirstMonths());
}

void MainWindow::cancelLoadAndFit() {
    refitTimer_->stop();
    tableForecaster_->cancel();
    if (job_ && job_->isRunning())
        job_->cancel();
    if (loader_) {
        // The load stops at its next input or base model; the old dataset stays.
        loader_->cancel();
        loader_ = nullptr;
        jobStatus_->clear(Source::LoadOrFit);
        jobStatus_->showMessage(Source::LoadOrFit, tr("Loading cancelled"));
        afterLoad_.clear();
    }
}

void MainWindow::cancelWork() {
    cancelLoadAndFit();
    for (ChartPanel* panel : panels_)
        panel->cancelBackgroundWork();
    if (fetchRunner_->isRunning()) {
        fetchRunner_->cancel();
        jobStatus_->showMessage(Source::Fetch,
                                tr("Cancelling the fetch (pages already stored are kept)…"));
    }
}

bool MainWindow::isFetching() const {
    return fetchRunner_->isRunning();
}

QString MainWindow::statusText() const {
    return jobStatus_->text();
}

void MainWindow::selectModel(const QString& id) {
    browser_->selectModel(id);
}

QVector<int> MainWindow::selectedSourceRows() const {
    return browser_->selectedSourceRows();
}

void MainWindow::onSelectionChanged() {
    const QVector<int> rows = selectedSourceRows();
    for (ChartPanel* panel : panels_)
        panel->setSelectedRows(rows);
    if (!rows.isEmpty())
        settings::kSessionModel.set(QString::fromStdString(model_->series(rows.front()).id));
}

void MainWindow::onFitsChanged() {
    if (!panelTimer_->isActive())
        panelTimer_->start();
}

void MainWindow::refreshPanels() {
    panelTimer_->stop();
    for (ChartPanel* panel : panels_)
        panel->invalidate();
}

void MainWindow::showError(const QString& text) {
    messages_->showMessage(text, MessageBar::Level::Error);
    jobStatus_->setText(text);
}

QTableView* MainWindow::tableView() const {
    return browser_->table();
}

ChartPanel* MainWindow::panel(const QString& chartId) const {
    for (ChartPanel* p : panels_) {
        if (p->chartId() == chartId)
            return p;
    }
    return nullptr;
}

CurvePanel* MainWindow::curvePanel() const {
    return qobject_cast<CurvePanel*>(panel(QStringLiteral("curve")));
}

ParametersPanel* MainWindow::parametersPanel() const {
    return qobject_cast<ParametersPanel*>(panel(QStringLiteral("parameters")));
}

PlotView* MainWindow::curveView() const {
    return curvePanel()->plots().front();
}

ChartPanel* MainWindow::currentPanel() const {
    return qobject_cast<ChartPanel*>(tabs_->currentWidget());
}

void MainWindow::restoreSession(const QStringList& explicitInputs) {
    restoreGeometry(settings::kWindowGeometry.value());
    restoreState(settings::kWindowState.value());
    if (!splitter_->restoreState(settings::kWindowSplitter.value()))
        splitter_->setSizes(
            {width() * 2 / 5, width() * 3 / 5});  // first launch: room for the table
    tabs_->setCurrentIndex(settings::kSessionTab.value());
    CurvePanel* curve = curvePanel();
    curve->setHorizon(settings::kCurveHorizon.value());
    curve->setLogScale(settings::kCurveLog.value());
    curve->setShowsDates(settings::kCurveDates.value());
    curve->setMethod(settings::kCurveMethod.value());
    if (auto* concentration =
            qobject_cast<ConcentrationPanel*>(panel(QStringLiteral("concentration")))) {
        concentration->setPreferredMeasure(
            ConcentrationPanel::Measure(settings::kConcentrationMeasure.value()));
    }
    fitBar_->setValues(settings::kFitM.value(), settings::kFitFirstMonths.value());
    curvePanel()->setFirstMonths(fitBar_->firstMonths());
    QStringList inputs = settings::kSessionInputs.value();
    if (explicitInputs.isEmpty() || explicitInputs == inputs)
        pendingSelection_ = settings::kSessionModel.value();
    if (!explicitInputs.isEmpty())
        inputs = explicitInputs;
    if (inputs.isEmpty())
        inputs = {QString::fromLatin1(kDemoInput)};  // first launch
    openInputs(inputs);
}

void MainWindow::saveSettings() const {
    settings::kWindowGeometry.set(saveGeometry());
    settings::kWindowState.set(saveState());
    settings::kWindowSplitter.set(splitter_->saveState());
    settings::kSessionTab.set(tabs_->currentIndex());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    cancelWork();
    QMainWindow::closeEvent(event);
}

}  // namespace hubgrowth
