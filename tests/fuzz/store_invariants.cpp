#include "store_invariants.h"

#include <QFile>
#include <cmath>

#include "hubgrowth/data/store/store_dataset.h"

namespace hubgrowth::fuzz {

std::string checkStoreLoader(const QByteArray& bytes, const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(bytes) != bytes.size()) {
        return "cannot write the input to " + path.toStdString();
    }
    file.close();
    QStringList relations;
    QString unused;
    store::parseRelations(QStringLiteral("all"), &relations, &unused);
    const ImportResult result = store::loadStoreDataset(path, relations);
    if (!result.ok()) {
        if (!result.dataset.series.empty())
            return "series kept despite an error (half-loaded)";
        if (!result.error.startsWith(path))
            return "error does not name the store file: " + result.error.toStdString();
        return {};
    }
    if (!bytes.startsWith(QByteArray("SQLite format 3\0", 16)))
        return "a file without the SQLite header loaded as a store";
    for (const ModelSeries& s : result.dataset.series) {
        if (s.id.empty())
            return "a series without an id";
        if (s.counts.empty())
            return "a series without counts: " + s.id;
        double previous = 0.0;
        for (double c : s.counts) {
            if (!std::isfinite(c) || c < previous)
                return "a non-finite, negative or decreasing cumulative count in " + s.id;
            previous = c;
        }
    }
    return {};
}

}  // namespace hubgrowth::fuzz
