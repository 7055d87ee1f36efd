#pragma once
// One model as the Hub's /api/models endpoints describe it, reduced to what HubGrowth keeps.

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace hubgrowth::hub {

// Relations a derivative can have to its base (from its `base_model:<relation>:<base>` tag).
inline const QStringList kRelations{QStringLiteral("finetune"), QStringLiteral("adapter"),
                                    QStringLiteral("quantized"), QStringLiteral("merge")};
inline const QString kUnspecifiedRelation = QStringLiteral("unspecified");

struct BaseLink {
    QString base;      // the parent's id
    QString relation;  // one of kRelations, or kUnspecifiedRelation
};

struct HubModel {
    QString id;
    QString createdAt;              // as the Hub sent it; empty when absent
    std::optional<qint64> created;  // Unix seconds; empty when absent or a placeholder
    std::vector<BaseLink> bases;    // from the tags; empty for an original model
    qint64 downloads = -1;          // -1: not sent
    qint64 downloadsAllTime = -1;
    qint64 likes = -1;
    qint64 childrenCount = -1;   // childrenModelCount
    QStringList cardBaseModels;  // cardData.base_model (string or list)
    QString newVersion;          // cardData.new_version

    QString author() const {
        return id.contains(QLatin1Char('/')) ? id.section(QLatin1Char('/'), 0, 0) : QString();
    }
    bool isDerived() const { return !bases.empty() || !cardBaseModels.isEmpty(); }
    // The relation to `base`: the explicit one if tagged, else unspecified; empty if unrelated.
    QString relationTo(const QString& base) const;
};

}  // namespace hubgrowth::hub
