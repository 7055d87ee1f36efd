#pragma once
// A seeded generator of synthetic lineage for the app's embedded demo snapshot. Nothing here is
// real Hub data: organisations and models are fictional and every id says "synthetic".

#include <cstdint>
#include <string>

#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

struct DemoOptions {
    std::uint64_t seed = 20250218;
    int baseModels = 360;
    double m = 100.0;
    int maxMonths = 35;  // the paper's window: months 0..34
};

Dataset generateDemoDataset(const DemoOptions& options = {});

// The dataset in the paper's wide CSV format (model, 0-month..34-month, lambda_i, mu_i,
// sigma_i, company, created_at, approx_cond_label), so one importer reads both.
std::string demoDatasetToPaperCsv(const Dataset& dataset, int maxMonths = 35);

}  // namespace hubgrowth
