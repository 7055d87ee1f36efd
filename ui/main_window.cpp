#include "main_window.h"

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "chart_export.h"
#include "charts/plot_view.h"
#include "data/batch_fitter.h"
#include "data/dataset_loader.h"
#include "data/hub/hub_model.h"
#include "data/output_file.h"
#include "export_chart_dialog.h"
#include "fetch_dialog.h"
#include "message_bar.h"
#include "model_filter_proxy.h"
#include "model_table_model.h"
#include "panels/cohorts_panel.h"
#include "panels/concentration_panel.h"
#include "panels/curve_panel.h"
#include "panels/organisations_panel.h"
#include "panels/parameters_panel.h"
#include "panels/successors_panel.h"
#include "table_export.h"

namespace hubgrowth {

namespace {

// Streaming fit results redraw the visible chart at most this often.
constexpr int kPanelRefreshMs = 250;
// Spinning m or K quickly starts one fit, not one per step.
constexpr int kRefitDelayMs = 300;
constexpr int kAllMonths = 2;  // the K spin box's "all months" value (K < 3 cannot be fitted)

QString inputLabel(const QString& input) {
    return input == QLatin1String(kDemoInput) ? QObject::tr("Demo data (synthetic)")
                                              : QDir::toNativeSeparators(input);
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), model_(new ModelTableModel(this)), proxy_(new ModelFilterProxy(this)) {
    proxy_->setSourceModel(model_);
    setWindowTitle(tr("HubGrowth"));

    auto* browser = new QWidget();
    buildBrowser(browser);

    tabs_ = new QTabWidget();
    tabs_->setDocumentMode(true);
    curvePanel_ = new CurvePanel(model_, proxy_);
    parametersPanel_ = new ParametersPanel(model_, proxy_);
    concentrationPanel_ = new ConcentrationPanel(model_, proxy_);
    panels_ = {curvePanel_,
               parametersPanel_,
               new OrganisationsPanel(model_, proxy_),
               new CohortsPanel(model_, proxy_),
               concentrationPanel_,
               new SuccessorsPanel(model_, proxy_)};
    for (ChartPanel* panel : panels_) {
        tabs_->addTab(panel, panel->displayName());
        connect(panel, &ChartPanel::rowActivated, this, &MainWindow::selectSourceRow);
    }

    splitter_ = new QSplitter();
    splitter_->addWidget(browser);
    splitter_->addWidget(tabs_);
    splitter_->setStretchFactor(0, 2);
    splitter_->setStretchFactor(1, 3);
    splitter_->setSizes({560, 840});

    demoNotice_ = new QFrame();
    demoNotice_->setObjectName(QStringLiteral("demoNotice"));
    demoNotice_->setStyleSheet(
        QStringLiteral("#demoNotice { background: #fff4ce; border: 1px solid #e0c36c; }"));
    demoText_ = new QLabel();
    demoText_->setWordWrap(true);
    // One click to real data: fetch it, import the paper's CSV files, or open a fetched store.
    auto* fetchButton = new QPushButton(tr("Fetch…"));
    fetchButton->setObjectName(QStringLiteral("demoFetch"));
    fetchButton->setToolTip(tr("Fetch lineage from the Hugging Face Hub into a store"));
    auto* importButton = new QPushButton(tr("Import…"));
    importButton->setObjectName(QStringLiteral("demoImport"));
    importButton->setToolTip(tr("Import paper-format CSV files"));
    auto* storeButton = new QPushButton(tr("Open Store…"));
    storeButton->setObjectName(QStringLiteral("demoOpenStore"));
    storeButton->setToolTip(tr("Open a store written by a fetch"));
    connect(fetchButton, &QPushButton::clicked, this, &MainWindow::openFetchDialog);
    connect(importButton, &QPushButton::clicked, this, &MainWindow::importPaperCsvDialog);
    connect(storeButton, &QPushButton::clicked, this, &MainWindow::openStoreDialog);
    auto* noticeLayout = new QHBoxLayout(demoNotice_);
    noticeLayout->setContentsMargins(8, 4, 8, 4);
    noticeLayout->addWidget(demoText_, 1);
    noticeLayout->addWidget(fetchButton);
    noticeLayout->addWidget(importButton);
    noticeLayout->addWidget(storeButton);
    demoNotice_->hide();

    messages_ = new MessageBar();

    auto* central = new QWidget();
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(demoNotice_);
    layout->addWidget(messages_);
    layout->addWidget(splitter_, 1);
    setCentralWidget(central);

    status_ = new QLabel();
    progress_ = new QProgressBar();
    progress_->setMaximumWidth(220);
    progress_->hide();
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->setToolTip(tr("Stop loading, fitting or fetching (Esc)"));
    cancel_->hide();
    connect(cancel_, &QPushButton::clicked, this, &MainWindow::cancelWork);
    statusBar()->addWidget(status_, 1);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancel_);

