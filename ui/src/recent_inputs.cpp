#include "hubgrowth/ui/recent_inputs.h"

#include <QDir>
#include <QMenu>

#include "hubgrowth/data/dataset_loader.h"
#include "hubgrowth/ui/app_settings.h"

namespace hubgrowth {

RecentInputs::RecentInputs(QMenu* menu) : QObject(menu), menu_(menu) {
    rebuildMenu();
}

QStringList RecentInputs::inputs() const {
    return settings::kRecentInputs.value();
}

void RecentInputs::remember(const QString& input) {
    if (input == QLatin1String(kDemoInput))
        return;
    QStringList recent = inputs();
    recent.removeAll(input);
    recent.prepend(input);
    settings::kRecentInputs.set(recent.mid(0, kMaxRecent));
    rebuildMenu();
}

void RecentInputs::clear() {
    settings::kRecentInputs.remove();
    rebuildMenu();
}

void RecentInputs::rebuildMenu() {
    menu_->clear();
    const QStringList recent = inputs();
    for (const QString& input : recent) {
        menu_->addAction(QDir::toNativeSeparators(input), this,
                         [this, input] { emit openRequested(input); });
    }
    if (recent.isEmpty())
        menu_->addAction(tr("(none yet)"))->setEnabled(false);
    menu_->addSeparator();
    menu_->addAction(tr("&Clear"), this, &RecentInputs::clear);
}

}  // namespace hubgrowth
