#pragma once
// A deterministic synthetic Hugging Face Hub for the whole-Hub sweep's tests and benchmark:
// models numbered in createdAt order (so "newer" is "a larger index"), about 30 % derived with
// preferential attachment (heavy-tailed children counts), the four relations plus bare
// base_model tags, some merges of two bases, the Hub's placeholder creation dates on the oldest
// 3 %, and a few children whose base_model is declared late. Knows its own truth (the edges).
// Compact: a few bytes per model, the JSON is written on demand.

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

namespace hubgrowth::mockhub {

// Relation codes of SyntheticEdge::relation, in this order.
inline const QStringList kSyntheticRelations{"finetune", "adapter", "quantized", "merge",
                                             "unspecified"};

struct SyntheticEdge {
    int parent = -1;
    int child = -1;
    int relation = 0;  // index into kSyntheticRelations
};

class SyntheticHub {
  public:
    explicit SyntheticHub(int models, std::uint32_t seed = 2026);

    int size() const { return static_cast<int>(entries_.size()); }
    // `more` models newer than every existing one (some are children of old bases).
    void grow(int more);
    // The late children's base_model tags appear (their cards gained a base model).
    void declareLateChildren() { lateDeclared_ = true; }
    int lateChildren() const;
    // A day passes: every model's downloads and likes move (the next sweep's snapshot differs).
    void nextDay() { ++day_; }

    QString id(int i) const;
    QString createdAt(int i) const;
    std::optional<qint64> createdUnix(int i) const;  // empty for the placeholder dates
    qint64 downloads(int i) const;
    qint64 likes(int i) const;
    // Every base_model link visible now (late ones only once declared), child by child.
    std::vector<SyntheticEdge> edges() const;
    // One listing entry; expand empty: the Hub's default fields.
    void appendJson(int i, const QStringList& expand, QByteArray* out) const;

  private:
    struct Entry {
        std::int32_t parent1 = -1;
        std::int32_t parent2 = -1;  // merges of two bases
        std::uint8_t relation = 0;
        bool late = false;
        std::uint32_t hash = 0;
    };
    void add(bool initial);
    // id(i) and createdAt(i) written as bytes without QString: the benchmark's mock serves
    // 2 M models from the same 2 cores as the client it measures.
    void appendId(int i, QByteArray* out) const;
    void appendCreatedAt(int i, QByteArray* out) const;
    bool basesVisible(const Entry& e) const { return !e.late || lateDeclared_; }

    std::vector<Entry> entries_;
    std::vector<std::int32_t> targets_;      // models that can be bases
    std::vector<std::int32_t> edgeParents_;  // one entry per edge: drawn from, preferential
    std::mt19937 rng_;
    int initialSize_ = 0;
    int day_ = 0;
    bool lateDeclared_ = false;
};

}  // namespace hubgrowth::mockhub
