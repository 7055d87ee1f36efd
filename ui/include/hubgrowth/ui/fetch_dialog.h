#pragma once
// File ▸ Fetch from Hub…: what to fetch (base ids, an organisation, the top N by downloads or
// the whole Hub), which relations, how deep, refresh or full re-list, from which endpoint into
// which store; the token's status (where it comes from, never its value) and the Hub settings
// (endpoint, token) kept in QSettings under hub/endpoint and hub/token. The fetch itself runs
// elsewhere (data/hub_fetch_runner.h).

#include <QDialog>
#include <QProcessEnvironment>

#include "hubgrowth/data/hub_fetch_runner.h"

class QButtonGroup;
class QCheckBox;
class QLabel;
class QLineEdit;
class QLayout;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;

namespace hubgrowth {

class FetchDialog : public QDialog {
    Q_OBJECT
  public:
    enum class Mode { Ids, Author, Top, WholeHub };

    explicit FetchDialog(QWidget* parent = nullptr,
                         const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());

    // The fetch as filled in, with the endpoint and token resolved; valid after accept().
    FetchRequest request() const;
    // Empty when the form can be fetched; else what to fix.
    QString validate() const;
    // Where the token would come from, in words (never the token).
    QString tokenStatus() const;

    // A fetch of this dialog failed: says so, and why, above the buttons.
    void showFailure(const QString& text);
    QString errorText() const;

    void setMode(Mode mode);
    void saveHubSettings();  // hub/endpoint and hub/token (when a new one was typed)

  public slots:
    void accept() override;

  private:
    QWidget* buildWhat();
    QLayout* buildUpdateChoice();  // Refresh / Full re-list
    QWidget* buildWhere();
    QWidget* buildSettings();
    void loadChoices();
    void saveChoices() const;
    void updateTokenStatus();
    Mode mode() const;
    QStringList relations() const;
    QByteArray tokenSetting() const;  // the typed one, else the saved one

    QProcessEnvironment env_;
    QButtonGroup* modeGroup_;
    QPlainTextEdit* ids_;
    QLineEdit* author_;
    QSpinBox* top_;
    QList<QCheckBox*> relationBoxes_;
    QCheckBox* recursive_;
    QSpinBox* depth_;
    QLabel* wholeHubNote_;
    QRadioButton* refresh_;
    QRadioButton* full_;
    QLineEdit* endpoint_;
    QLabel* tokenStatus_;
    QLineEdit* store_;
    QLineEdit* endpointSetting_;
    QLineEdit* tokenSetting_;
    QCheckBox* forgetToken_;
    QLabel* error_;
};

// One line on what a fetch did: models, children by relation, pages, requests, time, and
// which models failed and why.
QString fetchSummaryText(const hub::FetchSummary& summary);
// "Failed: MODEL: why; …." (empty when nothing failed).
QString fetchFailuresText(const hub::FetchSummary& summary);

}  // namespace hubgrowth