    refitTimer_ = new QTimer(this);
    refitTimer_->setSingleShot(true);
    refitTimer_->setInterval(kRefitDelayMs);
    connect(refitTimer_, &QTimer::timeout, this, &MainWindow::startFitting);
    panelTimer_ = new QTimer(this);
    panelTimer_->setSingleShot(true);
    panelTimer_->setInterval(kPanelRefreshMs);
    connect(panelTimer_, &QTimer::timeout, this, &MainWindow::refreshPanels);

    buildFitToolBar();
    setStoreRelations(QSettings().value(QStringLiteral("store/relations")).toStringList());
    buildMenus();
    connect(&loader_, &QFutureWatcher<ImportResult>::finished, this, &MainWindow::onLoaded);
    connect(model_, &ModelTableModel::fitsChanged, this, &MainWindow::onFitsChanged);
    connect(proxy_, &ModelFilterProxy::filterChanged, this, [this] {
        updateFilterSummary();
        refreshPanels();
    });
    connect(curvePanel_, &CurvePanel::horizonChanged, this,
            [](int months) { QSettings().setValue(QStringLiteral("curve/horizon"), months); });
    connect(curvePanel_, &CurvePanel::methodChanged, this, [](const QString& name) {
        QSettings().setValue(QStringLiteral("curve/method"), name);
    });
    connect(concentrationPanel_, &ConcentrationPanel::measureChanged, this,
            [](ConcentrationPanel::Measure measure) {
                QSettings().setValue(QStringLiteral("concentration/measure"), int(measure));
            });

    fetchRunner_ = new HubFetchRunner(this);
    connect(fetchRunner_, &HubFetchRunner::progress, this, [this](const hub::FetchProgress& p) {
        setBusy(tr("Fetching from the Hub: models %1/%2, %3 pages, %4 children")
                    .arg(p.modelsDone)
                    .arg(p.modelsTotal)
                    .arg(p.pages)
                    .arg(p.childrenFound),
                p.modelsDone, std::max(p.modelsTotal, 0), true);
    });
    connect(fetchRunner_, &HubFetchRunner::rateLimited, this, [this](int seconds) {
        status_->setText(tr("Fetching from the Hub: rate-limited, resuming in %1 s").arg(seconds));
    });
    connect(fetchRunner_, &HubFetchRunner::finished, this, &MainWindow::onFetchFinished);
    resize(1400, 860);
}

MainWindow::~MainWindow() {
    if (job_)
        job_->cancel();
    // A running load is left to finish on the pool: its result is dropped with the watcher.
}

void MainWindow::buildBrowser(QWidget* container) {
    search_ = new QLineEdit();
    search_->setPlaceholderText(tr("Search models (Ctrl+F)"));
    search_->setClearButtonEnabled(true);
    orgFilter_ = new QComboBox();
    orgFilter_->setToolTip(tr("Show one organisation's models"));
    orgFilter_->addItem(tr("All organisations"), QString());
    minCount_ = new QSpinBox();
    minCount_->setRange(0, 1000000);
    minCount_->setPrefix(tr("≥ "));
    minCount_->setToolTip(tr("Minimum fine-tunes at the last observed month"));
    quality_ = new QComboBox();
    quality_->setToolTip(tr("Filter by fit quality (good: converged with R² ≥ 0.9)"));
    quality_->addItem(tr("Any fit"), int(ModelFilterProxy::Quality::Any));
    quality_->addItem(tr("Good fits"), int(ModelFilterProxy::Quality::Good));
    quality_->addItem(tr("Poor fits"), int(ModelFilterProxy::Quality::Poor));
    quality_->addItem(tr("Fitted"), int(ModelFilterProxy::Quality::Fitted));
    quality_->addItem(tr("Not fitted"), int(ModelFilterProxy::Quality::Unfitted));

    table_ = new QTableView();
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(ModelTableModel::LastCount, Qt::DescendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // Size columns from a sample of rows: measuring all of 20k rows stalls the window.
    table_->horizontalHeader()->setResizeContentsPrecision(300);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    table_->setToolTip(
        tr("Up/Down moves the selection and every chart follows; Ctrl/Shift-click "
           "selects several models to overlay on the Curve tab"));
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onSelectionChanged);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onSelectionChanged);

