#pragma once
// The main window's menus and their actions (File, Edit, View, Fit, Help) and the dialogs they
// open: opening inputs, exporting charts and CSV, copying a chart, About. The window keeps the
// state; this class only turns menu choices into calls on it.

#include <QList>
#include <QObject>
#include <QStringList>

class QAction;

namespace hubgrowth {

class MainWindow;
class RecentInputs;

class MainActions : public QObject {
    Q_OBJECT
  public:
    explicit MainActions(MainWindow* window);

    RecentInputs* recent() const { return recent_; }
    // Ticks Fit ▸ Count in Stores to match the relations counted.
    void showStoreRelations(const QStringList& relations);
    void openStoreDialog();
    void importPaperCsvDialog();

  private:
    void buildFileMenu();
    void buildEditMenu();
    void buildViewMenu();
    void buildFitMenu();
    void buildHelpMenu();

    void openFileDialog();
    void openFolderDialog();
    void exportChartDialog();
    void exportCsvDialog();
    void copyChart();
    void showAbout();

    MainWindow* window_;
    RecentInputs* recent_ = nullptr;
    QList<QAction*> relationActions_;
};

}  // namespace hubgrowth
