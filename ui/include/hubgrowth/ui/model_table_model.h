#pragma once
// The model browser's table: one row per base model, fit columns filled in as results arrive.

#include <QAbstractTableModel>
#include <QHash>
#include <memory>
#include <vector>

#include "hubgrowth/core/fit/fit_result.h"
#include "hubgrowth/core/series/model_series.h"
#include "hubgrowth/data/series_digest.h"

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

    // digest, when it matches the dataset, was made off the UI thread; otherwise it is made here.
    void setDataset(Dataset dataset, SeriesDigest digest = {});
    const Dataset& dataset() const { return *dataset_; }
    // The series, shared with workers instead of copied (alive as long as someone holds them,
    // whatever setDataset does meanwhile).
    std::shared_ptr<const std::vector<ModelSeries>> sharedSeries() const {
        return {dataset_, &dataset_->series};
    }
    const ModelSeries& series(int row) const { return dataset_->series[static_cast<size_t>(row)]; }
    int rowOf(const QString& id) const;
    // The row's model id as a QString, shared by the charts that label every point (one string
    // per model, not one per point and redraw), and its last count, read from the digest.
    const QString& modelId(int row) const { return digest_.ids[row]; }
    double lastCount(int row) const { return digest_.lastCounts[size_t(row)]; }
    const std::vector<double>& idRanks() const { return digest_.idRanks; }
    const std::vector<double>& orgRanks() const { return digest_.orgRanks; }
    const std::vector<double>& createdRanks() const { return digest_.createdRanks; }
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

    // The Forecast column: the chosen method's forecast `horizon` months ahead (the Curve tab's
    // number), computed in the background. Starting a computation empties the column ("…" until
    // each row's value arrives); the header names the method and the horizon.
    void beginForecasts(const QString& method, int horizon);
    // rows[i] gets values[i] (and errors[i]: why not, when the value is NaN); one dataChanged.
    void setForecasts(const std::vector<int>& rows, const std::vector<double>& values,
                      const QStringList& errors);
    // The column stays as it is, unfinished rows empty (the computation was cancelled).
    void endForecasts();
    double methodForecast(int row) const;  // NaN until it arrived
    bool hasMethodForecast(int row) const {
        return row >= 0 && row < int(forecastReady_.size()) && forecastReady_[size_t(row)];
    }
    QString forecastMethod() const { return forecastMethod_; }
    int forecastHorizon() const { return forecastHorizon_; }
    // Bumped on every setDataset, unique across tables: names the population forecasts learn.
    quint64 datasetGeneration() const { return generation_; }
    // Unique organisations, alphabetical (a colour's index) and by adoption (the sum of their
    // models' last counts, largest first: what a list of thousands of authors starts with).
    const QStringList& organisations() const { return organisations_; }
    const QStringList& organisationsByAdoption() const { return organisationsByAdoption_; }
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
    QVariant forecastData(int row, int role) const;

    std::shared_ptr<const Dataset> dataset_ = std::make_shared<const Dataset>();
    std::vector<FitResult> fits_;
    std::vector<bool> fitted_;
    int fittedCount_ = 0;
    SeriesDigest digest_;
    std::vector<double> forecasts_;
    std::vector<bool> forecastReady_;
    QStringList forecastErrors_;
    QString forecastMethod_ = QStringLiteral("auto");
    int forecastHorizon_ = kForecastMonths;
    bool forecastsPending_ = false;
    quint64 generation_ = 0;
    QStringList organisations_, organisationsByAdoption_;
};

}  // namespace hubgrowth