    filterSummary_ = new QLabel();
    auto* filters = new QHBoxLayout();
    filters->addWidget(orgFilter_, 1);
    filters->addWidget(minCount_);
    filters->addWidget(quality_);
    auto* layout = new QVBoxLayout(container);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(search_);
    layout->addLayout(filters);
    layout->addWidget(table_, 1);
    layout->addWidget(filterSummary_);

    connect(search_, &QLineEdit::textChanged, proxy_, &ModelFilterProxy::setSearchText);
    connect(orgFilter_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { proxy_->setOrganisation(orgFilter_->currentData().toString()); });
    connect(minCount_, qOverload<int>(&QSpinBox::valueChanged), proxy_,
            [this](int v) { proxy_->setMinimumCount(v); });
    connect(quality_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        proxy_->setQuality(ModelFilterProxy::Quality(quality_->currentData().toInt()));
    });
}

void MainWindow::buildFitToolBar() {
    QToolBar* bar = addToolBar(tr("Fit"));
    bar->setObjectName(QStringLiteral("fitToolBar"));
    bar->setMovable(false);
    mBox_ = new QDoubleSpinBox();
    mBox_->setRange(1.0, 100000.0);
    mBox_->setDecimals(1);
    mBox_->setValue(100.0);
    mBox_->setToolTip(tr("The WSB constant m (the paper uses m = 100); changing it re-fits"));
    firstMonthsBox_ = new QSpinBox();
    firstMonthsBox_->setRange(kAllMonths, 120);
    firstMonthsBox_->setSpecialValueText(tr("all months"));
    firstMonthsBox_->setValue(kAllMonths);
    firstMonthsBox_->setToolTip(
        tr("Fit only the first K months of every series (a visual "
           "backtest: later months are drawn hollow on the Curve tab)"));
    auto* mLabel = new QLabel(tr(" WSB constant &m: "));
    mLabel->setBuddy(mBox_);
    auto* kLabel = new QLabel(tr("  Fit the first &K months: "));
    kLabel->setBuddy(firstMonthsBox_);
    bar->addWidget(mLabel);
    bar->addWidget(mBox_);
    bar->addWidget(kLabel);
    bar->addWidget(firstMonthsBox_);
    connect(mBox_, qOverload<double>(&QDoubleSpinBox::valueChanged), this,
            &MainWindow::scheduleRefit);
    connect(firstMonthsBox_, qOverload<int>(&QSpinBox::valueChanged), this,
            &MainWindow::scheduleRefit);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::openFileDialog);
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Open a paper-format CSV file"));
    file->addAction(tr("Open &Folder…"), this, &MainWindow::openFolderDialog)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QAction* openStore = file->addAction(tr("Open &Store…"), this, &MainWindow::openStoreDialog);
    openStore->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    openStore->setToolTip(tr("Open a HubGrowth store (the SQLite file `hubgrowth fetch` writes)"));
    file->addAction(tr("&Fetch from Hub…"), this, &MainWindow::openFetchDialog)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    file->addAction(tr("&Import Paper CSV…"), this, &MainWindow::importPaperCsvDialog)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    file->addAction(tr("Open &Demo Data"), this,
                    [this] { openInput(QString::fromLatin1(kDemoInput)); });
    recentMenu_ = file->addMenu(tr("&Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    QAction* exportChart =
        file->addAction(tr("&Export Chart…"), this, &MainWindow::exportChartDialog);
    exportChart->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction* exportCsv = file->addAction(tr("Export &CSV…"), this, &MainWindow::exportCsvDialog);
    exportCsv->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Copy Chart"), this, &MainWindow::copyChart)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    QAction* find = edit->addAction(tr("&Find Model"), this, [this] {
        search_->setFocus();
        search_->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    edit->addAction(tr("C&lear Filters"), this, [this] {
        search_->clear();
        orgFilter_->setCurrentIndex(0);
        minCount_->setValue(0);
        quality_->setCurrentIndex(0);
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < panels_.size(); ++i) {
        QAction* show = view->addAction(panels_[i]->displayName(), this,
                                        [this, i] { tabs_->setCurrentIndex(i); });
        show->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + i)));
    }
    view->addSeparator();
    auto forEachPlot = [this](auto&& f) {
        if (ChartPanel* panel = currentPanel()) {
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
    QAction* log = view->addAction(tr("&Log Scale (Curve)"));
    log->setCheckable(true);
    log->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(log, &QAction::toggled, curvePanel_, &CurvePanel::setLogScale);
    connect(curvePanel_, &CurvePanel::logScaleChanged, log, &QAction::setChecked);
    view->addSeparator();
    QAction* fullScreen = view->addAction(
        tr("&Full Screen"), this, [this] { setWindowState(windowState() ^ Qt::WindowFullScreen); });
    fullScreen->setShortcut(QKeySequence::FullScreen);

    QMenu* fit = menuBar()->addMenu(tr("F&it"));
    fit->addAction(tr("&Re-fit All Models"), this, &MainWindow::startFitting)
        ->setShortcut(QKeySequence::Refresh);
    QAction* cancel = fit->addAction(tr("&Cancel"), this, &MainWindow::cancelWork);
    cancel->setShortcut(QKeySequence::Cancel);
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
        action->setChecked(storeRelations_.contains(relation));
        action->setToolTip(
            tr("Count children tagged base_model:%1 in the series of a Hub store").arg(relation));
        connect(action, &QAction::triggered, this, [this] {
            QStringList chosen;
            for (QAction* a : relationActions_) {
                if (a->isChecked())
                    chosen << a->data().toString();
            }
            setStoreRelations(chosen);
        });
        relationActions_ << action;
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About HubGrowth"), this, &MainWindow::showAbout)
        ->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)
        ->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::setStoreRelations(const QStringList& relations) {
    if (adoptStoreRelations(relations) && currentIsStore_ && !loading_) {
        showAfterLoad(tr("Counting %1 children.").arg(storeRelations_.join(QStringLiteral(", "))),
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
    for (QAction* action : relationActions_)
        action->setChecked(known.contains(action->data().toString()));
    if (known == storeRelations_)
        return false;
    storeRelations_ = known;
    QSettings().setValue(QStringLiteral("store/relations"), storeRelations_);
    return true;
}

void MainWindow::showAfterLoad(const QString& text, MessageBar::Level level) {
    afterLoadNotice_ = text;
    afterLoadLevel_ = level;
}

bool MainWindow::isBusy() const {
    return loading_ || (job_ && job_->isRunning());
}

void MainWindow::openInput(const QString& input) {
    openInputs({input});
}

void MainWindow::openInputs(const QStringList& inputs) {
    if (inputs.isEmpty())
        return;
    cancelLoadAndFit();
    // A load still running is superseded: the watcher follows only the new one.
    loadingInputs_ = inputs;
    loading_ = true;
    setBusy(tr("Loading %1…")
                .arg(inputs.size() == 1 ? inputLabel(inputs.front())
                                        : tr("%1 files").arg(inputs.size())),
            0, 0);
    loader_.setFuture(QtConcurrent::run(
        [inputs, relations = storeRelations_] { return loadDatasets(inputs, relations); }));
}

void MainWindow::onLoaded() {
    if (!loading_)
        return;  // cancelled: the old dataset stays
    loading_ = false;
    ImportResult result = loader_.result();
    const QString input = loadingInputs_.join(QStringLiteral(";"));
    if (!result.ok()) {
        setBusy(QString(), 0, 0);
        showError(tr("Could not open %1: %2").arg(inputLabel(input), result.error));
        if (!afterLoadNotice_.isEmpty())
            messages_->showMessage(afterLoadNotice_ + QLatin1Char(' ') + result.error,
                                   MessageBar::Level::Error);
        afterLoadNotice_.clear();
        if (model_->rowCount() == 0 && input != QLatin1String(kDemoInput)) {
            openInput(QString::fromLatin1(kDemoInput));  // never leave the first window empty
        }
        return;
    }
    const bool synthetic = result.dataset.synthetic;
    const QString provenance = QString::fromStdString(result.dataset.provenance);
    const QStringList warnings = [&] {
        QStringList w;
        for (const auto& line : result.dataset.warnings)
            w << QString::fromStdString(line);
        return w;
    }();
    setWindowTitle(tr("HubGrowth — %1").arg(QString::fromStdString(result.dataset.name)));
    currentInput_ = input;
    currentIsStore_ = result.dataset.fromStore;
    if (loadingInputs_.size() == 1)
        rememberRecent(loadingInputs_.front());
    QSettings().setValue(QStringLiteral("session/input"), loadingInputs_);

    const QString keepOrg = orgFilter_->currentData().toString();
    // The selection's rows belong to the old dataset: drop them before the model changes.
    for (ChartPanel* panel : panels_)
        panel->setSelectedRows({});
    model_->setDataset(std::move(result.dataset));
    {
        const QSignalBlocker block(orgFilter_);
        orgFilter_->clear();
        orgFilter_->addItem(tr("All organisations"), QString());
        for (const QString& org : model_->organisations())
            orgFilter_->addItem(org, org);
        const int keep = orgFilter_->findData(keepOrg);
        orgFilter_->setCurrentIndex(keep >= 0 ? keep : 0);
        proxy_->setOrganisation(orgFilter_->currentData().toString());
    }
    demoText_->setText(tr("<b>Synthetic demo data</b> — not real Hub numbers. %1 For real data: "
                          "<i>Fetch…</i> from the Hub, <i>Import…</i> the paper's CSV files or "
                          "<i>Open Store…</i>.")
                           .arg(provenance.toHtmlEscaped()));
    demoNotice_->setVisible(synthetic);
    if (!afterLoadNotice_.isEmpty()) {
        messages_->showMessage(warnings.isEmpty()
                                   ? afterLoadNotice_
                                   : tr("%1 %2 warning(s) while loading: %3")
                                         .arg(afterLoadNotice_)
                                         .arg(warnings.size())
                                         .arg(warnings.mid(0, 3).join(QStringLiteral("; "))),
                               warnings.isEmpty() || afterLoadLevel_ != MessageBar::Level::Info
                                   ? afterLoadLevel_
                                   : MessageBar::Level::Warning);
        afterLoadNotice_.clear();
    } else if (!warnings.isEmpty()) {
        messages_->showMessage(tr("%1 warning(s) while loading: %2")
                                   .arg(warnings.size())
                                   .arg(warnings.mid(0, 3).join(QStringLiteral("; "))),
                               MessageBar::Level::Warning);
    } else {
        messages_->dismiss();
    }
    table_->resizeColumnsToContents();
    table_->setColumnWidth(ModelTableModel::Model,
                           std::min(table_->columnWidth(ModelTableModel::Model), 260));
    updateFilterSummary();
    emit datasetLoaded();
    startFitting();
}

void MainWindow::setFitSettings(double m, int firstMonths) {
    {
        const QSignalBlocker a(mBox_), b(firstMonthsBox_);
        mBox_->setValue(m);
        firstMonthsBox_->setValue(firstMonths >= 3 ? firstMonths : kAllMonths);
    }
    if (model_->rowCount() > 0)
        startFitting();
}

double MainWindow::fitM() const {
    return mBox_->value();
}
int MainWindow::fitFirstMonths() const {
    return firstMonthsBox_->value() == kAllMonths ? 0 : firstMonthsBox_->value();
}

void MainWindow::scheduleRefit() {
    if (job_ && job_->isRunning())
        job_->cancel();  // stop wasted work at once
    refitTimer_->start();
}

void MainWindow::startFitting() {
    refitTimer_->stop();
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
    const int firstMonths = fitFirstMonths();
    std::vector<std::vector<double>> counts;
    counts.reserve(model_->dataset().series.size());
    for (const auto& s : model_->dataset().series) {
        counts.push_back(s.counts);
        if (firstMonths > 0 && int(counts.back().size()) > firstMonths)
            counts.back().resize(size_t(firstMonths));
    }
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
                setBusy(tr("Fitting…"), done, total);
            });
    connect(job, &BatchFitJob::finished, this, [this, job](bool cancelled) {
        if (job != job_)
            return;
        setBusy(QString(), 0, 0);
        if (!fetchRunner_->isRunning())  // the fetch's progress keeps the status line
            status_->setText(cancelled
                                 ? tr("Fitting cancelled: %1 of %2 models fitted; the rest show no "
                                      "parameters (F5 re-fits).")
                                       .arg(model_->fittedCount())
                                       .arg(model_->rowCount())
                                 : tr("%1 models fitted (m = %2%3).")
                                       .arg(model_->rowCount())
                                       .arg(fitM())
                                       .arg(fitFirstMonths() > 0
                                                ? tr(", first %1 months only").arg(fitFirstMonths())
                                                : QString()));
        // Only a quality filter and a sort on a fit column depend on the fits: re-applying
        // them otherwise would cost a sort of every row for nothing.
        if (proxy_->quality() != ModelFilterProxy::Quality::Any)
            proxy_->refilter();
        if (proxy_->sortColumn() >= ModelTableModel::Lambda) {
            proxy_->sort(proxy_->sortColumn(), proxy_->sortOrder());
        }
        if (!pendingSelection_.isEmpty()) {
            selectModel(pendingSelection_);
            pendingSelection_.clear();
        }
        if (!table_->currentIndex().isValid() && proxy_->rowCount() > 0)
            table_->selectRow(0);
        widenFitColumns();
        refreshPanels();
        emit fittingFinished(cancelled);
    });
    BatchOptions options;
    options.fit.m = fitM();
    setBusy(tr("Fitting…"), 0, static_cast<int>(counts.size()));
    job->start(std::move(counts), options);
    QSettings settings;
    settings.setValue(QStringLiteral("fit/m"), fitM());
    settings.setValue(QStringLiteral("fit/firstMonths"), fitFirstMonths());
}

void MainWindow::cancelLoadAndFit() {
    refitTimer_->stop();
    if (job_ && job_->isRunning())
        job_->cancel();
    if (loading_) {
        // The loader cannot be interrupted; its result is dropped and the old dataset stays.
        loading_ = false;
        setBusy(QString(), 0, 0);
        status_->setText(tr("Loading cancelled"));
        afterLoadNotice_.clear();
    }
}

void MainWindow::cancelWork() {
    cancelLoadAndFit();
    if (fetchRunner_->isRunning()) {
        fetchRunner_->cancel();
        status_->setText(tr("Cancelling the fetch (pages already stored are kept)…"));
    }
}

FetchDialog* MainWindow::openFetchDialog() {
    if (fetchDialog_) {
        fetchDialog_->raise();
        fetchDialog_->activateWindow();
        return fetchDialog_;
    }
    auto* dialog = new FetchDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    fetchDialog_ = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!startFetch(dialog->request()))
            showError(tr("A fetch is already running; wait for it or cancel it first."));
    });
    dialog->open();
    return dialog;
}

