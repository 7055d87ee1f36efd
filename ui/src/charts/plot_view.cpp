#include "hubgrowth/ui/charts/plot_view.h"

#include <QPainter>

namespace hubgrowth {

void PlotView::setAxisTitles(const QString& x, const QString& y) {
    PlotAxis ax = xAxis(), ay = yAxis();
    ax.title = x;
    ay.title = y;
    setAxes(ax, ay);
}

void PlotView::setLogX(bool logX) {
    PlotAxis ax = xAxis();
    ax.log = logX;
    setAxes(ax, yAxis());
}

void PlotView::setLogY(bool logY) {
    PlotAxis ay = yAxis();
    ay.log = logY;
    setAxes(xAxis(), ay);
}

int PlotView::indexOfSeries(const QString& name) const {
    for (int i = 0; i < seriesCount(); ++i) {
        if (series(i).name == name)
            return i;
    }
    return -1;
}

QImage PlotView::renderImage(const QSize& size, qreal scale) {
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    paintChart(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
    return image;
}

}  // namespace hubgrowth
