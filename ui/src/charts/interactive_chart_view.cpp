#include "hubgrowth/ui/charts/interactive_chart_view.h"

#include <QAbstractSeries>
#include <QChart>
#include <QGraphicsLineItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QMouseEvent>
#include <QPen>
#include <QRubberBand>
#include <QWheelEvent>
#include <utility>

namespace hubgrowth {

InteractiveChartView::InteractiveChartView(QChart* chart, QWidget* parent)
    : QChartView(chart, parent) {
    setRubberBand(QChartView::NoRubberBand);
    band_ = new QRubberBand(QRubberBand::Rectangle, viewport());
    band_->hide();
}

void InteractiveChartView::setContextMenuHandler(std::function<void(const QPoint&)> handler) {
    contextMenuHandler_ = std::move(handler);
}

void InteractiveChartView::setReadoutFormatter(std::function<QString(const QPointF&)> formatter) {
    readoutFormatter_ = std::move(formatter);
}

void InteractiveChartView::setCrosshairEnabled(bool enabled) {
    crosshairEnabled_ = enabled;  // QGraphicsView tracks the mouse over its viewport already
    if (!enabled)
        hideCrosshair();
}

QString InteractiveChartView::crosshairText() const {
    return readout_ && readout_->isVisible() ? readout_->text() : QString();
}

void InteractiveChartView::wheelEvent(QWheelEvent* event) {
    const qreal factor = event->angleDelta().y() > 0 ? 1.25 : 0.8;
    const QRectF area = chart()->plotArea();
    const QPointF at = chart()->mapFromScene(mapToScene(event->position().toPoint()));
    if (!area.contains(at)) {
        QChartView::wheelEvent(event);
        return;
    }
    QRectF zoomed(0, 0, area.width() / factor, area.height() / factor);
    zoomed.moveLeft(at.x() - (at.x() - area.left()) / factor);
    zoomed.moveTop(at.y() - (at.y() - area.top()) / factor);
    chart()->zoomIn(zoomed);
    event->accept();
}

void InteractiveChartView::mousePressEvent(QMouseEvent* event) {
    const bool pan =
        event->button() == Qt::MiddleButton ||
        (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier));
    if (pan) {
        panning_ = true;
        last_ = event->position();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton) {
        pressed_ = true;
        origin_ = event->position().toPoint();
    }
    QChartView::mousePressEvent(event);  // series see the press (and then the click)
}

void InteractiveChartView::mouseMoveEvent(QMouseEvent* event) {
    if (crosshairEnabled_)
        updateCrosshair(event->position().toPoint());
    if (panning_) {
        const QPointF delta = event->position() - last_;
        last_ = event->position();
        chart()->scroll(-delta.x(), delta.y());
        event->accept();
        return;
    }
    if (pressed_ && (event->position().toPoint() - origin_).manhattanLength() > kDragThreshold) {
        band_->setGeometry(QRect(origin_, event->position().toPoint()).normalized());
        band_->show();
    }
    QChartView::mouseMoveEvent(event);
}

void InteractiveChartView::mouseReleaseEvent(QMouseEvent* event) {
    if (panning_) {
        panning_ = false;
        unsetCursor();
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && band_->isVisible()) {
        band_->hide();
        pressed_ = false;
        const QRectF rect = chart()->plotArea().intersected(
            chart()->mapFromScene(mapToScene(band_->geometry())).boundingRect());
        if (rect.width() > 2 && rect.height() > 2)
            chart()->zoomIn(rect);
        QChartView::mouseReleaseEvent(event);
        return;
    }
    pressed_ = false;
    if (event->button() == Qt::RightButton) {
        if (contextMenuHandler_)
            contextMenuHandler_(event->globalPosition().toPoint());
        else
            chart()->zoomOut();
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void InteractiveChartView::mouseDoubleClickEvent(QMouseEvent* event) {
    chart()->zoomReset();
    event->accept();
}

void InteractiveChartView::leaveEvent(QEvent* event) {
    hideCrosshair();
    QChartView::leaveEvent(event);
}

void InteractiveChartView::updateCrosshair(const QPoint& viewPosition) {
    const QPointF at = chart()->mapFromScene(mapToScene(viewPosition));
    const QRectF area = chart()->plotArea();
    const QList<QAbstractSeries*> series = chart()->series();
    if (!area.contains(at) || series.isEmpty()) {
        hideCrosshair();
        return;
    }
    if (!crosshairX_) {
        // Children of the chart: they go with it, and the chart's scene draws them on top.
        QPen pen(QColor(90, 90, 90), 0.0, Qt::DashLine);
        crosshairX_ = new QGraphicsLineItem(chart());
        crosshairY_ = new QGraphicsLineItem(chart());
        crosshairX_->setPen(pen);
        crosshairY_->setPen(pen);
        readout_ = new QGraphicsSimpleTextItem(chart());
        crosshairX_->setZValue(1000);
        crosshairY_->setZValue(1000);
        readout_->setZValue(1001);
    }
    crosshairX_->setLine(area.left(), at.y(), area.right(), at.y());
    crosshairY_->setLine(at.x(), area.top(), at.x(), area.bottom());
    // The first series carries the chart's axes (every series is attached to both).
    const QPointF value = chart()->mapToValue(at, series.front());
    readout_->setText(readoutFormatter_ ? readoutFormatter_(value)
                                        : QStringLiteral("%1, %2").arg(value.x()).arg(value.y()));
    // Beside the pointer, flipped to stay inside the plot area.
    const QRectF text = readout_->boundingRect();
    QPointF place = at + QPointF(8, -text.height() - 4);
    if (place.x() + text.width() > area.right())
        place.setX(at.x() - text.width() - 8);
    if (place.y() < area.top())
        place.setY(at.y() + 8);
    readout_->setPos(place);
    for (QGraphicsItem* item :
         {static_cast<QGraphicsItem*>(crosshairX_), static_cast<QGraphicsItem*>(crosshairY_),
          static_cast<QGraphicsItem*>(readout_)})
        item->show();
}

void InteractiveChartView::hideCrosshair() {
    if (!crosshairX_)
        return;
    crosshairX_->hide();
    crosshairY_->hide();
    readout_->hide();
}

}  // namespace hubgrowth
