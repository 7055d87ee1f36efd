#include "chart_export.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QFileInfo>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgGenerator>

#include "data/output_file.h"
#include "panels/chart_panel.h"

namespace hubgrowth {

QImage renderPanel(ChartPanel* panel, const QSize& size, qreal scale) {
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    panel->paintPlots(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
    painter.end();
    return image;
}

QByteArray panelSvg(ChartPanel* panel, const QSize& size) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(QStringLiteral("HubGrowth — %1").arg(panel->displayName()));
    generator.setDescription(QStringLiteral("Chart exported by HubGrowth"));
    QPainter painter(&generator);
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    panel->paintPlots(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
    painter.end();
    return buffer.data();
}

QString exportPanel(ChartPanel* panel, const QString& path, const QSize& size, qreal scale) {
    if (!size.isValid() || size.width() < 50 || size.height() < 50 || size.width() > 20000 ||
        size.height() > 20000) {
        return QObject::tr("Invalid chart size %1x%2 (50 to 20000 pixels per side)")
            .arg(size.width())
            .arg(size.height());
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    if (suffix == QLatin1String("svg")) {
        bytes = panelSvg(panel, size);
    } else if (suffix == QLatin1String("png")) {
        if (!(scale >= 0.25 && scale <= 8.0))
            return QObject::tr("Invalid scale %1 (0.25 to 8)").arg(scale);
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!renderPanel(panel, size, scale).save(&buffer, "PNG")) {
            return QObject::tr("Could not encode the chart as PNG");
        }
    } else {
        return QObject::tr("Unknown chart format '%1' in %2 (use .png or .svg)").arg(suffix, path);
    }
    return writeOutput(path, bytes);
}

void copyPanelToClipboard(ChartPanel* panel, const QSize& size, qreal scale) {
    QApplication::clipboard()->setImage(renderPanel(panel, size, scale));
}

QSize parseSize(const QString& text) {
    static const QRegularExpression pattern(
        QStringLiteral("^\\s*(\\d{1,5})\\s*[xX×]\\s*(\\d{1,5})\\s*$"));
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch())
        return {};
    return QSize(m.captured(1).toInt(), m.captured(2).toInt());
}

}  // namespace hubgrowth
