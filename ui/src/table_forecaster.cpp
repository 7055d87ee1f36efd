#include "hubgrowth/ui/table_forecaster.h"

#include "hubgrowth/data/forecast_batch_job.h"
#include "hubgrowth/data/population_forecaster.h"
#include "hubgrowth/ui/model_table_model.h"

namespace hubgrowth {

TableForecaster::TableForecaster(ModelTableModel* model, QObject* parent)
    : QObject(parent), model_(model) {}

TableForecaster::~TableForecaster() {
    // The table may be gone already (a sibling in the window): stop the job only; its own
    // destructor (a child of this) waits for the worker.
    if (job_) {
        job_->disconnect(this);
        job_->cancel();
    }
}

bool TableForecaster::isRunning() const {
    return job_ && job_->isRunning();
}

void TableForecaster::cancel() {
    if (!job_)
        return;
    // Results of the old job must not land in the table: disconnect before cancelling.
    job_->disconnect(this);
    const bool running = job_->isRunning();
    job_->cancel();
    job_->deleteLater();
    job_ = nullptr;
    if (running) {
        model_->endForecasts();
        emit finished(true);
    }
}

void TableForecaster::start(double m, const QString& method, int horizon, int firstMonths) {
    cancel();
    const std::optional<ForecastMethod> parsed = parseMethod(method.toStdString());
    if (model_->rowCount() == 0 || !parsed)
        return;
    model_->beginForecasts(method, horizon);
    auto* job = new ForecastBatchJob(this);
    job_ = job;
    delivered_ = 0;
    const QString what = tr("Forecasting c(+%1 mo) %2 for the table…").arg(horizon).arg(method);
    connect(job, &BackgroundJob::progressed, this, [this, job, what](int done, int total) {
        if (job != job_)
            return;
        std::vector<int> rows;
        std::vector<double> values;
        QStringList errors;
        for (int k = delivered_; k < done; ++k) {
            const int row = job->finished(k);
            const SeriesForecast& f = job->forecast(row);
            rows.push_back(row);
            values.push_back(forecastAt(f, job->horizon()));
            errors << (f.ok ? QString() : QString::fromStdString(f.error));
        }
        model_->setForecasts(rows, values, errors);
        delivered_ = std::max(delivered_, done);
        emit progressed(what, done, total);
    });
    connect(job, &BackgroundJob::ended, this, [this, job](bool cancelled) {
        if (job != job_)
            return;
        model_->endForecasts();
        emit finished(cancelled);
    });
    // The population and m name the learnt Forecaster (shared with the forecast table).
    // Cut and copied on the worker: 200 k series copied here stalled the window ~100 ms.
    job->startAll(populationKey(model_->datasetGeneration(), m), model_->sharedSeries(), m, *parsed,
                  firstMonths, horizon);
}

}  // namespace hubgrowth
