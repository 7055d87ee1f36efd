#pragma once
// Curve tab: observed cumulative fine-tunes, the WSB fit, its forecast and c∞ for the selected
// model; several selected models overlay (optionally normalised). Months after the fit's window
// (the "fit only the first K months" setting) are drawn hollow: a visual backtest.

#include "panels/chart_panel.h"

class QCheckBox;
class QLabel;
class QSpinBox;

namespace hubgrowth {

class CurvePanel : public ChartPanel {
    Q_OBJECT
  public:
    static constexpr int kMaxOverlay = 8;

    CurvePanel(const ModelTableModel* model, const ModelFilterProxy* filter,
               QWidget* parent = nullptr);
    QString chartId() const override { return QStringLiteral("curve"); }
    QString displayName() const override { return tr("Curve"); }

    void setHorizon(int months);
    int horizon() const;
    void setLogScale(bool log);
    bool logScale() const;
    void setNormalised(bool normalised);

  signals:
    void horizonChanged(int months);
    void logScaleChanged(bool log);

  protected:
    void refresh() override;

  private:
    void drawSingle(int row);
    void drawOverlay();

    QCheckBox* log_;
    QCheckBox* normalise_;
    QSpinBox* horizon_;
    QLabel* summary_;
};

}  // namespace hubgrowth
