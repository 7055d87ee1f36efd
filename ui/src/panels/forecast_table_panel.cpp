#include "hubgrowth/ui/panels/forecast_table_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "hubgrowth/data/forecast_batch_job.h"
#include "hubgrowth/data/output_file.h"
#include "hubgrowth/data/population_forecaster.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/month_dates.h"
#include "hubgrowth/ui/number_format.h"
#include "hubgrowth/ui/panels/forecast_text.h"
#include "hubgrowth/ui/table_export.h"

namespace hubgrowth {

namespace {

// The months a row's forecast starts from: those it was fitted on (the "first K months" cut,
// as on the Curve tab), every month before its fit arrives.
int cutOf(const ModelTableModel& model, int row) {
    const int n = model.series(row).observedMonths();
    if (!model.isFitted(row))
        return n;
    const int fitted = model.fits()[size_t(row)].observedMonths;
    return fitted > 0 ? std::min(n, fitted) : n;
}

// The population's m: the fits' (the fit tool bar's), the paper's 100 before any fit.
double populationM(const ModelTableModel& model) {
    for (int row = 0; row < model.rowCount(); ++row) {
        if (const FitResult* f = model.fit(row))
            return f->m;
    }
    return 100.0;
}

QStandardItem* text(const QString& value) {
    auto* item = new QStandardItem(value);
    item->setData(value, Qt::UserRole);
    item->setEditable(false);
    return item;
}

QStandardItem* number(double value, bool count) {
    auto* item = new QStandardItem();
    item->setEditable(false);
    if (!std::isfinite(value))
        return item;
    item->setData(count ? formatCount(value) : QString::number(value), Qt::DisplayRole);
    item->setData(value, Qt::UserRole);
    item->setData(int(Qt::AlignRight | Qt::AlignVCenter), Qt::TextAlignmentRole);
    return item;
}

}  // namespace

ForecastTablePanel::ForecastTablePanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                                       QWidget* parent)
    : ChartPanel(model, filter, parent) {
    methodsButton_ = new QToolButton();
    methodsButton_->setPopupMode(QToolButton::InstantPopup);
    methodsButton_->setToolTip(tr("The forecasting methods tabulated (one or several)"));
    auto* menu = new QMenu(methodsButton_);
    for (ForecastMethod m : kAllMethods) {
        QAction* action = menu->addAction(QString::fromLatin1(methodName(m)));
        action->setCheckable(true);
        action->setChecked(m == ForecastMethod::Auto);
        action->setToolTip(methodDescription(m));
        connect(action, &QAction::toggled, this, [this] {
            methodsButton_->setText(tr("Methods: %1").arg(methods().join(QStringLiteral(", "))));
            invalidate();
        });
    }
    menu->setToolTipsVisible(true);
    methodsButton_->setMenu(menu);
    methodsButton_->setText(tr("Methods: %1").arg(methods().join(QStringLiteral(", "))));
    horizon_ = new QSpinBox();
    horizon_->setRange(1, 120);
    horizon_->setValue(ModelTableModel::kForecastMonths);
    horizon_->setSuffix(tr(" months"));
    horizon_->setToolTip(tr("Months forecast after the last observed (or fitted) month"));
    auto* copy = new QPushButton(tr("&Copy"));
    copy->setToolTip(tr("Copy the table as CSV"));
    auto* exportButton = new QPushButton(tr("&Export CSV…"));
    status_ = new QLabel();
    status_->setWordWrap(true);

    table_ = new QStandardItemModel(this);
    table_->setHorizontalHeaderLabels({tr("model"), tr("method"), tr("month"), tr("date"),
                                       tr("forecast"), tr("lo80"), tr("hi80"), tr("lo95"),
                                       tr("hi95")});
    view_ = new QTableView();
    view_->setModel(table_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);

    auto* controls = new QHBoxLayout();
    controls->addWidget(methodsButton_);
    auto* horizonLabel = new QLabel(tr("&Horizon:"));
    horizonLabel->setBuddy(horizon_);
    controls->addWidget(horizonLabel);
    controls->addWidget(horizon_);
    controls->addStretch(1);
    controls->addWidget(copy);
    controls->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(view_, 1);
    layout->addWidget(status_);

    connect(horizon_, qOverload<int>(&QSpinBox::valueChanged), this, [this] { invalidate(); });
    connect(copy, &QPushButton::clicked, this, [this] {
        copyToClipboard();
        emit statusMessage(tr("Forecast table copied"));
    });
    connect(exportButton, &QPushButton::clicked, this, &ForecastTablePanel::exportDialog);
}

ForecastTablePanel::~ForecastTablePanel() = default;

void ForecastTablePanel::setMethods(const QStringList& names) {
    const QStringList wanted = names.isEmpty() ? QStringList{QStringLiteral("auto")} : names;
    for (QAction* action : methodsButton_->menu()->actions())
        action->setChecked(wanted.contains(action->text()));
}

QStringList ForecastTablePanel::methods() const {
    QStringList names;
    for (QAction* action : methodsButton_->menu()->actions()) {
        if (action->isChecked())
            names << action->text();
    }
    return names;
}

