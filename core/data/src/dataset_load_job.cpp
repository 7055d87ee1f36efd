#include "hubgrowth/data/dataset_load_job.h"

#include "hubgrowth/data/dataset_loader.h"

namespace hubgrowth {

DatasetLoadJob::~DatasetLoadJob() {
    cancelAndWait();
}

bool DatasetLoadJob::start(const QStringList& inputs, const QStringList& storeRelations) {
    if (isRunning())
        return false;
    inputs_ = inputs;
    result_ = {};
    digest_ = {};
    return run([this, inputs, storeRelations](const JobContext& context) {
        result_ = loadDatasets(inputs, storeRelations, context.cancelFlag());
        digest_ = digestSeries(result_.dataset.series);
    });
}

}  // namespace hubgrowth
