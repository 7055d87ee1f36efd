// MainWindow's share of File ▸ Fetch from Hub…: the runner's progress in the status bar, the
// dialog, and what happens when a fetch (of bases, or of the whole Hub) ends.
#include <algorithm>

#include "hubgrowth/ui/fetch_dialog.h"
#include "hubgrowth/ui/job_status.h"
#include "hubgrowth/ui/main_window.h"
#include "hubgrowth/ui/message_bar.h"
#include "hubgrowth/ui/sweep_texts.h"

namespace hubgrowth {

namespace {

using Source = JobStatus::Source;

// The status bar's progress bar counts ints: a sweep's share of the Hub in tenths of a percent.
constexpr qint64 kSweepProgressSteps = 1000;

}  // namespace

void MainWindow::setUpFetchRunner() {
    fetchRunner_ = new HubFetchRunner(this);
    connect(fetchRunner_, &HubFetchRunner::progress, this, [this](const hub::FetchProgress& p) {
        jobStatus_->showProgress(Source::Fetch,
                                 tr("Fetching from the Hub: models %1/%2, %3 pages, %4 children")
                                     .arg(p.modelsDone)
                                     .arg(p.modelsTotal)
                                     .arg(p.pages)
                                     .arg(p.childrenFound),
                                 p.modelsDone, std::max(p.modelsTotal, 0));
    });
    connect(
        fetchRunner_, &HubFetchRunner::sweepProgress, this, [this](const hub::SweepProgress& p) {
            // Without X-Total-Count the bar only shows that the sweep is busy.
            const bool counted = p.totalModels > 0;
            const qint64 done = counted ? std::min(p.models * kSweepProgressSteps / p.totalModels,
                                                   kSweepProgressSteps)
                                        : 0;
            jobStatus_->showProgress(Source::Fetch, sweepProgressText(p), int(done),
                                     counted ? int(kSweepProgressSteps) : 0);
        });
    connect(fetchRunner_, &HubFetchRunner::rateLimited, this, [this](int seconds) {
        jobStatus_->showMessage(
            Source::Fetch,
            tr("Fetching from the Hub: rate-limited, resuming in %1 s").arg(seconds));
    });
    connect(fetchRunner_, &HubFetchRunner::finished, this, &MainWindow::onFetchFinished);
}

FetchDialog* MainWindow::openFetchDialog() {
    // One dialog, kept: a failed fetch shows its reason in it again, with the choices made.
    if (!fetchDialog_) {
        fetchDialog_ = new FetchDialog(this);
        connect(fetchDialog_, &QDialog::accepted, this, [this] {
            if (!startFetch(fetchDialog_->request()))
                showError(tr("A fetch is already running; wait for it or cancel it first."));
        });
    }
    if (!fetchDialog_->isVisible())
        fetchDialog_->open();
    fetchDialog_->raise();
    fetchDialog_->activateWindow();
    return fetchDialog_;
}

bool MainWindow::startFetch(const FetchRequest& request) {
    if (fetchRunner_->isRunning())
        return false;
    const QString what = request.wholeHub ? (request.plan.full ? tr("the whole Hub (full re-list)")
                                                               : tr("the whole Hub (refresh)"))
                         : !request.plan.ids.isEmpty() ? request.plan.ids.join(QStringLiteral(", "))
                         : !request.plan.author.isEmpty()
                             ? tr("the models of %1").arg(request.plan.author)
                             : tr("the top %1 models").arg(request.plan.top);
    if (!fetchRunner_->start(request))
        return false;
    fetchRelations_ = request.plan.relations;
    jobStatus_->showProgress(
        Source::Fetch,
        tr("Fetching %1 from %2…").arg(what, request.client.endpoint.toDisplayString()), 0, 0);
    return true;
}

void MainWindow::onFetchFinished(const FetchOutcome& outcome) {
    jobStatus_->clear(Source::Fetch);
    if (outcome.wholeHub) {
        onSweepFinished(outcome);
        return;
    }
    const hub::FetchSummary& s = outcome.summary;
    const QString text = fetchSummaryText(s);
    // Nothing fetched and nothing to resume: say so in the dialog the fetch was asked from and
    // open nothing (the store would be empty).
    const bool failed = !outcome.storeError.isEmpty() || !s.fatal.isEmpty() ||
                        (!s.cancelled && s.modelsFetched == 0 && !s.failures.empty());
    if (failed) {
        const QString why =
            !outcome.storeError.isEmpty()
                ? tr("Fetch failed: cannot open the store: %1").arg(outcome.storeError)
            : !s.fatal.isEmpty() ? tr("Fetch failed: %1. %2").arg(s.fatal, text)
                                 : tr("Fetch failed: none of the %1 models could be fetched. %2")
                                       .arg(s.bases.size())
                                       .arg(fetchFailuresText(s));
        showFetchFailure(outcome, why);
        return;
    }
    jobStatus_->setText(s.cancelled ? tr("Fetch cancelled") : tr("Fetch finished"));
    // Show the result where File ▸ Open Store… would, counting what was fetched; the summary
    // appears once it is loaded.
    afterLoad_.set(text, !s.failures.empty() ? MessageBar::Level::Error
                         : s.cancelled       ? MessageBar::Level::Warning
                                             : MessageBar::Level::Info);
    openFetchedStore(outcome);
}

void MainWindow::onSweepFinished(const FetchOutcome& outcome) {
    const hub::SweepSummary& s = outcome.sweep;
    const QString text = sweepSummaryText(s);
    if (!outcome.storeError.isEmpty() || !s.fatal.isEmpty()) {
        showFetchFailure(outcome,
                         !outcome.storeError.isEmpty()
                             ? tr("Fetch failed: cannot open the store: %1").arg(outcome.storeError)
                             : tr("Fetch failed: %1. %2").arg(s.fatal, text));
        return;
    }
    // Cancelled before its first page, with nothing stored before: there is nothing to open.
    if (s.cancelled && s.pages == 0 && s.mode == store::SweepMode::First && !s.resumed) {
        jobStatus_->setText(tr("Fetch cancelled"));
        openFetchDialog()->showFailure(
            tr("Fetch cancelled before the first page was stored; nothing to open."));
        emit fetchFinished(outcome);
        return;
    }
    jobStatus_->setText(s.cancelled ? tr("Fetch cancelled") : tr("Fetch finished"));
    afterLoad_.set(text, s.cancelled ? MessageBar::Level::Warning : MessageBar::Level::Info);
    openFetchedStore(outcome);
}

void MainWindow::showFetchFailure(const FetchOutcome& outcome, const QString& why) {
    jobStatus_->setText(tr("Fetch failed"));
    openFetchDialog()->showFailure(why);
    emit fetchFinished(outcome);
}

void MainWindow::openFetchedStore(const FetchOutcome& outcome) {
    if (!fetchRelations_.isEmpty())
        adoptStoreRelations(fetchRelations_);  // no reload: the store is opened next
    openInput(outcome.storePath);
    emit fetchFinished(outcome);
}

}  // namespace hubgrowth
