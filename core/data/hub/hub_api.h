#pragma once
// URLs of the Hub endpoints HubGrowth uses (see the Hub's /api/models documentation).

#include <QString>
#include <QUrl>

namespace hubgrowth::hub {

inline constexpr int kPageLimit = 500;

// GET /api/models/ORG/NAME with createdAt, downloads (30 days and all time), likes, cardData
// and childrenModelCount.
QUrl modelInfoUrl(const QUrl& endpoint, const QString& id);

// Children of `base`: every relation (relation empty) or one. newestFirst asks for
// sort=createdAt, used by a refresh that stops at the first known child.
QUrl childrenUrl(const QUrl& endpoint, const QString& base, const QString& relation,
                 bool newestFirst);

// An organisation's models, and the most downloaded models.
QUrl authorUrl(const QUrl& endpoint, const QString& author);
QUrl topUrl(const QUrl& endpoint, int limit);

}  // namespace hubgrowth::hub
