#include "hubgrowth/ui/charts/fast_scatter_item.h"

#include <QChart>
#include <QGraphicsSceneHoverEvent>
#include <QGraphicsSceneMouseEvent>
#include <QLogValueAxis>
#include <QPaintEngine>
#include <QPainter>
#include <QValueAxis>
#include <cmath>
#include <limits>

namespace hubgrowth {

namespace {

bool axisRange(QAbstractAxis* axis, bool* log, double* lo, double* hi) {
    if (auto* v = qobject_cast<QValueAxis*>(axis)) {
        *log = false;
        *lo = v->min();
        *hi = v->max();
        return *hi > *lo;
    }
    if (auto* l = qobject_cast<QLogValueAxis*>(axis)) {
        *log = true;
        *lo = std::log10(l->min());
        *hi = std::log10(l->max());
        return *hi > *lo;
    }
    return false;
}

}  // namespace

FastScatterItem::FastScatterItem(QChart* chart, QAbstractAxis* xAxis, QAbstractAxis* yAxis,
                                 QVector<QPointF> points, QColor color, qreal markerSize,
                                 bool hollow)
    : QGraphicsItem(chart),
      chart_(chart),
      xAxis_(xAxis),
      yAxis_(yAxis),
      points_(std::move(points)),
      color_(color),
      markerSize_(markerSize),
      hollow_(hollow),
      area_(chart->plotArea()) {
    setAcceptHoverEvents(true);
    setAcceptedMouseButtons(Qt::LeftButton);
    setZValue(1000);  // above the grid and the other series
}

void FastScatterItem::setCallbacks(PointCallback hovered, PointCallback clicked) {
    onHover_ = std::move(hovered);
    onClick_ = std::move(clicked);
}

void FastScatterItem::plotAreaChanged() {
    prepareGeometryChange();
    area_ = chart_->plotArea();
    update();
}

QRectF FastScatterItem::boundingRect() const {
    return area_;
}

// Pixel = x0 + sx * value (value in log10 on a log axis).
bool FastScatterItem::mapper(double* x0, double* sx, double* y0, double* sy) const {
    bool logX = false, logY = false;
    double xa, xb, ya, yb;
    if (!axisRange(xAxis_, &logX, &xa, &xb) || !axisRange(yAxis_, &logY, &ya, &yb))
        return false;
    const_cast<FastScatterItem*>(this)->logX_ = logX;
    const_cast<FastScatterItem*>(this)->logY_ = logY;
    const QRectF area = chart_->plotArea();
    *sx = area.width() / (xb - xa);
    *x0 = area.left() - xa * *sx;
    *sy = -area.height() / (yb - ya);
    *y0 = area.bottom() - ya * *sy;
    return true;
}

QPointF FastScatterItem::toPixel(const QPointF& p, double x0, double sx, double y0,
                                 double sy) const {
    const double x = logX_ ? (p.x() > 0 ? std::log10(p.x()) : NAN) : p.x();
    const double y = logY_ ? (p.y() > 0 ? std::log10(p.y()) : NAN) : p.y();
    return QPointF(x0 + sx * x, y0 + sy * y);
}

void FastScatterItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    double x0, sx, y0, sy;
    if (!mapper(&x0, &sx, &y0, &sy))
        return;
    const QRectF area = chart_->plotArea();
    QVector<QPointF> pixels;
    pixels.reserve(points_.size());
    const QRectF inside = area.adjusted(-markerSize_, -markerSize_, markerSize_, markerSize_);
    for (const QPointF& p : points_) {
        const QPointF px = toPixel(p, x0, sx, y0, sy);
        if (std::isfinite(px.x()) && std::isfinite(px.y()) && inside.contains(px))
            pixels.push_back(px);
    }
    painter->save();
    painter->setClipRect(area);
    const bool vector =
        painter->paintEngine() && (painter->paintEngine()->type() == QPaintEngine::SVG ||
                                   painter->paintEngine()->type() == QPaintEngine::Pdf);
    const QPen outline(color_.darker(130), 1.0);
    const QBrush fill(hollow_ ? QColor(Qt::white) : color_);
    if (vector) {
        // Vector output keeps real circles (an SVG of 100k bitmaps would be useless).
        painter->setPen(outline);
        painter->setBrush(fill);
        const qreal r = markerSize_ / 2.0;
        for (const QPointF& p : pixels)
            painter->drawEllipse(p, r, r);
    } else {
        // One antialiased marker, blitted at every point: the fast path for large sets.
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        const int side = int(std::ceil(markerSize_ * dpr)) + 2;
        if (marker_.isNull() || marker_.width() != side) {
            marker_ = QImage(side, side, QImage::Format_ARGB32_Premultiplied);
            marker_.fill(Qt::transparent);
            QPainter mp(&marker_);
            mp.setRenderHint(QPainter::Antialiasing);
            mp.scale(dpr, dpr);
            mp.setPen(outline);
            mp.setBrush(fill);
            const qreal c = side / (2.0 * dpr);
            mp.drawEllipse(QPointF(c, c), markerSize_ / 2.0 - 0.5, markerSize_ / 2.0 - 0.5);
            mp.end();
            marker_.setDevicePixelRatio(dpr);
        }
        const qreal half = side / (2.0 * dpr);
        for (const QPointF& p : pixels)
            painter->drawImage(QPointF(p.x() - half, p.y() - half), marker_);
    }
    painter->restore();
}

int FastScatterItem::pointAt(const QPointF& pos) const {
    double x0, sx, y0, sy;
    if (!mapper(&x0, &sx, &y0, &sy))
        return -1;
    const double radius = std::max(4.0, markerSize_ / 2.0 + 2.0);
    double best = radius * radius;
    int found = -1;
    for (int i = 0; i < points_.size(); ++i) {
        const QPointF d = toPixel(points_[i], x0, sx, y0, sy) - pos;
        const double d2 = d.x() * d.x() + d.y() * d.y();
        if (d2 <= best) {  // later points are drawn on top: prefer them on ties
            best = d2;
            found = i;
        }
    }
    return found;
}

void FastScatterItem::hoverMoveEvent(QGraphicsSceneHoverEvent* event) {
    const int i = pointAt(event->pos());
    if (i == hovered_)
        return;
    if (hovered_ >= 0 && onHover_)
        onHover_(hovered_, false);
    hovered_ = i;
    if (i >= 0 && onHover_)
        onHover_(i, true);
}

void FastScatterItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*) {
    if (hovered_ >= 0 && onHover_)
        onHover_(hovered_, false);
    hovered_ = -1;
}

void FastScatterItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    pressed_ = pointAt(event->pos());
    if (pressed_ < 0)
        event->ignore();  // not on a point: let the view zoom or pan
}

void FastScatterItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
    if (pressed_ >= 0 && pointAt(event->pos()) == pressed_ && onClick_)
        onClick_(pressed_, true);
    pressed_ = -1;
}

}  // namespace hubgrowth
