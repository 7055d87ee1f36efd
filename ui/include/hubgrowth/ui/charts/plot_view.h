#pragma once
// The project's small chart interface. Widgets draw through it, never through Qt Charts
// directly, so the backend can move to Qt Graphs (Qt Charts is deprecated from Qt 6.10).
//
// A chart is a list of PlotSeries on two axes. Series are plain data (points, colour, style,
// optional per-point labels for tooltips), so a chart can be rebuilt, tested and exported
// without knowing the backend. Interval bands (forecast uncertainty, histogram bars) are a
// series style of their own: `points` is the upper edge and `lower` the lower edge.

#include <QColor>
#include <QImage>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>
#include <cmath>
#include <functional>
#include <memory>

class QPainter;

namespace hubgrowth {

struct PlotSeries {
    enum class Style {
        Line,          // solid line through the points
        DashedLine,    // forecasts and reference lines
        DottedLine,    // asymptotes and markers
        Points,        // filled markers
        HollowPoints,  // outlined markers (held-out observations of a backtest)
        Band,          // filled area between `lower` and `points` (intervals, histograms)
    };
    QString name;
    QVector<QPointF> points;  // Band: the upper edge
    QVector<QPointF> lower;   // Band only: the lower edge (same length as points)
    QColor color;
    Style style = Style::Line;
    QStringList labels;  // optional, one per point: shown on hover (e.g. the model id)
    qreal markerSize = 7.0;
    qreal lineWidth = 2.0;
    bool inLegend = true;
    // The automatic axis ranges follow the series that define the range (data, forecasts);
    // a fitted curve running towards 0 near month 0 must not stretch a log axis to 1e-150.
    bool definesRange = true;
    bool labelsAreModels = false;  // each label is a model id (the CSV export's model column)
    // Band only: the prediction level it draws (80, 95), 0 for other bands; the CSV export
    // writes leveled bands as y_lo<level>,y_hi<level> beside the series named `bandOf`.
    int bandLevel = 0;
    QString bandOf;

    PlotSeries() = default;
    PlotSeries(QString name, QVector<QPointF> points, QColor color, Style style)
        : name(std::move(name)), points(std::move(points)), color(color), style(style) {}

    static PlotSeries band(const QString& name, QVector<QPointF> lower, QVector<QPointF> upper,
                           const QColor& color) {
        PlotSeries s;
        s.name = name;
        s.points = std::move(upper);
        s.lower = std::move(lower);
        s.color = color;
        s.style = Style::Band;
        return s;
    }
};

struct PlotAxis {
    QString title;
    bool log = false;  // base 10; non-positive values are not drawn
    double min = NAN;  // fixed range when both are finite, else fitted to the data
    double max = NAN;
    bool includeZero = false;  // linear axes only: the automatic range reaches 0
    // printf format of the tick labels; "%.0f" also keeps ticks on whole numbers (months).
    // The default picks as many decimals as the tick step needs.
    QString labelFormat = QStringLiteral("%g");
    // Linear axes: when set, names the values instead of labelFormat, on the tick labels
    // (ticks 1, 2, 3, 6 or 12 × 10^k apart) and in tooltips and the crosshair's read-out
    // beside the number (month indices as calendar months).
    std::function<QString(double)> valueText = {};
};

class PlotView : public QWidget {
    Q_OBJECT
  public:
    using QWidget::QWidget;
    ~PlotView() override = default;

    virtual void setTitle(const QString& title) = 0;
    virtual QString title() const = 0;
    virtual void setAxes(const PlotAxis& x, const PlotAxis& y) = 0;
    virtual PlotAxis xAxis() const = 0;
    virtual PlotAxis yAxis() const = 0;
    void setAxisTitles(const QString& x, const QString& y);
    void setLogX(bool logX);
    void setLogY(bool logY);

    virtual void setSeries(const QVector<PlotSeries>& series) = 0;
    virtual int seriesCount() const = 0;
    virtual const PlotSeries& series(int index) const = 0;
    QVector<QPointF> seriesPoints(int index) const { return series(index).points; }
    // Index of the first series with this name, -1 if none.
    int indexOfSeries(const QString& name) const;
    // Legend clicks toggle visibility; hidden series stay in the list.
    virtual void setSeriesVisible(int index, bool visible) = 0;
    virtual bool isSeriesVisible(int index) const = 0;

    // Where a data point of series `index` is drawn, in this widget's coordinates (tests,
    // overlays); an invalid point when the series is hidden or the point not drawable.
    virtual QPointF positionOf(int index, const QPointF& value) const = 0;
    // The widget that receives the chart's mouse events.
    virtual QWidget* mouseTarget() const = 0;

    // Where the legend sits (bottom by default); series with inLegend == false are not listed.
    // Unless set, more than a few entries go to the right (a row below truncates them).
    virtual void setLegendAlignment(Qt::Alignment alignment) = 0;
    virtual Qt::Alignment legendAlignment() const = 0;

    // The range an axis shows now (after zooming and panning).
    virtual void axisRange(Qt::Orientation orientation, double* min, double* max) const = 0;
    // The tick labels an axis shows now, in order (tests, exports).
    virtual QStringList axisLabels(Qt::Orientation orientation) const = 0;

    // A crosshair following the pointer with a read-out of the values under it (off by default).
    virtual void setCrosshairEnabled(bool enabled) = 0;
    virtual bool crosshairEnabled() const = 0;
    virtual QString crosshairText() const = 0;  // the read-out now; empty when not shown

    virtual void resetZoom() = 0;
    virtual void zoomBy(qreal factor) = 0;

    // Large point series may be drawn with OpenGL on screen. Export and off-screen rendering
    // switch it off (GL content is not part of a QPainter rendering).
    virtual void setOpenGLAllowed(bool allowed) = 0;
    virtual bool usesOpenGL() const = 0;

    // Paints the chart into target on painter (raster, SVG or printer), without OpenGL.
    virtual void paintChart(QPainter* painter, const QRectF& target) = 0;
    // Renders the chart off-screen at size * scale device pixels (for export and tests).
    QImage renderImage(const QSize& size, qreal scale);

  signals:
    // Series and point index (into PlotSeries::points) under the pointer.
    void pointClicked(int series, int index);
    void pointHovered(int series, int index);  // index -1: the pointer left the point
    // A right click on the chart (global position): the owner shows its context menu.
    void contextMenuRequested(const QPoint& globalPosition);
};

// The Qt Charts implementation.
std::unique_ptr<PlotView> createPlotView(QWidget* parent = nullptr);

}  // namespace hubgrowth
