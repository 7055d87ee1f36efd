#include "panels/chart_style.h"

namespace hubgrowth {

QColor categoryColor(int index) {
    static const QColor colors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                                    QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28),
                                    QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                    QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f),
                                    QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf)};
    const int n = int(sizeof(colors) / sizeof(colors[0]));
    return colors[((index % n) + n) % n];
}

void histogramOutline(const std::vector<double>& edges, const std::vector<int>& counts,
                      QVector<QPointF>* upper, QVector<QPointF>* lower) {
    upper->clear();
    lower->clear();
    for (size_t i = 0; i < counts.size() && i + 1 < edges.size(); ++i) {
        const double c = counts[i];
        for (const QPointF& p : {QPointF(edges[i], 0.0), QPointF(edges[i], c),
                                 QPointF(edges[i + 1], c), QPointF(edges[i + 1], 0.0)}) {
            upper->push_back(p);
            lower->push_back(QPointF(p.x(), 0.0));
        }
    }
}

}  // namespace hubgrowth
