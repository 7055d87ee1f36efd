#include <QChart>
#include <QChartView>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "charts/plot_view.h"

namespace hubgrowth {

namespace {

class QtChartsPlotView final : public PlotView {
public:
    explicit QtChartsPlotView(QWidget* parent) : PlotView(parent) {
        chart_ = new QChart();
        chart_->legend()->setAlignment(Qt::AlignBottom);
        chart_->setMargins(QMargins(6, 6, 6, 6));
        view_ = new QChartView(chart_, this);
        view_->setRenderHint(QPainter::Antialiasing);
        view_->setRubberBand(QChartView::RectangleRubberBand);
        auto* layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(view_);
    }

    void setTitle(const QString& title) override { chart_->setTitle(title); }
    void setAxisTitles(const QString& x, const QString& y) override {
        xTitle_ = x;
        yTitle_ = y;
        rebuild();
    }
    void setLogY(bool logY) override {
        logY_ = logY;
        rebuild();
    }
    void setSeries(const QVector<PlotSeries>& series) override {
        series_ = series;
        rebuild();
    }
    int seriesCount() const override { return series_.size(); }
    QVector<QPointF> seriesPoints(int index) const override { return series_.value(index).points; }

    QImage renderImage(const QSize& size, qreal scale) override {
        QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(scale);
        image.fill(Qt::white);
        const QSize old = view_->size();
        view_->resize(size);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        view_->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
        painter.end();
        view_->resize(old);
        return image;
    }

private:
    void rebuild() {
        chart_->removeAllSeries();
        for (QAbstractAxis* axis : chart_->axes()) {
            chart_->removeAxis(axis);
            delete axis;
        }
        auto* xAxis = new QValueAxis();
        xAxis->setTitleText(xTitle_);
        xAxis->setLabelFormat(QStringLiteral("%d"));
        QAbstractAxis* yAxis;
        if (logY_) {
            auto* log = new QLogValueAxis();
            log->setBase(10);
            log->setLabelFormat(QStringLiteral("%g"));
            yAxis = log;
        } else {
            auto* linear = new QValueAxis();
            linear->setLabelFormat(QStringLiteral("%g"));
            yAxis = linear;
        }
        yAxis->setTitleText(yTitle_);
        chart_->addAxis(xAxis, Qt::AlignBottom);
        chart_->addAxis(yAxis, Qt::AlignLeft);

        double xMax = 1.0, yMin = 1.0, yMax = 1.0;
        for (const PlotSeries& s : series_) {
            QXYSeries* xy;
            if (s.style == PlotSeries::Style::Points) {
                auto* scatter = new QScatterSeries();
                scatter->setMarkerSize(7.0);
                scatter->setBorderColor(s.color);
                xy = scatter;
            } else {
                auto* line = new QLineSeries();
                QPen pen(s.color, 2.0);
                if (s.style == PlotSeries::Style::DashedLine) pen.setStyle(Qt::DashLine);
                line->setPen(pen);
                xy = line;
            }
            xy->setName(s.name);
            xy->setColor(s.color);
            QVector<QPointF> shown;
            shown.reserve(s.points.size());
            for (const QPointF& p : s.points) {
                if (!std::isfinite(p.x()) || !std::isfinite(p.y())) continue;  // never draw NaN
                if (logY_ && p.y() <= 0.0) continue;
                shown.push_back(p);
                xMax = std::max(xMax, p.x());
                yMax = std::max(yMax, p.y());
                if (p.y() > 0.0) yMin = std::min(yMin, p.y());
            }
            xy->replace(shown);
            chart_->addSeries(xy);
            xy->attachAxis(xAxis);
            xy->attachAxis(yAxis);
        }
        xAxis->setRange(0.0, std::ceil(xMax));
        if (logY_) {
            yAxis->setRange(std::pow(10.0, std::floor(std::log10(yMin))),
                            std::pow(10.0, std::ceil(std::log10(yMax * 1.05))));
        } else {
            yAxis->setRange(0.0, yMax * 1.08);
        }
    }

    QChart* chart_;
    QChartView* view_;
    QVector<PlotSeries> series_;
    QString xTitle_, yTitle_;
    bool logY_ = false;
};

}  // namespace

std::unique_ptr<PlotView> createPlotView(QWidget* parent) {
    return std::make_unique<QtChartsPlotView>(parent);
}

}  // namespace hubgrowth
