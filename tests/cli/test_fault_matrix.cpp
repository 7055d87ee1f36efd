// The fault matrix, end to end with the real binary: each row is a fault a user can meet, what
// they see (exit code and a one-line message) and what is kept. Hub faults are tested against
// the mock Hub in the Hub client's own tests.
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/core/io/csv_reader.h"

using namespace hubgrowth;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out, err;
};

// Generous: these tests load 100 MB under the sanitizers too. A hang fails here, not a slow run.
constexpr int kFreezeLimitMs = 5 * 60 * 1000;

Run finish(QProcess& p) {
    p.waitForFinished(kFreezeLimitMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

Run runHubgrowth(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(HUBGROWTH_BINARY), args);
    return finish(p);
}

QString fixture(const QString& name) {
    return QStringLiteral(HUBGROWTH_FIXTURES_DIR "/") + name;
}

QByteArray readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Size of a file the process has open for writing under `folder`, other than `finalPath`: the
// QSaveFile temporary. On Linux Qt creates it with O_TMPFILE (no name in the folder until the
// commit), so it is found through /proc/PID/fd. -1 when there is none.
qint64 writingUnder(qint64 pid, const QString& folder, const QString& finalPath) {
    const QString fdDir = QStringLiteral("/proc/%1/fd").arg(pid);
    for (const QString& fd :
         QDir(fdDir).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
        const QByteArray link = QFile::encodeName(fdDir + QLatin1Char('/') + fd);
        char target[4096];
        const ssize_t length = ::readlink(link.constData(), target, sizeof target - 1);
        if (length <= 0)
            continue;
        const QString path = QFile::decodeName(QByteArray(target, static_cast<int>(length)));
        if (!path.startsWith(folder + QLatin1Char('/')) || path == finalPath)
            continue;
        struct stat info;
        if (::stat(link.constData(), &info) == 0)
            return info.st_size;
    }
    return -1;
}

// True when the process is stopped (state 'T' in /proc/PID/stat).
bool isStopped(qint64 pid) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype afterName = line.lastIndexOf(')');  // the name may hold spaces
    return afterName >= 0 && line.size() > afterName + 2 && line.at(afterName + 2) == 'T';
}

// Extreme but finite series: counts near the double range's ends, flat, one jump, falling.
const QByteArray kExtremeInputs =
    "model,0-month,1-month,2-month,3-month,4-month\n"
    "huge/counts,0,1e300,1e301,1e302,1e303\n"
    "tiny/counts,0,1e-300,2e-300,3e-300,4e-300\n"
    "flat/zero,0,0,0,0,0\n"
    "one/jump,0,0,0,500,500\n"
    "falling/series,0,900,10,5,1\n";

// A demo model with enough months to fit.
QString demoModel() {
    for (const auto& s : generateDemoDataset().series) {
        if (s.observedMonths() >= 10)
            return QString::fromStdString(s.id);
    }
    return {};
}

// Every cell of a written CSV: a NaN or an infinity must never be printed.
QString findNonFiniteCell(const QByteArray& csv, int firstNumericColumn) {
    const CsvDocument doc = parseCsv(csv.toStdString());
    if (!doc.ok())
        return QStringLiteral("unreadable CSV: ") + QString::fromStdString(doc.error);
    static const QRegularExpression nonFinite(QStringLiteral("nan|inf"),
                                              QRegularExpression::CaseInsensitiveOption);
    for (size_t r = 1; r < doc.records.size(); ++r) {
        const auto& fields = doc.records[r].fields;
        for (size_t c = static_cast<size_t>(firstNumericColumn); c < fields.size(); ++c) {
            const QString cell = QString::fromStdString(fields[c]);
            if (cell.contains(nonFinite))
                return QStringLiteral("row %1: '%2'").arg(r).arg(cell);
            bool ok = true;
            const double value = cell.toDouble(&ok);
            if (!cell.isEmpty() && cell != QLatin1String("true") &&
                cell != QLatin1String("false") && ok && !std::isfinite(value)) {
                return QStringLiteral("row %1: '%2'").arg(r).arg(cell);
            }
        }
    }
    return {};
}