bool MainWindow::isFetching() const {
    return fetchRunner_->isRunning();
}

QString MainWindow::statusText() const {
    return status_->text();
}

bool MainWindow::startFetch(const FetchRequest& request) {
    if (fetchRunner_->isRunning())
        return false;
    const QString what = !request.plan.ids.isEmpty() ? request.plan.ids.join(QStringLiteral(", "))
                         : !request.plan.author.isEmpty()
                             ? tr("the models of %1").arg(request.plan.author)
                             : tr("the top %1 models").arg(request.plan.top);
    if (!fetchRunner_->start(request))
        return false;
    fetchRelations_ = request.plan.relations;
    setBusy(tr("Fetching %1 from %2…").arg(what, request.client.endpoint.toDisplayString()), 0, 0,
            true);
    return true;
}

void MainWindow::onFetchFinished(const FetchOutcome& outcome) {
    setBusy(QString(), 0, 0, true);
    if (!outcome.storeError.isEmpty()) {
        showError(tr("Fetch: cannot open the store: %1").arg(outcome.storeError));
        emit fetchFinished(outcome);
        return;
    }
    const hub::FetchSummary& s = outcome.summary;
    QStringList byRelation;
    for (const auto& [relation, n] : s.childrenByRelation)
        byRelation << QStringLiteral("%1 %2").arg(relation).arg(n);
    QString text =
        tr("%1 %2 of %3 models fetched: %4 children%5, %6 pages, %7 requests in %8 s.")
            .arg(s.cancelled ? tr("Fetch cancelled (what was stored is kept; fetch again to "
                                  "resume):")
                             : tr("Fetch finished:"))
            .arg(s.modelsFetched)
            .arg(s.bases.size())
            .arg(s.childrenTotal())
            .arg(byRelation.isEmpty() ? QString()
                                      : QStringLiteral(" (%1)").arg(byRelation.join(", ")))
            .arg(s.pages)
            .arg(s.requests)
            .arg(double(s.elapsedMs) / 1000.0, 0, 'f', 1);
    if (!s.failures.empty()) {
        QStringList failed;
        for (const hub::FetchFailure& f : s.failures)
            failed << QStringLiteral("%1: %2").arg(f.model, f.reason);
        text += QLatin1Char(' ') + tr("Failed:") + QLatin1Char(' ') +
                failed.join(QStringLiteral("; ")) + QLatin1Char('.');
    }
    if (!s.fatal.isEmpty()) {
        showError(tr("Fetch failed: %1. %2").arg(s.fatal, text));
        emit fetchFinished(outcome);
        return;
    }
    status_->setText(s.cancelled ? tr("Fetch cancelled") : tr("Fetch finished"));
    // Show the result where File ▸ Open Store… would, counting what was fetched; the summary
    // appears once it is loaded.
    showAfterLoad(text, !s.failures.empty() ? MessageBar::Level::Error
                        : s.cancelled       ? MessageBar::Level::Warning
                                            : MessageBar::Level::Info);
    if (!fetchRelations_.isEmpty())
        adoptStoreRelations(fetchRelations_);  // no reload: the store is opened next
    openInput(outcome.storePath);
    emit fetchFinished(outcome);
}

