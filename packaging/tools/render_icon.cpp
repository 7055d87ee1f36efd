// Build-time helper: renders the scalable application icon to a square PNG of the given size,
// so the hicolor theme gets a bitmap without committing binary files.
//   hubgrowth-render-icon IN.svg OUT.png SIZE
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTextStream>

int main(int argc, char** argv) {
    // No QGuiApplication: the icon has no text, so no platform plugin or display is needed.
    QTextStream err(stderr);
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    bool sizeOk = false;
    const int size = args.value(3).toInt(&sizeOk);
    if (args.size() != 4 || !sizeOk || size < 16 || size > 1024) {
        err << "usage: hubgrowth-render-icon IN.svg OUT.png SIZE(16..1024)\n";
        return 2;
    }
    QSvgRenderer renderer(args[1]);
    if (!renderer.isValid()) {
        err << args[1] << ": not a valid SVG\n";
        return 1;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    if (!image.save(args[2], "PNG")) {
        err << args[2] << ": cannot write\n";
        return 1;
    }
    return 0;
}
