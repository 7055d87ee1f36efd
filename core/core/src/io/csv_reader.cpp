#include "hubgrowth/core/io/csv_reader.h"

#include <utility>

namespace hubgrowth {

CsvStatus readCsvRecords(std::string_view text, const std::function<bool(CsvRecord&)>& onRecord,
                         size_t maxFieldsPerRecord) {
    CsvStatus status;
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);

    CsvRecord record;
    std::string field;
    int line = 1;
    int column = 1;
    int fieldColumn = 1;  // where the current field started, for the width limit's message
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    bool recordHasContent = false;
    bool stopped = false;
    int quoteLine = 0;
    int quoteColumn = 0;
    size_t lastWidth = 0;
    record.line = 1;

    auto fail = [&](std::string what, int atLine, int atColumn) {
        status.error = std::move(what);
        status.errorLine = atLine;
        status.errorColumn = atColumn;
        return status;
    };
    // False when the record is already as wide as allowed.
    auto endField = [&] {
        if (maxFieldsPerRecord > 0 && record.fields.size() >= maxFieldsPerRecord)
            return false;
        record.fields.push_back(std::move(field));
        field.clear();
        fieldWasQuoted = false;
        fieldColumn = column + 1;
        return true;
    };
    auto endRecord = [&] {
        if (!endField())
            return false;
        // A blank line is not a record.
        if (!(record.fields.size() == 1 && record.fields[0].empty() && !recordHasContent)) {
            lastWidth = record.fields.size();
            stopped = !onRecord(record);
        }
        // Reused, not reallocated: rows of a table are usually as wide as the last one (a
        // consumer that moved the record out leaves it empty, and reserve() covers that case).
        record.fields.clear();
        record.fields.reserve(lastWidth);
        recordHasContent = false;
        return true;
    };
    auto tooWide = [&] {
        return fail("more than " + std::to_string(maxFieldsPerRecord) + " fields in one record",
                    record.line, fieldColumn);
    };

    const size_t size = text.size();
    for (size_t i = 0; i < size && !stopped; ++i) {
        const char ch = text[i];
        if (inQuotes) {
            if (ch == '"') {
                if (i + 1 < size && text[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                    column += 2;
                    continue;
                }
                inQuotes = false;
                ++column;
                continue;
            }
            if (ch == '\n' || (ch == '\r' && !(i + 1 < size && text[i + 1] == '\n'))) {
                ++line;
                column = 1;
            } else {
                ++column;
            }
            field.push_back(ch);
            continue;
        }
        switch (ch) {
            case '"':
                if (!field.empty() || fieldWasQuoted) {
                    return fail("unexpected quote inside an unquoted field", line, column);
                }
                inQuotes = true;
                fieldWasQuoted = true;
                recordHasContent = true;
                quoteLine = line;
                quoteColumn = column;
                ++column;
                break;
            case ',':
                if (!endField())
                    return tooWide();
                recordHasContent = true;
                ++column;
                break;
            case '\r':
                if (i + 1 < size && text[i + 1] == '\n')
                    ++i;
                [[fallthrough]];
            case '\n':
                if (!endRecord())
                    return tooWide();
                ++line;
                column = 1;
                fieldColumn = 1;
                record.line = line;
                break;
            default: {
                if (fieldWasQuoted)
                    return fail("text after a closing quote", line, column);
                // Copy the run of plain characters at once: large files are mostly these.
                size_t end = i + 1;
                while (end < size && text[end] != ',' && text[end] != '"' && text[end] != '\r' &&
                       text[end] != '\n') {
                    ++end;
                }
                field.append(text.data() + i, end - i);
                column += static_cast<int>(end - i);
                i = end - 1;
                recordHasContent = true;
                break;
            }
        }
    }
    if (stopped)
        return status;
    if (inQuotes)
        return fail("unterminated quoted field", quoteLine, quoteColumn);
    if ((recordHasContent || !field.empty()) && !endRecord())
        return tooWide();
    return status;
}

CsvDocument parseCsv(std::string_view text, size_t maxFieldsPerRecord) {
    CsvDocument doc;
    const CsvStatus status = readCsvRecords(
        text,
        [&](CsvRecord& record) {
            doc.records.push_back(std::move(record));
            return true;
        },
        maxFieldsPerRecord);
    if (!status.ok()) {
        doc.records.clear();  // on an error, no half-read file
        doc.error = status.error;
        doc.errorLine = status.errorLine;
        doc.errorColumn = status.errorColumn;
    }
    return doc;
}

std::string csvEscape(std::string_view field) {
    // A leading byte-order mark is quoted too: at the start of a file the reader would drop it.
    const bool startsWithBom = field.substr(0, 3) == "\xEF\xBB\xBF";
    if (!startsWithBom && field.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(field);
    }
    std::string out = "\"";
    for (char ch : field) {
        if (ch == '"')
            out.push_back('"');
        out.push_back(ch);
    }
    out.push_back('"');
    return out;
}

}  // namespace hubgrowth
