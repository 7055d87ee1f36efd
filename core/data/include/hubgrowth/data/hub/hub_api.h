#pragma once
// URLs of the Hub endpoints HubGrowth uses (see the Hub's /api/models documentation).

#include <QString>
#include <QUrl>

namespace hubgrowth::hub {

inline constexpr int kPageLimit = 500;

// A Hub model id as the Hub accepts it: ORG/NAME, or a legacy NAME without an organisation
// (e.g. gpt2, which the Hub still resolves). Each part: letters, digits, '-', '_', '.', not
// starting or ending with '-' or '.', no "--" or "..", at most 96 characters. The CLI and the
// fetch dialog both check ids with this, so they accept exactly the same ones.
bool isModelId(const QString& id);

// GET /api/models/ORG/NAME with createdAt, downloads (30 days and all time), likes, cardData
// and childrenModelCount.
QUrl modelInfoUrl(const QUrl& endpoint, const QString& id);

// Children of `base`: every relation (relation empty) or one, newest first by createdAt (a
// refresh stops at the first known child; a full listing pages in an order that holds still).
QUrl childrenUrl(const QUrl& endpoint, const QString& base, const QString& relation);

// An organisation's models, and the most downloaded models.
QUrl authorUrl(const QUrl& endpoint, const QString& author);
QUrl topUrl(const QUrl& endpoint, int limit);

}  // namespace hubgrowth::hub
