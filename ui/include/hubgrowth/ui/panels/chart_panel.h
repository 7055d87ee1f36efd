#pragma once
// One tab of the workbench: a few PlotViews, their controls, and what they draw from the table
// (the rows the browser's filter accepts and the selected rows). Panels redraw lazily: a change
// marks them dirty and they redraw when shown, so streaming fit results never redraw hidden tabs.

#include <QColor>
#include <QString>
#include <QVector>
#include <QWidget>

class QMenu;
class QPainter;

namespace hubgrowth {

class ModelFilterProxy;
class ModelTableModel;
class PlotView;

class ChartPanel : public QWidget {
    Q_OBJECT
  public:
    ChartPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
               QWidget* parent = nullptr);

    virtual QString chartId() const = 0;  // "curve", "parameters", ... (the CLI's --chart)
    virtual QString displayName() const = 0;

    // Data, fits or the filter changed: redraw now if visible, else when next shown.
    void invalidate();
    // Redraws at once, visible or not (export, tests).
    void refreshNow();
    // Fit ▸ Cancel (Esc) and the status bar's Cancel: stops the panel's own background work
    // (it is not started again for the same request); true when something was running.
    virtual bool cancelBackgroundWork() { return false; }
    // Source rows, the current row first.
    void setSelectedRows(const QVector<int>& rows);
    const QVector<int>& selectedRows() const { return selected_; }

    const QVector<PlotView*>& plots() const { return plots_; }
    // Text printed under exported charts (the Curve tab's forecast summary); none by default.
    virtual QString exportCaption() const { return {}; }
    // A legend shared by all plots (one colour per name), drawn under the plots on screen by
    // the panel and in exports by paintPlots(); none by default.
    struct LegendEntry {
        QString name;
        QColor color;
        bool hidden = false;
    };
    virtual QVector<LegendEntry> sharedLegend() const { return {}; }
    // Paints every plot into target in a grid, the caption below (the export layout: charts
    // only, no controls).
    void paintPlots(QPainter* painter, const QRectF& target);

    // The menu a right click on `plot` opens: export, copy image, copy data, zoom, crosshair
    // and the panel's own entries. The caller owns it (public for tests).
    QMenu* createContextMenu(PlotView* plot, QWidget* parent);

  signals:
    // A click in a chart picked this model (source row).
    void rowActivated(int sourceRow);
    // The context menu's "Export Chart…": the main window opens its export dialog.
    void exportRequested();
    // A context-menu action finished (status bar text).
    void statusMessage(const QString& text);

  protected:
    virtual void refresh() = 0;
    // Only the selection changed since the last refresh (the data and the filter did not):
    // panels that can redraw just the selection override this.
    virtual void refreshSelection() { refresh(); }
    // Entries a panel adds to its context menu (the Curve tab: log scale); none by default.
    virtual void addContextActions(QMenu* menu) { (void)menu; }
    PlotView* addPlot();
    void showEvent(QShowEvent* event) override;

    const ModelTableModel* model_;
    const ModelFilterProxy* filter_;
    QVector<int> selected_;
    int exportColumns_ = 1;

  private:
    QVector<PlotView*> plots_;
    bool dirty_ = true;
    void dropRowsOutsideModel();
};

}  // namespace hubgrowth
