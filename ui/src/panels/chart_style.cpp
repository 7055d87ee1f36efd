#include "hubgrowth/ui/panels/chart_style.h"

namespace hubgrowth {

QColor categoryColor(int index) {
    static const QColor colors[kPaletteSize] = {
        QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00), QColor(0x00, 0x9e, 0x73),
        QColor(0xd5, 0x5e, 0x00), QColor(0xcc, 0x79, 0xa7), QColor(0x56, 0xb4, 0xe9),
        QColor(0x33, 0x22, 0x88), QColor(0x99, 0x99, 0x33), QColor(0x88, 0x22, 0x55),
        QColor(0x44, 0xaa, 0x99), QColor(0x11, 0x77, 0x33), QColor(0xcc, 0x66, 0x77),
        QColor(0xdd, 0xcc, 0x77), QColor(0xaa, 0x44, 0x99), QColor(0x88, 0xcc, 0xee),
        QColor(0x8c, 0x56, 0x4b), QColor(0x6a, 0x3d, 0x9a), QColor(0xb1, 0x59, 0x28),
        QColor(0x1b, 0x9e, 0x9e), QColor(0x66, 0x66, 0x00)};
    return colors[((index % kPaletteSize) + kPaletteSize) % kPaletteSize];
}

QColor otherColor() {
    return QColor(0x99, 0x99, 0x99);
}

QColor organisationColor(const QStringList& organisations, const QString& org) {
    const int index = static_cast<int>(organisations.indexOf(org));
    return index < 0 ? otherColor() : categoryColor(index);
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
