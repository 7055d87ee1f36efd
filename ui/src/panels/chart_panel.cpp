#include "hubgrowth/ui/panels/chart_panel.h"

#include <QClipboard>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QMenu>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "hubgrowth/ui/chart_export.h"
#include "hubgrowth/ui/charts/plot_view.h"
#include "hubgrowth/ui/model_table_model.h"

namespace hubgrowth {

ChartPanel::ChartPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                       QWidget* parent)
    : QWidget(parent), model_(model), filter_(filter) {}

void ChartPanel::invalidate() {
    dirty_ = true;
    if (isVisible())
        refreshNow();
}

void ChartPanel::refreshNow() {
    dirty_ = false;
    dropRowsOutsideModel();
    refresh();
}

void ChartPanel::dropRowsOutsideModel() {
    // A new dataset may be smaller than the one the selection was made in.
    selected_.erase(
        std::remove_if(selected_.begin(), selected_.end(),
                       [this](int row) { return row < 0 || row >= model_->rowCount(); }),
        selected_.end());
}

void ChartPanel::setSelectedRows(const QVector<int>& rows) {
    if (rows == selected_)
        return;
    selected_ = rows;
    if (dirty_ || !isVisible()) {
        invalidate();  // a full refresh now or when shown
        return;
    }
    dropRowsOutsideModel();
    refreshSelection();
}

PlotView* ChartPanel::addPlot() {
    PlotView* plot = createPlotView(this).release();  // owned by this widget from here on
    plots_.push_back(plot);
    connect(plot, &PlotView::contextMenuRequested, this, [this, plot](const QPoint& at) {
        QMenu* menu = createContextMenu(plot, this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(at);
    });
    return plot;
}

QMenu* ChartPanel::createContextMenu(PlotView* plot, QWidget* parent) {
    auto* menu = new QMenu(parent);
    menu->addAction(tr("Export Chart (PNG, SVG, CSV)…"), this, &ChartPanel::exportRequested);
    menu->addAction(tr("Copy Image"), this, [this] {
        copyPanelToClipboard(this, size());
        emit statusMessage(tr("Chart copied to the clipboard"));
    });
    menu->addAction(tr("Copy Data (CSV)"), this, [this] {
        QGuiApplication::clipboard()->setText(QString::fromUtf8(panelCsv(this)));
        emit statusMessage(tr("Chart data copied to the clipboard as CSV"));
    });
    menu->addSeparator();
    menu->addAction(tr("Zoom Out"), plot, [plot] { plot->zoomBy(0.8); });
    menu->addAction(tr("Reset Zoom"), plot, [plot] { plot->resetZoom(); });
    QAction* crosshair = menu->addAction(tr("Crosshair"));
    crosshair->setCheckable(true);
    crosshair->setChecked(plot->crosshairEnabled());
    // One setting for the panel's plots: they share the pointer's meaning.
    connect(crosshair, &QAction::toggled, this, [this](bool on) {
        for (PlotView* p : plots_)
            p->setCrosshairEnabled(on);
    });
    addContextActions(menu);
    return menu;
}

void ChartPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (dirty_)
        refreshNow();
}

void ChartPanel::paintPlots(QPainter* painter, const QRectF& target) {
    if (dirty_)
        refreshNow();
    const int n = static_cast<int>(plots_.size());
    if (n == 0)
        return;
    QRectF charts = target;
    const QVector<LegendEntry> legend = sharedLegend();
    if (!legend.isEmpty()) {
        // Entries flow left to right and wrap: every name stays whole.
        const QFontMetricsF metrics(painter->font());
        const double box = metrics.height() * 0.8, gap = metrics.height();
        const double lineHeight = metrics.height() * 1.4, width = target.width() - 16.0;
        QVector<QPointF> at;
        double x = 0.0, lines = 1.0;
        for (const LegendEntry& e : legend) {
            const double w = box + 4.0 + metrics.horizontalAdvance(e.name) + gap;
            if (x > 0.0 && x + w > width) {
                x = 0.0;
                lines += 1.0;
            }
            at.push_back(QPointF(x, (lines - 1.0) * lineHeight));
            x += w;
        }
        const double height = std::min(target.height() / 4.0, lines * lineHeight + 6.0);
        charts.setBottom(charts.bottom() - height);
        painter->save();
        for (int i = 0; i < legend.size(); ++i) {
            const QPointF origin(target.left() + 8.0 + at[i].x(),
                                 charts.bottom() + 3.0 + at[i].y());
            QColor color = legend[i].color;
            if (legend[i].hidden)
                color.setAlpha(60);
            painter->fillRect(QRectF(origin + QPointF(0, (lineHeight - box) / 2), QSizeF(box, box)),
                              color);
            painter->setPen(palette().color(QPalette::WindowText));
            painter->drawText(QRectF(origin + QPointF(box + 4.0, 0), QSizeF(width, lineHeight)),
                              Qt::AlignLeft | Qt::AlignVCenter, legend[i].name);
        }
        painter->restore();
    }
    const QString caption = exportCaption();
    if (!caption.isEmpty()) {
        // At most a third of the height; the text wraps within the width.
        const QFontMetricsF metrics(painter->font());
        const QRectF needed = metrics.boundingRect(
            QRectF(0, 0, std::max(1.0, target.width() - 16.0), target.height() / 3.0),
            Qt::TextWordWrap, caption);
        const double height = std::min(target.height() / 3.0, needed.height() + 8.0);
        charts.setBottom(charts.bottom() - height);
        painter->save();
        painter->setPen(palette().color(QPalette::WindowText));
        painter->drawText(
            QRectF(target.left() + 8.0, charts.bottom() + 4.0, target.width() - 16.0, height - 4.0),
            Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, caption);
        painter->restore();
    }
    const int columns = std::max(1, std::min(exportColumns_, n));
    const int rows = (n + columns - 1) / columns;
    const double w = static_cast<double>(charts.width()) / columns,
                 h = static_cast<double>(charts.height()) / rows;
    for (int i = 0; i < n; ++i) {
        const int row = i / columns, column = i % columns;  // the grid cell, whole numbers
        const QRectF cell(charts.left() + column * w, charts.top() + row * h, w, h);
        plots_[i]->paintChart(painter, cell);
    }
}

}  // namespace hubgrowth
