#pragma once
// Reads the paper's wide CSV format: one row per base model with `model`, `0-month` ..
// `N-month` cumulative counts (empty after the last observed month) and optional `lambda_i`,
// `mu_i`, `sigma_i`, `company`, `created_at`, `approx_cond_label`. A folder is read as one file
// per organisation (the organisation is `company`, else the file's base name).

#include <QByteArray>
#include <QString>

#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

struct ImportResult {
    Dataset dataset;
    QString error;  // "FILE:LINE:COLUMN: what is wrong"; empty on success
    bool ok() const { return error.isEmpty(); }
};

// A file or a folder of *.csv files. On error the dataset is left empty: nothing half-loaded.
ImportResult importPaperCsv(const QString& path);

// The same for text already in memory; sourceName is used in messages, defaultOrg when the
// text has no `company` column.
ImportResult importPaperCsvText(const QByteArray& text, const QString& sourceName,
                                const QString& defaultOrg);

}  // namespace hubgrowth
