#pragma once
// The project's small chart interface. Widgets draw through it, never through Qt Charts
// directly, so the backend can move to Qt Graphs (Qt Charts is deprecated from Qt 6.10).

#include <QColor>
#include <QImage>
#include <QPointF>
#include <QString>
#include <QVector>
#include <QWidget>
#include <memory>

namespace hubgrowth {

struct PlotSeries {
    enum class Style { Line, DashedLine, Points };
    QString name;
    QVector<QPointF> points;
    QColor color;
    Style style = Style::Line;
};

class PlotView : public QWidget {
public:
    using QWidget::QWidget;
    ~PlotView() override = default;

    virtual void setTitle(const QString& title) = 0;
    virtual void setAxisTitles(const QString& x, const QString& y) = 0;
    virtual void setLogY(bool logY) = 0;
    virtual void setSeries(const QVector<PlotSeries>& series) = 0;
    virtual int seriesCount() const = 0;
    virtual QVector<QPointF> seriesPoints(int index) const = 0;
    // Renders the chart off-screen at size * scale device pixels (for export and tests).
    virtual QImage renderImage(const QSize& size, qreal scale) = 0;
};

// The Qt Charts implementation.
std::unique_ptr<PlotView> createPlotView(QWidget* parent = nullptr);

}  // namespace hubgrowth
