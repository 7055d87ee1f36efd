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
    modelIds_.clear();
    return run([this, inputs, storeRelations](const JobContext& context) {
        result_ = loadDatasets(inputs, storeRelations, context.cancelFlag());
        modelIds_.reserve(qsizetype(result_.dataset.series.size()));
        for (const ModelSeries& series : result_.dataset.series)
            modelIds_.push_back(QString::fromStdString(series.id));
    });
}

}  // namespace hubgrowth
