#include "panels/successors_panel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "charts/plot_view.h"
#include "model_table_model.h"
#include "panels/chart_style.h"

namespace hubgrowth {

namespace {

enum Column { Incumbent, Successor, Status, ColumnCount };

QVector<QPointF> cumulativePoints(const ModelSeries& series, bool log) {
    QVector<QPointF> points;
    for (size_t k = 0; k < series.counts.size(); ++k) {
        if (log && series.counts[k] <= 0.0)
            continue;  // a log axis cannot show the months before the first fine-tune
        points.push_back(QPointF(double(k), series.counts[k]));
    }
    return points;
}

}  // namespace

SuccessorsPanel::SuccessorsPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                                 QWidget* parent)
    : ChartPanel(model, filter, parent) {
    note_ = new QLabel();
    note_->setWordWrap(true);
    note_->setAlignment(Qt::AlignCenter);
    note_->setTextFormat(Qt::RichText);
    note_->setMargin(24);

    list_ = new QTableWidget(0, ColumnCount);
    list_->setHorizontalHeaderLabels({tr("Incumbent"), tr("Successor (new_version)"), tr("Data")});
    list_->setSelectionBehavior(QAbstractItemView::SelectRows);
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    list_->verticalHeader()->hide();
    list_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    list_->horizontalHeader()->setSectionResizeMode(Successor, QHeaderView::Stretch);
    log_ = new QCheckBox(tr("&Log scale"));
    log_->setChecked(true);
    summary_ = new QLabel();
    summary_->setWordWrap(true);

    PlotView* plot = addPlot();
    plot->setAxes(
        PlotAxis{tr("months since each model's creation"), false, NAN, NAN, true,
                 QStringLiteral("%.0f")},
        PlotAxis{tr("cumulative fine-tunes"), true, NAN, NAN, false, QStringLiteral("%g")});

    auto* chartPage = new QWidget();
    auto* controls = new QHBoxLayout();
    controls->addWidget(new QLabel(tr("Pairs where a model card names its successor:")));
    controls->addStretch(1);
    controls->addWidget(log_);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(list_);
    splitter->addWidget(plot);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    splitter->setSizes({160, 540});
    auto* chartLayout = new QVBoxLayout(chartPage);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addLayout(controls);
    chartLayout->addWidget(splitter, 1);
    chartLayout->addWidget(summary_);

    stack_ = new QStackedWidget();
    stack_->addWidget(note_);
    stack_->addWidget(chartPage);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(stack_);

    connect(model, &QAbstractItemModel::modelReset, this, &SuccessorsPanel::rebuildPairs);
    connect(list_, &QTableWidget::itemSelectionChanged, this, [this] {
        const int index = currentPair();
        if (index >= 0) {
            followedRow_ = pairs_[size_t(index)].incumbent;
            emit rowActivated(followedRow_);
        }
        invalidate();
    });
    connect(log_, &QCheckBox::toggled, this, [this] { invalidate(); });
    rebuildPairs();
}

int SuccessorsPanel::currentPair() const {
    const QModelIndexList rows = list_->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.front().row();
}

void SuccessorsPanel::selectPair(int index) {
    list_->selectRow(index);
}

bool SuccessorsPanel::showsNote() const {
    return stack_->currentWidget() == note_;
}

QString SuccessorsPanel::note() const {
    return showsNote() ? note_->text() : QString();
}

void SuccessorsPanel::setLogScale(bool log) {
    log_->setChecked(log);
}

