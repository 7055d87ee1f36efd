#include "hubgrowth/data/population_learn_job.h"

#include <algorithm>

#include "hubgrowth/data/population_forecaster.h"

namespace hubgrowth {

PopulationLearnJob::~PopulationLearnJob() {
    cancelAndWait();
}

bool PopulationLearnJob::start(const QString& key, SeriesPool population, double m) {
    if (isRunning() || !population)
        return false;
    result_.reset();
    return run([this, key, input = std::move(population), m](JobContext& context) {
        // About a hundred reports whatever the population's size.
        auto progress = [&context](int done, int total) {
            const int step = std::max(1, total / 100);
            if (done % step == 0 || done == total)
                context.progress(done, total);
        };
        auto forecaster = learnPopulationForecaster(key, input, m, context.cancelFlag(), progress);
        if (!context.cancelled())
            result_ = std::move(forecaster);
    });
}

}  // namespace hubgrowth
