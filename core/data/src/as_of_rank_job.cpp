#include "hubgrowth/data/as_of_rank_job.h"

#include <memory>

#include "hubgrowth/core/forecast/as_of_rank.h"
#include "hubgrowth/data/batch_fitter.h"

namespace hubgrowth {

AsOfRankJob::~AsOfRankJob() {
    cancelAndWait();
}

bool AsOfRankJob::start(std::vector<ModelSeries> series, std::int64_t asOf,
                        const AsOfOptions& options, bool backtest, int threads) {
    if (isRunning())
        return false;
    result_ = {};
    auto input = std::make_shared<const std::vector<ModelSeries>>(std::move(series));
    return run([this, input, asOf, options, backtest, threads](const JobContext& context) {
        const ParallelFor pool = threadPoolParallelFor(threads);
        // Cancelled: every remaining pseudo-forecast returns at once (the result is dropped).
        const ParallelFor cancellable = [&pool, &context](int count,
                                                          const std::function<void(int)>& body) {
            pool(count, [&](int i) {
                if (!context.cancelled())
                    body(i);
            });
        };
        AsOfRanking ranking;
        ranking.asOf = asOf;
        ranking.options = options;
        ranking.forecasts = forecastAsOf(*input, asOf, options, nullptr, cancellable);
        ranking.order = rankByGain(*input, ranking.forecasts);
        if (backtest && !context.cancelled()) {
            ranking.backtestRows = runAsOfBacktest(*input, asOf, options, cancellable);
            ranking.backtested = true;
        }
        if (!context.cancelled())
            result_ = std::move(ranking);
    });
}

}  // namespace hubgrowth
