// The Qt Charts backend of PlotView. Qt Charts stays inside ui/charts/.
#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QGuiApplication>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QResizeEvent>
#include <QScatterSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "hubgrowth/ui/charts/fast_scatter_item.h"
#include "hubgrowth/ui/charts/interactive_chart_view.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/charts/qtcharts_axes.h"
#include "hubgrowth/ui/number_format.h"

namespace hubgrowth {

namespace {

// Above this many points a series is drawn with OpenGL on screen (when allowed, see the
// constructor, and the axes are linear: Qt Charts' GL path does not support log axes), else by a
// FastScatterItem.
constexpr int kOpenGLThreshold = 5000;
constexpr int kFastScatterThreshold = 1000;
// More legend entries than this go beside the chart instead of in one row below it.
constexpr int kLegendRowEntries = 4;

bool drawable(const QPointF& p, bool logX, bool logY) {
    return std::isfinite(p.x()) && std::isfinite(p.y()) && (!logX || p.x() > 0.0) &&
           (!logY || p.y() > 0.0);
}

// Whole values (counts, months) with digit grouping, others with 4 significant digits.
QString formatValue(double v) {
    if (isPresentable(v) && v == std::round(v))
        return formatCount(v);
    return formatParameter(v);
}

class QtChartsPlotView final : public PlotView {
  public:
    explicit QtChartsPlotView(QWidget* parent) : PlotView(parent) {
        chart_ = new QChart();
        chart_->legend()->setAlignment(Qt::AlignBottom);
        chart_->setMargins(QMargins(4, 4, 4, 4));
        chart_->layout()->setContentsMargins(0, 0, 0, 0);
        chart_->setBackgroundRoundness(0);
        view_ = new InteractiveChartView(chart_, this);
        view_->setRenderHint(QPainter::Antialiasing);
        // Usage help goes to the status bar: a tooltip would cover the point read-outs.
        view_->setStatusTip(tr("Wheel: zoom · drag: zoom to rectangle · right-click: menu\n"
                               "Middle-drag or Shift+drag: pan · double-click: reset · legend: "
                               "show/hide a series")
                                .replace(QLatin1Char('\n'), QStringLiteral(" · ")));
        chart_->legend()->setShowToolTips(true);  // a truncated entry shows its full name
        view_->setContextMenuHandler(
            [this](const QPoint& globalPosition) { emit contextMenuRequested(globalPosition); });
        view_->setReadoutFormatter([this](const QPointF& value) {
            return QStringLiteral("%1 = %2\n%3 = %4")
                .arg(x_.title.isEmpty() ? QStringLiteral("x") : x_.title, xText(value.x()),
                     y_.title.isEmpty() ? QStringLiteral("y") : y_.title, formatValue(value.y()));
        });
        QObject::connect(chart_, &QChart::plotAreaChanged, this, [this] {
            for (FastScatterItem* item : fastItems_) {
                if (item)
                    item->plotAreaChanged();
            }
        });
        auto* layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(view_);
        // OpenGL is opt-in (HUBGROWTH_OPENGL=1): Qt Charts' GL scatter took 850 ms to load and
        // 120 ms per redraw for 100k points under Mesa, the direct raster item 2 ms and 15 ms.
        const QString platform = QGuiApplication::platformName();
        openGLAllowed_ = qEnvironmentVariableIntValue("HUBGROWTH_OPENGL") == 1 &&
                         platform != QLatin1String("offscreen") &&
                         platform != QLatin1String("minimal");
    }

    void setTitle(const QString& title) override { chart_->setTitle(title); }
    QString title() const override { return chart_->title(); }
    void setAxes(const PlotAxis& x, const PlotAxis& y) override {
        x_ = x;
        y_ = y;
        requestRebuild();
    }
    PlotAxis xAxis() const override { return x_; }
    PlotAxis yAxis() const override { return y_; }

