#include "hubgrowth/data/hub_history_job.h"

namespace hubgrowth {

HubHistoryJob::~HubHistoryJob() {
    cancelAndWait();
}

bool HubHistoryJob::start(const QString& storePath) {
    if (isRunning())
        return false;
    storePath_ = storePath;
    result_ = {};
    return run(
        [this, storePath](const JobContext&) { result_ = store::loadHubHistory(storePath); });
}

}  // namespace hubgrowth
