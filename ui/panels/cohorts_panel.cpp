#include "panels/cohorts_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMap>
#include <QVBoxLayout>
#include <algorithm>

#include "charts/plot_view.h"
#include "model_filter_proxy.h"
#include "model_table_model.h"
#include "panels/chart_style.h"

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
    int index = 0;
    for (auto it = cohorts.cbegin(); it != cohorts.cend(); ++it, ++index) {
        int longest = 0;
        for (int row : it.value())
            longest = std::max(longest, model_->series(row).observedMonths());
        PlotSeries line{tr("%1 (n=%2)").arg(it.key()).arg(it.value().size()),
                        {},
                        categoryColor(index),
                        PlotSeries::Style::Line};
        for (int k = 0; k < longest; ++k) {
            std::vector<double> values;
            for (int row : it.value()) {
                const ModelSeries& s = model_->series(row);
                if (k < s.observedMonths())
                    values.push_back(s.counts[size_t(k)]);
            }
            // A month resting on a handful of old models is noise, not a cohort trend.
            if (values.empty() || int(values.size()) < std::min(kMinModels, int(it.value().size())))
                continue;
            double y = 0.0;
            for (double v : values)
                y += v;
            if (aggregate == Aggregate::Mean)
                y /= double(values.size());
            if (aggregate == Aggregate::Median)
                y = median(values);
            line.points.push_back(QPointF(k, y));
            line.labels.push_back(
                tr("%1: %2 models at month %3").arg(it.key()).arg(values.size()).arg(k));
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
    summary_->setText(tr("Each month aggregates the cohort's models old enough to have it; months "
                         "with fewer than %1 such models are not drawn.")
                          .arg(kMinModels) +
                      (undated > 0 ? tr(" %1 models without a creation date left out.").arg(undated)
                                   : QString()));
}

}  // namespace hubgrowth