    void setSeries(const QVector<PlotSeries>& series) override {
        series_ = series;
        visible_ = QVector<bool>(series_.size(), true);
        requestRebuild();
    }
    int seriesCount() const override { return static_cast<int>(series_.size()); }
    const PlotSeries& series(int index) const override {
        static const PlotSeries none;
        return index >= 0 && index < series_.size() ? series_[index] : none;
    }
    void setSeriesVisible(int index, bool visible) override {
        if (index < 0 || index >= series_.size())
            return;
        if (visible_[index] == visible)
            return;
        visible_[index] = visible;
        // The axes follow the visible series. Rebuilt later: this may run inside a legend
        // marker's click, and the rebuild replaces the markers.
        pending_ = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (isVisible())
                    rebuildIfPending();
            },
            Qt::QueuedConnection);
    }
    bool isSeriesVisible(int index) const override { return visible_.value(index, false); }

    QPointF positionOf(int index, const QPointF& value) const override {
        const_cast<QtChartsPlotView*>(this)->rebuildIfPending();
        if (index < 0 || size_t(index) >= drawn_.size() || !drawn_[size_t(index)])
            return {};
        const QPointF inChart = chart_->mapToPosition(value, drawn_[size_t(index)]);
        const QPoint inView = view_->mapFromScene(chart_->mapToScene(inChart));
        return view_->viewport()->mapTo(const_cast<QtChartsPlotView*>(this), inView);
    }
    QWidget* mouseTarget() const override { return view_->viewport(); }

    void setLegendAlignment(Qt::Alignment alignment) override {
        legendAlignmentSet_ = true;
        chart_->legend()->setAlignment(alignment);
    }

    Qt::Alignment legendAlignment() const override {
        const_cast<QtChartsPlotView*>(this)->rebuildIfPending();
        return chart_->legend()->alignment();
    }

    void axisRange(Qt::Orientation orientation, double* min, double* max) const override {
        const_cast<QtChartsPlotView*>(this)->rebuildIfPending();
        *min = *max = std::nan("");
        QAbstractAxis* axis = axisOf(orientation);
        if (auto* v = qobject_cast<QValueAxis*>(axis))
            *min = v->min(), *max = v->max();
        if (auto* l = qobject_cast<QLogValueAxis*>(axis))
            *min = l->min(), *max = l->max();
    }

    QStringList axisLabels(Qt::Orientation orientation) const override {
        const_cast<QtChartsPlotView*>(this)->rebuildIfPending();
        QStringList labels;
        QAbstractAxis* axis = axisOf(orientation);
        if (auto* c = qobject_cast<QCategoryAxis*>(axis))
            return c->categoriesLabels();
        if (auto* v = qobject_cast<QValueAxis*>(axis)) {
            const double step = v->tickInterval(), anchor = v->tickAnchor();
            if (!(step > 0.0))
                return labels;
            const QByteArray format = v->labelFormat().toLatin1();
            for (double t = anchor + std::ceil((v->min() - anchor) / step - 1e-9) * step;
                 t <= v->max() + step * 1e-9 && labels.size() < 1000; t += step) {
                labels << QString::asprintf(format.constData(),
                                            std::abs(t) < step * 1e-9 ? 0.0 : t);
            }
        }
        if (auto* l = qobject_cast<QLogValueAxis*>(axis)) {
            const QByteArray format = l->labelFormat().toLatin1();
            const double base = std::log10(l->base());
            for (double e = std::ceil(std::log10(l->min()) / base - 1e-9) * base;
                 e <= std::log10(l->max()) + 1e-9 && labels.size() < 1000; e += base) {
                labels << QString::asprintf(format.constData(), std::pow(10.0, e));
            }
        }
        return labels;
    }
    void resetZoom() override { chart_->zoomReset(); }
    void zoomBy(qreal factor) override { chart_->zoom(factor); }