// A paper-format CSV of about `bytes` bytes: rows of monotone counts, 3 to 36 months long.
QString writeLargePaperCsv(const QString& path, qint64 bytes, QString* lastModel, int* lastMonths) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    QByteArray header = "model";
    for (int k = 0; k < 36; ++k)
        header += "," + QByteArray::number(k) + "-month";
    header += ",company,created_at\n";
    f.write(header);
    qint64 written = header.size();
    QByteArray chunk;
    for (int i = 0; written < bytes; ++i) {
        const int months = 3 + i % 34;
        QByteArray row = "org" + QByteArray::number(i % 50) + "/model-" + QByteArray::number(i);
        for (int k = 0; k < 36; ++k) {
            row += ',';
            if (k < months)
                row += QByteArray::number(k * k + i % 7 * k);
        }
        row += ",Org" + QByteArray::number(i % 50) + ",2024-01-01 00:00:00+00:00\n";
        chunk += row;
        written += row.size();
        *lastModel = QStringLiteral("org%1/model-%2").arg(i % 50).arg(i);
        *lastMonths = months;
        if (chunk.size() > (1 << 20)) {
            f.write(chunk);
            chunk.clear();
        }
    }
    f.write(chunk);
    return f.error() == QFile::NoError ? path : QString();
}

}  // namespace

