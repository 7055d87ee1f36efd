#pragma once
// The workbench window: the model browser (filterable, sortable table) on the left, chart tabs
// in the centre. Loading and fitting run in the background; the status bar shows progress and
// cancels; errors go to a non-modal message bar. Settings and the last session persist.

#include <QFutureWatcher>
#include <QMainWindow>
#include <QPointer>
#include <QVector>

#include "data/paper_csv_importer.h"
#include "hub_fetch_runner.h"
#include "message_bar.h"

class QComboBox;
class QDoubleSpinBox;
class QFrame;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;

namespace hubgrowth {

class BatchFitJob;
class ChartPanel;
class ConcentrationPanel;
class FetchDialog;
class CurvePanel;
class ModelFilterProxy;
class ModelTableModel;
class ParametersPanel;
class PlotView;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    static constexpr int kMaxRecent = 8;

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads `demo`, a paper CSV file or a folder (several inputs are merged), then fits every
    // series in the background.
    void openInput(const QString& input);
    void openInputs(const QStringList& inputs);
    // Restores geometry and settings and reopens the last dataset (the demo on first launch),
    // or `inputs` when given.
    void restoreSession(const QStringList& inputs = {});

    // Fit settings; changing either re-fits (cancelling a running fit first).
    void setFitSettings(double m, int firstMonths);
    double fitM() const;
    int fitFirstMonths() const;  // 0: every observed month

    // For tests and the headless chart export.
    ModelTableModel* tableModel() const { return model_; }
    ModelFilterProxy* filterProxy() const { return proxy_; }
    QTableView* tableView() const { return table_; }
    QTabWidget* tabs() const { return tabs_; }
    ChartPanel* panel(const QString& chartId) const;
    CurvePanel* curvePanel() const { return curvePanel_; }
    ParametersPanel* parametersPanel() const { return parametersPanel_; }
    PlotView* curveView() const;
    MessageBar* messageBar() const { return messages_; }
    bool isBusy() const;  // loading or fitting
    // Stops whatever runs: loading (its result is dropped), fitting and a Hub fetch.
    void cancelWork();

    // File ▸ Fetch from Hub…: opens the (non-modal) dialog; its Fetch starts startFetch().
    FetchDialog* openFetchDialog();
    // Runs the fetch on a worker thread with progress and Cancel in the status bar; when it ends
    // the summary goes to the message bar and the store is opened. False while one runs.
    bool startFetch(const FetchRequest& request);
    bool isFetching() const;
    QString statusText() const;
    void selectModel(const QString& id);
    QVector<int> selectedSourceRows() const;
    QString currentInput() const { return currentInput_; }
    // Fit ▸ Count in Stores: which children a store's series count (finetune by default, as in
    // the paper). Remembered; changing it reloads an open store. A fetch sets it to the relations
    // it fetched. Unknown names are dropped; an empty list means the default.
    QStringList storeRelations() const { return storeRelations_; }
    void setStoreRelations(const QStringList& relations);

  signals:
    void datasetLoaded();
    void fittingFinished(bool cancelled);
    void fetchFinished(const hubgrowth::FetchOutcome& outcome);

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void buildBrowser(QWidget* container);
    void buildMenus();
    void buildFitToolBar();
    void onLoaded();
    void startFitting();
    void scheduleRefit();
    void onSelectionChanged();
    void onFitsChanged();
    void widenFitColumns();
    void refreshPanels();
    void selectSourceRow(int sourceRow);
    void updateFilterSummary();
    void cancelLoadAndFit();
    void onFetchFinished(const FetchOutcome& outcome);
    // Takes the relations a store's series count (see setStoreRelations) without reloading;
    // true when they changed.
    bool adoptStoreRelations(const QStringList& relations);
    void showAfterLoad(const QString& text, MessageBar::Level level);
    // fromFetch: the fetch's progress, which fitting and loading do not overwrite meanwhile.
    void setBusy(const QString& what, int done, int total, bool fromFetch = false);
    void showError(const QString& text);
    void rememberRecent(const QString& input);
    void rebuildRecentMenu();
    void saveSettings() const;

    void openFileDialog();
    void openFolderDialog();
    void openStoreDialog();
    void importPaperCsvDialog();
    void exportChartDialog();
    void exportCsvDialog();
    void copyChart();
    void showAbout();
    ChartPanel* currentPanel() const;

    ModelTableModel* model_;
    ModelFilterProxy* proxy_;
    QTableView* table_;
    QLineEdit* search_;
    QComboBox* orgFilter_;
    QSpinBox* minCount_;
    QComboBox* quality_;
    QLabel* filterSummary_;
    QTabWidget* tabs_;
    QSplitter* splitter_;
    QVector<ChartPanel*> panels_;
    CurvePanel* curvePanel_;
    ParametersPanel* parametersPanel_;
    QFrame* demoNotice_;
    QLabel* demoText_;
    MessageBar* messages_;
    QLabel* status_;
    QProgressBar* progress_;
    QPushButton* cancel_;
    QDoubleSpinBox* mBox_;
    QSpinBox* firstMonthsBox_;
    QMenu* recentMenu_;
    QTimer* refitTimer_;
    QTimer* panelTimer_;
    ConcentrationPanel* concentrationPanel_;
    HubFetchRunner* fetchRunner_;
    QPointer<FetchDialog> fetchDialog_;
    // A message (the fetch summary, the relations counted) shown once the data is loaded.
    QString afterLoadNotice_;
    MessageBar::Level afterLoadLevel_ = MessageBar::Level::Info;
    QFutureWatcher<ImportResult> loader_;
    QStringList loadingInputs_;
    bool loading_ = false;  // from openInputs() until onLoaded() has run (not just the thread)
    QString currentInput_;
    bool currentIsStore_ = false;
    QStringList storeRelations_;
    QStringList fetchRelations_;  // of the fetch that runs
    QList<QAction*> relationActions_;
    QString pendingSelection_;  // model id to select once the data is in (session restore)
    QPointer<BatchFitJob> job_;
};

}  // namespace hubgrowth
