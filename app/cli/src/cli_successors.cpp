// `hubgrowth successors STORE.db [--out FILE]`: every incumbent / successor pair of a store (a
// model card naming its `new_version`) and their head-to-head, one CSV row per pair.
#include <cmath>

#include "hubgrowth/cli/cli.h"
#include "hubgrowth/cli/cli_common.h"
#include "hubgrowth/cli/cli_verbs.h"
#include "hubgrowth/core/series/head_to_head.h"
#include "hubgrowth/data/csv_format.h"
#include "hubgrowth/data/output_file.h"
#include "hubgrowth/data/store/successor_pairs.h"

namespace hubgrowth::cli {

namespace {

const QString kVerb = QStringLiteral("successors");

QString numberOrEmpty(double value) {
    return std::isfinite(value) ? formatNumber(value) : QString();
}

}  // namespace

int runSuccessors(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Lists every pair of a store where a base model's card names a new_version, and how the "
        "two compare: the fine-tunes each gained in the same calendar months since the successor "
        "appeared, and their counts at the same age. Empty comparison columns: the successor is "
        "not in the store (fetch it), or the two share no observed month."));
    parser.addPositionalArgument(QStringLiteral("STORE"),
                                 QStringLiteral("A store written by `hubgrowth fetch` (*.db)."));
    addOutCsvOption(parser);
    addMinChildrenOption(parser);
    if (auto stop = parseVerbArgs(parser, args, kVerb))
        return *stop;
    int minChildren = 1;
    if (!readMinChildren(parser, &minChildren))
        return kUsageError;
    if (parser.positionalArguments().size() != 1)
        return usageError(kVerb, QStringLiteral("needs one STORE"));

    const store::SuccessorPairsResult loaded =
        store::loadSuccessorPairs(parser.positionalArguments().front(), minChildren);
    if (!loaded.ok())
        return fail(kVerb, loaded.error);

    QByteArray csv =
        csvRow({"incumbent", "successor", "successor_in_store", "offset_months", "months_compared",
                "incumbent_gain", "successor_gain", "successor_share", "same_age",
                "incumbent_at_same_age", "successor_at_same_age"});
    const std::vector<std::optional<HeadToHead>> headToHeads =
        store::compareSuccessorPairs(loaded.pairs, loaded.dataset);
    std::vector<HeadToHead> comparable;
    for (size_t i = 0; i < loaded.pairs.size(); ++i) {
        const store::SuccessorPair& pair = loaded.pairs[i];
        const std::optional<HeadToHead>& h = headToHeads[i];
        if (h)
            comparable.push_back(*h);
        csv += csvRow({QString::fromStdString(pair.incumbentId),
                       QString::fromStdString(pair.successorId),
                       pair.complete() ? QStringLiteral("yes") : QStringLiteral("no"),
                       numberOrEmpty(pair.offsetMonths), h ? QString::number(h->months) : QString(),
                       h ? formatNumber(h->incumbentGain) : QString(),
                       h ? formatNumber(h->successorGain) : QString(),
                       h ? numberOrEmpty(h->successorShare()) : QString(),
                       h ? QString::number(h->sameAge) : QString(),
                       h ? formatNumber(h->incumbentAtSameAge) : QString(),
                       h ? formatNumber(h->successorAtSameAge) : QString()});
    }
    const QString error = writeOutput(parser.value(QStringLiteral("out")), csv);
    if (!error.isEmpty())
        return fail(kVerb, error);

    const HeadToHeadSummary s = summarizeHeadToHead(comparable);
    err() << "hubgrowth successors: " << loaded.pairs.size() << " pairs, " << s.pairs
          << " comparable";
    if (s.pairs > 0) {
        err() << "; the successor gained more fine-tunes in the same calendar months in "
              << s.successorGainedMore << " of " << s.pairs;
        if (std::isfinite(s.medianSuccessorShare))
            err() << " (median share " << QString::number(100.0 * s.medianSuccessorShare, 'f', 1)
                  << " %)";
        err() << " and was ahead at the same age in " << s.successorAheadAtSameAge;
    }
    err() << "\n";
    err().flush();
    return kOk;
}

}  // namespace hubgrowth::cli
