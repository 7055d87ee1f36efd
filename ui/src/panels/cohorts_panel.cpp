#include "hubgrowth/ui/panels/cohorts_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMap>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>

#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/number_format.h"
#include "hubgrowth/ui/panels/chart_style.h"

namespace hubgrowth {

namespace {

constexpr int kMinModels = 5;

double median(std::vector<double> v) {
    const size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + long(mid), v.end());
    if (v.size() % 2 == 1)
        return v[mid];
    const double upper = v[mid];
    return 0.5 * (upper + *std::max_element(v.begin(), v.begin() + long(mid)));
}

}  // namespace

CohortsPanel::CohortsPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                           QWidget* parent)
    : ChartPanel(model, filter, parent) {
    grouping_ = new QComboBox();
    grouping_->addItem(tr("creation year"), int(Grouping::Year));
    grouping_->addItem(tr("creation quarter"), int(Grouping::Quarter));
    aggregate_ = new QComboBox();
    // Mean first: most real base models have no fine-tunes, so the median is 0 for most months.
    aggregate_->addItem(tr("mean per model"), int(Aggregate::Mean));
    aggregate_->addItem(tr("median per model"), int(Aggregate::Median));
    aggregate_->addItem(tr("total of the cohort"), int(Aggregate::Total));
    log_ = new QCheckBox(tr("&Log scale"));
    log_->setChecked(true);
    summary_ = new QLabel();
    summary_->setWordWrap(true);

    auto* controls = new QHBoxLayout();
    auto* groupLabel = new QLabel(tr("&Group by:"));
    groupLabel->setBuddy(grouping_);
    controls->addWidget(groupLabel);
    controls->addWidget(grouping_);
    auto* aggregateLabel = new QLabel(tr("&Show:"));
    aggregateLabel->setBuddy(aggregate_);
    controls->addWidget(aggregateLabel);
    controls->addWidget(aggregate_);
    controls->addWidget(log_);
    controls->addStretch(1);

    PlotView* plot = addPlot();
    plot->setAxes(PlotAxis{tr("months since the base model's creation"), false, NAN, NAN, true,
                           QStringLiteral("%.0f")},
                  PlotAxis{tr("cumulative fine-tunes"), true});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(plot, 1);
    layout->addWidget(summary_);

    connect(grouping_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { invalidate(); });
    connect(aggregate_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { invalidate(); });
    connect(log_, &QCheckBox::toggled, this, [this] { invalidate(); });
}

void CohortsPanel::setGrouping(Grouping grouping) {
    grouping_->setCurrentIndex(grouping_->findData(int(grouping)));
}
void CohortsPanel::setAggregate(Aggregate aggregate) {
    aggregate_->setCurrentIndex(aggregate_->findData(int(aggregate)));
}

QString CohortsPanel::cohortOf(const QString& isoDate, Grouping grouping) {
    bool yearOk = false, monthOk = false;
    const int year = isoDate.left(4).toInt(&yearOk);
    const int month = isoDate.mid(5, 2).toInt(&monthOk);
    if (!yearOk || year < 1900)
        return {};
    if (grouping == Grouping::Year)
        return QString::number(year);
    if (!monthOk || month < 1 || month > 12)
        return {};
    return QStringLiteral("%1 Q%2").arg(year).arg((month - 1) / 3 + 1);
}

void CohortsPanel::refresh() {
    const auto grouping = Grouping(grouping_->currentData().toInt());
    const auto aggregate = Aggregate(aggregate_->currentData().toInt());
    QMap<QString, QVector<int>> cohorts;  // sorted by name = chronologically
    int undated = 0;
    for (int row : filter_->acceptedSourceRows()) {
        const QString cohort =
            cohortOf(QString::fromStdString(model_->series(row).createdAt), grouping);
        if (cohort.isEmpty()) {
            ++undated;
            continue;
        }
        cohorts[cohort].push_back(row);
    }
    QVector<PlotSeries> series;
    QStringList leftOut;
    int index = 0;
    for (auto it = cohorts.cbegin(); it != cohorts.cend(); ++it, ++index) {
        const QVector<int>& rows = it.value();
        // One fixed set of models per curve, so a cumulative curve cannot fall: the models old
        // enough for the curve's last month. The curve ends where that set would shrink below
        // half the cohort (or kMinModels).
        std::vector<int> ages;
        for (int row : rows)
            ages.push_back(model_->series(row).observedMonths());
        std::sort(ages.begin(), ages.end(), std::greater<int>());
        const int needed =
            std::max(std::min(kMinModels, int(rows.size())), (int(rows.size()) + 1) / 2);
        const int months = ages.empty() ? 0 : ages[size_t(needed - 1)];
        QVector<int> members;
        for (int row : rows) {
            if (model_->series(row).observedMonths() >= months)
                members.push_back(row);
        }
        const QString name =
            members.size() == rows.size()
                ? tr("%1 (n=%2)").arg(it.key()).arg(rows.size())
                : tr("%1 (n=%2 of %3)").arg(it.key()).arg(members.size()).arg(rows.size());
        PlotSeries line{name, {}, categoryColor(index), PlotSeries::Style::Line};
        int pointsShown = 0;
        for (int k = 0; k < months; ++k) {
            std::vector<double> values;
            values.reserve(size_t(members.size()));
            for (int row : members)
                values.push_back(model_->series(row).counts[size_t(k)]);
            double y = 0.0;
            for (double v : values)
                y += v;
            if (aggregate == Aggregate::Mean)
                y /= double(values.size());
            if (aggregate == Aggregate::Median)
                y = median(values);
            line.points.push_back(QPointF(k, y));
            line.labels.push_back(
                tr("%1: the same %2 models at month %3").arg(it.key()).arg(members.size()).arg(k));
            pointsShown += (!log_->isChecked() || y > 0.0) ? 1 : 0;
        }
        // A line needs two points; on a log axis only those above 0 count.
        if (pointsShown < 2) {
            leftOut << (months < 2
                            ? tr("%1 (%2 models, %3 of data)")
                                  .arg(it.key())
                                  .arg(rows.size())
                                  .arg(formatMonths(months))
                            : tr("%1 (%2 models, nothing above 0)").arg(it.key()).arg(rows.size()));
            continue;
        }
        series.push_back(line);
    }
    PlotView* plot = plots().front();
    PlotAxis y = plot->yAxis();
    y.log = log_->isChecked();
    y.title = aggregate == Aggregate::Total  ? tr("cumulative fine-tunes (cohort total)")
              : aggregate == Aggregate::Mean ? tr("cumulative fine-tunes (mean per model)")
                                             : tr("cumulative fine-tunes (median per model)");
    plot->setAxes(plot->xAxis(), y);
    const bool drawable = std::any_of(series.begin(), series.end(), [&](const PlotSeries& line) {
        return std::any_of(line.points.begin(), line.points.end(),
                           [&](const QPointF& p) { return !y.log || p.y() > 0.0; });
    });
    plot->setTitle(
        drawable ? tr("Adoption by %1 of the base model").arg(grouping_->currentText())
                 : tr("Nothing above 0 to draw on a log axis: try the mean, or a linear scale"));
    plot->setSeries(series);
    summary_->setText(
        tr("Each curve follows one fixed set of n models (those old enough for its "
           "last month; it ends where fewer than half the cohort remain).") +
        (leftOut.isEmpty() ? QString() : tr(" Not drawn: %1.").arg(leftOut.join(tr("; ")))) +
        (undated > 0 ? tr(" %1 models without a creation date left out.").arg(undated)
                     : QString()));
}

}  // namespace hubgrowth
