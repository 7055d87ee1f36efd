#pragma once
// The Rising tab's table: one row per ranked model (rank, model, org, age, count at the cut,
// predicted count, gain, the base's recent lead children on a store, 80 % and 95 % intervals of
// the predicted count, flags). Qt::UserRole holds the raw value a column sorts on;
// kSourceRowRole the model's row in the browser's table.

#include <QAbstractTableModel>
#include <QString>
#include <QVector>
#include <optional>

namespace hubgrowth {

struct RisingRow {
    int sourceRow = -1;
    int rank = 0;  // among the rows shown, 1 = largest gain
    QString model, org;
    int age = 0;  // whole months at the date
    double atCut = 0.0, predicted = 0.0, gain = 0.0;
    // Adapters and quantizations created in the last kRecentMonths months before the date
    // (recentLeadChildren); nothing when the data does not know them.
    std::optional<double> recentLead;
    double lo80 = 0.0, hi80 = 0.0, lo95 = 0.0, hi95 = 0.0;
    QString flags;
    QString flagReasons;  // the Flags cell's tooltip: the column elides, the months are here
};

class RisingTableModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column {
        Rank,
        Model,
        Org,
        Age,
        AtCut,
        Predicted,
        Gain,
        RecentLead,
        Band80,
        Band95,
        Flags,
        Count
    };
    static constexpr int kSourceRowRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    void setRows(QVector<RisingRow> rows);
    const QVector<RisingRow>& rows() const { return rows_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  private:
    QVector<RisingRow> rows_;
};

}  // namespace hubgrowth
