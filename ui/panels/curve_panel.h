#pragma once
// Curve tab: observed cumulative fine-tunes, the WSB fit, its forecast and c∞ for the selected
// model; several selected models overlay (optionally normalised). Months after the fit's window
// (the "fit only the first K months" setting) are drawn hollow: a visual backtest.
// A single model's forecast comes from the forecasting core (the chosen method, `auto` by
// default) with calibrated 80 % / 95 % bands; it is computed on a worker (ForecastJob) and drawn
// when it arrives. With K set it forecasts from the first K months, so the held-out points can
// be compared with the bands.

#include "forecast/forecaster.h"
#include "panels/chart_panel.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace hubgrowth {

class ForecastJob;

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
    // The forecasting method by name (forecast/forecast_method.h); unknown names are ignored.
    void setMethod(const QString& name);
    QString method() const;
    // A forecast for the drawn model is being computed (the chart shows the fit meanwhile).
    bool isForecasting() const { return forecastPending_; }
    QString summary() const;  // the line under the chart

  signals:
    void horizonChanged(int months);
    void logScaleChanged(bool log);
    void methodChanged(const QString& name);
    // The forecast for the drawn model arrived (or failed) and is drawn.
    void forecastUpdated();

  protected:
    void refresh() override;

  private:
    void drawSingle(int row);
    void drawOverlay();
    // The forecast of the drawn model when it is current; else requests it and returns null.
    const SeriesForecast* currentForecast(const ModelSeries& series, int cut, double m);

    QCheckBox* log_;
    QComboBox* method_;
    QCheckBox* normalise_;
    QSpinBox* horizon_;
    QLabel* summary_;

    ForecastJob* job_;
    quint64 datasetGeneration_ = 0;  // bumped when the model's dataset changes
    QString populationKey_;          // dataset generation and m the job learnt from
    QString requestedKey_;           // the model, cut, method and horizon asked for last
    QString forecastKey_;            // ... and the one forecast_ belongs to
    SeriesForecast forecast_;
    bool forecastPending_ = false;
};

}  // namespace hubgrowth
