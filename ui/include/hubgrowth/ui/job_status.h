#pragma once
// The status bar's share of the background jobs: a message, a progress bar and one Cancel
// button for whatever runs. A Hub fetch owns the line while it runs: loading and fitting
// (which a fetch starts when it ends) do not overwrite its progress meanwhile. Background work
// (the table's forecasts) never hides a notice (a failed fetch, an export) set after the last
// load, fit or fetch message.

#include <QObject>
#include <QString>

class QLabel;
class QProgressBar;
class QPushButton;
class QStatusBar;

namespace hubgrowth {

class JobStatus : public QObject {
    Q_OBJECT
  public:
    enum class Source { LoadOrFit, Fetch, Background };

    explicit JobStatus(QStatusBar* bar);

    // Shows what runs with done/total (total 0: busy without a count) and Cancel.
    void showProgress(Source source, const QString& what, int done, int total);
    // The job ended: hides the progress bar and Cancel (the message stays).
    void clear(Source source);
    // A message about a job (ignored for load or fit while a fetch owns the line).
    void showMessage(Source source, const QString& text);
    // A message that always shows (errors, exports).
    void setText(const QString& text);
    QString text() const;

  signals:
    void cancelRequested();

  private:
    bool ignored(Source source) const { return source != Source::Fetch && fetchOwnsLine_; }
    // Sets the line's text unless background work would hide a notice.
    void show(Source source, const QString& text);

    QLabel* text_;
    QProgressBar* progress_;
    QPushButton* cancel_;
    bool fetchOwnsLine_ = false;
    bool noticeHeld_ = false;  // setText since the last load, fit or fetch message
};

}  // namespace hubgrowth
