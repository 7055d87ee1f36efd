#pragma once
// The store's side of a whole-Hub sweep (`hubgrowth fetch --all`): the sweeps table (one row per
// sweep: its mode, the saved cursor, pages and models so far, when it reached its end) and the
// per-sweep download snapshots, written a page per transaction.

#include <QString>
#include <QUrl>
#include <map>
#include <optional>

namespace hubgrowth::store {

// First: the store had no finished sweep. Refresh: newest first up to the first page whose
// models are all known. Full: everything again (late-declared children, a new snapshot each).
enum class SweepMode { First, Refresh, Full };
QString sweepModeName(SweepMode mode);

struct SweepState {
    qint64 id = 0;
    SweepMode mode = SweepMode::First;
    QUrl nextUrl;  // where an interrupted sweep resumes
    int pages = 0;
    qint64 models = 0;
    qint64 finishedAt = 0;  // Unix seconds; 0 while unfinished
    bool finished() const { return finishedAt > 0; }
};

// What one committed sweep page added (for the summary).
struct SweepPageCounts {
    int models = 0;
    int edges = 0;            // one per base_model tag (and per bare tag without relation)
    int unknownDates = 0;     // models without a usable creation time
    int parentsResolved = 0;  // edges whose parent id was an alias of a renamed repository
    std::map<QString, int> edgesByRelation;
};

}  // namespace hubgrowth::store
