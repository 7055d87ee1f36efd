#pragma once
// Rising tab: the models the browser's filter accepts, ranked by their forecast gain over the
// next H months as of a date (core/forecast/as_of_rank.h, the ranking `hubgrowth rank` prints):
// every series truncated at the date, everything learned from the truncated data. A table of
// every ranked model, a chart of the top gains with their 80 % / 95 % intervals and a summary;
// for a date before the data's end the summary also scores the shown models as
// `hubgrowth backtest --as-of` does. The ranking runs on a worker (AsOfRankJob); a change of
// date or horizon supersedes the running one.

#include <QVector>
#include <cstdint>
#include <memory>
#include <optional>

#include "hubgrowth/core/forecast/as_of_backtest.h"
#include "hubgrowth/data/as_of_rank_job.h"
#include "hubgrowth/ui/panels/chart_panel.h"

class QLabel;
class QProgressBar;
class QSlider;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;
class QTimer;

namespace hubgrowth {

class RisingTableModel;

class RisingPanel : public ChartPanel {
    Q_OBJECT
  public:
    static constexpr int kTopDrawn = 10;
    static constexpr int kDefaultHorizon = 6;

    RisingPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                QWidget* parent = nullptr);
    QString chartId() const override { return QStringLiteral("rising"); }
    QString displayName() const override { return tr("Rising"); }
    QString exportCaption() const override;

    // The dates the slider offers, oldest first: the data's last date (latestDataInstant) last,
    // before it the same day of each earlier month at midnight UTC.
    const QVector<std::int64_t>& asOfDates() const { return dates_; }
    void setAsOfIndex(int index);  // into asOfDates(); recomputes (debounced)
    int asOfIndex() const;
    std::int64_t asOf() const;
    void setHorizon(int months);
    int horizon() const;

    bool isRanking() const { return running_ != nullptr; }
    // The ranking drawn now (nullptr until one arrived for this dataset).
    const AsOfRanking* ranking() const { return ranking_ ? &*ranking_ : nullptr; }
    // The table's rows (source rows), in rank order.
    QVector<int> rankedSourceRows() const;
    QTableView* table() const { return table_; }
    // The backtest of the shown models (a date before the data's end), as summariseAsOf.
    bool hasBacktest() const { return backtest_.has_value(); }
    AsOfSummary backtestSummary() const { return backtest_.value_or(AsOfSummary{}); }
    QString summaryText() const;

    bool cancelBackgroundWork() override;

  signals:
    // A ranking arrived and was drawn.
    void rankingUpdated();
    // The slider moved (by the user or setAsOfIndex; not when a new dataset resets it).
    void asOfIndexChanged(int index);
    // A new dataset's dates were built (the slider is at the last date).
    void datesRebuilt();

  protected:
    void refresh() override;

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
    Request wanted() const;
    void rebuildDates();
    void startRanking(const Request& request);
    void onRankingEnded(AsOfRankJob* job, bool cancelled);
    void fillTable();
    // Selects the browser's current model in the table (when it is ranked).
    void followSelection();
    void drawTop();
    void updateSummary();
    void updateDateLabel();
    void activateIndex(const QModelIndex& index);

    RisingTableModel* rows_;
    QSortFilterProxyModel* sorted_;
    QTableView* table_;
    QSlider* slider_;
    QLabel* dateLabel_;
    QSpinBox* horizon_;
    QProgressBar* busy_;
    QLabel* status_;
    QLabel* summary_;
    QTimer* debounce_;

    QVector<std::int64_t> dates_;
    quint64 generation_ = 1;          // bumped when the dataset changes
    quint64 datesGeneration_ = 0;     // the generation dates_ belong to
    AsOfRankJob* running_ = nullptr;  // the newest job while it runs
    Request runningRequest_;
    std::optional<Request> cancelledRequest_;  // not ranked again until the request changes
    std::optional<AsOfRanking> ranking_;
    Request rankingRequest_;
    QVector<int> filledRows_;  // the accepted rows the table was filled from
    bool filledStale_ = true;
    bool filledNow_ = false;  // the table was refilled since followSelection last ran
    int followedRow_ = -1;    // the browser's current row the table last followed
    std::optional<AsOfSummary> backtest_;
};

}  // namespace hubgrowth
