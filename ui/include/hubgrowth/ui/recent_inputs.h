#pragma once
// File ▸ Recent: the last inputs opened (files, folders, stores; never the demo), newest
// first, kept in the settings, and the menu that reopens them.

#include <QObject>
#include <QStringList>

class QMenu;

namespace hubgrowth {

class RecentInputs : public QObject {
    Q_OBJECT
  public:
    static constexpr int kMaxRecent = 8;

    explicit RecentInputs(QMenu* menu);

    QStringList inputs() const;
    void remember(const QString& input);
    void clear();

  signals:
    void openRequested(const QString& input);

  private:
    void rebuildMenu();

    QMenu* menu_;
};

}  // namespace hubgrowth
