#pragma once
// The workbench window: the model browser (filterable, sortable table) on the left, chart tabs
// (from the panel factory) in the centre. Loading, fitting and fetching run in the background
// as BackgroundJobs (data/background_job.h);
// the status bar shows their progress and cancels; errors go to a non-modal message bar. The
// menus live in MainActions, the saved settings in app_settings.h.

#include <QMainWindow>
#include <QPointer>
#include <QVector>

#include "hubgrowth/data/hub_fetch_runner.h"
#include "hubgrowth/data/paper_csv_importer.h"
#include "hubgrowth/ui/after_load_message.h"
#include "hubgrowth/ui/message_bar.h"
#include "hubgrowth/ui/table_forecaster.h"

class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;

namespace hubgrowth {

class BatchFitJob;
class DatasetLoadJob;
class ChartPanel;
class ConcentrationPanel;
class CurvePanel;
class DemoNotice;
class FetchDialog;
class FitToolBar;
class JobStatus;
class MainActions;
class ModelBrowser;
class ModelFilterProxy;
class ModelTableModel;
class ParametersPanel;
class PlotView;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
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
    // Fit ▸ Re-fit All Models: fits every series again (cancelling a running fit first).
    void startFitting();

    // For tests and the headless chart export.
    ModelTableModel* tableModel() const { return model_; }
    ModelFilterProxy* filterProxy() const { return proxy_; }
    ModelBrowser* browser() const { return browser_; }
    QTableView* tableView() const;
    QTabWidget* tabs() const { return tabs_; }
    ChartPanel* panel(const QString& chartId) const;
    ChartPanel* currentPanel() const;
    const QVector<ChartPanel*>& chartPanels() const { return panels_; }
    CurvePanel* curvePanel() const;
    ParametersPanel* parametersPanel() const;
    PlotView* curveView() const;
    MessageBar* messageBar() const { return messages_; }
    JobStatus* jobStatus() const { return jobStatus_; }
    bool isBusy() const;  // loading or fitting
    // The models table's Forecast column is being computed (after each fit and when the Curve
    // tab's method or horizon changes).
    bool isForecastingTable() const { return tableForecaster_->isRunning(); }
    // Stops whatever runs: loading (its result is dropped), fitting and a Hub fetch.
    void cancelWork();
    // An error in the message bar and the status line.
    void showError(const QString& text);

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
    void tableForecastsFinished(bool cancelled);
    void fetchFinished(const hubgrowth::FetchOutcome& outcome);

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void connectPersistentSettings();
    void onLoaded(DatasetLoadJob* job);
    void scheduleRefit();
    void onFitFinished(bool cancelled);
    void startTableForecasts();
    void onSelectionChanged();
    void onFitsChanged();
    void refreshPanels();
    void cancelLoadAndFit();
    // main_window_fetch.cpp
    void setUpFetchRunner();
    void onFetchFinished(const FetchOutcome& outcome);
    void onSweepFinished(const FetchOutcome& outcome);
    // Says why in the fetch dialog and opens nothing.
    void showFetchFailure(const FetchOutcome& outcome, const QString& why);
    void openFetchedStore(const FetchOutcome& outcome);
    // Takes the relations a store's series count (see setStoreRelations) without reloading;
    // true when they changed.
    bool adoptStoreRelations(const QStringList& relations);
    void saveSettings() const;

    ModelTableModel* model_;
    ModelFilterProxy* proxy_;
    ModelBrowser* browser_;
    QTabWidget* tabs_;
    QSplitter* splitter_;
    QVector<ChartPanel*> panels_;
    DemoNotice* demoNotice_;
    MessageBar* messages_;
    JobStatus* jobStatus_;
    FitToolBar* fitBar_;
    MainActions* actions_;
    QTimer* refitTimer_;
    QTimer* panelTimer_;
    HubFetchRunner* fetchRunner_;
    TableForecaster* tableForecaster_;
    QPointer<FetchDialog> fetchDialog_;
    AfterLoadMessage afterLoad_;
    DatasetLoadJob* loader_ = nullptr;  // the running load; a superseded one is dropped
    QString currentInput_;
    bool currentIsStore_ = false;
    QStringList storeRelations_;
    QStringList fetchRelations_;  // of the fetch that runs
    QString pendingSelection_;    // model id to select once the data is in (session restore)
    QPointer<BatchFitJob> job_;
};

}  // namespace hubgrowth
