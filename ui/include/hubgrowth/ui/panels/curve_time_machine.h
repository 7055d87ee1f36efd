#pragma once
// The Curve tab's time machine: an "as of" slider over the data's months (as_of_dates.h; the
// right end is the latest date, no cut) and the as-of backtest of the models the browser's
// filter shows (runAsOfBacktest, as `hubgrowth backtest --as-of`, on a worker; a new date or
// horizon supersedes the running one, a new filter only re-summarises). Also the few as-of
// helpers the Curve panel draws with, so curve_panel.cpp stays small.

#include <QVector>
#include <QWidget>
#include <cstdint>
#include <optional>
#include <vector>

#include "hubgrowth/core/forecast/as_of_backtest.h"
#include "hubgrowth/core/forecast/forecaster.h"
#include "hubgrowth/ui/charts/plot_view.h"

class QLabel;
class QSlider;
class QTimer;

namespace hubgrowth {

class AsOfBacktestJob;

// Months of `series` known at asOf (truncateAsOf's cut; 0 when it did not exist yet).
int asOfObservedMonths(const ModelSeries& series, std::int64_t asOf);
// The dataset as known at asOf (truncateAsOf's series).
std::vector<ModelSeries> asOfPopulation(const std::vector<ModelSeries>& series, std::int64_t asOf);
// " · as of DATE: …" with the APE of the forecast at its horizon against what happened and
// whether it fell inside the 80 % / 95 % bands (when the data reaches that month).
QString asOfForecastNote(const SeriesForecast& forecast, const std::vector<double>& counts,
                         int horizon, std::int64_t asOf);

// A dotted vertical line at the last month known at asOf, from 0 to top (not in the range).
PlotSeries asOfMarker(std::int64_t asOf, int month, double top);

class CurveTimeMachine : public QWidget {
    Q_OBJECT
  public:
    explicit CurveTimeMachine(QWidget* parent = nullptr);
    ~CurveTimeMachine() override;

    // New dates (a new dataset): the slider goes to the right end (no cut).
    void setDates(const QVector<std::int64_t>& dates);
    const QVector<std::int64_t>& dates() const { return dates_; }
    void setAsOfIndex(int index);  // into dates(); asOfChanged at once
    int asOfIndex() const;
    // The date the Curve tab forecasts as of; nothing at the right end (today's behaviour).
    std::optional<std::int64_t> asOf() const;

    // The backtest line under the chart (owned by this widget, laid out by the panel).
    QLabel* backtestLabel() const { return backtest_; }
    // Starts (or keeps) the backtest of this date and horizon, summarised over shownRows
    // (indices into series); clears it at the right end. Never blocks.
    void updateBacktest(quint64 generation, const std::vector<ModelSeries>& series,
                        const QVector<int>& shownRows, int horizon, double m);
    bool isBacktesting() const { return running_ != nullptr; }
    // Stops the running backtest (not started again for the same request); true if one ran.
    bool cancelBacktest();
    bool hasBacktest() const { return summary_.has_value(); }
    AsOfSummary backtestSummary() const { return summary_.value_or(AsOfSummary{}); }

  signals:
    void asOfChanged();  // debounced while the slider is dragged
    void backtestUpdated();

  private:
    struct Request {
        quint64 generation = 0;
        std::int64_t asOf = 0;
        int horizon = 0;
        double m = 0.0;
        bool operator==(const Request& o) const {
            return generation == o.generation && asOf == o.asOf && horizon == o.horizon && m == o.m;
        }
    };
    void updateDateLabel();
    void summarise();
    void onEnded(AsOfBacktestJob* job, bool cancelled);

    QSlider* slider_;
    QLabel* date_;
    QLabel* backtest_;
    QTimer* debounce_;
    QVector<std::int64_t> dates_;
    AsOfBacktestJob* running_ = nullptr;
    Request runningRequest_;
    std::optional<Request> rowsRequest_;  // what rows_ were computed for
    std::optional<Request> cancelledRequest_;
    std::vector<AsOfRow> rows_;
    QVector<int> shown_;
    std::optional<AsOfSummary> summary_;
};

}  // namespace hubgrowth