void ForecastTablePanel::setHorizon(int months) {
    horizon_->setValue(months);
}
int ForecastTablePanel::horizon() const {
    return horizon_->value();
}
bool ForecastTablePanel::isComputing() const {
    return job_ && job_->isRunning();
}

QString ForecastTablePanel::requestKey() const {
    QStringList parts{QString::number(model_->datasetGeneration()),
                      QString::number(populationM(*model_), 'g', 17),
                      QString::number(horizon_->value()), methods().join(QLatin1Char(','))};
    for (int i = 0; i < std::min(int(selected_.size()), kMaxModels); ++i)
        parts << QStringLiteral("%1:%2").arg(selected_[i]).arg(cutOf(*model_, selected_[i]));
    return parts.join(QLatin1Char('|'));
}

void ForecastTablePanel::refresh() {
    const QString key = requestKey();
    if (key == shownKey_ || (isComputing() && key == runningKey_))
        return;
    if (job_) {
        job_->disconnect(this);
        job_->cancel();
        job_->deleteLater();
        job_ = nullptr;
    }
    table_->removeRows(0, table_->rowCount());
    shownKey_.clear();
    if (selected_.isEmpty() || model_->rowCount() == 0 || methods().isEmpty()) {
        status_->setText(methods().isEmpty() ? tr("Choose at least one method")
                                             : tr("Select a model in the table"));
        return;
    }
    running_.clear();
    std::vector<ForecastRequest> requests;
    for (int i = 0; i < std::min(int(selected_.size()), kMaxModels); ++i) {
        const int row = selected_[i];
        for (const QString& name : methods()) {
            const auto method = parseMethod(name.toStdString());
            if (!method)
                continue;
            ForecastRequest r{model_->series(row), *method};
            r.series.counts.resize(size_t(std::max(0, cutOf(*model_, row))));
            requests.push_back(std::move(r));
            running_.append(Shown{row, *method});
        }
    }
    const double m = populationM(*model_);
    auto* job = new ForecastBatchJob(this);
    job_ = job;
    runningKey_ = key;
    connect(job, &BackgroundJob::progressed, this, [this](int done, int total) {
        status_->setText(tr("Forecasting… %1 of %2").arg(done).arg(total));
    });
    connect(job, &BackgroundJob::ended, this, [this, job](bool cancelled) {
        if (job != job_ || cancelled)
            return;
        shownKey_ = runningKey_;
        fill();
        emit tableUpdated();
    });
    status_->setText(tr("Forecasting…"));
    // The same population key as the models table's forecasts: the learnt Forecaster is shared.
    job->start(populationKey(model_->datasetGeneration(), m), model_->sharedSeries(), m,
               std::move(requests), horizon_->value());
}

void ForecastTablePanel::fill() {
    table_->removeRows(0, table_->rowCount());
    int failed = 0;
    for (int i = 0; i < running_.size() && i < job_->total(); ++i) {
        const ModelSeries& s = model_->series(running_[i].row);
        const SeriesForecast& f = job_->forecast(i);
        const QString method = QString::fromLatin1(methodName(running_[i].method));
        if (!f.ok) {
            ++failed;
            table_->appendRow({text(QString::fromStdString(s.id)), text(method), number(NAN, false),
                               text(QString()), text(QString::fromStdString(f.error))});
            continue;
        }
        const double floor = forecastFloor(f);
        for (const ForecastPoint& p : f.path) {
            if (p.month < f.observedMonths)
                continue;
            table_->appendRow({text(QString::fromStdString(s.id)), text(method),
                               number(p.month, false), text(monthDay(s, p.month)),
                               number(atLeastFloor(p.fitted, floor), true),
                               number(atLeastFloor(p.lo80, floor), true),
                               number(atLeastFloor(p.hi80, floor), true),
                               number(atLeastFloor(p.lo95, floor), true),
                               number(atLeastFloor(p.hi95, floor), true)});
        }
    }
    view_->resizeColumnsToContents();
    const int models = std::min(int(selected_.size()), kMaxModels);
    QString summary = tr("%1 model(s) × %2 method(s), %3 months ahead; never below the last "
                         "count")
                          .arg(models)
                          .arg(methods().size())
                          .arg(horizon_->value());
    if (selected_.size() > kMaxModels)
        summary +=
            tr(" · the first %1 of %2 selected models").arg(kMaxModels).arg(selected_.size());
    if (failed > 0)
        summary += tr(" · %1 forecast(s) failed (see the forecast column)").arg(failed);
    status_->setText(summary);
}

QByteArray ForecastTablePanel::csv() const {
    return tableCsv(table_);
}

void ForecastTablePanel::copyToClipboard() const {
    QApplication::clipboard()->setText(QString::fromUtf8(csv()));
}

QString ForecastTablePanel::exportTo(const QString& path) const {
    return writeOutput(path, csv());
}

void ForecastTablePanel::exportDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Forecast Table"),
        QDir::home().filePath(QStringLiteral("hubgrowth-forecast-table.csv")),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const QString error = exportTo(path);
    emit statusMessage(error.isEmpty() ? tr("Exported %1").arg(QDir::toNativeSeparators(path))
                                       : error);
}

}  // namespace hubgrowth