void MainWindow::selectModel(const QString& id) {
    const int row = model_->rowOf(id);
    if (row < 0)
        return;
    if (!proxy_->mapFromSource(model_->index(row, 0)).isValid()) {
        // Hidden by the filter: clear it rather than silently ignore the request.
        search_->clear();
        orgFilter_->setCurrentIndex(0);
        minCount_->setValue(0);
        quality_->setCurrentIndex(0);
    }
    selectSourceRow(row);
}

void MainWindow::selectSourceRow(int sourceRow) {
    const QModelIndex index = proxy_->mapFromSource(model_->index(sourceRow, 0));
    if (!index.isValid())
        return;
    table_->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->scrollTo(index);
}

QVector<int> MainWindow::selectedSourceRows() const {
    QVector<int> rows;
    const QModelIndex current = table_->currentIndex();
    if (current.isValid() &&
        table_->selectionModel()->isRowSelected(current.row(), QModelIndex())) {
        rows.push_back(proxy_->mapToSource(current).row());
    }
    for (const QModelIndex& index : table_->selectionModel()->selectedRows()) {
        const int row = proxy_->mapToSource(index).row();
        if (!rows.contains(row))
            rows.push_back(row);
    }
    return rows;
}

void MainWindow::onSelectionChanged() {
    const QVector<int> rows = selectedSourceRows();
    for (ChartPanel* panel : panels_)
        panel->setSelectedRows(rows);
    if (!rows.isEmpty()) {
        QSettings().setValue(QStringLiteral("session/model"),
                             QString::fromStdString(model_->series(rows.front()).id));
    }
}

