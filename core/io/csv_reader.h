#pragma once
// A small RFC 4180 CSV reader: quoted fields with "" escapes and embedded newlines, LF, CRLF or
// CR line ends, a UTF-8 byte-order mark. Errors name the line and column where they occur.

#include <string>
#include <string_view>
#include <vector>

namespace hubgrowth {

struct CsvRecord {
    std::vector<std::string> fields;
    int line = 0;  // 1-based line where the record starts
};

struct CsvDocument {
    std::vector<CsvRecord> records;  // empty when there is an error
    std::string error;               // empty on success
    int errorLine = 0;
    int errorColumn = 0;
    bool ok() const { return error.empty(); }
};

CsvDocument parseCsv(std::string_view text);

// Formats one field for output, quoting it when it holds a comma, quote or line break, or
// starts with a UTF-8 byte-order mark.
std::string csvEscape(std::string_view field);

}  // namespace hubgrowth
