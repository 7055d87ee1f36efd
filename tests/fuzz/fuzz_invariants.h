#pragma once
// What must hold for ANY input to the CSV reader and the paper-CSV importer. The libFuzzer
// targets abort when a check fails; test_fuzz_corpus replays every corpus file through the same
// checks in the normal test suite, so an input that once failed stays a regression test.

#include <QByteArray>
#include <string>
#include <string_view>

namespace hubgrowth::fuzz {

// Empty when parseCsv(text) behaved; otherwise what went wrong. Checks error positions, record
// lines, and that writing the records back with csvEscape and re-reading gives the same fields.
std::string checkCsvReader(std::string_view text);

// Empty when importPaperCsvText(text) behaved: either an error naming the source with nothing
// loaded, or series with non-empty ids and finite, non-negative counts.
std::string checkPaperCsvImporter(const QByteArray& text);

}  // namespace hubgrowth::fuzz
