#include "hubgrowth/ui/panels/lead_relations.h"

#include <QCoreApplication>
#include <algorithm>

namespace hubgrowth {

std::optional<PlotSeries> leadRelationsLine(const ModelSeries& series, int months) {
    const size_t known = std::min(series.leadCounts.size(), size_t(std::max(months, 0)));
    if (known == 0 || !(series.leadCounts[known - 1] > 0.0))
        return std::nullopt;
    PlotSeries line{QCoreApplication::translate("CurvePanel", "lead: adapters + quantizations"),
                    {},
                    QColor(0x8e, 0x6c, 0x8a),
                    PlotSeries::Style::Line};
    for (size_t k = 0; k < known; ++k)
        line.points.append(QPointF(double(k), series.leadCounts[k]));
    return line;
}

}  // namespace hubgrowth
