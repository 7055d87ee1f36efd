#include "hubgrowth/ui/after_load_message.h"

#include <QCoreApplication>

namespace hubgrowth {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("hubgrowth::AfterLoadMessage", text);
}
}  // namespace

void AfterLoadMessage::set(const QString& text, MessageBar::Level level) {
    text_ = text;
    level_ = level;
}

void AfterLoadMessage::showLoaded(MessageBar* bar, const QStringList& warnings) {
    if (!text_.isEmpty()) {
        bar->showMessage(
            warnings.isEmpty() ? text_
                               : tr("%1 %2 warning(s) while loading: %3")
                                     .arg(text_)
                                     .arg(warnings.size())
                                     .arg(warnings.mid(0, 3).join(QStringLiteral("; "))),
            warnings.isEmpty() || level_ != MessageBar::Level::Info ? level_
                                                                    : MessageBar::Level::Warning);
        text_.clear();
    } else if (!warnings.isEmpty()) {
        bar->showMessage(tr("%1 warning(s) while loading: %2")
                             .arg(warnings.size())
                             .arg(warnings.mid(0, 3).join(QStringLiteral("; "))),
                         MessageBar::Level::Warning);
    } else {
        bar->dismiss();
    }
}

void AfterLoadMessage::showFailed(MessageBar* bar, const QString& error) {
    if (!text_.isEmpty())
        bar->showMessage(text_ + QLatin1Char(' ') + error, MessageBar::Level::Error);
    text_.clear();
}

}  // namespace hubgrowth
