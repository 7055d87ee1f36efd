#pragma once
// Parameters tab (the paper's Fig. 2): histograms of λ, μ, σ and their pairwise scatter on log
// axes, coloured by organisation. Points follow the browser's filter; hovering names the model,
// clicking selects it everywhere.

#include <QHash>
#include <QSet>
#include <array>
#include <vector>

#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/panels/chart_panel.h"

class QCheckBox;
class QLabel;

namespace hubgrowth {

class ParametersPanel : public ChartPanel {
    Q_OBJECT
  public:
    static constexpr int kMaxOrganisations = 9;  // the rest are grouped as "other"
    static constexpr int kBins = 30;
    static constexpr double kTail = 0.01;  // histograms span the 1st..99th percentile

    ParametersPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                    QWidget* parent = nullptr);
    QString chartId() const override { return QStringLiteral("parameters"); }
    QString displayName() const override { return tr("Parameters"); }

    // The three scatter plots (λ–μ, λ–σ, μ–σ) and how many models they draw.
    QVector<PlotView*> scatterPlots() const;
    int plottedModelCount() const { return plotted_; }
    // The source row behind a point of a scatter plot; -1 for none.
    int rowAt(PlotView* scatter, int series, int index) const;
    // The organisations' colours, shared by the three scatter plots.
    QVector<LegendEntry> sharedLegend() const override;
    // Shows or hides one organisation (a legend entry) in every scatter plot.
    void setGroupHidden(const QString& name, bool hidden);

  protected:
    void refresh() override;
    // Redraws the selection's rings over the organisations' points drawn by refresh().
    void refreshSelection() override;

  private:
    void updateLegend();
    void showScatter(int index);  // groupSeries_[index] and the selection

    QCheckBox* goodOnly_;
    QLabel* summary_;
    QLabel* legend_;  // wraps: every organisation's name stays whole at any width
    QVector<LegendEntry> groups_;
    QSet<QString> hiddenGroups_;
    // Per scatter plot: per series, the source row of each point.
    QHash<PlotView*, QVector<QVector<int>>> rows_;
    int plotted_ = 0;
    std::vector<bool> plottedRow_;  // per source row: drawn in the scatter plots
    // Per scatter plot, as the last refresh() built them: the organisations' series (without
    // the selection) and each point's source row.
    std::array<QVector<PlotSeries>, 3> groupSeries_;
    std::array<QVector<QVector<int>>, 3> groupRows_;
};

}  // namespace hubgrowth
