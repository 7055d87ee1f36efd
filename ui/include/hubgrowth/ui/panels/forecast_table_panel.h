#pragma once
// Forecast table tab: for the selected models (the first few), every forecast month of each
// chosen method: month index and date, the point forecast and its 80 % / 95 % intervals, as
// the Forecaster gives them (from the months the models were fitted on, like the Curve tab),
// never below the last count. Computed on a worker (ForecastBatchJob); copied or exported as
// CSV (the table export's format).

#include <QPointer>
#include <QStringList>

#include "hubgrowth/core/forecast/forecast_method.h"
#include "hubgrowth/ui/panels/chart_panel.h"

class QLabel;
class QSpinBox;
class QStandardItemModel;
class QTableView;
class QToolButton;

namespace hubgrowth {

class ForecastBatchJob;

class ForecastTablePanel : public ChartPanel {
    Q_OBJECT
  public:
    static constexpr int kMaxModels = 8;
    enum Column { Model, Method, Month, Date, Forecast, Lo80, Hi80, Lo95, Hi95, ColumnCount };

    ForecastTablePanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                       QWidget* parent = nullptr);
    ~ForecastTablePanel() override;
    QString chartId() const override { return QStringLiteral("forecast-table"); }
    QString displayName() const override { return tr("Forecast table"); }

    void setMethods(const QStringList& names);  // unknown names are ignored; none: auto
    QStringList methods() const;
    void setHorizon(int months);
    int horizon() const;
    bool isComputing() const;
    // The rows shown: raw numbers in Qt::UserRole (what the CSV holds), formatted text shown.
    const QStandardItemModel* table() const { return table_; }
    QByteArray csv() const;
    void copyToClipboard() const;
    // Writes csv() to path (atomically); an empty string or the error.
    QString exportTo(const QString& path) const;

  signals:
    // The table holds the forecasts of the current selection, methods and horizon.
    void tableUpdated();

  protected:
    void refresh() override;

  private:
    QString requestKey() const;
    void fill();
    void exportDialog();

    QToolButton* methodsButton_;
    QSpinBox* horizon_;
    QLabel* status_;
    QTableView* view_;
    QStandardItemModel* table_;
    QPointer<ForecastBatchJob> job_;
    QString shownKey_;    // the request the table shows
    QString runningKey_;  // the request the job computes
    struct Shown {
        int row;
        ForecastMethod method;
    };
    QVector<Shown> running_;
};

}  // namespace hubgrowth
