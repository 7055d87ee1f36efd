#pragma once
// Successors tab: where a base model's card names a `new_version`, the incumbent's and the
// successor's cumulative fine-tunes on one chart, each counted from its own creation, with the
// store's pairs listed to pick from. Only a Hub store knows successors; other data gets a note.
// Picking a pair selects its incumbent everywhere; selecting a model in the browser picks its pair.
// "All pairs" plots every pair's head-to-head: the fine-tunes incumbent and successor each gained
// in the same calendar months since the successor appeared (do successors take over?).

#include <vector>

#include "hubgrowth/core/series/head_to_head.h"
#include "hubgrowth/data/store/successor_pairs.h"
#include "hubgrowth/ui/panels/chart_panel.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QStackedWidget;
class QTableWidget;

namespace hubgrowth {

class SuccessorsPanel : public ChartPanel {
    Q_OBJECT
  public:
    SuccessorsPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                    QWidget* parent = nullptr);
    QString chartId() const override { return QStringLiteral("successors"); }
    QString displayName() const override { return tr("Successors"); }

    // For tests: the listed pairs, the drawn one, and the note shown instead of the chart.
    const std::vector<store::SuccessorPair>& pairs() const { return pairs_; }
    int currentPair() const;
    void selectPair(int index);
    bool showsNote() const;
    QString note() const;
    void setLogScale(bool log);
    // The chart: the selected pair's curves, or every comparable pair's head-to-head.
    enum class View { SelectedPair, AllPairs };
    void setView(View view);
    View view() const;
    // Selected pair: x counts from the incumbent's creation, the successor drawn from its own.
    void setCalendarTime(bool calendar);
    // For tests: the head-to-head of every pair (nothing where it cannot be compared).
    const std::vector<std::optional<HeadToHead>>& headToHeads() const { return headToHeads_; }
    QString summaryText() const;

  protected:
    void refresh() override;

  private:
    void rebuildPairs();
    void followSelection();
    void drawSelectedPair();
    void drawAllPairs();
    QString aggregateSummary() const;

    std::vector<store::SuccessorPair> pairs_;
    std::vector<std::optional<HeadToHead>> headToHeads_;  // one per pair
    std::vector<int> scatterPairs_;                       // pair index of each drawn scatter point
    QStackedWidget* stack_;
    QLabel* note_;
    QTableWidget* list_;
    QCheckBox* log_;
    QComboBox* view_;
    QCheckBox* calendar_;
    QLabel* summary_;
    int followedRow_ = -1;  // the browser's current row the pair list last followed
};

}  // namespace hubgrowth