    void setOpenGLAllowed(bool allowed) override {
        if (allowed == openGLAllowed_)
            return;
        openGLAllowed_ = allowed;
        requestRebuild();
    }
    bool usesOpenGL() const override {
        const_cast<QtChartsPlotView*>(this)->rebuildIfPending();
        for (QAbstractSeries* s : drawn_) {
            if (s && s->useOpenGL())
                return true;
        }
        return false;
    }

    void setCrosshairEnabled(bool enabled) override { view_->setCrosshairEnabled(enabled); }
    bool crosshairEnabled() const override { return view_->crosshairEnabled(); }
    QString crosshairText() const override { return view_->crosshairText(); }

    void paintChart(QPainter* painter, const QRectF& target) override {
        const bool crosshair = view_->crosshairEnabled();
        view_->setCrosshairEnabled(false);  // the pointer's read-out is not part of the chart
        const bool gl = usesOpenGL();
        if (gl)
            setOpenGLAllowed(false);
        const QSizeF old = chart_->size();
        chart_->resize(target.size());
        if (chart_->layout())
            chart_->layout()->activate();
        rebuildIfPending();  // after the resize: axes built on an unsized chart leave ghosts
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        chart_->scene()->render(painter, target, QRectF(chart_->pos(), target.size()));
        painter->restore();
        chart_->resize(old);
        if (chart_->layout())
            chart_->layout()->activate();
        if (gl)
            setOpenGLAllowed(true);
        view_->setCrosshairEnabled(crosshair);
    }

  private:
    QAbstractAxis* axisOf(Qt::Orientation orientation) const {
        const QList<QAbstractAxis*> axes = chart_->axes(orientation);
        return axes.isEmpty() ? nullptr : axes.front();
    }

    void applyVisibility(int index, QAbstractSeries* s) {
        s->setVisible(visible_[index]);
        if (FastScatterItem* item = fastItems_[size_t(index)])
            item->setVisible(visible_[index]);
        // Hidden series keep their legend entry, greyed, so they can be shown again.
        for (QLegendMarker* marker : chart_->legend()->markers(s)) {
            marker->setVisible(series_[index].inLegend);
            QColor label = palette().color(QPalette::WindowText);
            if (!visible_[index])
                label.setAlpha(90);
            marker->setLabelBrush(label);
        }
    }

    // An x value as read out: the number, and its name when the axis names values.
    QString xText(double x) const {
        if (!x_.valueText || x_.log)
            return formatValue(x);
        const QString name = x_.valueText(x);
        return name.isEmpty() ? formatValue(x)
                              : QStringLiteral("%1 (%2)").arg(formatValue(x), name);
    }

    void showTooltip(int seriesIndex, int pointIndex) {
        const PlotSeries& s = series_[seriesIndex];
        const QPointF p = s.points.value(pointIndex);
        QString text = s.labels.value(pointIndex);
        if (text.isEmpty())
            text = s.name;
        text += QStringLiteral("\n%1 = %2\n%3 = %4")
                    .arg(x_.title.isEmpty() ? QStringLiteral("x") : x_.title, xText(p.x()),
                         y_.title.isEmpty() ? QStringLiteral("y") : y_.title, formatValue(p.y()));
        if (s.style == PlotSeries::Style::Band && pointIndex < s.lower.size()) {
            text += QStringLiteral(" (from %1)").arg(formatValue(s.lower[pointIndex].y()));
        }
        QToolTip::showText(QCursor::pos(), text, view_);
    }

    // Qt Charts reports the hovered point's value: name it and tell the panel which one it is.
    std::function<void(const QPointF&, bool)> hoverHandler(int index) {
        return [this, index](const QPointF& p, bool on) {
            const int i = on ? nearestIndex(index, p) : -1;
            if (i >= 0)
                showTooltip(index, i);
            emit pointHovered(index, i);
        };
    }

