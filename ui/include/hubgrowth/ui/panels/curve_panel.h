#pragma once
// Curve tab: observed cumulative fine-tunes, the WSB fit, its forecast and c∞ for the selected
// model; several selected models overlay (optionally normalised). Months after the fit's window
// (the "fit only the first K months" setting) are drawn hollow: a visual backtest.
// Each drawn model's forecast (one, or every overlaid one) comes from the forecasting core (the
// chosen method, `auto` by default) with calibrated 80 % / 95 % bands; it is computed on a
// worker (ForecastJob), one model at a time, and drawn when it arrives. With K set it forecasts
// from the first K months, so the held-out points can be compared with the bands.

#include <QHash>

#include "hubgrowth/core/forecast/forecaster.h"
#include "hubgrowth/ui/panels/chart_panel.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace hubgrowth {

class CurveTimeMachine;
class ForecastJob;

class CurvePanel : public ChartPanel {
    Q_OBJECT
  public:
    static constexpr int kMaxOverlay = 8;
    static constexpr int kMaxCachedForecasts = 256;

    CurvePanel(const ModelTableModel* model, const ModelFilterProxy* filter,
               QWidget* parent = nullptr);
    QString chartId() const override { return QStringLiteral("curve"); }
    QString displayName() const override { return tr("Curve"); }

    void setHorizon(int months);
    int horizon() const;
    void setLogScale(bool log);
    bool logScale() const;
    void setNormalised(bool normalised);
    // The x axis in calendar months (from the model's creation date) instead of month indices,
    // also in tooltips and the crosshair; one model drawn only (overlays start at other dates).
    void setShowsDates(bool dates);
    bool showsDates() const;
    // "Fit the first K months" (0: every month): the forecast starts from month K and later
    // months are drawn hollow, at once, whether or not the re-fit has arrived (a fit made for
    // another K is not drawn).
    void setFirstMonths(int months);
    int firstMonths() const { return firstMonths_; }
    // The forecasting method by name (forecast/forecast_method.h); unknown names are ignored.
    void setMethod(const QString& name);
    QString method() const;
    // A forecast for a drawn model is being computed (the chart shows the fit meanwhile).
    bool isForecasting() const { return forecastPending_; }
    QString summary() const;  // the line under the chart
    QString exportCaption() const override { return summary(); }
    // The forecast drawn for this source row with the current method and horizon, null when it
    // is not drawn (yet).
    const SeriesForecast* forecastFor(int row) const;
    // The "as of" control and the as-of backtest under the chart (curve_time_machine.h): as of
    // a date the drawn model is cut at its age then, the forecaster learns from the dataset
    // known then, and the later months are drawn hollow ("after as-of").
    CurveTimeMachine* timeMachine() const { return timeMachine_; }
    bool cancelBackgroundWork() override;

  signals:
    void horizonChanged(int months);
    void logScaleChanged(bool log);
    void methodChanged(const QString& name);
    void datesChanged(bool dates);
    // The forecast for the drawn model arrived (or failed) and is drawn.
    void forecastUpdated();

  protected:
    void refresh() override;
    void addContextActions(QMenu* menu) override;

  private:
    void drawSingle(int row);
    void drawOverlay();
    struct ForecastWanted {
        const ModelSeries* series;
        int cut;  // months the forecast starts from
    };
    // The forecasts of the drawn models that are current (null where not yet); requests the
    // next missing one.
    QVector<const SeriesForecast*> currentForecasts(const QVector<ForecastWanted>& wanted,
                                                    double m);
    QString forecastKey(const ModelSeries& series, int cut) const;
    int cutOf(const ModelSeries& series) const;  // months the forecast starts from
    double browserM() const;                     // the m of the browser's fits (100 before)

    QCheckBox* log_;
    QComboBox* method_;
    QCheckBox* normalise_;
    QCheckBox* dates_;
    QSpinBox* horizon_;
    QLabel* summary_;
    CurveTimeMachine* timeMachine_;

    ForecastJob* job_;
    quint64 datesGeneration_ = ~quint64(0);     // the generation the as-of dates are of
    QString populationKey_;                     // dataset generation and m the job learnt from
    QString requestedKey_;                      // the model, cut, method and horizon on its way
    QHash<QString, SeriesForecast> forecasts_;  // by the same key, for this population
    bool forecastPending_ = false;
    int firstMonths_ = 0;
};

}  // namespace hubgrowth
