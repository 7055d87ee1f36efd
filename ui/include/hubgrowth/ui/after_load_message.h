#pragma once
// A message that waits for the next load to end (a fetch's summary, "Counting … children"),
// then goes to the message bar together with what the load reports: its warnings when it
// succeeded, its error when it failed. Shown once.

#include <QString>
#include <QStringList>

#include "hubgrowth/ui/message_bar.h"

namespace hubgrowth {

class AfterLoadMessage {
  public:
    void set(const QString& text, MessageBar::Level level);
    void clear() { text_.clear(); }

    // The load succeeded: the waiting message (if any) and the load's warnings; without
    // either the bar is dismissed.
    void showLoaded(MessageBar* bar, const QStringList& warnings);
    // The load failed: the waiting message, with the load's error, as an error.
    void showFailed(MessageBar* bar, const QString& error);

  private:
    QString text_;
    MessageBar::Level level_ = MessageBar::Level::Info;
};

}  // namespace hubgrowth