    // Maps a point reported by Qt Charts back to the index in PlotSeries::points.
    int nearestIndex(int seriesIndex, const QPointF& value) const {
        const QVector<int>& map = shownIndex_[seriesIndex];
        const QVector<QPointF>& pts = series_[seriesIndex].points;
        int best = -1;
        double bestDistance = std::numeric_limits<double>::infinity();
        const double sx = spanX_ > 0 ? spanX_ : 1.0, sy = spanY_ > 0 ? spanY_ : 1.0;
        for (int original : map) {
            const QPointF p = pts[original];
            const double dx =
                (x_.log ? std::log10(p.x()) - std::log10(value.x()) : p.x() - value.x()) / sx;
            const double dy =
                (y_.log ? std::log10(p.y()) - std::log10(value.y()) : p.y() - value.y()) / sy;
            const double d = dx * dx + dy * dy;
            if (d < bestDistance) {
                bestDistance = d;
                best = original;
            }
        }
        return best;
    }

    QXYSeries* makeXYSeries(int index, const PlotSeries& s, QVector<QPointF> shown,
                            QAbstractAxis* xAxis, QAbstractAxis* yAxis) {
        const bool points =
            s.style == PlotSeries::Style::Points || s.style == PlotSeries::Style::HollowPoints;
        const bool gl = openGLAllowed_ && !x_.log && !y_.log && shown.size() > kOpenGLThreshold;
        QXYSeries* xy;
        if (points) {
            auto* scatter = new QScatterSeries();
            scatter->setMarkerShape(QScatterSeries::MarkerShapeCircle);
            scatter->setMarkerSize(s.markerSize);
            scatter->setColor(s.style == PlotSeries::Style::HollowPoints ? QColor(Qt::white)
                                                                         : s.color);
            scatter->setBorderColor(
                s.style == PlotSeries::Style::HollowPoints ? s.color : s.color.darker(130));
            xy = scatter;
        } else {
            auto* line = new QLineSeries();
            QPen pen(s.color, s.lineWidth);
            if (s.style == PlotSeries::Style::DashedLine)
                pen.setStyle(Qt::DashLine);
            if (s.style == PlotSeries::Style::DottedLine)
                pen.setStyle(Qt::DotLine);
            line->setPen(pen);
            xy = line;
        }
        xy->setUseOpenGL(gl);
        if (points && !gl && shown.size() > kFastScatterThreshold) {
            // The series holds one point (an empty series confuses Qt Charts' domains) and gives
            // the legend entry; the item draws the points.
            xy->append(shown.front());
            auto* item =
                new FastScatterItem(chart_, xAxis, yAxis, std::move(shown), s.color, s.markerSize,
                                    s.style == PlotSeries::Style::HollowPoints);
            item->setCallbacks(
                [this, index](int shownIndex, bool on) {
                    const int i = on ? shownIndex_[index].value(shownIndex, -1) : -1;
                    if (i >= 0)
                        showTooltip(index, i);
                    emit pointHovered(index, i);
                },
                [this, index](int shownIndex, bool) {
                    const int i = shownIndex_[index].value(shownIndex, -1);
                    if (i >= 0)
                        emit pointClicked(index, i);
                });
            fastItems_[size_t(index)] = item;
            return xy;
        }
        xy->replace(shown);
        if (!s.labels.isEmpty() || points) {
            QObject::connect(xy, &QXYSeries::hovered, this, hoverHandler(index));
        }
        QObject::connect(xy, &QXYSeries::clicked, this, [this, index](const QPointF& p) {
            const int i = nearestIndex(index, p);
            if (i >= 0)
                emit pointClicked(index, i);
        });
        return xy;
    }

