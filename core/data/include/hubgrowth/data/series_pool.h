#pragma once
// A population shared by the table model and the jobs working on it: handing it to a worker
// copies a pointer, not 200 k series on the UI thread.

#include <memory>
#include <vector>

#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

using SeriesPool = std::shared_ptr<const std::vector<ModelSeries>>;

}  // namespace hubgrowth