// The fit columns were sized while empty (at load): widen them to their numbers once the fits
// are in, never narrowing what the user or the header already made wider.
void MainWindow::widenFitColumns() {
    constexpr int kMaxWidth = 220;
    for (int column = ModelTableModel::Lambda; column < ModelTableModel::ColumnCount; ++column) {
        const int before = table_->columnWidth(column);
        table_->resizeColumnToContents(column);
        table_->setColumnWidth(column,
                               std::max(before, std::min(table_->columnWidth(column), kMaxWidth)));
    }
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

void MainWindow::updateFilterSummary() {
    filterSummary_->setText(
        tr("%1 of %2 models shown").arg(proxy_->rowCount()).arg(model_->rowCount()));
}

void MainWindow::setBusy(const QString& what, int done, int total, bool fromFetch) {
    if (!fromFetch && fetchRunner_->isRunning())
        return;  // the fetch owns the status bar until it ends
    const bool busy = !what.isEmpty();
    progress_->setVisible(busy);
    cancel_->setVisible(busy);
    progress_->setRange(0, total);
    progress_->setValue(done);
    if (busy)
        status_->setText(total > 0 && !fromFetch ? tr("%1 %2 / %3").arg(what).arg(done).arg(total)
                                                 : what);
}

void MainWindow::showError(const QString& text) {
    messages_->showMessage(text, MessageBar::Level::Error);
    status_->setText(text);
}

ChartPanel* MainWindow::panel(const QString& chartId) const {
    for (ChartPanel* p : panels_) {
        if (p->chartId() == chartId)
            return p;
    }
    return nullptr;
}

PlotView* MainWindow::curveView() const {
    return curvePanel_->plots().front();
}

ChartPanel* MainWindow::currentPanel() const {
    return qobject_cast<ChartPanel*>(tabs_->currentWidget());
}

void MainWindow::rememberRecent(const QString& input) {
    if (input == QLatin1String(kDemoInput))
        return;
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recent")).toStringList();
    recent.removeAll(input);
    recent.prepend(input);
    settings.setValue(QStringLiteral("recent"), recent.mid(0, kMaxRecent));
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recent")).toStringList();
    for (const QString& input : recent) {
        recentMenu_->addAction(QDir::toNativeSeparators(input), this,
                               [this, input] { openInput(input); });
    }
    if (recent.isEmpty())
        recentMenu_->addAction(tr("(none yet)"))->setEnabled(false);
    recentMenu_->addSeparator();
    recentMenu_->addAction(tr("&Clear"), this, [this] {
        QSettings().remove(QStringLiteral("recent"));
        rebuildRecentMenu();
    });
}

void MainWindow::restoreSession(const QStringList& explicitInputs) {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!splitter_->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray())) {
        splitter_->setSizes(
            {width() * 2 / 5, width() * 3 / 5});  // first launch: room for the table
    }
    tabs_->setCurrentIndex(settings.value(QStringLiteral("session/tab"), 0).toInt());
    curvePanel_->setHorizon(settings.value(QStringLiteral("curve/horizon"), 12).toInt());
    curvePanel_->setLogScale(settings.value(QStringLiteral("curve/log"), false).toBool());
    curvePanel_->setMethod(
        settings.value(QStringLiteral("curve/method"), QStringLiteral("auto")).toString());
    concentrationPanel_->setPreferredMeasure(
        ConcentrationPanel::Measure(settings
                                        .value(QStringLiteral("concentration/measure"),
                                               int(ConcentrationPanel::Measure::LastCount))
                                        .toInt()));
    {
        const QSignalBlocker a(mBox_), b(firstMonthsBox_);
        mBox_->setValue(settings.value(QStringLiteral("fit/m"), 100.0).toDouble());
        const int k = settings.value(QStringLiteral("fit/firstMonths"), 0).toInt();
        firstMonthsBox_->setValue(k >= 3 ? k : kAllMonths);
    }
    QStringList inputs = settings.value(QStringLiteral("session/input")).toStringList();
    if (explicitInputs.isEmpty() || explicitInputs == inputs) {
        pendingSelection_ = settings.value(QStringLiteral("session/model")).toString();
    }
    if (!explicitInputs.isEmpty())
        inputs = explicitInputs;
    if (inputs.isEmpty())
        inputs = {QString::fromLatin1(kDemoInput)};  // first launch
    openInputs(inputs);
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), splitter_->saveState());
    settings.setValue(QStringLiteral("session/tab"), tabs_->currentIndex());
    settings.setValue(QStringLiteral("curve/horizon"), curvePanel_->horizon());
    settings.setValue(QStringLiteral("curve/log"), curvePanel_->logScale());
    settings.setValue(QStringLiteral("curve/method"), curvePanel_->method());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    cancelWork();
    QMainWindow::closeEvent(event);
}

