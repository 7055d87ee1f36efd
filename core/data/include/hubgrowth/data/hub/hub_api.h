#pragma once
// URLs of the Hub endpoints HubGrowth uses (see the Hub's /api/models documentation).

#include <QString>
#include <QUrl>

namespace hubgrowth::hub {

inline constexpr int kPageLimit = 500;
// Pages of the whole-Hub sweep ask for this many (the Hub may send fewer).
inline constexpr int kSweepPageLimit = 1000;

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

// Every model on the Hub, newest first by createdAt (a key that holds still while paging),
// with exactly the fields a sweep stores: createdAt, tags (the lineage), downloads, likes.
QUrl sweepUrl(const QUrl& endpoint);
// The next page of a sweep: `first` with the cursor of the Link target `link`. The Hub's link
// may carry another sort (sort=trendingScore), which would reorder the pages under the cursor,
// so the query is rebuilt from our own; the cursor is kept exactly as sent (opaque).
// Empty when the link names no cursor.
QUrl sweepNextUrl(const QUrl& first, const QUrl& link);

}  // namespace hubgrowth::hub
