#pragma once
// Helpers shared by the GUI tests.

#include <QFile>
#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <cmath>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/ui/main_window.h"

namespace hubgrowth::testing {

// Keeps the tests' QSettings out of the user's configuration.
inline void isolateSettings(const QTemporaryDir& dir) {
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
}

// Opens input in the window and waits until it is loaded (its fit has just started); false on
// timeout.
inline bool openAndLoad(MainWindow& window, const QString& input) {
    QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
    window.openInput(input);
    return loaded.wait(60000);
}

// Opens input and waits until its fit finished; false on timeout.
inline bool openAndFit(MainWindow& window, const QString& input) {
    QSignalSpy fitted(&window, &MainWindow::fittingFinished);
    window.openInput(input);
    return fitted.wait(120000);
}

// Writes `models` synthetic series as a paper CSV in dir (the load and fit tests' input).
inline QString writeSyntheticCsv(const QTemporaryDir& dir, int models, std::uint64_t seed = 99) {
    DemoOptions options;
    options.baseModels = models;
    options.seed = seed;
    const QString path = dir.filePath(QStringLiteral("synthetic-%1.csv").arg(models));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QByteArray::fromStdString(demoDatasetToPaperCsv(generateDemoDataset(options))));
    return path;
}

// Standard deviation of the grey levels: about 0 for a blank image.
inline double pixelSpread(const QImage& image) {
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    double sum = 0.0, sumSq = 0.0;
    const double n = double(grey.width()) * grey.height();
    for (int y = 0; y < grey.height(); ++y) {
        const uchar* line = grey.constScanLine(y);
        for (int x = 0; x < grey.width(); ++x) {
            sum += line[x];
            sumSq += double(line[x]) * line[x];
        }
    }
    const double mean = sum / n;
    return std::sqrt(std::max(0.0, sumSq / n - mean * mean));
}

}  // namespace hubgrowth::testing
