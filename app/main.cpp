// hubgrowth: with a verb it runs headless (see cli.h); otherwise it opens the workbench.
#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <memory>

#include "hubgrowth/cli/cli.h"
#include "hubgrowth/ui/main_window.h"

int main(int argc, char** argv) {
    QCoreApplication::setOrganizationName(QStringLiteral("HubGrowth"));
    QCoreApplication::setApplicationName(QStringLiteral("HubGrowth"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HUBGROWTH_VERSION));

    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (hubgrowth::cli::isGuiVerbInvocation(args)) {
        // Charts are widgets: a QApplication, but never a window, so no display is needed.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        return hubgrowth::cli::runExportChart(args);
    }
    if (hubgrowth::cli::isHeadlessInvocation(args)) {
        QCoreApplication app(argc, argv);
        return hubgrowth::cli::run(args);
    }

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("HubGrowth"));
    // Matches the installed desktop entry and icon (packaging/), so shells group the window.
    QGuiApplication::setDesktopFileName(QStringLiteral(HUBGROWTH_APP_ID));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral(HUBGROWTH_APP_ID)));
    hubgrowth::MainWindow window;
    // An input on the command line wins over the last session's dataset.
    window.restoreSession(args.mid(1));
    window.show();
    return app.exec();
}
