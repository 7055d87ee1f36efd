#pragma once
// The workbench window: a model table on the left, the selected model's curve on the right.
// Loading and fitting run in the background; the status bar shows progress and cancels.

#include <QFutureWatcher>
#include <QMainWindow>
#include <memory>

#include "data/paper_csv_importer.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace hubgrowth {

class BatchFitJob;
class ModelTableModel;
class PlotView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads `demo`, a paper CSV file or a folder, then fits every series in the background.
    void openInput(const QString& input);

    // For tests and the headless chart export.
    ModelTableModel* tableModel() const { return model_; }
    QTableView* tableView() const { return table_; }
    PlotView* curveView() const { return curve_.get(); }
    bool isBusy() const;
    void cancelWork();
    void selectModel(const QString& id);

signals:
    void datasetLoaded();
    void fittingFinished(bool cancelled);

private:
    void onLoaded();
    void startFitting();
    void showSelectedCurve();
    void setBusy(const QString& what, int done, int total);
    void showMessage(const QString& text);

    ModelTableModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
    std::unique_ptr<PlotView> curve_;
    QLabel* notice_;
    QLabel* message_;
    QProgressBar* progress_;
    QPushButton* cancel_;
    QFutureWatcher<ImportResult> loader_;
    QString loadingInput_;
    BatchFitJob* job_ = nullptr;
    double m_ = 100.0;
    int horizon_ = 12;
};

}  // namespace hubgrowth
