#pragma once
// A non-modal message strip above the charts: errors and warnings stay until dismissed, never
// block the window. Repeated messages are counted instead of stacked.

#include <QFrame>

class QLabel;
class QToolButton;

namespace hubgrowth {

class MessageBar : public QFrame {
    Q_OBJECT
  public:
    enum class Level { Info, Warning, Error };
    explicit MessageBar(QWidget* parent = nullptr);

    void showMessage(const QString& text, Level level = Level::Error);
    QString text() const;
    void dismiss();

  private:
    QLabel* label_;
    QToolButton* close_;
    QString last_;
    int repeats_ = 0;
};

}  // namespace hubgrowth