void SuccessorsPanel::rebuildPairs() {
    const Dataset& dataset = model_->dataset();
    pairs_ = store::successorPairs(dataset);
    followedRow_ = -1;
    {
        const QSignalBlocker block(list_);
        list_->setRowCount(int(pairs_.size()));
        for (int row = 0; row < int(pairs_.size()); ++row) {
            const store::SuccessorPair& pair = pairs_[size_t(row)];
            list_->setItem(row, Incumbent,
                           new QTableWidgetItem(QString::fromStdString(pair.incumbentId)));
            list_->setItem(row, Successor,
                           new QTableWidgetItem(QString::fromStdString(pair.successorId)));
            auto* status = new QTableWidgetItem(pair.complete() ? tr("both in the store")
                                                                : tr("successor not fetched"));
            if (!pair.complete()) {
                status->setToolTip(tr("Fetch it to compare: hubgrowth fetch --db STORE %1")
                                       .arg(QString::fromStdString(pair.successorId)));
            }
            list_->setItem(row, Status, status);
        }
    }
    if (!dataset.fromStore) {
        note_->setText(
            tr("<p><b>Successor data comes from a Hub store.</b></p><p>A model card's "
               "<code>new_version</code> names its successor, and only a store written by "
               "<code>hubgrowth fetch</code> records it. The data now open (%1) is not a "
               "store.</p><p>Fetch base models and their successors with<br><code>hubgrowth "
               "fetch --db hub.db MODEL [MODEL …]</code><br>and open the store with <i>File ▸ "
               "Open Store</i> (Ctrl+Shift+D).</p>")
                .arg(QString::fromStdString(dataset.name).toHtmlEscaped()));
        stack_->setCurrentWidget(note_);
    } else if (pairs_.empty()) {
        note_->setText(
            tr("<p><b>No successors in this store.</b></p><p>None of its %1 base models names a "
               "<code>new_version</code> on its model card. Fetch a model that does, together "
               "with its successor, to compare them here.</p>")
                .arg(dataset.series.size()));
        stack_->setCurrentWidget(note_);
    } else {
        stack_->setCurrentWidget(stack_->widget(1));
        // The first pair with both series is the most useful start.
        int first = 0;
        for (int i = 0; i < int(pairs_.size()); ++i) {
            if (pairs_[size_t(i)].complete()) {
                first = i;
                break;
            }
        }
        const QSignalBlocker block(list_);
        list_->selectRow(first);
    }
    invalidate();
}

void SuccessorsPanel::followSelection() {
    if (selected_.isEmpty() || selected_.front() == followedRow_)
        return;
    followedRow_ = selected_.front();
    int found = -1;
    for (int i = 0; i < int(pairs_.size()) && found < 0; ++i) {
        if (pairs_[size_t(i)].incumbent == followedRow_)
            found = i;
    }
    for (int i = 0; i < int(pairs_.size()) && found < 0; ++i) {
        if (pairs_[size_t(i)].successor == followedRow_)
            found = i;
    }
    if (found >= 0 && found != currentPair()) {
        const QSignalBlocker block(list_);
        list_->selectRow(found);
    }
}

void SuccessorsPanel::refresh() {
    followSelection();
    PlotView* plot = plots().front();
    const int index = currentPair();
    const bool log = log_->isChecked();
    PlotAxis y = plot->yAxis();
    y.log = log;
    y.includeZero = !log;
    plot->setAxes(plot->xAxis(), y);
    if (index < 0 || index >= int(pairs_.size())) {
        plot->setTitle(tr("No pair selected"));
        plot->setSeries({});
        summary_->clear();
        return;
    }
    const store::SuccessorPair& pair = pairs_[size_t(index)];
    QVector<PlotSeries> drawn;
    QStringList facts;
    const auto add = [&](int row, const QString& role, const QColor& color) {
        const ModelSeries& series = model_->series(row);
        const QString id = QString::fromStdString(series.id);
        PlotSeries line{tr("%1: %2").arg(role, id), cumulativePoints(series, log), color,
                        PlotSeries::Style::Line};
        PlotSeries points{QString(), line.points, color, PlotSeries::Style::Points};
        points.inLegend = false;
        points.markerSize = 5.0;
        for (const QPointF& p : line.points)
            points.labels << tr("%1, month %2: %3 fine-tunes").arg(id).arg(p.x()).arg(p.y());
        drawn << line << points;
        facts << tr("%1 %2: created %3, %4 fine-tunes after %5 months")
                     .arg(role, id, QString::fromStdString(series.createdAt).left(10))
                     .arg(series.lastCount())
                     .arg(series.observedMonths() - 1);
    };
    add(pair.incumbent, tr("incumbent"), categoryColor(0));
    if (pair.successor >= 0) {
        add(pair.successor, tr("successor"), categoryColor(1));
        plot->setTitle(tr("%1 → %2").arg(QString::fromStdString(pair.incumbentId),
                                         QString::fromStdString(pair.successorId)));
    } else {
        plot->setTitle(tr("%1 → %2 (successor not in the store)")
                           .arg(QString::fromStdString(pair.incumbentId),
                                QString::fromStdString(pair.successorId)));
        facts << tr("fetch %1 to draw it").arg(QString::fromStdString(pair.successorId));
    }
    plot->setSeries(drawn);
    summary_->setText(facts.join(QStringLiteral(" · ")));
}

}  // namespace hubgrowth
