#pragma once
// `hubgrowth store check`: SQLite's own integrity check plus the store's invariants. The quick
// form (SQLite's quick_check: every page and b-tree, not index contents) is what a loader runs
// before it trusts a store's rows, and what the workbench runs when it opens one.

#include <QString>
#include <QStringList>

namespace hubgrowth::store {

enum class CheckDepth {
    Quick,  // PRAGMA quick_check + the invariants
    Full    // PRAGMA integrity_check (indexes against tables too) + the invariants
};

struct StoreCheckResult {
    bool readable = false;  // the file opened as a store of this version at all
    QStringList problems;   // empty: clean; at most kMaxReported, the first ones found
    QStringList notes;      // facts that are not problems (a fetch that was interrupted)
    bool clean() const { return readable && problems.isEmpty(); }
};

inline constexpr int kMaxReported = 20;

StoreCheckResult checkStore(const QString& path, CheckDepth depth = CheckDepth::Full);

}  // namespace hubgrowth::store
