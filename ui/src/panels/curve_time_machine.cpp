#include "hubgrowth/ui/panels/curve_time_machine.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QTimer>
#include <algorithm>
#include <cmath>

#include "hubgrowth/core/forecast/as_of.h"
#include "hubgrowth/data/as_of_backtest_job.h"
#include "hubgrowth/ui/as_of_dates.h"
#include "hubgrowth/ui/number_format.h"

namespace hubgrowth {

namespace {

constexpr int kDebounceMs = 250;  // dragging the slider forecasts once, not once per step

QString percent(double fraction) {
    return std::isfinite(fraction)
               ? QString::number(100.0 * fraction, 'f', 1) + QStringLiteral(" %")
               : notAvailable();
}

}  // namespace

int asOfObservedMonths(const ModelSeries& series, std::int64_t asOf) {
    const AsOfPopulation known = truncateAsOf({series}, asOf);
    return known.series.empty() ? 0 : known.series.front().observedMonths();
}

std::vector<ModelSeries> asOfPopulation(const std::vector<ModelSeries>& series, std::int64_t asOf) {
    return truncateAsOf(series, asOf).series;
}

QString asOfForecastNote(const SeriesForecast& forecast, const std::vector<double>& counts,
                         int horizon, std::int64_t asOf) {
    QString note = CurveTimeMachine::tr(" · as of %1: forecast from the first %2 known then")
                       .arg(asOfDateText(asOf), formatMonths(forecast.observedMonths));
    // Scored at the horizon, or at the last month that happened when the data stops before it.
    const int month = std::min(forecast.observedMonths - 1 + horizon, int(counts.size()) - 1);
    if (!forecast.ok || horizon < 1 || month < forecast.observedMonths)
        return note;
    for (const ForecastPoint& p : forecast.path) {
        if (p.month != month || !std::isfinite(p.fitted))
            continue;
        const double actual = counts[size_t(month)];
        const QString ape =
            actual > 0 ? QString::number(100.0 * std::abs(p.fitted - actual) / actual, 'f', 1) +
                             QStringLiteral(" %")
                       : notAvailable();
        auto inside = [actual](double lo, double hi) {
            return std::isfinite(lo) && std::isfinite(hi) && lo <= actual && actual <= hi;
        };
        note +=
            CurveTimeMachine::tr("; at month %1 (+%2) it said %3, %4 happened: APE %5, %6")
                .arg(month)
                .arg(month - forecast.observedMonths + 1)
                .arg(formatCount(p.fitted), formatCount(actual), ape,
                     inside(p.lo80, p.hi80)   ? CurveTimeMachine::tr("inside the 80 % band")
                     : inside(p.lo95, p.hi95) ? CurveTimeMachine::tr("inside the 95 % band only")
                                              : CurveTimeMachine::tr("outside the 95 % band"));
        break;
    }
    return note;
}

PlotSeries asOfMarker(std::int64_t asOf, int month, double top) {
    PlotSeries marker{CurveTimeMachine::tr("as of %1").arg(asOfDateText(asOf)),
                      {QPointF(month, 0.0), QPointF(month, std::max(top, 1.0))},
                      QColor(0x55, 0x55, 0x55),
                      PlotSeries::Style::DottedLine};
    marker.definesRange = false;
    return marker;
}

CurveTimeMachine::CurveTimeMachine(QWidget* parent) : QWidget(parent) {
    slider_ = new QSlider(Qt::Horizontal);
    slider_->setToolTip(
        tr("Forecast as of this date: the model cut there, everything learned from what was "
           "known then; the right end is the latest data (no cut)"));
    date_ = new QLabel();
    backtest_ = new QLabel();
    backtest_->setWordWrap(true);
    backtest_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    backtest_->hide();
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("&As of:"));
    label->setBuddy(slider_);
    layout->addWidget(label);
    layout->addWidget(slider_, 1);
    layout->addWidget(date_);
    debounce_ = new QTimer(this);
    debounce_->setSingleShot(true);
    debounce_->setInterval(kDebounceMs);
    connect(debounce_, &QTimer::timeout, this, &CurveTimeMachine::asOfChanged);
    connect(slider_, &QSlider::valueChanged, this, [this] {
        updateDateLabel();
        debounce_->start();
    });
    setDates({});
}

CurveTimeMachine::~CurveTimeMachine() = default;  // running_ is a child: it cancels and waits

void CurveTimeMachine::setDates(const QVector<std::int64_t>& dates) {
    dates_ = dates;
    const QSignalBlocker block(slider_);
    slider_->setRange(0, std::max(0, int(dates_.size()) - 1));
    slider_->setValue(slider_->maximum());
    slider_->setEnabled(dates_.size() > 1);
    updateDateLabel();
}

