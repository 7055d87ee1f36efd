#include "hubgrowth/ui/panels/organisations_panel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPixmap>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "hubgrowth/core/stats/kde.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/panels/chart_style.h"

namespace hubgrowth {

OrganisationsPanel::OrganisationsPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                                       QWidget* parent)
    : ChartPanel(model, filter, parent) {
    exportColumns_ = 1;  // stacked: each density gets the full width for its decades
    search_ = new QLineEdit();
    search_->setPlaceholderText(tr("Find an organisation"));
    search_->setClearButtonEnabled(true);
    search_->setMaximumWidth(180);
    orgs_ = new QListWidget();
    orgs_->setToolTip(tr("Tick the organisations to compare"));
    orgs_->setMaximumWidth(180);
    lambdaRange_ = new QCheckBox(tr("Only models with λ in"));
    lambdaRange_->setToolTip(tr("The paper restricts Fig. 3 to 1 ≤ λ ≤ 10"));
    lambdaMin_ = new QDoubleSpinBox();
    lambdaMax_ = new QDoubleSpinBox();
    for (QDoubleSpinBox* box : {lambdaMin_, lambdaMax_}) {
        box->setRange(0.0, 1000.0);
        box->setDecimals(2);
        box->setEnabled(false);
    }
    lambdaMin_->setValue(1.0);
    lambdaMax_->setValue(10.0);
    summary_ = new QLabel();
    summary_->setWordWrap(true);
    summary_->setMaximumWidth(180);

    auto* side = new QVBoxLayout();
    side->addWidget(new QLabel(tr("Organisations (by adoption):")));
    side->addWidget(search_);
    side->addWidget(orgs_, 1);
    side->addWidget(lambdaRange_);
    auto* range = new QHBoxLayout();
    range->addWidget(lambdaMin_);
    range->addWidget(new QLabel(QStringLiteral("–")));
    range->addWidget(lambdaMax_);
    side->addLayout(range);
    side->addWidget(summary_);

    auto* plotsRow = new QVBoxLayout();
    plotsRow->setSpacing(2);
    for (int month : kMonths) {
        PlotView* plot = addPlot();
        plot->setAxes(PlotAxis{tr("cumulative fine-tunes at month %1").arg(month), true},
                      PlotAxis{tr("density"), false, NAN, NAN, true});
        plotsRow->addWidget(plot, 1);
    }
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(side);
    layout->addLayout(plotsRow, 1);

    connect(orgs_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        const QString org = item->data(Qt::UserRole).toString();
        if (item->checkState() == Qt::Checked)
            checked_.insert(org);
        else
            checked_.remove(org);
        invalidate();
    });
    connect(search_, &QLineEdit::textChanged, this, [this] { fillList(); });
    connect(lambdaRange_, &QCheckBox::toggled, this, [this](bool on) {
        lambdaMin_->setEnabled(on);
        lambdaMax_->setEnabled(on);
        invalidate();
    });
    for (QDoubleSpinBox* box : {lambdaMin_, lambdaMax_}) {
        connect(box, qOverload<double>(&QDoubleSpinBox::valueChanged), this,
                [this] { invalidate(); });
    }
}

void OrganisationsPanel::setLambdaRange(bool enabled, double min, double max) {
    lambdaMin_->setValue(min);
    lambdaMax_->setValue(max);
    lambdaRange_->setChecked(enabled);
}

QStringList OrganisationsPanel::checkedOrganisations() const {
    QStringList out;
    for (const QString& org : knownOrgs_) {
        if (checked_.contains(org))
            out << org;
    }
    return out;
}

QStringList OrganisationsPanel::listedOrganisations() const {
    QStringList out;
    for (int i = 0; i < orgs_->count(); ++i)
        out << orgs_->item(i)->data(Qt::UserRole).toString();
    return out;
}

void OrganisationsPanel::setOrganisationChecked(const QString& org, bool checked) {
    syncOrganisationList();
    if (checked == checked_.contains(org) || (checked && !modelsPerOrg_.contains(org)))
        return;
    if (checked)
        checked_.insert(org);
    else
        checked_.remove(org);
    fillList();
    invalidate();
}

// A new dataset: its organisations by adoption, the largest few ticked.
void OrganisationsPanel::syncOrganisationList() {
    const QStringList& ranked = model_->organisationsByAdoption();
    if (ranked == knownOrgs_)
        return;
    knownOrgs_ = ranked;
    modelsPerOrg_.clear();
    for (int row = 0; row < model_->rowCount(); ++row)
        ++modelsPerOrg_[QString::fromStdString(model_->series(row).org)];
    checked_.clear();
    for (int i = 0; i < ranked.size() && i < kDefaultOrganisations; ++i)
        checked_.insert(ranked[i]);
    fillList();
}

