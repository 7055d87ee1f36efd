#pragma once
// Reads the paper's wide CSV format: one row per base model with `model`, `0-month` ..
// `N-month` cumulative counts (empty after the last observed month) and optional `lambda_i`,
// `mu_i`, `sigma_i`, `company`, `created_at`, `approx_cond_label`. A folder is read as one file
// per organisation (the organisation is `company`, else the file's base name).

#include <QByteArray>
#include <QString>
#include <atomic>

#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

struct ImportResult {
    Dataset dataset;
    QString error;  // "FILE:LINE:COLUMN: what is wrong"; empty on success
    bool ok() const { return error.isEmpty(); }
};

// A file or a folder of *.csv files. On error the dataset is left empty: nothing half-loaded.
// When *cancel turns true the import stops (between files, and inside a file every
// kCancelCheckRows rows) and fails with store::kLoadCancelled.
ImportResult importPaperCsv(const QString& path, const std::atomic<bool>* cancel = nullptr);

// The same for text already in memory; sourceName is used in messages, defaultOrg when the
// text has no `company` column.
ImportResult importPaperCsvText(const QByteArray& text, const QString& sourceName,
                                const QString& defaultOrg,
                                const std::atomic<bool>* cancel = nullptr);

// Rows read between two looks at the cancel flag: a fraction of a millisecond of parsing.
inline constexpr int kCancelCheckRows = 4096;

}  // namespace hubgrowth
