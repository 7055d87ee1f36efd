#pragma once
// Incumbent against successor: when a model card names a `new_version`, does the successor take
// over, or does the incumbent keep attracting the fine-tunes? Two views of one pair:
//  - same calendar months: the fine-tunes each gained in the months since the successor appeared
//    (the head-to-head the Hub's users actually chose between);
//  - same age: both counted from their own creation, up to the age both have reached.
// Pure arithmetic on monthly cumulative counts; the caller supplies the creation offset.

#include <optional>
#include <vector>

namespace hubgrowth {

struct HeadToHead {
    double offsetMonths = 0.0;   // the successor was created this long after the incumbent
    int months = 0;              // calendar months compared (since the successor's creation)
    double successorGain = 0.0;  // successor's fine-tunes in those months
    double incumbentGain = 0.0;  // incumbent's fine-tunes in the same months
    int sameAge = 0;             // the age (months since creation) both series have reached
    double successorAtSameAge = 0.0;
    double incumbentAtSameAge = 0.0;

    // The successor's share of the fine-tunes both gained in the same months (NaN when none).
    double successorShare() const;
};

// Nothing when the pair cannot be compared: a negative, NaN or infinite offset (the "successor"
// is older), or no calendar month observed for both. Cumulative counts are read at fractional
// months by linear interpolation (the offset is rarely a whole number of months).
std::optional<HeadToHead> compareHeadToHead(const std::vector<double>& incumbent,
                                            const std::vector<double>& successor,
                                            double offsetMonths);

struct HeadToHeadSummary {
    int pairs = 0;                      // pairs that could be compared
    int successorGainedMore = 0;        // successorGain > incumbentGain in the same months
    int successorAheadAtSameAge = 0;    // successorAtSameAge > incumbentAtSameAge
    double medianSuccessorShare = 0.0;  // NaN when no pair had any fine-tune in its window
};

HeadToHeadSummary summarizeHeadToHead(const std::vector<HeadToHead>& comparisons);

}  // namespace hubgrowth
