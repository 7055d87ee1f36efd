#include "hubgrowth/data/as_of_backtest_job.h"

#include <memory>

#include "hubgrowth/data/batch_fitter.h"

namespace hubgrowth {

AsOfBacktestJob::~AsOfBacktestJob() {
    cancelAndWait();
}

bool AsOfBacktestJob::start(std::vector<ModelSeries> series, std::int64_t asOf,
                            const AsOfOptions& options, int threads) {
    if (isRunning())
        return false;
    rows_.clear();
    auto input = std::make_shared<const std::vector<ModelSeries>>(std::move(series));
    return run([this, input, asOf, options, threads](const JobContext& context) {
        const ParallelFor pool = threadPoolParallelFor(threads);
        // Cancelled: every remaining pseudo-forecast returns at once (the result is dropped).
        const ParallelFor cancellable = [&pool, &context](int count,
                                                          const std::function<void(int)>& body) {
            pool(count, [&](int i) {
                if (!context.cancelled())
                    body(i);
            });
        };
        std::vector<AsOfRow> rows = runAsOfBacktest(*input, asOf, options, cancellable);
        if (!context.cancelled())
            rows_ = std::move(rows);
    });
}

}  // namespace hubgrowth
