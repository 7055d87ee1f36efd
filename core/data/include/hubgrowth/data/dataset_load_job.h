#pragma once
// Loads inputs (see loadDatasets) as a BackgroundJob: ended() comes on the owner's thread and
// takeResult() then holds the dataset or the error; cancel() stops the load between inputs,
// inside a paper CSV file every few thousand rows and inside a store between base models (the
// result's error is then store::kLoadCancelled and the dataset empty).

#include <QStringList>

#include "hubgrowth/data/background_job.h"
#include "hubgrowth/data/paper_csv_importer.h"
#include "hubgrowth/data/series_digest.h"

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
    // After ended(): the dataset's digest, made on the worker (once; moved out).
    SeriesDigest takeDigest() { return std::move(digest_); }

  private:
    QStringList inputs_;
    ImportResult result_;  // written by the work, read after ended()
    SeriesDigest digest_;
};

}  // namespace hubgrowth