void CurveTimeMachine::setAsOfIndex(int index) {
    {
        const QSignalBlocker block(slider_);
        slider_->setValue(index);
    }
    updateDateLabel();
    debounce_->stop();
    emit asOfChanged();
}

int CurveTimeMachine::asOfIndex() const {
    return slider_->value();
}

std::optional<std::int64_t> CurveTimeMachine::asOf() const {
    if (dates_.isEmpty() || slider_->value() >= slider_->maximum())
        return std::nullopt;
    return dates_.value(slider_->value());
}

void CurveTimeMachine::updateDateLabel() {
    if (dates_.isEmpty()) {
        date_->setText(tr("latest"));
        return;
    }
    const auto date = asOf();
    date_->setText(date ? asOfDateText(*date)
                        : tr("latest (%1, no cut)").arg(asOfDateText(dates_.back())));
}

void CurveTimeMachine::updateBacktest(quint64 generation, const std::vector<ModelSeries>& series,
                                      const QVector<int>& shownRows, int horizon, double m) {
    const auto date = asOf();
    if (!date || horizon < 1) {
        if (running_) {
            running_->disconnect(this);
            running_->cancel();  // a child: deleted with this widget or when it ends
            connect(running_, &BackgroundJob::ended, running_, &QObject::deleteLater);
            running_ = nullptr;
        }
        summary_.reset();
        backtest_->hide();
        return;
    }
    backtest_->show();
    const Request want{generation, *date, horizon, m};
    const bool shownChanged = shownRows != shown_;
    shown_ = shownRows;
    if (rowsRequest_ && *rowsRequest_ == want) {
        if (shownChanged || !summary_)
            summarise();
        return;
    }
    if ((running_ && runningRequest_ == want) || (!running_ && cancelledRequest_ == want))
        return;
    cancelledRequest_.reset();
    if (running_) {
        // Superseded: its result is dropped, and it deletes itself when its worker stops.
        running_->disconnect(this);
        connect(running_, &BackgroundJob::ended, running_, &QObject::deleteLater);
        running_->cancel();
        running_ = nullptr;
    }
    summary_.reset();
    auto* job = new AsOfBacktestJob(this);
    AsOfOptions options;
    options.horizon = horizon;
    options.m = m;
    connect(job, &BackgroundJob::ended, this,
            [this, job](bool cancelled) { onEnded(job, cancelled); });
    if (!job->start(series, *date, options)) {
        delete job;
        return;
    }
    running_ = job;
    runningRequest_ = want;
    backtest_->setText(tr("Backtesting the shown models as of %1, +%2 months (on a worker)…")
                           .arg(asOfDateText(*date))
                           .arg(horizon));
}

bool CurveTimeMachine::cancelBacktest() {
    if (!running_)
        return false;
    cancelledRequest_ = runningRequest_;
    running_->disconnect(this);
    connect(running_, &BackgroundJob::ended, running_, &QObject::deleteLater);
    running_->cancel();
    running_ = nullptr;
    backtest_->setText(
        tr("Backtest cancelled: move the date or change the horizon to run it "
           "again"));
    return true;
}

void CurveTimeMachine::onEnded(AsOfBacktestJob* job, bool cancelled) {
    job->deleteLater();
    if (job != running_)
        return;
    running_ = nullptr;
    if (cancelled)
        return;
    rows_ = job->takeRows();
    rowsRequest_ = runningRequest_;
    summarise();
    emit backtestUpdated();
}

void CurveTimeMachine::summarise() {
    std::vector<bool> shown;
    for (int row : shown_) {
        if (row < 0)
            continue;
        if (size_t(row) >= shown.size())
            shown.resize(size_t(row) + 1, false);
        shown[size_t(row)] = true;
    }
    std::vector<AsOfRow> rows;
    for (const AsOfRow& r : rows_) {
        if (r.seriesIndex < shown.size() && shown[r.seriesIndex])
            rows.push_back(r);
    }
    summary_ = summariseAsOf(rows);
    const AsOfSummary& s = *summary_;
    QString text = tr("As-of backtest of the shown models, %1, +%2 months (count at least 10 at "
                      "the date, month +%2 observed): n %3")
                       .arg(asOfDateText(rowsRequest_->asOf))
                       .arg(rowsRequest_->horizon)
                       .arg(s.all.n);
    if (s.all.n > 0) {
        text += tr(", median APE %1 %, 80 % coverage %2, 95 % coverage %3, Spearman ρ of gains %4")
                    .arg(QString::number(s.all.medianApe, 'f', 1))
                    .arg(percent(s.all.coverage80), percent(s.all.coverage95))
                    .arg(std::isfinite(s.gainSpearman) ? QString::number(s.gainSpearman, 'f', 3)
                                                       : notAvailable());
    }
    backtest_->setText(text + QLatin1Char('.'));
}

}  // namespace hubgrowth
