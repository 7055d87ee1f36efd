#pragma once
// Successors tab: where a base model's card names a `new_version`, the incumbent's and the
// successor's cumulative fine-tunes on one chart, each counted from its own creation, with the
// store's pairs listed to pick from. Only a Hub store knows successors; other data gets a note.
// Picking a pair selects its incumbent everywhere; selecting a model in the browser picks its pair.

#include <vector>

#include "data/store/successor_pairs.h"
#include "panels/chart_panel.h"

class QCheckBox;
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

  protected:
    void refresh() override;

  private:
    void rebuildPairs();
    void followSelection();

    std::vector<store::SuccessorPair> pairs_;
    QStackedWidget* stack_;
    QLabel* note_;
    QTableWidget* list_;
    QCheckBox* log_;
    QLabel* summary_;
    int followedRow_ = -1;  // the browser's current row the pair list last followed
};

}  // namespace hubgrowth
