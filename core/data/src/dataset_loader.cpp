#include "hubgrowth/data/dataset_loader.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QStringList>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/data/store/store_dataset.h"

namespace hubgrowth {

QByteArray embeddedDemoCsv() {
    QFile file(QStringLiteral(":/hubgrowth/demo/demo-snapshot.csv"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

ImportResult loadDataset(const QString& input, const QStringList& storeRelations,
                         const std::atomic<bool>* cancel, int minSweptChildren) {
    if (input == QLatin1String(kDemoInput)) {
        const QByteArray csv = embeddedDemoCsv();
        if (csv.isEmpty()) {
            ImportResult missing;
            missing.error = QStringLiteral("the embedded demo snapshot is missing from this build");
            return missing;
        }
        ImportResult result = importPaperCsvText(csv, QStringLiteral("demo"), QString());
        const Dataset reference = generateDemoDataset();  // same seed: only for the labels
        result.dataset.name = reference.name;
        result.dataset.provenance = reference.provenance;
        result.dataset.synthetic = true;
        return result;
    }
    if (QFileInfo(input).isFile() && store::looksLikeStore(input)) {
        return store::loadStoreDataset(input, storeRelations, cancel, true, minSweptChildren);
    }
    return importPaperCsv(input, cancel);
}

ImportResult loadDatasets(const QStringList& inputs, const QStringList& storeRelations,
                          const std::atomic<bool>* cancel, int minSweptChildren) {
    if (inputs.size() == 1)
        return loadDataset(inputs.front(), storeRelations, cancel, minSweptChildren);
    ImportResult merged;
    QSet<QString> seen;
    QStringList names;
    for (const QString& input : inputs) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            ImportResult cancelled;
            cancelled.error = QString::fromLatin1(store::kLoadCancelled);
            return cancelled;
        }
        ImportResult part = loadDataset(input, storeRelations, cancel, minSweptChildren);
        if (!part.ok())
            return part;
        names << QString::fromStdString(part.dataset.name);
        merged.dataset.synthetic = merged.dataset.synthetic || part.dataset.synthetic;
        merged.dataset.fromStore = merged.dataset.fromStore || part.dataset.fromStore;
        for (auto& s : part.dataset.series) {
            const QString id = QString::fromStdString(s.id);
            if (seen.contains(id)) {
                merged.dataset.warnings.push_back(
                    (input + QStringLiteral(": duplicate model %1 skipped").arg(id)).toStdString());
                continue;
            }
            seen.insert(id);
            merged.dataset.series.push_back(std::move(s));
        }
        for (auto& w : part.dataset.warnings)
            merged.dataset.warnings.push_back(std::move(w));
    }
    merged.dataset.name = names.join(QStringLiteral(" + ")).toStdString();
    merged.dataset.provenance = "Merged from " + merged.dataset.name;
    return merged;
}

}  // namespace hubgrowth
