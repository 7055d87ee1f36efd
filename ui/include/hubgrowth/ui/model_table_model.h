#pragma once
// The model browser's table: one row per base model, fit columns filled in as results arrive.

#include <QAbstractTableModel>
#include <QHash>
#include <vector>

#include "hubgrowth/core/fit/fit_result.h"
#include "hubgrowth/core/series/model_series.h"

namespace hubgrowth {

// How well a model's fit can be trusted; the browser filters on it.
enum class FitQuality { Unfitted, NoAdoption, Good, Poor };

class ModelTableModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column {
        Model,
        Org,
        Created,
        Months,
        LastCount,
        Lambda,
        Mu,
        Sigma,
        Ultimate,
        Forecast12,
        Rmse,
        Flags,
        ColumnCount
    };
    // Qt::UserRole holds the raw value for sorting and CSV export.
    static constexpr int kForecastMonths = 12;
    static constexpr double kGoodFitR2 = 0.9;

    using QAbstractTableModel::QAbstractTableModel;

    void setDataset(Dataset dataset);
    const Dataset& dataset() const { return dataset_; }
    const ModelSeries& series(int row) const { return dataset_.series[static_cast<size_t>(row)]; }
    int rowOf(const QString& id) const { return rowById_.value(id, -1); }
    // Stores fits for rows [first, first + count) and refreshes those rows.
    void setFits(int first, const std::vector<FitResult>& fits);
    void clearFits();
    // The row's fit when it has usable parameters (computed, >= 3 months, finite input).
    const FitResult* fit(int row) const;
    bool isFitted(int row) const {
        return row >= 0 && row < int(fitted_.size()) && fitted_[size_t(row)];
    }
    int fittedCount() const { return fittedCount_; }
    const std::vector<FitResult>& fits() const { return fits_; }
    const std::vector<bool>& fittedFlags() const { return fitted_; }
    FitQuality fitQuality(int row) const;
    // Why the value of a fit column is no result ("did not converge", "overflowed", "c∞ below
    // the data"); empty when it is one.
    QString unavailableReason(int row, int column) const;
    // c(t) of the fit `monthsAhead` months after the last observed month, at least the last
    // observed count (method wsb-ls); NaN without a fit.
    double forecastAhead(int row, int monthsAhead) const;
    QStringList organisations() const;  // sorted, unique
    // The raw number behind a numeric column (NaN when empty), for fast sorting.
    double numericValue(int row, int column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  signals:
    void fitsChanged();

  private:
    QString flags(int row) const;

    Dataset dataset_;
    std::vector<FitResult> fits_;
    std::vector<bool> fitted_;
    int fittedCount_ = 0;
    QHash<QString, int> rowById_;
};

}  // namespace hubgrowth
