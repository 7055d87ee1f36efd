#include "hubgrowth/data/population_learn_job.h"

#include <algorithm>

#include "hubgrowth/data/batch_fitter.h"

namespace hubgrowth {

PopulationLearnJob::~PopulationLearnJob() {
    cancelAndWait();
}

bool PopulationLearnJob::start(std::vector<ModelSeries> population, double m,
                               std::shared_ptr<const std::atomic<bool>> forecastsCancel) {
    if (isRunning())
        return false;
    result_.reset();
    auto input = std::make_shared<std::vector<ModelSeries>>(std::move(population));
    return run([this, input, m, forecastsCancel](JobContext& context) {
        ForecasterOptions options;
        options.m = m;
        // A superseded population's forecasts skip their remaining pseudo-forecasts: their
        // result is dropped anyway, and the next one needs the cores.
        options.parallelFor = [inner = threadPoolParallelFor(), forecastsCancel](
                                  int count, const std::function<void(int)>& body) {
            inner(count, [&](int i) {
                if (!forecastsCancel->load())
                    body(i);
            });
        };
        // About a hundred reports whatever the population's size.
        auto progress = [&context](int done, int total) {
            const int step = std::max(1, total / 100);
            if (done % step == 0 || done == total)
                context.progress(done, total);
        };
        auto forecaster = std::make_shared<const Forecaster>(std::move(*input), options,
                                                             context.cancelFlag(), progress);
        if (!context.cancelled())
            result_ = std::move(forecaster);
    });
}

}  // namespace hubgrowth
