#include "hubgrowth/ui/chart_export.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QFileInfo>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "hubgrowth/data/csv_format.h"
#include "hubgrowth/data/output_file.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/panels/chart_panel.h"

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

QString exportLimitError(const QSize& size, qreal scale, bool withScale) {
    if (!size.isValid() || size.width() < kMinExportSide || size.height() < kMinExportSide ||
        size.width() > kMaxExportSide || size.height() > kMaxExportSide) {
        return QObject::tr("Invalid chart size %1x%2 (%3 to %4 pixels per side)")
            .arg(size.width())
            .arg(size.height())
            .arg(kMinExportSide)
            .arg(kMaxExportSide);
    }
    if (!withScale)
        return {};
    if (!(scale >= kMinExportScale && scale <= kMaxExportScale))
        return QObject::tr("Invalid scale %1 (%2 to %3)")
            .arg(scale)
            .arg(kMinExportScale)
            .arg(kMaxExportScale);
    if (std::max(size.width(), size.height()) * scale > kMaxExportPixelsPerSide) {
        return QObject::tr("A %1x%2 chart at scale %3 exceeds %4 PNG pixels per side")
            .arg(size.width())
            .arg(size.height())
            .arg(scale)
            .arg(kMaxExportPixelsPerSide);
    }
    return {};
}

namespace {

std::array<double, 4> noBand() {
    std::array<double, 4> edges;
    edges.fill(std::nan(""));
    return edges;
}

}  // namespace

QByteArray panelCsv(ChartPanel* panel) {
    panel->refreshNow();
    const QVector<PlotView*>& plots = panel->plots();
    const bool several = plots.size() > 1;
    bool bands = false, models = false;
    for (PlotView* plot : plots) {
        for (int i = 0; i < plot->seriesCount(); ++i) {
            bands = bands || plot->series(i).bandLevel > 0;
            models = models || plot->series(i).labelsAreModels;
        }
    }
    QStringList header;
    if (several)
        header << QStringLiteral("chart");
    header << QStringLiteral("series") << QStringLiteral("x") << QStringLiteral("y");
    if (bands) {
        header << QStringLiteral("y_lo80") << QStringLiteral("y_hi80") << QStringLiteral("y_lo95")
               << QStringLiteral("y_hi95");
    }
    if (models)
        header << QStringLiteral("model");
    QByteArray out = csvRow(header);
    for (PlotView* plot : plots) {
        // Leveled bands, by the series they belong to: x -> (lo, hi) per level.
        std::map<QString, std::map<double, std::array<double, 4>>> bandValues;
        for (int i = 0; i < plot->seriesCount(); ++i) {
            const PlotSeries& s = plot->series(i);
            if (s.bandLevel <= 0 || !plot->isSeriesVisible(i))
                continue;
            const int column = s.bandLevel == 80 ? 0 : 2;
            for (int k = 0; k < s.points.size(); ++k) {
                auto& byX = bandValues[s.bandOf];
                auto at = byX.find(s.points[k].x());
                if (at == byX.end())
                    at = byX.emplace(s.points[k].x(), noBand()).first;
                at->second[size_t(column)] = s.lower.value(k).y();
                at->second[size_t(column) + 1] = s.points[k].y();
            }
        }
        // A series drawn twice (a line and its markers) is written once.
        std::vector<std::pair<QString, QVector<QPointF>>> written;
        for (int i = 0; i < plot->seriesCount(); ++i) {
            const PlotSeries& s = plot->series(i);
            if (s.bandLevel > 0 || !plot->isSeriesVisible(i))
                continue;
            const std::pair<QString, QVector<QPointF>> data{s.name, s.points};
            if (std::find(written.begin(), written.end(), data) != written.end())
                continue;
            written.push_back(data);
            const auto ownBands = bandValues.find(s.name);
            for (int k = 0; k < s.points.size(); ++k) {
                const QPointF p = s.points[k];
                QStringList cells;
                if (several)
                    cells << plot->title();
                cells << s.name << formatNumber(p.x()) << formatNumber(p.y());
                if (bands) {
                    std::array<double, 4> edges = noBand();
                    if (ownBands != bandValues.end()) {
                        const auto at = ownBands->second.find(p.x());
                        if (at != ownBands->second.end())
                            edges = at->second;
                    }
                    for (double v : edges)
                        cells << (std::isfinite(v) ? formatNumber(v) : QString());
                }
                if (models)
                    cells << (s.labelsAreModels ? s.labels.value(k) : QString());
                out += csvRow(cells);
            }
        }
    }
    return out;
}

QString exportPanel(ChartPanel* panel, const QString& path, const QSize& size, qreal scale) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    if (suffix == QLatin1String("csv")) {
        bytes = panelCsv(panel);
        return writeOutput(path, bytes);
    }
    QString limits = exportLimitError(size, scale, suffix == QLatin1String("png"));
    if (!limits.isEmpty())
        return limits;
    if (suffix == QLatin1String("svg")) {
        bytes = panelSvg(panel, size);
    } else if (suffix == QLatin1String("png")) {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!renderPanel(panel, size, scale).save(&buffer, "PNG")) {
            return QObject::tr("Could not encode the chart as PNG");
        }
    } else {
        return QObject::tr("Unknown chart format '%1' in %2 (use .png, .svg or .csv)")
            .arg(suffix, path);
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
