#pragma once
// The Qt Charts view with the workbench's mouse: wheel zooms around the pointer; a left drag
// draws a zoom rectangle while a left click still reaches the series (QChartView's own rubber
// band swallows clicks); the middle button (or Shift + left) pans; double-click resets; a right
// click asks the owner for its context menu; an optional crosshair reads out the values under
// the pointer. Qt Charts stays inside ui/charts/.

#include <QChartView>
#include <QString>
#include <functional>

class QGraphicsLineItem;
class QGraphicsSimpleTextItem;
class QRubberBand;

namespace hubgrowth {

class InteractiveChartView final : public QChartView {
  public:
    InteractiveChartView(QChart* chart, QWidget* parent);

    // Called with the global position of a right click; without a handler it zooms out.
    void setContextMenuHandler(std::function<void(const QPoint&)> handler);
    // The read-out text for a chart value (x, y) under the pointer.
    void setReadoutFormatter(std::function<QString(const QPointF&)> formatter);
    void setCrosshairEnabled(bool enabled);
    bool crosshairEnabled() const { return crosshairEnabled_; }
    // What the crosshair reads out now; empty when hidden (tests, the status bar).
    QString crosshairText() const;

  protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

  private:
    void updateCrosshair(const QPoint& viewPosition);
    void hideCrosshair();

    static constexpr int kDragThreshold = 4;
    QRubberBand* band_;
    bool panning_ = false;
    bool pressed_ = false;
    QPoint origin_;
    QPointF last_;
    std::function<void(const QPoint&)> contextMenuHandler_;
    std::function<QString(const QPointF&)> readoutFormatter_;
    bool crosshairEnabled_ = false;
    QGraphicsLineItem* crosshairX_ = nullptr;  // owned by the chart's scene
    QGraphicsLineItem* crosshairY_ = nullptr;
    QGraphicsSimpleTextItem* readout_ = nullptr;
};

}  // namespace hubgrowth
