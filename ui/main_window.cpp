#include "main_window.h"

#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "charts/plot_view.h"
#include "data/batch_fitter.h"
#include "data/dataset_loader.h"
#include "model_table_model.h"

namespace hubgrowth {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), model_(new ModelTableModel(this)), proxy_(new QSortFilterProxyModel(this)) {
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(Qt::UserRole);

    table_ = new QTableView();
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setAlternatingRowColors(true);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showSelectedCurve);

    curve_ = createPlotView();
    curve_->setAxisTitles(tr("months since the base model's creation"), tr("cumulative fine-tunes"));

    notice_ = new QLabel();
    notice_->setWordWrap(true);
    notice_->setStyleSheet(QStringLiteral(
        "QLabel { background: #fff4ce; border: 1px solid #e0c36c; padding: 6px; }"));
    notice_->hide();

    auto* splitter = new QSplitter();
    splitter->addWidget(table_);
    splitter->addWidget(curve_.get());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto* central = new QWidget();
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(notice_);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    message_ = new QLabel();
    progress_ = new QProgressBar();
    progress_->setMaximumWidth(220);
    progress_->hide();
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->hide();
    connect(cancel_, &QPushButton::clicked, this, &MainWindow::cancelWork);
    statusBar()->addWidget(message_, 1);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancel_);

    connect(&loader_, &QFutureWatcher<ImportResult>::finished, this, &MainWindow::onLoaded);
    resize(1400, 860);
    setWindowTitle(tr("HubGrowth"));
}

MainWindow::~MainWindow() = default;

bool MainWindow::isBusy() const { return loader_.isRunning() || (job_ && job_->isRunning()); }

void MainWindow::openInput(const QString& input) {
    cancelWork();
    loadingInput_ = input;
    setBusy(tr("Loading %1…").arg(input), 0, 0);
    loader_.setFuture(QtConcurrent::run([input] { return loadDataset(input); }));
}

void MainWindow::onLoaded() {
    ImportResult result = loader_.result();
    if (!result.ok()) {
        setBusy(QString(), 0, 0);
        showMessage(tr("Could not open %1: %2").arg(loadingInput_, result.error));
        return;
    }
    const bool synthetic = result.dataset.synthetic;
    const QString provenance = QString::fromStdString(result.dataset.provenance);
    setWindowTitle(tr("HubGrowth — %1").arg(QString::fromStdString(result.dataset.name)));
    model_->setDataset(std::move(result.dataset));
    notice_->setText(synthetic ? tr("<b>Synthetic demo data.</b> %1").arg(provenance) : QString());
    notice_->setVisible(synthetic);
    table_->resizeColumnsToContents();
    emit datasetLoaded();
    startFitting();
}

void MainWindow::startFitting() {
    if (job_) {
        job_->cancel();
        job_->deleteLater();
    }
    model_->clearFits();
    std::vector<std::vector<double>> counts;
    counts.reserve(model_->dataset().series.size());
    for (const auto& s : model_->dataset().series) counts.push_back(s.counts);
    job_ = new BatchFitJob(this);
    connect(job_, &BatchFitJob::chunkReady, this, [this, job = job_](int first, int count, int done, int total) {
        std::vector<FitResult> fits;
        fits.reserve(static_cast<size_t>(count));
        for (int i = 0; i < count; ++i) fits.push_back(job->result(first + i));
        model_->setFits(first, fits);
        setBusy(tr("Fitting…"), done, total);
        const QModelIndex current = proxy_->mapToSource(table_->currentIndex());
        if (current.isValid() && current.row() >= first && current.row() < first + count) {
            showSelectedCurve();
        }
    });
    connect(job_, &BatchFitJob::finished, this, [this](bool cancelled) {
        setBusy(QString(), 0, 0);
        showMessage(cancelled ? tr("Fitting cancelled; rows without parameters were not fitted.")
                              : tr("%1 models fitted.").arg(model_->rowCount()));
        if (!table_->currentIndex().isValid() && proxy_->rowCount() > 0) {
            table_->sortByColumn(ModelTableModel::LastCount, Qt::DescendingOrder);
            table_->selectRow(0);
        }
        emit fittingFinished(cancelled);
    });
    BatchOptions options;
    options.fit.m = m_;
    setBusy(tr("Fitting…"), 0, static_cast<int>(counts.size()));
    job_->start(std::move(counts), options);
}

void MainWindow::cancelWork() {
    if (job_ && job_->isRunning()) job_->cancel();
}

void MainWindow::selectModel(const QString& id) {
    for (int row = 0; row < proxy_->rowCount(); ++row) {
        if (proxy_->index(row, ModelTableModel::Model).data().toString() == id) {
            table_->selectRow(row);
            return;
        }
    }
}

void MainWindow::showSelectedCurve() {
    const QModelIndex current = proxy_->mapToSource(table_->currentIndex());
    if (!current.isValid()) return;
    const ModelSeries& s = model_->dataset().series[static_cast<size_t>(current.row())];
    QVector<PlotSeries> series;
    PlotSeries observed{tr("observed"), {}, QColor(0x1f, 0x77, 0xb4), PlotSeries::Style::Points};
    for (int k = 0; k < s.observedMonths(); ++k) observed.points.append(QPointF(k, s.counts[static_cast<size_t>(k)]));
    series.append(observed);
    if (const FitResult* f = model_->fit(current.row())) {
        PlotSeries fitted{tr("WSB fit"), {}, QColor(0xd6, 0x27, 0x28), PlotSeries::Style::Line};
        PlotSeries forecast{tr("forecast"), {}, QColor(0xd6, 0x27, 0x28), PlotSeries::Style::DashedLine};
        const int last = s.observedMonths() - 1;
        for (int i = 0; i <= 4 * last; ++i) {
            const double t = i / 4.0;
            fitted.points.append(QPointF(t, wsbValue(t, f->params, f->m)));
        }
        for (int i = 4 * last; i <= 4 * (last + horizon_); ++i) {
            const double t = i / 4.0;
            forecast.points.append(QPointF(t, wsbValue(t, f->params, f->m)));
        }
        series.append(fitted);
        series.append(forecast);
    }
    curve_->setTitle(QString::fromStdString(s.id));
    curve_->setSeries(series);
}

void MainWindow::setBusy(const QString& what, int done, int total) {
    const bool busy = !what.isEmpty();
    progress_->setVisible(busy);
    cancel_->setVisible(busy);
    progress_->setRange(0, total);
    progress_->setValue(done);
    if (busy) message_->setText(what);
}

void MainWindow::showMessage(const QString& text) { message_->setText(text); }

}  // namespace hubgrowth
