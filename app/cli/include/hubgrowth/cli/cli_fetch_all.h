#pragma once
// `hubgrowth fetch --all`: the whole-Hub sweep's run, progress lines and summary (the options
// are parsed with the other fetch options in cli_fetch.cpp).

#include <QString>
#include <QStringList>

namespace hubgrowth::hub {
class HubClient;
}
namespace hubgrowth::store {
class HubStore;
}

namespace hubgrowth::cli {

struct SweepRequest {
    bool full = false;
    QStringList relations;  // counted in the export
    QString exportPath;     // empty: no export
    QString dbPath;
};

// Runs the sweep to its end (or Ctrl-C / SIGTERM); returns the verb's exit code.
int runSweep(hub::HubClient& client, store::HubStore& store, const SweepRequest& request);

}  // namespace hubgrowth::cli