// The largest organisations matching the search (up to the limit) and every ticked one, by
// adoption.
void OrganisationsPanel::fillList() {
    const QString search = search_->text().trimmed();
    QStringList listed;
    int matching = 0;
    for (const QString& org : knownOrgs_) {
        const bool matches = org.contains(search, Qt::CaseInsensitive);
        matching += matches ? 1 : 0;
        if ((matches && matching <= kListedOrganisations) || checked_.contains(org))
            listed << org;
    }
    const QSignalBlocker block(orgs_);
    orgs_->clear();
    const QStringList& allOrganisations = model_->organisations();
    for (const QString& org : listed) {
        auto* item =
            new QListWidgetItem(tr("%1 (%2)").arg(org).arg(modelsPerOrg_.value(org)), orgs_);
        // The list is the plots' legend: each entry carries its organisation's colour.
        QPixmap swatch(12, 12);
        swatch.fill(organisationColor(allOrganisations, org));
        item->setIcon(QIcon(swatch));
        item->setData(Qt::UserRole, org);
        item->setToolTip(org);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(checked_.contains(org) ? Qt::Checked : Qt::Unchecked);
    }
    search_->setToolTip(tr("%1 of %2 organisations match; the list shows the %3 largest by "
                           "adoption and every ticked one")
                            .arg(matching)
                            .arg(knownOrgs_.size())
                            .arg(kListedOrganisations));
}

void OrganisationsPanel::refresh() {
    syncOrganisationList();
    const QStringList checked = checkedOrganisations();
    const bool limit = lambdaRange_->isChecked();
    const double lo = lambdaMin_->value(), hi = lambdaMax_->value();

    QHash<QString, QVector<int>> rowsByOrg;
    int excluded = 0;
    for (int row : filter_->acceptedSourceRows()) {
        const QString org = QString::fromStdString(model_->series(row).org);
        if (!checked.contains(org))
            continue;
        if (limit) {
            const FitResult* f = model_->fit(row);
            if (!f || !(f->params.lambda >= lo && f->params.lambda <= hi)) {
                ++excluded;
                continue;
            }
        }
        rowsByOrg[org].push_back(row);
    }
    // One x range for all three plots, whole decades around the data, so they compare directly.
    double lowest = 0.0, highest = 0.0;
    for (const QVector<int>& rows : rowsByOrg) {
        for (int row : rows) {
            for (double v : model_->series(row).counts) {
                if (v <= 0.0)
                    continue;
                lowest = lowest > 0.0 ? std::min(lowest, v) : v;
                highest = std::max(highest, v);
            }
        }
    }
    const QStringList allOrganisations = model_->organisations();
    legend_.clear();
    for (int m = 0; m < 3; ++m) {
        const int month = kMonths[m];
        QVector<PlotSeries> series;
        for (int i = 0; i < checked.size(); ++i) {
            std::vector<double> values;
            int zeros = 0;
            for (int row : rowsByOrg.value(checked[i])) {
                const ModelSeries& s = model_->series(row);
                if (s.observedMonths() <= month)
                    continue;  // not old enough to have this month
                const double v = s.counts[size_t(month)];
                if (v > 0.0) {
                    values.push_back(v);
                } else {
                    ++zeros;
                }
            }
            if (values.size() < 2)
                continue;  // a density of one point says nothing
            const Density d = gaussianKdeLog10(values, 160);
            PlotSeries line{checked[i],
                            {},
                            organisationColor(allOrganisations, checked[i]),
                            PlotSeries::Style::Line};
            line.inLegend = false;  // the organisation list names the colours
            const bool listed =
                std::any_of(legend_.begin(), legend_.end(),
                            [&](const LegendEntry& e) { return e.name == line.name; });
            if (!listed)
                legend_.push_back(LegendEntry{line.name, line.color});
            const QString label =
                tr("%1: %2 models with fine-tunes at month %3%4")
                    .arg(checked[i])
                    .arg(values.size())
                    .arg(month)
                    .arg(zeros > 0 ? tr(" (%1 more at 0)").arg(zeros) : QString());
            for (size_t k = 0; k < d.x.size(); ++k) {
                line.points.push_back(QPointF(d.x[k], d.y[k]));
                line.labels.push_back(label);
            }
            series.push_back(line);
        }
        PlotView* plot = plots()[m];
        PlotAxis x = plot->xAxis();
        x.min = lowest > 0.0 ? std::pow(10.0, std::floor(std::log10(lowest))) : NAN;
        x.max = highest > 0.0 ? std::pow(10.0, std::ceil(std::log10(highest * 1.0001))) : NAN;
        if (x.min >= x.max)
            x.max = x.min * 10.0;
        plot->setAxes(x, plot->yAxis());
        plot->setTitle(tr("%1 months after creation").arg(month));
        plot->setSeries(series);
    }
    summary_->setText(
        tr("Density per decade: KDE of log10(count), Silverman bandwidth. Models with 0 "
           "fine-tunes at "
           "that month cannot sit on a log axis: hover a curve for its counts.") +
        (limit ? tr(" %1 models outside the λ range (or unfitted) left out.").arg(excluded)
               : QString()));
}

}  // namespace hubgrowth