class TestFaultMatrix : public QObject {
    Q_OBJECT
  private slots:
    // Killed (SIGKILL) mid-export -> the previous file is intact (QSaveFile writes a temporary
    // file next to it and renames it only when complete).
    void killedMidExportKeepsThePreviousFile() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("forecast.csv"));
        const QByteArray previous = "month,actual,fitted\n0,0,0\n";
        const QString model = demoModel();
        QVERIFY(!model.isEmpty());
        QVERIFY(writeFile(out, previous));
        // The writer stops itself half-way through the temporary file (fault injection in
        // core/data/output_file.cpp), so the kill lands mid-write every time, without a race.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HUBGROWTH_FAULT_STOP_MID_WRITE"), QStringLiteral("1"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(HUBGROWTH_BINARY),
                {"forecast", "demo", "--model", model, "--horizon", "1200", "--out", out});
        QVERIFY(p.waitForStarted());
        const QDeadlineTimer deadline(kFreezeLimitMs);
        // waitForFinished() also updates the state (there is no event loop here).
        while (!isStopped(p.processId()) && !p.waitForFinished(5) && !deadline.hasExpired()) {
        }
        QVERIFY2(isStopped(p.processId()), "the writer never reached the middle of its write");
        const qint64 halfWritten = writingUnder(p.processId(), dir.path(), out);
        QVERIFY2(halfWritten > 0, "no temporary file was being written");
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(kFreezeLimitMs));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        QCOMPARE(readFile(out), previous);  // untouched, byte for byte
        // The leftover temporary file does not block the next export.
        const Run again = runHubgrowth({"forecast", "demo", "--model", model, "--out", out});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(readFile(out).startsWith("month,actual,fitted,lo80,hi80,lo95,hi95\n0,0,"));
        QVERIFY(readFile(out) != previous);
    }

    // A full disk while writing --out -> a clear message; the previous file is intact and no
    // partial file is left. Simulated with a file size limit (EFBIG), which fails the same write.
    void fullDiskKeepsThePreviousFile() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("fits.csv"));
        const QByteArray previous = "model,org\nkept,yes\n";
        QVERIFY(writeFile(out, previous));
        QProcess p;
        p.setChildProcessModifier([] {
            ::signal(SIGXFSZ, SIG_IGN);  // get EFBIG from write() instead of being killed
            const rlimit limit{4096, 4096};
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
        p.start(QStringLiteral(HUBGROWTH_BINARY), {"fit", "demo", "--out", out});
        const Run r = finish(p);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(out.toUtf8() + ": cannot write (File too large); the previous "
                                               "file is unchanged"),
                 r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QCOMPARE(readFile(out), previous);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("fits.csv")});
    }

    // A full disk behind standard output (/dev/full) -> exit 1 and the reason, for a large
    // output and for a small one that only fails when flushed.
    void fullDiskBehindStandardOutput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("fit table") << QStringList{"fit", "demo"};
        QTest::newRow("small forecast")
            << QStringList{"forecast", "demo", "--model", demoModel(), "--horizon", "1"};
    }
    void fullDiskBehindStandardOutput() {
        QFETCH(QStringList, args);
        QProcess p;
        p.setStandardOutputFile(QStringLiteral("/dev/full"));
        p.start(QStringLiteral(HUBGROWTH_BINARY), args);
        const Run r = finish(p);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot write to standard output (No space left on device)"),
                 r.err.constData());
    }

    // An unwritable path -> exit 1 and one line naming the path and why.
    void unwritablePath_data() {
        QTest::addColumn<QString>("relative");
        QTest::addColumn<QString>("reason");
        QTest::newRow("parent is a file") << "a-file/out.csv"
                                          << "Not a directory";
        QTest::newRow("path is a folder") << "a-folder"
                                          << "directory";
        QTest::newRow("missing folder") << "no/such/folder/out.csv"
                                        << "cannot write";
    }
    void unwritablePath() {
        QFETCH(QString, relative);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("a-file")), "x"));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("a-folder")));
        const QString out = dir.filePath(relative);
        const Run r = runHubgrowth({"fit", fixture("paper-small.csv"), "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(out.toUtf8() + ": cannot write ("), r.err.constData());
        QVERIFY2(r.err.contains(reason.toUtf8()), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.out.isEmpty());
    }

    // Bad paper CSVs -> exit 1 with FILE:LINE:COLUMN and nothing written.
    void badPaperCsvGetsAClearMessage_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad number") << "paper-bad-number.csv"
                                    << ":3:3: '1x' is not a finite number";
        QTest::newRow("negative count") << "paper-negative.csv"
                                        << ":2:3: negative count";
        QTest::newRow("gap") << "paper-gap.csv"
                             << ":2:4: a count after an empty month";
        QTest::newRow("unterminated quote") << "paper-unterminated.csv"
                                            << ":2:1: unterminated";
    }
    void badPaperCsvGetsAClearMessage() {
        QFETCH(QString, file);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("fits.csv"));
        const Run r = runHubgrowth({"fit", fixture(file), "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromUtf8(r.err).contains(file + message), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(!QFile::exists(out));
    }

    // Non-finite numbers in the input are refused, never carried into a fit.
    void nonFiniteInputIsRefused_data() {
        QTest::addColumn<QByteArray>("cell");
        QTest::newRow("nan") << QByteArray("nan");
        QTest::newRow("inf") << QByteArray("inf");
        QTest::newRow("overflow") << QByteArray("1e999");
    }
    void nonFiniteInputIsRefused() {
        QFETCH(QByteArray, cell);
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.csv"));
        QVERIFY(writeFile(in, "model,0-month,1-month,2-month\nx/y,0,3," + cell + "\n"));
        const Run r = runHubgrowth({"fit", in});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("in.csv:2:4: '" + cell + "' is not a finite number"),
                 r.err.constData());
    }

    // A non-monotone cumulative series -> loaded and fitted, flagged with a warning.
    void nonMonotoneSeriesIsFlaggedAndFitted() {
        const Run r = runHubgrowth({"fit", fixture("paper-non-monotone.csv")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("warning: ") && r.err.contains("falls from 5 to 3 at month 2"),
                 r.err.constData());
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QVERIFY(doc.ok());
        QCOMPARE(doc.records.size(), size_t(2));  // header + the flagged series
    }

    // Extreme but finite inputs and options -> NaN/Inf never reach a CSV cell.
    void nanAndInfNeverReachACsv() {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("extreme.csv"));
        QVERIFY(writeFile(in, kExtremeInputs));
        for (const QString& m :
             {QStringLiteral("1e-9"), QStringLiteral("100"), QStringLiteral("1e300")}) {
            const Run fit = runHubgrowth({"fit", in, "--m", m});
            QCOMPARE(fit.exitCode, 0);
            const QString bad = findNonFiniteCell(fit.out, 3);
            QVERIFY2(bad.isEmpty(), qPrintable(QStringLiteral("fit --m %1: %2").arg(m, bad)));
            for (const char* model : {"huge/counts", "tiny/counts", "flat/zero", "one/jump"}) {
                const Run forecast =
                    runHubgrowth({"forecast", in, "--model", model, "--m", m, "--horizon", "600"});
                QCOMPARE(forecast.exitCode, 0);
                const QString badForecast = findNonFiniteCell(forecast.out, 0);
                QVERIFY2(badForecast.isEmpty(),
                         qPrintable(
                             QStringLiteral("forecast %1 --m %2: %3").arg(model, m, badForecast)));
            }
        }
    }

    // The same extreme inputs drawn by every chart (SVG, so every coordinate is text): a NaN or
    // an infinity would be written as "nan" / "inf" into the paths.
    void nanAndInfNeverReachAChart() {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("extreme.csv"));
        QVERIFY(writeFile(in, kExtremeInputs));
        const QRegularExpression nonFinite(QStringLiteral("\\b(nan|inf|infinity)\\b"),
                                           QRegularExpression::CaseInsensitiveOption);
        QList<QStringList> charts;
        for (const char* model : {"huge/counts", "tiny/counts", "flat/zero", "one/jump"})
            charts << QStringList{"--chart", "curve", "--model", model};
        for (const char* chart : {"parameters", "organisations", "cohorts", "concentration"})
            charts << QStringList{"--chart", chart};
        for (const QStringList& chart : charts) {
            const QString out = dir.filePath(QStringLiteral("chart.svg"));
            QFile::remove(out);
            const Run r = runHubgrowth(QStringList{"export-chart", in, "--out", out} + chart);
            QVERIFY2(r.exitCode == 0, qPrintable(chart.join(' ') + ": " + r.err));
            const QString svg = QString::fromUtf8(readFile(out));
            QVERIFY2(svg.contains(QStringLiteral("<svg")), qPrintable(chart.join(' ')));
            const QRegularExpressionMatch bad = nonFinite.match(svg);
            QVERIFY2(!bad.hasMatch(),
                     qPrintable(chart.join(' ') + ": " + svg.mid(bad.capturedStart() - 60, 120)));
        }
    }

    // A 100 MB paper CSV -> loaded in full (no crash, no freeze), the last row intact.
    void hundredMegabyteFileLoads() {
        QTemporaryDir dir;
        QString lastModel;
        int lastMonths = 0;
        const QString in = writeLargePaperCsv(dir.filePath(QStringLiteral("big.csv")),
                                              100LL * 1024 * 1024, &lastModel, &lastMonths);
        QVERIFY(!in.isEmpty());
        QVERIFY(QFileInfo(in).size() >= 100LL * 1024 * 1024);
        const Run r = runHubgrowth({"forecast", in, "--model", lastModel, "--horizon", "0"});
        QCOMPARE(r.exitCode, 0);
        const CsvDocument doc = parseCsv(r.out.toStdString());
        QVERIFY(doc.ok());
        QCOMPARE(int(doc.records.size()) - 1, lastMonths);
        QCOMPARE(doc.records.back().fields[1],
                 std::to_string((lastMonths - 1) * (lastMonths - 1) +
                                (lastModel.section('-', -1).toInt() % 7) * (lastMonths - 1)));
    }

    // 100 MB that is not a paper CSV -> a clear one-line message, quickly, no crash.
    void hundredMegabytesOfJunkGetAClearMessage_data() {
        QTest::addColumn<QByteArray>("start");
        QTest::addColumn<char>("filler");
        QTest::addColumn<QString>("message");
        QTest::newRow("unterminated quote")
            << QByteArray("model,0-month\n\"") << 'x' << "big.csv:2:1: unterminated quoted field";
        QTest::newRow("one endless header")
            << QByteArray("model,") << ',' << "big.csv:1:4102: more than 4096 fields in one record";
        QTest::newRow("binary zeros") << QByteArray() << '\0' << "big.csv:1:1: no `model` column";
    }
    void hundredMegabytesOfJunkGetAClearMessage() {
        QFETCH(QByteArray, start);
        QFETCH(char, filler);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("big.csv"));
        QVERIFY(writeFile(in, start + QByteArray(100 * 1024 * 1024, filler)));
        const Run r = runHubgrowth({"fit", in});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.left(300).constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.err.size() < 1000);  // the message quotes at most a little of the input
    }
};

QTEST_GUILESS_MAIN(TestFaultMatrix)
#include "test_fault_matrix.moc"
