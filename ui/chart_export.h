#pragma once
// Exports a chart panel (its plots only, laid out in a grid) as PNG, SVG or to the clipboard.
// Files are written atomically (QSaveFile through writeOutput).

#include <QImage>
#include <QSize>
#include <QString>

namespace hubgrowth {

class ChartPanel;

inline constexpr qreal kDefaultExportScale = 2.0;  // hi-DPI by default
inline const QSize kDefaultExportSize(1600, 1000);

QImage renderPanel(ChartPanel* panel, const QSize& size, qreal scale);
QByteArray panelSvg(ChartPanel* panel, const QSize& size);

// Writes PNG or SVG by the path's suffix (.png, .svg). Returns an empty string on success, else
// a one-line message.
QString exportPanel(ChartPanel* panel, const QString& path, const QSize& size,
                    qreal scale = kDefaultExportScale);

void copyPanelToClipboard(ChartPanel* panel, const QSize& size, qreal scale = kDefaultExportScale);

// Parses "1600x1000"; an invalid or empty size on failure.
QSize parseSize(const QString& text);

}  // namespace hubgrowth
