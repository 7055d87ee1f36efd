#include "hubgrowth/data/paper_csv_importer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_set>

#include "hubgrowth/core/io/csv_reader.h"
#include "hubgrowth/data/store/store_dataset.h"

namespace hubgrowth {

namespace {

// The paper's files have about 40 columns; a record far wider is not one of them, and reading it
// whole would cost 32 bytes of memory per byte of separators.
constexpr size_t kMaxColumns = 4096;

struct Columns {
    int model = -1;
    std::vector<int> months;  // column index of month k
    int lambda = -1, mu = -1, sigma = -1, company = -1, createdAt = -1, verdict = -1;
};

QString where(const QString& source, int line, int column) {
    return QStringLiteral("%1:%2:%3").arg(source).arg(line).arg(column);
}

// Whitespace as QByteArray::trimmed() sees it.
std::string_view trimmed(std::string_view text) {
    const auto isSpace = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

// A finite decimal number filling the whole (trimmed) cell. std::from_chars: locale-free and
// without allocation, which matters for files of millions of cells.
bool parseNumber(std::string_view text, double* value) {
    text = trimmed(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty())
        return false;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, *value);
    return error == std::errc() && stop == end && std::isfinite(*value);
}

QString readColumns(const CsvRecord& header, const QString& source, Columns* cols) {
    static const QRegularExpression monthName(QStringLiteral("^(\\d+)-month$"));
    std::map<int, int> monthColumns;
    for (size_t i = 0; i < header.fields.size(); ++i) {
        const QString name = QString::fromStdString(header.fields[i]).trimmed();
        const int index = static_cast<int>(i);
        const auto match = monthName.match(name);
        if (match.hasMatch()) {
            monthColumns[match.captured(1).toInt()] = index;
        } else if (name == QLatin1String("model")) {
            cols->model = index;
        } else if (name == QLatin1String("lambda_i")) {
            cols->lambda = index;
        } else if (name == QLatin1String("mu_i")) {
            cols->mu = index;
        } else if (name == QLatin1String("sigma_i")) {
            cols->sigma = index;
        } else if (name == QLatin1String("company")) {
            cols->company = index;
        } else if (name == QLatin1String("created_at")) {
            cols->createdAt = index;
        } else if (name == QLatin1String("approx_cond_label")) {
            cols->verdict = index;
        }
    }
    if (cols->model < 0) {
        return where(source, header.line, 1) + QStringLiteral(": no `model` column in the header");
    }
    int expected = 0;
    for (const auto& [month, index] : monthColumns) {
        if (month != expected) {
            return where(source, header.line, index + 1) +
                   QStringLiteral(
                       ": month columns must run 0-month, 1-month, ... without gaps "
                       "(expected %1-month)")
                       .arg(expected);
        }
        cols->months.push_back(index);
        ++expected;
    }
    if (cols->months.empty()) {
        return where(source, header.line, 1) +
               QStringLiteral(": no `0-month`, `1-month`, ... columns in the header");
    }
    return {};
}

QString toQString(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// The cell trimmed as QString::trimmed() would, as UTF-8 (invalid bytes replaced). Pure ASCII,
// nearly every cell, skips the round trip through QString that dominated loading large files.
std::string trimmedText(std::string_view text) {
    for (const char ch : text) {
        if (static_cast<unsigned char>(ch) >= 0x80)
            return toQString(text).trimmed().toStdString();
    }
    return std::string(trimmed(text));
}

std::string_view field(const CsvRecord& record, int index) {
    if (index < 0 || index >= static_cast<int>(record.fields.size()))
        return {};
    return record.fields[static_cast<size_t>(index)];
}

// One data row into a series; returns the error ("FILE:LINE:COLUMN: ...") or nothing.
QString readRow(const CsvRecord& record, const Columns& cols, size_t headerWidth,
                const QString& source, const QString& defaultOrg, Dataset* dataset) {
    if (record.fields.size() > headerWidth) {
        return where(source, record.line, static_cast<int>(headerWidth) + 1) +
               QStringLiteral(": %1 fields, but the header has %2")
                   .arg(record.fields.size())
                   .arg(headerWidth);
    }
    ModelSeries s;
    s.id = trimmedText(field(record, cols.model));
    if (s.id.empty()) {
        return where(source, record.line, cols.model + 1) + QStringLiteral(": empty model id");
    }
    s.counts.reserve(cols.months.size());
    bool ended = false;
    for (size_t k = 0; k < cols.months.size(); ++k) {
        const int column = cols.months[k];
        const std::string_view cell = field(record, column);
        if (trimmed(cell).empty()) {
            ended = true;
            continue;
        }
        double value = 0.0;
        QString problem;
        if (ended) {
            problem = QStringLiteral("a count after an empty month (gaps are not allowed)");
        } else if (!parseNumber(cell, &value)) {
            problem = QStringLiteral("'%1' is not a finite number").arg(toQString(cell).left(40));
        } else if (value < 0.0) {
            problem = QStringLiteral("negative count %1").arg(value);
        }
        if (!problem.isEmpty()) {
            return where(source, record.line, column + 1) + QStringLiteral(": ") + problem +
                   QStringLiteral(" (model %1)").arg(QString::fromStdString(s.id));
        }
        if (!s.counts.empty() && value < s.counts.back()) {
            dataset->warnings.push_back(
                (source + QStringLiteral(":%1: %2: cumulative count falls from %3 to %4 "
                                         "at month %5")
                              .arg(record.line)
                              .arg(QString::fromStdString(s.id))
                              .arg(s.counts.back())
                              .arg(value)
                              .arg(k))
                    .toStdString());
        }
        s.counts.push_back(value);
    }
    const std::string company = trimmedText(field(record, cols.company));
    s.org = company.empty() ? defaultOrg.toStdString() : company;
    s.createdAt = trimmedText(field(record, cols.createdAt));
    s.publishedVerdict = std::string(field(record, cols.verdict));
    double lambda, mu, sigma;
    if (parseNumber(field(record, cols.lambda), &lambda) &&
        parseNumber(field(record, cols.mu), &mu) &&
        parseNumber(field(record, cols.sigma), &sigma)) {
        s.publishedFit = WsbParams{lambda, mu, sigma};
    }
    dataset->series.push_back(std::move(s));
    return {};
}

}  // namespace

ImportResult importPaperCsvText(const QByteArray& text, const QString& sourceName,
                                const QString& defaultOrg, const std::atomic<bool>* cancel) {
    ImportResult result;
    int rowsToCancelCheck = kCancelCheckRows;
    Columns cols;
    size_t headerWidth = 0;
    bool haveHeader = false;
    // About one series per line: reserving saves a dozen copies of a 300k-series vector.
    const auto lines = std::count(text.constData(), text.constData() + text.size(), '\n');
    result.dataset.series.reserve(static_cast<size_t>(lines));
    // Record by record: memory grows with the series kept, not with the size of the text.
    const CsvStatus status = readCsvRecords(
        std::string_view(text.constData(), static_cast<size_t>(text.size())),
        [&](const CsvRecord& record) {
            if (!haveHeader) {
                haveHeader = true;
                headerWidth = record.fields.size();
                result.error = readColumns(record, sourceName, &cols);
            } else {
                result.error =
                    readRow(record, cols, headerWidth, sourceName, defaultOrg, &result.dataset);
            }
            if (cancel && --rowsToCancelCheck == 0 && result.error.isEmpty()) {
                rowsToCancelCheck = kCancelCheckRows;
                if (cancel->load(std::memory_order_relaxed))
                    result.error = QString::fromLatin1(store::kLoadCancelled);
            }
            return result.error.isEmpty();
        },
        kMaxColumns);
    if (!status.ok()) {
        result.error = where(sourceName, status.errorLine, status.errorColumn) +
                       QStringLiteral(": ") + QString::fromStdString(status.error);
    } else if (result.ok() && !haveHeader) {
        result.error = sourceName + QStringLiteral(": the file is empty");
    }
    if (!result.ok()) {
        result.dataset = Dataset{};  // nothing half-loaded
        return result;
    }
    result.dataset.name = sourceName.toStdString();
    result.dataset.provenance = "Imported from " + sourceName.toStdString() + " (paper CSV format)";
    return result;
}

ImportResult importPaperCsv(const QString& path, const std::atomic<bool>* cancel) {
    ImportResult result;
    const QFileInfo info(path);
    if (!info.exists()) {
        result.error = path + QStringLiteral(": no such file or folder");
        return result;
    }
    QStringList files;
    if (info.isDir()) {
        const QDir dir(path);
        for (const QString& name :
             dir.entryList({QStringLiteral("*.csv")}, QDir::Files, QDir::Name)) {
            files << dir.filePath(name);
        }
        if (files.isEmpty()) {
            result.error = path + QStringLiteral(": the folder holds no .csv files");
            return result;
        }
    } else {
        files << path;
    }

    std::unordered_set<std::string> seen;  // ids are UTF-8 from trimmedText: bytes compare
    for (const QString& file : files) {
        // Between files (a single file is looked at from inside, while it is read).
        if (cancel && file != files.front() && cancel->load(std::memory_order_relaxed)) {
            ImportResult cancelled;
            cancelled.error = QString::fromLatin1(store::kLoadCancelled);
            return cancelled;
        }
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly)) {
            result.error = file + QStringLiteral(": cannot open (%1)").arg(in.errorString());
            result.dataset = Dataset{};
            return result;
        }
        ImportResult part =
            importPaperCsvText(in.readAll(), file, QFileInfo(file).completeBaseName(), cancel);
        if (!part.ok()) {
            part.dataset = Dataset{};
            return part;
        }
        if (result.dataset.series.empty()) {
            result.dataset.series.reserve(part.dataset.series.size());
            seen.reserve(part.dataset.series.size());
        }
        for (auto& s : part.dataset.series) {
            if (!seen.insert(s.id).second) {
                result.dataset.warnings.push_back(
                    (file + QStringLiteral(": duplicate model %1 skipped")
                                .arg(QString::fromStdString(s.id)))
                        .toStdString());
                continue;
            }
            result.dataset.series.push_back(std::move(s));
        }
        for (auto& w : part.dataset.warnings)
            result.dataset.warnings.push_back(std::move(w));
    }
    result.dataset.name = info.fileName().toStdString();
    result.dataset.provenance = "Imported from " +
                                QDir::toNativeSeparators(info.absoluteFilePath()).toStdString() +
                                " (paper CSV format)";
    return result;
}

}  // namespace hubgrowth
