#pragma once
// A small RFC 4180 CSV reader: quoted fields with "" escapes and embedded newlines, LF, CRLF or
// CR line ends, a UTF-8 byte-order mark. Errors name the line and column where they occur.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hubgrowth {

struct CsvRecord {
    std::vector<std::string> fields;
    int line = 0;  // 1-based line where the record starts
};

struct CsvStatus {
    std::string error;  // empty on success
    int errorLine = 0;
    int errorColumn = 0;
    bool ok() const { return error.empty(); }
};

struct CsvDocument {
    std::vector<CsvRecord> records;  // empty when there is an error
    std::string error;               // empty on success
    int errorLine = 0;
    int errorColumn = 0;
    bool ok() const { return error.empty(); }
};

// Reads the records one at a time, handing each to onRecord (which may move from it); reading
// stops, successfully, when onRecord returns false. Only one record is held at a time, so large
// files cost no more memory than their widest record. maxFieldsPerRecord > 0 makes a wider
// record an error (a runaway line of separators would otherwise cost 32 bytes per byte).
CsvStatus readCsvRecords(std::string_view text, const std::function<bool(CsvRecord&)>& onRecord,
                         size_t maxFieldsPerRecord = 0);

// The whole text at once.
CsvDocument parseCsv(std::string_view text, size_t maxFieldsPerRecord = 0);

// Formats one field for output, quoting it when it holds a comma, quote or line break, or
// starts with a UTF-8 byte-order mark.
std::string csvEscape(std::string_view field);

}  // namespace hubgrowth