    // Qt Charts (6.4) leaves the drawing of axes behind when they were created on a chart that
    // was never laid out and are replaced later. So charts are built when they are shown or
    // painted, never while hidden; hidden panels also skip the work.
    void requestRebuild() {
        pending_ = true;
        if (isVisible())
            rebuildIfPending();
    }
    void rebuildIfPending() {
        if (!pending_)
            return;
        pending_ = false;
        rebuild();
    }
    void showEvent(QShowEvent* event) override {
        PlotView::showEvent(event);
        rebuildIfPending();
    }
    // Log-axis labels per axis for this widget's size (less the axis titles and labels).
    QSize currentLabelBudget() const {
        return QSize(logLabelBudget(width() - 90, Qt::Horizontal),
                     logLabelBudget(height() - 70, Qt::Vertical));
    }
    void resizeEvent(QResizeEvent* event) override {
        PlotView::resizeEvent(event);
        // A narrower plot labels fewer decades, a wider one more (Qt elides labels that do
        // not fit their share of the axis).
        if ((x_.log || y_.log) && currentLabelBudget() != labelBudget_)
            requestRebuild();
    }

    void rebuild() {
        for (FastScatterItem* item : fastItems_)
            delete item;
        fastItems_.assign(size_t(series_.size()), nullptr);
        chart_->removeAllSeries();
        for (QAbstractAxis* axis : chart_->axes()) {
            chart_->removeAxis(axis);
            delete axis;
        }
        drawn_.assign(series_.size(), nullptr);
        shownIndex_ = QVector<QVector<int>>(series_.size());

        double xLo = std::numeric_limits<double>::infinity(), xHi = -xLo, yLo = xLo, yHi = -xLo;
        double xLoAll = xLo, xHiAll = -xLo, yLoAll = xLo, yHiAll = -xLo;
        // The axes span the visible series that define the range; all visible ones when none
        // does (a chart of fitted curves only).
        int current = 0;
        auto extend = [&](const QPointF& p) {
            if (!visible_[current])
                return;
            xLoAll = std::min(xLoAll, p.x());
            xHiAll = std::max(xHiAll, p.x());
            yLoAll = std::min(yLoAll, p.y());
            yHiAll = std::max(yHiAll, p.y());
            if (!series_[current].definesRange)
                return;
            xLo = std::min(xLo, p.x());
            xHi = std::max(xHi, p.x());
            yLo = std::min(yLo, p.y());
            yHi = std::max(yHi, p.y());
        };
        QVector<QVector<QPointF>> shown(series_.size());
        QVector<QVector<QPointF>> shownLower(series_.size());
        for (int i = 0; i < series_.size(); ++i) {
            current = i;
            const PlotSeries& s = series_[i];
            const bool band = s.style == PlotSeries::Style::Band;
            shown[i].reserve(s.points.size());
            for (int k = 0; k < s.points.size(); ++k) {
                const QPointF& p = s.points[k];
                if (!drawable(p, x_.log, y_.log))
                    continue;
                QPointF low;
                if (band) {
                    low = s.lower.value(k, QPointF(p.x(), y_.log ? p.y() : 0.0));
                    // Log axes cannot show 0: a band from 0 starts at the axis' bottom instead.
                    if (y_.log && !(low.y() > 0.0))
                        low.setY(std::numeric_limits<double>::quiet_NaN());
                    shownLower[i].push_back(low);
                    if (std::isfinite(low.y()))
                        extend(low);
                }
                shown[i].push_back(p);
                shownIndex_[i].push_back(k);
                extend(p);
            }
        }
        if (!(xLo <= xHi))
            xLo = xLoAll, xHi = xHiAll, yLo = yLoAll, yHi = yHiAll;
        double xMin, xMax, yMin, yMax;
        autoAxisRange(x_, xLo, xHi, &xMin, &xMax);
        autoAxisRange(y_, yLo, yHi, &yMin, &yMax);
        labelBudget_ = currentLabelBudget();
        QAbstractAxis* xAxis = makeChartAxis(x_, xMin, xMax, !(xMin < 0.0), labelBudget_.width());
        QAbstractAxis* yAxis = makeChartAxis(y_, yMin, yMax, !(yMin < 0.0), labelBudget_.height());
        chart_->addAxis(xAxis, Qt::AlignBottom);
        chart_->addAxis(yAxis, Qt::AlignLeft);
        axisRange(Qt::Horizontal, &xMin, &xMax);  // as widened to ticks or decades
        axisRange(Qt::Vertical, &yMin, &yMax);
        spanX_ = x_.log ? std::log10(xMax / xMin) : xMax - xMin;
        spanY_ = y_.log ? std::log10(yMax / yMin) : yMax - yMin;
        // Directly painted point sets follow zooming and panning through the axes' ranges.
        for (QAbstractAxis* axis : {xAxis, yAxis}) {
            auto repaint = [this] {
                for (FastScatterItem* item : fastItems_) {
                    if (item)
                        item->update();
                }
            };
            if (auto* v = qobject_cast<QValueAxis*>(axis))
                QObject::connect(v, &QValueAxis::rangeChanged, this, repaint);
            if (auto* l = qobject_cast<QLogValueAxis*>(axis))
                QObject::connect(l, &QLogValueAxis::rangeChanged, this, repaint);
        }

        for (int i = 0; i < series_.size(); ++i) {
            const PlotSeries& s = series_[i];
            QAbstractSeries* drawn;
            if (s.style == PlotSeries::Style::Band) {
                auto* upper = new QLineSeries();
                auto* lower = new QLineSeries();
                for (int k = 0; k < shown[i].size(); ++k) {
                    upper->append(shown[i][k]);
                    QPointF low = shownLower[i][k];
                    if (!std::isfinite(low.y()))
                        low.setY(yMin);
                    lower->append(low);
                }
                auto* area = new QAreaSeries(upper, lower);
                QColor fill = s.color;
                fill.setAlpha(fill.alpha() == 255 ? 70 : fill.alpha());
                area->setBrush(fill);
                area->setPen(QPen(s.color.darker(110), 1.0));
                area->setColor(fill);
                const int index = i;
                QObject::connect(area, &QAreaSeries::hovered, this, hoverHandler(index));
                drawn = area;
            } else {
                drawn = makeXYSeries(i, s, shown[i], xAxis, yAxis);
            }
            drawn->setName(s.name);
            chart_->addSeries(drawn);
            drawn->attachAxis(xAxis);
            drawn->attachAxis(yAxis);
            drawn_[size_t(i)] = drawn;
        }
        for (int i = 0; i < series_.size(); ++i) {
            applyVisibility(i, drawn_[size_t(i)]);
            for (QLegendMarker* marker : chart_->legend()->markers(drawn_[size_t(i)])) {
                QObject::connect(marker, &QLegendMarker::clicked, this,
                                 [this, i] { setSeriesVisible(i, !visible_[i]); });
            }
        }
        const int entries = int(std::count_if(series_.begin(), series_.end(),
                                              [](const PlotSeries& s) { return s.inLegend; }));
        chart_->legend()->setVisible(entries > 0);
        // A row of many entries truncates each to a few letters: list them beside the chart.
        if (!legendAlignmentSet_)
            chart_->legend()->setAlignment(entries > kLegendRowEntries ? Qt::AlignRight
                                                                       : Qt::AlignBottom);
    }

    QChart* chart_;
    InteractiveChartView* view_;
    QVector<PlotSeries> series_;
    QVector<bool> visible_;
    std::vector<QAbstractSeries*> drawn_;
    std::vector<FastScatterItem*> fastItems_;  // per series: the item drawing a large point set
    QVector<QVector<int>> shownIndex_;  // per series: drawn point -> index in PlotSeries::points
    PlotAxis x_, y_{QString(), false, NAN, NAN, true};
    double spanX_ = 1.0, spanY_ = 1.0;
    QSize labelBudget_{kMaxLogLabels, kMaxLogLabels};  // log labels the axes were built for
    bool openGLAllowed_ = false;
    bool pending_ = true;
    bool legendAlignmentSet_ = false;  // the panel chose the legend's place
};

}  // namespace

std::unique_ptr<PlotView> createPlotView(QWidget* parent) {
    return std::make_unique<QtChartsPlotView>(parent);
}

}  // namespace hubgrowth