void MainWindow::openFileDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Data"), QString(), tr("Paper-format CSV (*.csv);;All files (*)"));
    if (!path.isEmpty())
        openInput(path);
}

void MainWindow::openFolderDialog() {
    const QString path =
        QFileDialog::getExistingDirectory(this, tr("Open a Folder of Paper CSV Files"));
    if (!path.isEmpty())
        openInput(path);
}

void MainWindow::openStoreDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open HubGrowth Store"), QString(),
                                     tr("HubGrowth store (*.db *.sqlite);;All files (*)"));
    if (!path.isEmpty())
        openInput(path);
}

void MainWindow::importPaperCsvDialog() {
    const QStringList paths =
        QFileDialog::getOpenFileNames(this, tr("Import Paper CSV (one or several organisations)"),
                                      QString(), tr("CSV files (*.csv)"));
    if (!paths.isEmpty())
        openInputs(paths);
}

void MainWindow::exportChartDialog() {
    ChartPanel* panel = currentPanel();
    if (!panel)
        return;
    const QString suggested =
        QDir::home().filePath(QStringLiteral("hubgrowth-%1.png").arg(panel->chartId()));
    ExportChartDialog dialog(suggested, kDefaultExportSize, this);
    if (dialog.exec() != QDialog::Accepted || dialog.path().isEmpty())
        return;
    const QString error = exportPanel(panel, dialog.path(), dialog.pixelSize(), dialog.scale());
    if (!error.isEmpty()) {
        showError(error);
    } else {
        status_->setText(tr("Chart exported to %1").arg(QDir::toNativeSeparators(dialog.path())));
    }
}

