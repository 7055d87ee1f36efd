#include "hubgrowth/ui/sweep_texts.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace hubgrowth {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("SweepTexts", text);
}

QString number(qint64 n) {
    return QLocale().toString(n);
}

}  // namespace

QString durationText(double seconds) {
    if (seconds < 0)
        return QStringLiteral("?");
    const qint64 s = static_cast<qint64>(seconds);
    if (s >= 3600)
        return tr("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60);
    if (s >= 60)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 s").arg(s);
}

QString sweepProgressText(const hub::SweepProgress& p) {
    QString text = tr("Fetching the whole Hub: %1 pages, %2").arg(p.pages).arg(number(p.models));
    text += p.totalModels >= 0 ? tr(" of ~%1 models").arg(number(p.totalModels)) : tr(" models");
    text += tr(", %1 rate-limit waits").arg(p.rateLimitWaits);
    if (p.etaSeconds >= 0)
        text += tr(", ETA %1").arg(durationText(p.etaSeconds));
    return text;
}

QString sweepSummaryText(const hub::SweepSummary& s) {
    qint64 edges = 0;
    for (const auto& [relation, n] : s.edgesByRelation)
        edges += n;
    const QString mode = s.mode == store::SweepMode::Refresh ? tr("refresh")
                         : s.mode == store::SweepMode::Full  ? tr("full re-list")
                                                             : tr("first sweep");
    const QString state = s.cancelled          ? tr("Whole-Hub %1 cancelled").arg(mode)
                          : !s.fatal.isEmpty() ? tr("Whole-Hub %1 stopped").arg(mode)
                          : s.complete         ? tr("Whole-Hub %1 finished").arg(mode)
                                               : tr("Whole-Hub %1 not finished").arg(mode);
    QString text = tr("%1%2: %3 models in %4 pages (%5 already stored), %6 base-model links, "
                      "%7 requests, %8 rate-limit waits, %9.")
                       .arg(state, s.resumed ? tr(" (resumed)") : QString())
                       .arg(number(s.models))
                       .arg(s.pages)
                       .arg(number(s.known))
                       .arg(number(edges))
                       .arg(s.requests)
                       .arg(s.rateLimitWaits)
                       .arg(durationText(double(s.elapsedMs) / 1000.0));
    if (s.cancelled || !s.fatal.isEmpty())
        text += QLatin1Char(' ') + tr("What was stored is kept: fetching the whole Hub again "
                                      "resumes from the last whole page.");
    else if (s.mode == store::SweepMode::Refresh && s.complete)
        text += QLatin1Char(' ') + tr("A refresh lists only the models newer than the store's; "
                                      "a full re-list also records a new download snapshot of "
                                      "every model.");
    return text;
}

}  // namespace hubgrowth
