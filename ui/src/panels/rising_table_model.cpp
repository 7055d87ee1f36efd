#include "hubgrowth/ui/panels/rising_table_model.h"

#include "hubgrowth/core/series/recent_change.h"
#include "hubgrowth/ui/number_format.h"

namespace hubgrowth {

void RisingTableModel::setRows(QVector<RisingRow> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

int RisingTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

int RisingTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : Count;
}

QVariant RisingTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rows_.size())
        return {};
    const RisingRow& r = rows_[index.row()];
    if (role == kSourceRowRole)
        return r.sourceRow;
    if (role == Qt::TextAlignmentRole) {
        const bool text =
            index.column() == Model || index.column() == Org || index.column() == Flags;
        return QVariant::fromValue(Qt::AlignVCenter | (text ? Qt::AlignLeft : Qt::AlignRight));
    }
    if (role == Qt::UserRole) {  // what the column sorts on
        switch (index.column()) {
            case Rank:
                return r.rank;
            case Model:
                return r.model;
            case Org:
                return r.org;
            case Age:
                return r.age;
            case AtCut:
                return r.atCut;
            case Predicted:
                return r.predicted;
            case Gain:
                return r.gain;
            case RecentLead:
                return r.recentLead ? *r.recentLead : -1.0;  // unknown below none
            case Band80:
                return r.hi80 - r.lo80;  // by width: how sure the forecast is
            case Band95:
                return r.hi95 - r.lo95;
            case Flags:
                return r.flags;
            default:
                return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Model)
        return r.model;  // the column elides long ids
    if (role == Qt::ToolTipRole && index.column() == Flags && !r.flagReasons.isEmpty())
        return r.flagReasons;
    if (role == Qt::ToolTipRole && (index.column() == Band80 || index.column() == Band95)) {
        return tr("Prediction interval of the count %1 months after the date")
            .arg(index.column() == Band80 ? QStringLiteral("80 %") : QStringLiteral("95 %"));
    }
    if (role == Qt::ToolTipRole && index.column() == RecentLead) {
        return r.recentLead ? tr("Adapters and quantizations of the base created in the %1 months "
                                 "before the date: they usually come before fine-tunes")
                                  .arg(kRecentMonths)
                            : tr("Not known: the store did not list this base's adapters and "
                                 "quantizations to the end");
    }
    if (role != Qt::DisplayRole)
        return {};
    auto range = [](double lo, double hi) {
        return QStringLiteral("%1 – %2").arg(formatCount(lo), formatCount(hi));
    };
    switch (index.column()) {
        case Rank:
            return r.rank;
        case Model:
            return r.model;
        case Org:
            return r.org;
        case Age:
            return r.age;
        case AtCut:
            return formatCount(r.atCut);
        case Predicted:
            return formatCount(r.predicted);
        case Gain:
            return formatCount(r.gain);
        case RecentLead:
            return r.recentLead ? formatCount(*r.recentLead) : QStringLiteral("–");
        case Band80:
            return range(r.lo80, r.hi80);
        case Band95:
            return range(r.lo95, r.hi95);
        case Flags:
            return r.flags;
        default:
            return {};
    }
}

QVariant RisingTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == RecentLead) {
        return tr("The base's adapters and quantizations (not counted as fine-tunes) created in "
                  "the %1 months before the date, as a store knows them")
            .arg(kRecentMonths);
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case Rank:
            return tr("Rank");
        case Model:
            return tr("Model");
        case Org:
            return tr("Org");
        case Age:
            return tr("Age (mo)");
        case AtCut:
            return tr("At date");
        case Predicted:
            return tr("Predicted");
        case Gain:
            return tr("Gain");
        case RecentLead:
            return tr("Lead %1 mo").arg(kRecentMonths);
        case Band80:
            return tr("80 % interval");
        case Band95:
            return tr("95 % interval");
        case Flags:
            return tr("Flags");
        default:
            return {};
    }
}

}  // namespace hubgrowth
