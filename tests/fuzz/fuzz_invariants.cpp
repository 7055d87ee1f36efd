#include "fuzz_invariants.h"

#include <cmath>

#include "hubgrowth/core/io/csv_reader.h"
#include "hubgrowth/data/paper_csv_importer.h"

namespace hubgrowth::fuzz {

namespace {

int countLines(std::string_view text) {
    int lines = 1;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && !(i + 1 < text.size() && text[i + 1] == '\n'))) {
            ++lines;
        }
    }
    return lines;
}

// A record of one empty field is written as an empty line, which reads back as no record; the
// writer never emits one, so the round trip leaves such records out on both sides.
bool roundTrips(const CsvRecord& record) {
    return !(record.fields.size() == 1 && record.fields[0].empty());
}

}  // namespace

std::string checkCsvReader(std::string_view text) {
    const CsvDocument doc = parseCsv(text);
    const int lines = countLines(text);
    if (!doc.ok()) {
        if (doc.errorLine < 1 || doc.errorLine > lines || doc.errorColumn < 1) {
            return "error position " + std::to_string(doc.errorLine) + ":" +
                   std::to_string(doc.errorColumn) + " outside the text (" + std::to_string(lines) +
                   " lines)";
        }
        if (!doc.records.empty())
            return "records returned together with an error";
        return {};
    }
    int previousLine = 0;
    std::string rewritten;
    for (const CsvRecord& record : doc.records) {
        if (record.fields.empty())
            return "a record without fields";
        if (record.line <= previousLine || record.line > lines) {
            return "record line " + std::to_string(record.line) + " out of order or range";
        }
        previousLine = record.line;
        if (!roundTrips(record))
            continue;
        for (size_t i = 0; i < record.fields.size(); ++i) {
            if (i > 0)
                rewritten += ',';
            rewritten += csvEscape(record.fields[i]);
        }
        rewritten += '\n';
    }
    const CsvDocument again = parseCsv(rewritten);
    if (!again.ok())
        return "re-reading the written records failed: " + again.error;
    size_t next = 0;
    for (const CsvRecord& record : doc.records) {
        if (!roundTrips(record))
            continue;
        if (next >= again.records.size() || again.records[next].fields != record.fields) {
            return "record at line " + std::to_string(record.line) + " does not round-trip";
        }
        ++next;
    }
    if (next != again.records.size())
        return "re-reading produced extra records";
    return {};
}

std::string checkPaperCsvImporter(const QByteArray& text) {
    const QString source = QStringLiteral("fuzz.csv");
    const ImportResult result = importPaperCsvText(text, source, QStringLiteral("Fuzz"));
    if (!result.ok()) {
        if (!result.dataset.series.empty())
            return "series kept despite an error (half-loaded)";
        if (!result.error.startsWith(source))
            return "error does not name the source";
        return {};
    }
    for (const ModelSeries& s : result.dataset.series) {
        if (s.id.empty())
            return "a series without an id";
        if (s.org.empty())
            return "a series without an organisation";
        for (double c : s.counts) {
            if (!std::isfinite(c) || c < 0.0)
                return "a non-finite or negative count in " + s.id;
        }
        if (s.publishedFit &&
            (!std::isfinite(s.publishedFit->lambda) || !std::isfinite(s.publishedFit->mu) ||
             !std::isfinite(s.publishedFit->sigma))) {
            return "a non-finite published fit in " + s.id;
        }
    }
    return {};
}

}  // namespace hubgrowth::fuzz
