#pragma once
// Downloads tab: the download history a Hub store holds. The Hub keeps none (a listing tells
// today's figure only), so a store's snapshots are the only history there will be: the selected
// models' downloads at each snapshot (whole-Hub sweeps and fetches of bases), and the whole
// Hub's total downloads at each sweep that snapshotted every model (first and full sweeps; a
// refresh snapshots only the newest models). Other inputs have no snapshots: the tab says so.

#include <memory>

#include "hubgrowth/data/store/snapshot_history.h"
#include "hubgrowth/ui/panels/chart_panel.h"

class QLabel;

namespace hubgrowth::store {
class HubStore;
}

namespace hubgrowth {

class HubHistoryJob;

class DownloadsPanel : public ChartPanel {
    Q_OBJECT
  public:
    // At most this many selected models are drawn (the first selected first).
    static constexpr int kMaxModels = 8;

    DownloadsPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                   QWidget* parent = nullptr);
    ~DownloadsPanel() override;
    QString chartId() const override { return QStringLiteral("downloads"); }
    QString displayName() const override { return tr("Downloads"); }
    QString exportCaption() const override;

    // The store the open input is (empty: the input is no store). Reads it afresh.
    void setStorePath(const QString& path);
    QString storePath() const { return storePath_; }
    // What the tab says above its charts (no snapshots, one snapshot, an unreadable store).
    QString noteText() const;
    const store::HubHistory& hubHistory() const { return hub_; }
    // True while the whole Hub's totals are summed on a worker (the bottom chart says so).
    bool isReadingHub() const { return hubJob_ != nullptr; }

  signals:
    void hubHistoryRead();  // the whole Hub's totals arrived and are drawn

  protected:
    void refresh() override;

  private:
    bool openStore();  // false (and the note says why) when the store cannot be read
    void startReadingHub();
    void onHubRead(HubHistoryJob* job);
    void drawModels();
    int drawHub();  // returns the whole-Hub snapshots drawn
    void showNote(const QString& text);

    QLabel* note_;
    QString storePath_;
    std::unique_ptr<store::HubStore> store_;
    QString storeError_;
    store::HubHistory hub_;
    bool hubRead_ = false;
    HubHistoryJob* hubJob_ = nullptr;  // the running read, owned by this panel
    QString modelNote_;
};

}  // namespace hubgrowth
