#include "hubgrowth/ui/panels/successors_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/panels/chart_style.h"

namespace hubgrowth {

namespace {

enum Column { Incumbent, Successor, Status, ColumnCount };

// shift: where month 0 of the series is drawn on the x axis.
QVector<QPointF> cumulativePoints(const ModelSeries& series, bool log, double shift = 0.0) {
    QVector<QPointF> points;
    for (size_t k = 0; k < series.counts.size(); ++k) {
        if (log && series.counts[k] <= 0.0)
            continue;  // a log axis cannot show the months before the first fine-tune
        points.push_back(QPointF(double(k) + shift, series.counts[k]));
    }
    return points;
}

// Fine-tune gains are interpolated at a fractional month: whole numbers read better.
QString count(double value) {
    return QString::number(std::round(value), 'f', 0);
}

QString percent(double fraction) {
    return QString::number(100.0 * fraction, 'f', 0) + QStringLiteral(" %");
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
    view_ = new QComboBox();
    view_->addItem(tr("Selected pair"));
    view_->addItem(tr("All pairs: same calendar months"));
    view_->setToolTip(
        tr("All pairs: for every pair, the fine-tunes the incumbent (x) and the successor (y) "
           "each gained in the months since the successor appeared. Points below the diagonal: "
           "the incumbent kept more of the adoption."));
    calendar_ = new QCheckBox(tr("&Calendar time"));
    calendar_->setToolTip(
        tr("Draw the successor from its creation date on the incumbent's "
           "timeline instead of from month 0"));
    summary_ = new QLabel();
    summary_->setTextFormat(Qt::RichText);
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
    controls->addWidget(new QLabel(tr("Show:")));
    controls->addWidget(view_);
    controls->addWidget(calendar_);
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
    connect(calendar_, &QCheckBox::toggled, this, [this] { invalidate(); });
    connect(view_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        calendar_->setEnabled(view() == View::SelectedPair);
        invalidate();
    });
    // In the all-pairs chart a click picks that pair (and selects its incumbent everywhere).
    connect(plot, &PlotView::pointClicked, this, [this](int series, int index) {
        if (view() != View::AllPairs || index < 0)
            return;
        if (plots().front()->series(series).name != tr("pairs") ||
            index >= int(scatterPairs_.size())) {
            return;
        }
        list_->selectRow(scatterPairs_[size_t(index)]);
    });
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

void SuccessorsPanel::setView(View view) {
    view_->setCurrentIndex(view == View::AllPairs ? 1 : 0);
}

SuccessorsPanel::View SuccessorsPanel::view() const {
    return view_->currentIndex() == 1 ? View::AllPairs : View::SelectedPair;
}

void SuccessorsPanel::setCalendarTime(bool calendar) {
    calendar_->setChecked(calendar);
}

QString SuccessorsPanel::summaryText() const {
    return summary_->text();
}

void SuccessorsPanel::rebuildPairs() {
    const Dataset& dataset = model_->dataset();
    pairs_ = store::successorPairs(dataset);
    headToHeads_ = store::compareSuccessorPairs(pairs_, dataset);
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
    if (view() == View::AllPairs)
        drawAllPairs();
    else
        drawSelectedPair();
    const QString aggregate = aggregateSummary();
    if (!aggregate.isEmpty())
        summary_->setText(summary_->text().isEmpty()
                              ? aggregate
                              : summary_->text() + QStringLiteral("<br>") + aggregate);
}

QString SuccessorsPanel::aggregateSummary() const {
    std::vector<HeadToHead> comparable;
    for (const auto& h : headToHeads_) {
        if (h)
            comparable.push_back(*h);
    }
    if (comparable.empty())
        return {};
    const HeadToHeadSummary s = summarizeHeadToHead(comparable);
    QString text = tr("<b>All pairs</b> (%1 comparable): the successor gained more fine-tunes "
                      "than its incumbent in the same calendar months in %2 of %1")
                       .arg(s.pairs)
                       .arg(s.successorGainedMore);
    if (std::isfinite(s.medianSuccessorShare))
        text += tr(" (median share %1)").arg(percent(s.medianSuccessorShare));
    text += tr(", and was ahead at the same age in %1 of %2.")
                .arg(s.successorAheadAtSameAge)
                .arg(s.pairs);
    return text;
}

void SuccessorsPanel::drawAllPairs() {
    PlotView* plot = plots().front();
    const bool log = log_->isChecked();
    PlotAxis x{tr("incumbent's fine-tunes in the months since the successor appeared"),
               log,
               NAN,
               NAN,
               !log,
               QStringLiteral("%g")};
    PlotAxis y{
        tr("successor's fine-tunes in the same months"), log, NAN, NAN, !log, QStringLiteral("%g")};
    plot->setAxes(x, y);
    plot->setTitle(tr("Incumbent vs successor, same calendar months"));
    PlotSeries points{tr("pairs"), {}, categoryColor(1), PlotSeries::Style::Points};
    PlotSeries selected{tr("selected pair"), {}, categoryColor(3), PlotSeries::Style::Points};
    selected.markerSize = 11.0;
    scatterPairs_.clear();
    int hiddenOnLog = 0;
    double largest = 0.0;
    const int current = currentPair();
    for (size_t i = 0; i < pairs_.size(); ++i) {
        const auto& h = headToHeads_[i];
        if (!h)
            continue;
        if (log && (h->incumbentGain <= 0.0 || h->successorGain <= 0.0)) {
            ++hiddenOnLog;  // a log axis cannot show a pair where one side gained nothing
            continue;
        }
        const QPointF p(h->incumbentGain, h->successorGain);
        const QString label =
            tr("%1 → %2: %3 vs %4 fine-tunes in the %5 months since the successor appeared")
                .arg(QString::fromStdString(pairs_[i].incumbentId),
                     QString::fromStdString(pairs_[i].successorId))
                .arg(count(h->incumbentGain), count(h->successorGain))
                .arg(h->months);
        points.points << p;
        points.labels << label;
        scatterPairs_.push_back(int(i));
        largest = std::max({largest, p.x(), p.y()});
        if (int(i) == current) {
            selected.points << p;
            selected.labels << label;
        }
    }
    QVector<PlotSeries> drawn;
    if (!points.points.isEmpty()) {
        const double low = log ? 1.0 : 0.0;
        PlotSeries diagonal{
            tr("equal gains"),
            {QPointF(low, low), QPointF(std::max(largest, 1.0), std::max(largest, 1.0))},
            QColor(120, 120, 120),
            PlotSeries::Style::DashedLine};
        diagonal.lineWidth = 1.0;
        drawn << diagonal << points;
        if (!selected.points.isEmpty())
            drawn << selected;
    }
    plot->setSeries(drawn);
    summary_->setText(points.points.isEmpty()
                          ? tr("No pair has both series and a month in common to compare.")
                          : (hiddenOnLog > 0
                                 ? tr("%1 pairs where one side gained nothing are not drawn on "
                                      "log axes.")
                                       .arg(hiddenOnLog)
                                 : QString()));
}

void SuccessorsPanel::drawSelectedPair() {
    PlotView* plot = plots().front();
    const int index = currentPair();
    const bool log = log_->isChecked();
    const bool calendar = calendar_->isChecked();
    PlotAxis x = plot->xAxis();
    x.log = false;
    x.includeZero = true;
    x.title = calendar ? tr("months since the incumbent's creation")
                       : tr("months since each model's creation");
    PlotAxis y = plot->yAxis();
    y.title = tr("cumulative fine-tunes");
    y.log = log;
    y.includeZero = !log;
    plot->setAxes(x, y);
    if (index < 0 || index >= int(pairs_.size())) {
        plot->setTitle(tr("No pair selected"));
        plot->setSeries({});
        summary_->clear();
        return;
    }
    const store::SuccessorPair& pair = pairs_[size_t(index)];
    QVector<PlotSeries> drawn;
    QStringList facts;
    const auto add = [&](int row, const QString& role, const QColor& color, double shift) {
        const ModelSeries& series = model_->series(row);
        const QString id = QString::fromStdString(series.id);
        PlotSeries line{tr("%1: %2").arg(role, id), cumulativePoints(series, log, shift), color,
                        PlotSeries::Style::Line};
        PlotSeries points{QString(), line.points, color, PlotSeries::Style::Points};
        points.inLegend = false;
        points.markerSize = 5.0;
        for (const QPointF& p : line.points) {
            points.labels << tr("%1, month %2: %3 fine-tunes")
                                 .arg(id)
                                 .arg(QString::number(p.x() - shift, 'f', 0))
                                 .arg(p.y());
        }
        drawn << line << points;
        facts << tr("%1 %2: created %3, %4 fine-tunes after %5 months")
                     .arg(role, id, QString::fromStdString(series.createdAt).left(10))
                     .arg(series.lastCount())
                     .arg(series.observedMonths() - 1);
    };
    add(pair.incumbent, tr("incumbent"), categoryColor(0), 0.0);
    if (pair.successor >= 0) {
        const bool shifted = calendar && std::isfinite(pair.offsetMonths);
        add(pair.successor, tr("successor"), categoryColor(1), shifted ? pair.offsetMonths : 0.0);
        plot->setTitle(tr("%1 → %2").arg(QString::fromStdString(pair.incumbentId),
                                         QString::fromStdString(pair.successorId)));
        if (const auto& h = headToHeads_[size_t(index)]) {
            facts << tr("in the %1 months since the successor appeared: incumbent +%2, successor "
                        "+%3")
                         .arg(h->months)
                         .arg(count(h->incumbentGain), count(h->successorGain));
        }
    } else {
        plot->setTitle(tr("%1 → %2 (successor not in the store)")
                           .arg(QString::fromStdString(pair.incumbentId),
                                QString::fromStdString(pair.successorId)));
        facts << tr("fetch %1 to draw it").arg(QString::fromStdString(pair.successorId));
    }
    plot->setSeries(drawn);
    summary_->setText(facts.join(QStringLiteral(" · ")).toHtmlEscaped());
}

}  // namespace hubgrowth
