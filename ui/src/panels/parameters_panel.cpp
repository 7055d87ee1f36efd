#include "hubgrowth/ui/panels/parameters_panel.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "hubgrowth/core/stats/histogram.h"
#include "hubgrowth/core/stats/quantile.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/panels/chart_style.h"

namespace hubgrowth {

namespace {

enum Param { kLambda, kMu, kSigma };
const std::array<std::pair<int, int>, 3> kPairs{{{kLambda, kMu}, {kLambda, kSigma}, {kMu, kSigma}}};

QString paramName(int p) {
    return p == kLambda ? QStringLiteral("λ (fitness)")
           : p == kMu   ? QStringLiteral("μ (immediacy)")
                        : QStringLiteral("σ (longevity)");
}

// The symbol alone, for titles that must fit a third of a 1024-pixel window.
QString paramSymbol(int p) {
    return p == kLambda ? QStringLiteral("λ")
           : p == kMu   ? QStringLiteral("μ")
                        : QStringLiteral("σ");
}

double paramValue(const FitResult& f, int p) {
    return p == kLambda ? f.params.lambda : p == kMu ? f.params.mu : f.params.sigma;
}

}  // namespace

ParametersPanel::ParametersPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                                 QWidget* parent)
    : ChartPanel(model, filter, parent) {
    exportColumns_ = 3;
    auto* grid = new QGridLayout();
    grid->setSpacing(2);
    for (int p = 0; p < 3; ++p) {
        PlotView* hist = addPlot();
        // λ and σ span decades, μ (a log-time) is roughly symmetric: log bins only for λ and σ.
        hist->setAxes(PlotAxis{paramName(p), p != kMu},
                      PlotAxis{tr("models"), false, NAN, NAN, true, QStringLiteral("%.0f")});
        grid->addWidget(hist, 0, p);
    }
    for (int i = 0; i < 3; ++i) {
        PlotView* scatter = addPlot();
        scatter->setAxes(PlotAxis{paramName(kPairs[i].first), true},
                         PlotAxis{paramName(kPairs[i].second), true});
        connect(scatter, &PlotView::pointClicked, this, [this, scatter](int series, int index) {
            const int row = rowAt(scatter, series, index);
            if (row >= 0)
                emit rowActivated(row);
        });
        grid->addWidget(scatter, 1, i);
    }
    summary_ = new QLabel();
    summary_->setWordWrap(true);
    legend_ = new QLabel();
    legend_->setWordWrap(true);
    legend_->setTextFormat(Qt::RichText);
    legend_->setToolTip(tr("Click an organisation to hide or show it in the scatter plots"));
    connect(legend_, &QLabel::linkActivated, this, [this](const QString& link) {
        const int g = link.toInt();
        if (g >= 0 && g < groups_.size())
            setGroupHidden(groups_[g].name, !hiddenGroups_.contains(groups_[g].name));
    });
    goodOnly_ = new QCheckBox(tr("&Good fits only"));
    goodOnly_->setChecked(true);
    goodOnly_->setToolTip(
        tr("Leave out fits that did not converge or have R² < 0.9 (their "
           "parameters are not meaningful and stretch the axes)"));
    connect(goodOnly_, &QCheckBox::toggled, this, [this] { invalidate(); });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(goodOnly_);
    layout->addLayout(grid, 1);
    layout->addWidget(legend_);
    layout->addWidget(summary_);
}

QVector<ChartPanel::LegendEntry> ParametersPanel::sharedLegend() const {
    return groups_;
}

void ParametersPanel::setGroupHidden(const QString& name, bool hidden) {
    if (hidden)
        hiddenGroups_.insert(name);
    else
        hiddenGroups_.remove(name);
    for (PlotView* scatter : scatterPlots()) {
        for (int s = 0; s < scatter->seriesCount(); ++s) {
            if (scatter->series(s).name == name)
                scatter->setSeriesVisible(s, !hidden);
        }
    }
    updateLegend();
}

void ParametersPanel::updateLegend() {
    QStringList entries;
    for (int g = 0; g < groups_.size(); ++g) {
        groups_[g].hidden = hiddenGroups_.contains(groups_[g].name);
        entries << QStringLiteral(
                       "<a href=\"%1\" style=\"text-decoration:none; color:%2\">&#9632;</a>&nbsp;"
                       "<a href=\"%1\" style=\"text-decoration:none; color:%3\">%4</a>")
                       .arg(g)
                       .arg(groups_[g].hidden ? QStringLiteral("#cccccc") : groups_[g].color.name(),
                            groups_[g].hidden ? QStringLiteral("#999999")
                                              : palette().color(QPalette::WindowText).name(),
                            groups_[g].name.toHtmlEscaped());
    }
    legend_->setText(entries.join(QStringLiteral(" &nbsp; ")));
    legend_->setVisible(!entries.isEmpty());
}

