#pragma once
// Cohorts tab (the paper's Figs. 1 and 4): cumulative fine-tunes by month since creation, one
// curve per creation year or quarter of the base models (median, mean or total per month, over
// the models of the cohort old enough to have that month).

#include "hubgrowth/ui/panels/chart_panel.h"

class QCheckBox;
class QComboBox;
class QLabel;

namespace hubgrowth {

class CohortsPanel : public ChartPanel {
    Q_OBJECT
  public:
    enum class Grouping { Year, Quarter };
    enum class Aggregate { Median, Mean, Total };

    CohortsPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                 QWidget* parent = nullptr);
    QString chartId() const override { return QStringLiteral("cohorts"); }
    QString displayName() const override { return tr("Cohorts"); }

    void setGrouping(Grouping grouping);
    void setAggregate(Aggregate aggregate);

    // "2023" or "2023 Q2" from an ISO date; empty when the date is unknown.
    static QString cohortOf(const QString& isoDate, Grouping grouping);

  protected:
    void refresh() override;

  private:
    QComboBox* grouping_;
    QComboBox* aggregate_;
    QCheckBox* log_;
    QLabel* summary_;
};

}  // namespace hubgrowth