void MainWindow::copyChart() {
    if (ChartPanel* panel = currentPanel()) {
        copyPanelToClipboard(panel, panel->size());
        status_->setText(tr("Chart copied to the clipboard"));
    }
}

void MainWindow::exportCsvDialog() {
    const QStringList kinds{tr("Table: the rows shown, as sorted"), tr("Fits: every fitted model"),
                            tr("Series: the selected models, observed and fitted by month")};
    bool ok = false;
    const QString kind =
        QInputDialog::getItem(this, tr("Export CSV"), tr("Export:"), kinds, 0, false, &ok);
    if (!ok)
        return;
    const int which = int(kinds.indexOf(kind));
    const QString name = which == 0   ? QStringLiteral("table")
                         : which == 1 ? QStringLiteral("fits")
                                      : QStringLiteral("series");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export CSV"), QDir::home().filePath(QStringLiteral("hubgrowth-%1.csv").arg(name)),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const QByteArray csv = which == 0 ? tableCsv(proxy_)
                           : which == 1
                               ? fitsCsv(*model_)
                               : seriesCsv(*model_, selectedSourceRows(), curvePanel_->horizon());
    const QString error = writeOutput(path, csv);
    if (!error.isEmpty()) {
        showError(error);
    } else {
        status_->setText(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
    }
}

void MainWindow::showAbout() {
    const QString provenance =
        model_->rowCount() > 0
            ? QString::fromStdString(model_->dataset().provenance).toHtmlEscaped()
            : tr("No data loaded.");
    QMessageBox::about(
        this, tr("About HubGrowth"),
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
            .arg(fitM())
            .arg(provenance));
}

}  // namespace hubgrowth
