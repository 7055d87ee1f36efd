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
// Limits of an export: chart pixels per side, PNG pixels per chart pixel, and PNG pixels per side
// (a QImage beyond that would need gigabytes).
inline constexpr int kMinExportSide = 50;
inline constexpr int kMaxExportSide = 20000;
inline constexpr qreal kMinExportScale = 0.25;
inline constexpr qreal kMaxExportScale = 8.0;
inline constexpr int kMaxExportPixelsPerSide = 32000;

// Why size and scale cannot be exported (for PNG: withScale), empty when they can.
QString exportLimitError(const QSize& size, qreal scale, bool withScale);

QImage renderPanel(ChartPanel* panel, const QSize& size, qreal scale);
QByteArray panelSvg(ChartPanel* panel, const QSize& size);

// The data every plot of the panel draws, as a long table: series,x,y; `chart` first when the
// panel has several plots; y_lo80,y_hi80,y_lo95,y_hi95 on the rows of a series with prediction
// bands; `model` where a point is a model. Hidden series are left out.
QByteArray panelCsv(ChartPanel* panel);

// Writes PNG, SVG or the chart's data as CSV by the path's suffix (.png, .svg, .csv). Returns an
// empty string on success, else a one-line message.
QString exportPanel(ChartPanel* panel, const QString& path, const QSize& size,
                    qreal scale = kDefaultExportScale);

void copyPanelToClipboard(ChartPanel* panel, const QSize& size, qreal scale = kDefaultExportScale);

// Parses "1600x1000"; an invalid or empty size on failure.
QSize parseSize(const QString& text);

}  // namespace hubgrowth
