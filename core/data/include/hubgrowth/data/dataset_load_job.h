#pragma once
// Loads inputs (see loadDatasets) as a BackgroundJob: ended() comes on the owner's thread and
// takeResult() then holds the dataset or the error; cancel() stops the load between inputs,
// inside a paper CSV file every few thousand rows and inside a store between base models (the
// result's error is then store::kLoadCancelled and the dataset empty).

#include <QStringList>
#include <QVector>

#include "hubgrowth/data/background_job.h"
#include "hubgrowth/data/paper_csv_importer.h"

namespace hubgrowth {

class DatasetLoadJob : public BackgroundJob {
    Q_OBJECT
  public:
    using BackgroundJob::BackgroundJob;
    ~DatasetLoadJob() override;  // cancels and waits for the worker thread

    // False while a load runs.
    bool start(const QStringList& inputs, const QStringList& storeRelations);
    QStringList inputs() const { return inputs_; }
    // After ended(): the loaded dataset or the error (once; moved out).
    ImportResult takeResult() { return std::move(result_); }
    // After ended(): each series' id as a QString, in the dataset's order, converted on the
    // worker (200 k of them cost ~40 ms on the UI thread). Empty after an error.
    QVector<QString> takeModelIds() { return std::move(modelIds_); }

  private:
    QStringList inputs_;
    ImportResult result_;  // written by the work, read after ended()
    QVector<QString> modelIds_;
};

}  // namespace hubgrowth
