#include "io/csv_reader.h"

namespace hubgrowth {

CsvDocument parseCsv(std::string_view text) {
    CsvDocument doc;
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);

    CsvRecord record;
    std::string field;
    int line = 1;
    int column = 1;
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    bool recordHasContent = false;
    int quoteLine = 0;
    int quoteColumn = 0;
    record.line = 1;

    auto endField = [&] {
        record.fields.push_back(std::move(field));
        field.clear();
        fieldWasQuoted = false;
    };
    // On an error the document holds no records: callers never see a half-read file.
    auto fail = [&](const char* what, int atLine, int atColumn) {
        doc.records.clear();
        doc.error = what;
        doc.errorLine = atLine;
        doc.errorColumn = atColumn;
        return doc;
    };
    auto endRecord = [&] {
        endField();
        // A blank line is not a record.
        if (!(record.fields.size() == 1 && record.fields[0].empty() && !recordHasContent)) {
            doc.records.push_back(std::move(record));
        }
        const size_t width = record.fields.size();
        record = CsvRecord{};
        record.fields.reserve(width);  // rows of a table are usually as wide as the last one
        recordHasContent = false;
    };

    const size_t size = text.size();
    for (size_t i = 0; i < size; ++i) {
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
                endField();
                recordHasContent = true;
                ++column;
                break;
            case '\r':
                if (i + 1 < size && text[i + 1] == '\n')
                    ++i;
                [[fallthrough]];
            case '\n':
                endRecord();
                ++line;
                column = 1;
                record.line = line;
                break;
            default:
                if (fieldWasQuoted) {
                    return fail("text after a closing quote", line, column);
                }
                {
                    // Copy the run of plain characters at once: large files are mostly these.
                    size_t end = i + 1;
                    while (end < size && text[end] != ',' && text[end] != '"' &&
                           text[end] != '\r' && text[end] != '\n') {
                        ++end;
                    }
                    field.append(text.data() + i, end - i);
                    column += static_cast<int>(end - i);
                    i = end - 1;
                }
                recordHasContent = true;
                break;
        }
    }
    if (inQuotes) {
        return fail("unterminated quoted field", quoteLine, quoteColumn);
    }
    if (recordHasContent || !field.empty())
        endRecord();
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