QVector<PlotView*> ParametersPanel::scatterPlots() const {
    return plots().mid(3, 3);
}

int ParametersPanel::rowAt(PlotView* scatter, int series, int index) const {
    const auto it = rows_.find(scatter);
    if (it == rows_.end() || series < 0 || series >= it->size())
        return -1;
    return it->at(series).value(index, -1);
}

void ParametersPanel::refreshSelection() {
    if (plottedRow_.size() != size_t(model_->rowCount())) {
        refresh();  // nothing drawn for this dataset yet
        return;
    }
    for (int i = 0; i < 3; ++i)
        showScatter(i);
}

void ParametersPanel::showScatter(int i) {
    PlotView* scatter = plots()[3 + i];
    const int px = kPairs[size_t(i)].first, py = kPairs[size_t(i)].second;
    QVector<PlotSeries> series = groupSeries_[i];  // implicitly shared: no point is copied
    QVector<QVector<int>> seriesRows = groupRows_[i];
    // The current selection on top, ringed.
    PlotSeries selected{tr("selected"), {}, QColor(Qt::black), PlotSeries::Style::HollowPoints};
    selected.markerSize = 13.0;
    selected.inLegend = false;
    selected.labelsAreModels = true;
    QVector<int> selectedRows;
    for (int row : selected_) {
        const FitResult* f = model_->fit(row);
        if (!f || size_t(row) >= plottedRow_.size() || !plottedRow_[size_t(row)])
            continue;
        selected.points.push_back(QPointF(paramValue(*f, px), paramValue(*f, py)));
        selected.labels.push_back(model_->modelId(row));
        selectedRows.push_back(row);
    }
    if (!selected.points.isEmpty()) {
        series.push_back(selected);
        seriesRows.push_back(selectedRows);
    }
    rows_[scatter] = seriesRows;
    scatter->setSeries(series);
    for (int g = 0; g < groupSeries_[i].size(); ++g) {
        if (hiddenGroups_.contains(series[g].name))
            scatter->setSeriesVisible(g, false);
    }
}

