#pragma once
// What the app says about a whole-Hub sweep (File ▸ Fetch from Hub… ▸ Whole Hub): its progress
// line in the status bar and its summary once it ended.

#include <QString>

#include "hubgrowth/data/hub/hub_sweeper.h"

namespace hubgrowth {

// "Fetching the whole Hub: 12 pages, 6,000 of ~2,000,000 models, 1 rate-limit wait, ETA 3 h".
QString sweepProgressText(const hub::SweepProgress& progress);
// One line on what the sweep did: mode, models, pages, requests, time; a cancelled or stopped
// sweep says that the next one resumes from its last whole page.
QString sweepSummaryText(const hub::SweepSummary& summary);
// "12 s", "3 min 20 s", "2 h 5 min"; "?" when unknown (negative).
QString durationText(double seconds);

}  // namespace hubgrowth
