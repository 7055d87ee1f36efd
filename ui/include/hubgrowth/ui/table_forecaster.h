#pragma once
// Fills the models table's Forecast column: every row's forecast with the Curve tab's method
// and horizon (from the same first K months), computed by a ForecastBatchJob off the UI thread
// and written into the table as rows arrive. A new start() or cancel() drops the running one.

#include <QObject>
#include <QPointer>

namespace hubgrowth {

class ForecastBatchJob;
class ModelTableModel;

class TableForecaster : public QObject {
    Q_OBJECT
  public:
    explicit TableForecaster(ModelTableModel* model, QObject* parent = nullptr);
    ~TableForecaster() override;

    // Forecasts every row of the table (population: the table's dataset with this m).
    void start(double m, const QString& method, int horizon, int firstMonths);
    void cancel();
    bool isRunning() const;

  signals:
    void progressed(const QString& what, int done, int total);
    void finished(bool cancelled);

  private:
    ModelTableModel* model_;
    QPointer<ForecastBatchJob> job_;
    int delivered_ = 0;
};

}  // namespace hubgrowth