void ParametersPanel::refresh() {
    // Models with usable parameters among those the filter accepts.
    QVector<int> rows;
    int powerLaw = 0;
    for (int row : filter_->acceptedSourceRows()) {
        const FitQuality q = model_->fitQuality(row);
        if (!(q == FitQuality::Good || (q == FitQuality::Poor && !goodOnly_->isChecked())))
            continue;
        // At the power-law limit lambda sits at the edge of the doubles: no parameter to plot.
        if (model_->fit(row)->outcome == FitOutcome::PowerLawLimit) {
            ++powerLaw;
            continue;
        }
        rows.push_back(row);
    }
    plotted_ = static_cast<int>(rows.size());
    plottedRow_.assign(size_t(model_->rowCount()), false);
    for (int row : rows)
        plottedRow_[size_t(row)] = true;

    // Organisations by number of models; the largest get their own colour. Counted on the
    // series' own strings: at Hub scale a QString per row and scatter was most of the refresh.
    std::unordered_map<std::string, int> perOrg;
    for (int row : rows)
        ++perOrg[model_->series(row).org];
    std::vector<std::pair<int, std::string>> byCount;
    byCount.reserve(perOrg.size());
    for (const auto& [org, count] : perOrg)
        byCount.emplace_back(-count, org);
    std::sort(byCount.begin(), byCount.end());
    const bool other = byCount.size() > size_t(kMaxOrganisations);
    if (other)
        byCount.resize(size_t(kMaxOrganisations));
    QStringList orgs;
    std::unordered_map<std::string, int> groupOfOrg;
    for (const auto& [count, org] : byCount) {
        groupOfOrg.emplace(org, int(orgs.size()));
        orgs << QString::fromStdString(org);
    }
    const int groups = int(orgs.size()) + (other ? 1 : 0);

    // Each group's rows and model ids, shared by the three scatter plots (implicitly shared
    // copies, one string per model).
    QVector<QVector<int>> groupRows(groups);
    QVector<QStringList> groupLabels(groups);
    for (int row : rows) {
        const auto it = groupOfOrg.find(model_->series(row).org);
        const int g = it != groupOfOrg.end() ? it->second : int(orgs.size());
        groupRows[g].push_back(row);
        groupLabels[g].push_back(model_->modelId(row));
    }

    for (int p = 0; p < 3; ++p) {
        std::vector<double> values;
        values.reserve(size_t(rows.size()));
        for (int row : rows)
            values.push_back(paramValue(*model_->fit(row), p));
        // Bins over the central 98 %: a few extreme (poorly identified) fits would otherwise
        // squeeze every other model into one bin. The title counts what is left out.
        const bool log = p != kMu;
        const double lo = quantile(values, kTail, log), hi = quantile(values, 1.0 - kTail, log);
        Histogram h =
            histogramWithEdges(values, log ? logEdges(lo, hi, kBins) : linearEdges(lo, hi, kBins));
        if (h.counts.empty())
            h = log ? logHistogram(values, kBins) : linearHistogram(values, kBins);
        int hidden = h.outside + h.ignored;
        if (log) {
            hidden = 0;
            for (double v : values)
                hidden += (v > 0.0 && v >= h.edges.front() && v <= h.edges.back()) ? 0 : 1;
        }
        QVector<QPointF> upper, lower;
        histogramOutline(h.edges, h.counts, &upper, &lower);
        PlotSeries bars =
            PlotSeries::band(tr("%1 models").arg(rows.size()), lower, upper, categoryColor(0));
        bars.inLegend = false;
        PlotView* hist = plots()[p];
        hist->setTitle(hidden > 0 ? tr("%1 · %2 outside the axis").arg(paramName(p)).arg(hidden)
                                  : paramName(p));
        hist->setSeries({bars});
    }

    const QStringList allOrganisations = model_->organisations();
    for (int i = 0; i < 3; ++i) {
        PlotView* scatter = plots()[3 + i];
        const int px = kPairs[i].first, py = kPairs[i].second;
        QVector<PlotSeries> series(groups);
        QVector<QVector<int>> seriesRows = groupRows;
        for (int g = 0; g < groups; ++g) {
            series[g].name = g < orgs.size() ? orgs[g] : tr("other");
            series[g].color =
                g < orgs.size() ? organisationColor(allOrganisations, orgs[g]) : otherColor();
            series[g].style = PlotSeries::Style::Points;
            series[g].markerSize = rows.size() > 2000 ? 4.0 : 6.0;
            series[g].inLegend = false;  // one legend under the plots names the colours
            series[g].labelsAreModels = true;
        }
        int hidden = 0;
        for (int g = 0; g < groups; ++g) {
            series[g].points.reserve(groupRows[g].size());
            for (int row : groupRows[g]) {
                const FitResult& f = *model_->fit(row);
                const double x = paramValue(f, px), y = paramValue(f, py);
                if (!(x > 0.0 && y > 0.0))
                    ++hidden;
                series[g].points.push_back(QPointF(x, y));
            }
            series[g].labels = groupLabels[g];
        }
        // The axis titles name the parameters in full.
        scatter->setTitle(hidden > 0 ? tr("%1 vs %2 · %3 with a value ≤ 0 left out")
                                           .arg(paramSymbol(py), paramSymbol(px))
                                           .arg(hidden)
                                     : tr("%1 vs %2").arg(paramSymbol(py), paramSymbol(px)));
        groupSeries_[i] = series;
        groupRows_[i] = seriesRows;
        showScatter(i);
        if (i == 0) {
            groups_.clear();
            for (int g = 0; g < groups; ++g)
                groups_.push_back(LegendEntry{series[g].name, series[g].color});
        }
    }
    updateLegend();
    summary_->setText(tr("%1 fitted models of the %2 the table's filter accepts (models without "
                         "adoption or fit are left out). Histograms span the 1st–99th "
                         "percentile; a log axis cannot show values ≤ 0. Hover a point for its "
                         "model, click to select it; click an organisation below the plots to "
                         "hide it.")
                          .arg(rows.size())
                          .arg(filter_->acceptedSourceRows().size()) +
                      (powerLaw > 0 ? tr(" %1 fits at the power-law limit (λ → ∞, parameters not "
                                         "identifiable) are left out.")
                                          .arg(powerLaw)
                                    : QString()));
}

}  // namespace hubgrowth
