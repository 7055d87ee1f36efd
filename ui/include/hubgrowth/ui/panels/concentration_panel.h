#pragma once
// Concentration tab (the paper's Fig. 5): the Pareto form of the Lorenz curve of fine-tunes (or,
// from a Hub store, all-time downloads) over models, with "x % of models account for 80 %" marked.

#include "hubgrowth/ui/panels/chart_panel.h"

class QCheckBox;
class QComboBox;
class QLabel;

namespace hubgrowth {

class ConcentrationPanel : public ChartPanel {
    Q_OBJECT
  public:
    enum class Measure { LastCount, Forecast12, DownloadsAllTime };
    static constexpr double kTarget = 0.8;

    ConcentrationPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                       QWidget* parent = nullptr);
    QString chartId() const override { return QStringLiteral("concentration"); }
    QString displayName() const override { return tr("Concentration"); }

    // The share of models (0..1) that accounts for 80 % in the last drawing.
    double shareForTarget() const { return share_; }
    double gini() const { return gini_; }
    // Whether the data has download figures (only a Hub store does); else that choice is off.
    bool downloadsAvailable() const;
    bool setMeasure(Measure measure);  // false (and nothing changes) when that measure is disabled
    // The saved choice: selected now if possible, else (downloads without a store) as soon as
    // data with downloads arrives.
    void setPreferredMeasure(Measure measure);
    Measure measure() const;

  signals:
    // The user chose a measure (not emitted when the data forces the fallback).
    void measureChanged(hubgrowth::ConcentrationPanel::Measure measure);

  protected:
    void refresh() override;

  private:
    void updateDownloadsChoice();

    QComboBox* measure_;
    QCheckBox* logX_;
    QLabel* summary_;
    Measure preferred_ = Measure::LastCount;
    double share_ = 0.0;
    double gini_ = 0.0;
};

}  // namespace hubgrowth
