#pragma once
// Internal to the Qt Charts backend: draws a large point series directly with QPainter. Qt
// Charts' QScatterSeries creates one graphics item per point (even with light markers), which
// takes seconds for 100k points; this item maps and paints them in one pass instead, and finds
// the point under the pointer for hover and click. Used when OpenGL is not (export, offscreen,
// log axes).

#include <QColor>
#include <QGraphicsItem>
#include <QImage>
#include <QVector>
#include <functional>

class QAbstractAxis;
class QChart;

namespace hubgrowth {

class FastScatterItem final : public QGraphicsItem {
  public:
    using PointCallback = std::function<void(int index, bool on)>;

    FastScatterItem(QChart* chart, QAbstractAxis* xAxis, QAbstractAxis* yAxis,
                    QVector<QPointF> points, QColor color, qreal markerSize, bool hollow);

    // hovered(index, on) and clicked(index, true) report indices into the points given.
    void setCallbacks(PointCallback hovered, PointCallback clicked);
    void plotAreaChanged();

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;

  private:
    bool mapper(double* x0, double* sx, double* y0, double* sy) const;
    QPointF toPixel(const QPointF& p, double x0, double sx, double y0, double sy) const;
    int pointAt(const QPointF& pos) const;

    QChart* chart_;
    QAbstractAxis* xAxis_;
    QAbstractAxis* yAxis_;
    QVector<QPointF> points_;
    QColor color_;
    qreal markerSize_;
    bool hollow_;
    bool logX_ = false, logY_ = false;
    QRectF area_;
    QImage marker_;  // the marker, rendered once per size and device pixel ratio
    int hovered_ = -1;
    int pressed_ = -1;
    PointCallback onHover_, onClick_;
};

}  // namespace hubgrowth
