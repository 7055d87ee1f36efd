#include "hubgrowth/ui/message_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace hubgrowth {

MessageBar::MessageBar(QWidget* parent) : QFrame(parent) {
    label_ = new QLabel();
    label_->setWordWrap(true);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    close_ = new QToolButton();
    close_->setText(QStringLiteral("✕"));
    close_->setToolTip(tr("Dismiss"));
    close_->setAutoRaise(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(label_, 1);
    layout->addWidget(close_);
    connect(close_, &QToolButton::clicked, this, &MessageBar::dismiss);
    hide();
}

void MessageBar::showMessage(const QString& text, Level level) {
    repeats_ = text == last_ && !isHidden() ? repeats_ + 1 : 1;
    last_ = text;
    label_->setText(repeats_ > 1 ? tr("%1 (×%2)").arg(text).arg(repeats_) : text);
    const char* style =
        level == Level::Error
            ? "hubgrowth--MessageBar { background: #fde2e1; border: 1px solid #e8a19d; }"
        : level == Level::Warning
            ? "hubgrowth--MessageBar { background: #fff4ce; border: 1px solid #e0c36c; }"
            : "hubgrowth--MessageBar { background: #e5f1fb; border: 1px solid #9cc3e5; }";
    setStyleSheet(QString::fromLatin1(style));
    show();
}

QString MessageBar::text() const {
    return isHidden() ? QString() : last_;
}

void MessageBar::dismiss() {
    last_.clear();
    repeats_ = 0;
    hide();
}

}  // namespace hubgrowth
