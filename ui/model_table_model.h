#pragma once
// The model browser's table: one row per base model, fit columns filled in as results arrive.

#include <QAbstractTableModel>
#include <vector>

#include "fit/fit_result.h"
#include "series/model_series.h"

namespace hubgrowth {

class ModelTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Model, Org, Created, Months, LastCount, Lambda, Mu, Sigma, Ultimate, Rmse, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setDataset(Dataset dataset);
    const Dataset& dataset() const { return dataset_; }
    // Stores fits for rows [first, first + count) and refreshes those rows.
    void setFits(int first, const std::vector<FitResult>& fits);
    void clearFits();
    const FitResult* fit(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    Dataset dataset_;
    std::vector<FitResult> fits_;
    std::vector<bool> fitted_;
};

}  // namespace hubgrowth
