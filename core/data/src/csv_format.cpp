#include "hubgrowth/data/csv_format.h"

#include <QStringList>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <thread>

#include "hubgrowth/core/io/csv_reader.h"

namespace hubgrowth {

namespace {

// The same text as QString::number(value, 'g', 12) (both are printf's %.12g), written straight
// into the row: a 300k-row table spent most of its time in QString conversions otherwise.
void appendNumber(QByteArray* out, double value) {
    if (!std::isfinite(value))
        return;
    char text[32];
    const auto written =
        std::to_chars(text, text + sizeof text, value, std::chars_format::general, 12);
    out->append(text, static_cast<qsizetype>(written.ptr - text));
}

void appendInteger(QByteArray* out, long long value) {
    char text[24];
    const auto written = std::to_chars(text, text + sizeof text, value);
    out->append(text, static_cast<qsizetype>(written.ptr - text));
}

void appendText(QByteArray* out, std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos &&
        text.substr(0, 3) != "\xEF\xBB\xBF") {
        out->append(text.data(), static_cast<qsizetype>(text.size()));
        return;
    }
    const std::string escaped = csvEscape(text);
    out->append(escaped.data(), static_cast<qsizetype>(escaped.size()));
}

void appendFitRows(const std::vector<ModelSeries>& series, const std::vector<FitResult>& results,
                   const std::vector<bool>& computed, size_t first, size_t last, QByteArray* out) {
    out->reserve(static_cast<qsizetype>(last - first) * 200);
    for (size_t i = first; i < last; ++i) {
        const ModelSeries& s = series[i];
        const FitResult& r = results[i];
        if (!computed[i] || s.observedMonths() < 3)
            continue;
        appendText(out, s.id);
        *out += ',';
        appendText(out, s.org);
        *out += ',';
        appendText(out, s.createdAt);
        *out += ',';
        appendInteger(out, s.observedMonths());
        for (const double value : {s.lastCount(), r.m, r.params.lambda, r.params.mu, r.params.sigma,
                                   r.sse, r.rmse, r.r2}) {
            *out += ',';
            appendNumber(out, value);
        }
        *out += r.converged() ? ",true," : ",false,";
        appendNumber(out, wsbUltimate(r.params, r.m));
        for (int p = 0; p < 3; ++p) {
            *out += ',';
            appendNumber(out, r.standardError(p));
        }
        *out += ',';
        appendInteger(out, r.iterations);
        *out += ',';
        *out += fitOutcomeName(r.outcome);
        *out += '\n';
    }
}

}  // namespace

QString formatNumber(double value) {
    if (!std::isfinite(value))
        return {};
    return QString::number(value, 'g', 12);
}

QByteArray csvRow(const QStringList& cells) {
    QByteArray row;
    for (int i = 0; i < cells.size(); ++i) {
        if (i > 0)
            row += ',';
        row += QByteArray::fromStdString(csvEscape(cells[i].toStdString()));
    }
    row += '\n';
    return row;
}

QByteArray fitTableCsv(const std::vector<ModelSeries>& series,
                       const std::vector<FitResult>& results, const std::vector<bool>& computed) {
    QByteArray out = csvRow({"model", "org", "created_at", "n_months", "last_count", "m", "lambda",
                             "mu", "sigma", "sse", "rmse", "r2", "converged", "ultimate",
                             "lambda_se", "mu_se", "sigma_se", "iterations", "outcome"});
    const size_t rows = std::min(series.size(), results.size());
    // Large tables are formatted in slices on several threads (a 300k-row table takes ~0.5 s
    // on one), then joined in order.
    const size_t slices =
        rows < 20000 ? 1 : std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
    std::vector<QByteArray> parts(slices);
    auto formatSlice = [&](size_t slice) {
        const size_t first = rows * slice / slices;
        const size_t last = rows * (slice + 1) / slices;
        appendFitRows(series, results, computed, first, last, &parts[slice]);
    };
    std::vector<std::thread> workers;
    for (size_t slice = 1; slice < slices; ++slice)
        workers.emplace_back(formatSlice, slice);
    formatSlice(0);
    for (auto& worker : workers)
        worker.join();
    qsizetype size = out.size();
    for (const QByteArray& part : parts)
        size += part.size();
    out.reserve(size);
    for (const QByteArray& part : parts)
        out += part;
    return out;
}

}  // namespace hubgrowth
