#include "hubgrowth/ui/fetch_dialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "hubgrowth/data/hub/hub_api.h"
#include "hubgrowth/data/hub/hub_model.h"
#include "hubgrowth/data/hub/hub_settings.h"
#include "hubgrowth/data/store/hub_store.h"
#include "hubgrowth/ui/app_settings.h"

namespace hubgrowth {

namespace {

// Room left on the screen for the window manager's title bar and borders.
const QSize kWindowFrame(24, 48);

QStringList idLines(const QString& text) {
    QStringList ids;
    for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QString id = line.trimmed();
        if (!id.isEmpty() && !ids.contains(id))
            ids << id;
    }
    return ids;
}

}  // namespace

FetchDialog::FetchDialog(QWidget* parent, const QProcessEnvironment& env)
    : QDialog(parent), env_(env) {
    setWindowTitle(tr("Fetch from Hub"));
    error_ = new QLabel();
    error_->setObjectName(QStringLiteral("fetchError"));
    error_->setStyleSheet(QStringLiteral("color: #b00020;"));
    error_->setWordWrap(true);
    error_->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Fetch"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("fetchButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &FetchDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &FetchDialog::reject);

    // The choices scroll when the screen is too short for them (1024×700); the failure and
    // the buttons always show.
    auto* body = new QWidget();
    auto* bodyLayout = new QVBoxLayout(body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(buildWhat());
    bodyLayout->addWidget(buildWhere());
    bodyLayout->addWidget(buildSettings());
    auto* scroll = new QScrollArea();
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(error_);
    layout->addWidget(buttons);
    loadChoices();
    updateTokenStatus();
    const QMargins margins = layout->contentsMargins();
    QSize size(620, body->sizeHint().height() + buttons->sizeHint().height() +
                        layout->spacing() * 2 + margins.top() + margins.bottom());
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() - kWindowFrame);
    resize(size);
}

QWidget* FetchDialog::buildWhat() {
    auto* box = new QGroupBox(tr("What to fetch"));
    modeGroup_ = new QButtonGroup(this);
    auto* idsRadio = new QRadioButton(tr("&Base models (one id per line):"));
    auto* authorRadio = new QRadioButton(tr("Every original model of an &organisation:"));
    auto* topRadio = new QRadioButton(tr("The &top N original models by downloads:"));
    auto* wholeHubRadio = new QRadioButton(tr("The &whole Hub: every model, with its base models"));
    wholeHubRadio->setObjectName(QStringLiteral("fetchWholeHub"));
    modeGroup_->addButton(idsRadio, int(Mode::Ids));
    modeGroup_->addButton(authorRadio, int(Mode::Author));
    modeGroup_->addButton(topRadio, int(Mode::Top));
    modeGroup_->addButton(wholeHubRadio, int(Mode::WholeHub));
    wholeHubNote_ = new QLabel(
        tr("Pages through all of the Hub (about 2 million models: hours, the ETA shows in the "
           "status bar). Cancel keeps every whole page stored: fetching the whole Hub again "
           "resumes where it stopped."));
    wholeHubNote_->setObjectName(QStringLiteral("wholeHubNote"));
    wholeHubNote_->setWordWrap(true);
    wholeHubNote_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    wholeHubNote_->setContentsMargins(22, 0, 0, 0);  // under its radio button's text
    ids_ = new QPlainTextEdit();
    ids_->setObjectName(QStringLiteral("fetchIds"));
    ids_->setPlaceholderText(QStringLiteral("meta-llama/Llama-2-7b-hf\nmistralai/Mistral-7B-v0.1"));
    ids_->setFixedHeight(ids_->fontMetrics().lineSpacing() * 4 + 12);
    author_ = new QLineEdit();
    author_->setObjectName(QStringLiteral("fetchAuthor"));
    author_->setPlaceholderText(QStringLiteral("meta-llama"));
    top_ = new QSpinBox();
    top_->setObjectName(QStringLiteral("fetchTop"));
    top_->setRange(1, 10000);
    top_->setValue(50);

    auto* relations = new QHBoxLayout();
    relations->addWidget(new QLabel(tr("Relations:")));
    for (const QString& relation : hub::kRelations) {
        auto* check = new QCheckBox(relation);
        check->setObjectName(QStringLiteral("relation-") + relation);
        relationBoxes_ << check;
        relations->addWidget(check);
    }
    relations->addStretch(1);
    recursive_ = new QCheckBox(tr("&Recursive: also their children, to depth"));
    recursive_->setObjectName(QStringLiteral("fetchRecursive"));
    depth_ = new QSpinBox();
    depth_->setObjectName(QStringLiteral("fetchDepth"));
    depth_->setRange(2, 10);
    depth_->setValue(2);
    depth_->setEnabled(false);
    connect(recursive_, &QCheckBox::toggled, depth_, &QWidget::setEnabled);
    auto* recursion = new QHBoxLayout();
    recursion->addWidget(recursive_);
    recursion->addWidget(depth_);
    recursion->addStretch(1);

    auto* topRow = new QHBoxLayout();
    topRow->addWidget(topRadio);
    topRow->addWidget(top_);
    topRow->addStretch(1);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(idsRadio);
    layout->addWidget(ids_);
    layout->addWidget(authorRadio);
    layout->addWidget(author_);
    layout->addLayout(topRow);
    layout->addWidget(wholeHubRadio);
    layout->addWidget(wholeHubNote_);
    layout->addLayout(relations);
    layout->addLayout(recursion);
    layout->addLayout(buildUpdateChoice());
    auto enable = [this] {
        ids_->setEnabled(mode() == Mode::Ids);
        author_->setEnabled(mode() == Mode::Author);
        top_->setEnabled(mode() == Mode::Top);
        wholeHubNote_->setEnabled(mode() == Mode::WholeHub);
        // A sweep lists every generation already.
        recursive_->setEnabled(mode() != Mode::WholeHub);
        depth_->setEnabled(mode() != Mode::WholeHub && recursive_->isChecked());
    };
    connect(modeGroup_, &QButtonGroup::idToggled, this, enable);
    idsRadio->setChecked(true);
    enable();
    return box;
}

QLayout* FetchDialog::buildUpdateChoice() {
    refresh_ = new QRadioButton(tr("Re&fresh: only what is new (default)"));
    refresh_->setObjectName(QStringLiteral("fetchRefresh"));
    refresh_->setToolTip(
        tr("Lists newest first and stops at the first page the store already knows"));
    full_ = new QRadioButton(tr("F&ull re-list"));
    full_->setObjectName(QStringLiteral("fetchFull"));
    full_->setToolTip(
        tr("Lists everything again: finds models that named their base model late and records "
           "a new download snapshot of every model"));
    auto* group = new QButtonGroup(this);
    group->addButton(refresh_);
    group->addButton(full_);
    refresh_->setChecked(true);
    auto* row = new QHBoxLayout();
    row->addWidget(new QLabel(tr("Update:")));
    row->addWidget(refresh_);
    row->addWidget(full_);
    row->addStretch(1);
    return row;
}

QWidget* FetchDialog::buildWhere() {
    auto* box = new QGroupBox(tr("From where, into which store"));
    endpoint_ = new QLineEdit();
    endpoint_->setObjectName(QStringLiteral("fetchEndpoint"));
    endpoint_->setToolTip(tr("HF_ENDPOINT if set, else the Hub setting below, else %1")
                              .arg(QLatin1String(hub::kDefaultEndpoint)));
    tokenStatus_ = new QLabel();
    tokenStatus_->setObjectName(QStringLiteral("tokenStatus"));
    tokenStatus_->setWordWrap(true);
    store_ = new QLineEdit();
    store_->setObjectName(QStringLiteral("fetchStore"));
    store_->setToolTip(
        tr("The SQLite store; fetching again refreshes it or resumes where an "
           "interrupted fetch stopped"));
    auto* browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Store File"), store_->text(),
                                         tr("HubGrowth store (*.db *.sqlite);;All files (*)"),
                                         nullptr, QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty())
            store_->setText(path);
    });
    auto* storeRow = new QHBoxLayout();
    storeRow->addWidget(store_, 1);
    storeRow->addWidget(browse);
    auto* form = new QFormLayout(box);
    form->addRow(tr("&Endpoint:"), endpoint_);
    form->addRow(tr("Token:"), tokenStatus_);
    // A row holding a layout gets no buddy from QFormLayout: give the label its own.
    auto* storeLabel = new QLabel(tr("&Store file:"));
    storeLabel->setBuddy(store_);
    form->addRow(storeLabel, storeRow);
    return box;
}

QWidget* FetchDialog::buildSettings() {
    auto* box = new QGroupBox(tr("Hub settings (kept for later fetches)"));
    endpointSetting_ = new QLineEdit();
    endpointSetting_->setObjectName(QStringLiteral("endpointSetting"));
    endpointSetting_->setPlaceholderText(QLatin1String(hub::kDefaultEndpoint));
    tokenSetting_ = new QLineEdit();
    tokenSetting_->setObjectName(QStringLiteral("tokenSetting"));
    tokenSetting_->setEchoMode(QLineEdit::Password);
    // The saved token is never put back into a widget: the field only takes a new one.
    forgetToken_ = new QCheckBox(tr("Forget the saved token"));
    forgetToken_->setObjectName(QStringLiteral("forgetToken"));
    auto* save = new QPushButton(tr("Save Settings"));
    save->setObjectName(QStringLiteral("saveHubSettings"));
    connect(save, &QPushButton::clicked, this, &FetchDialog::saveHubSettings);
    auto* tokenRow = new QHBoxLayout();
    tokenRow->addWidget(tokenSetting_, 1);
    tokenRow->addWidget(forgetToken_);
    auto* form = new QFormLayout(box);
    form->addRow(tr("Default e&ndpoint:"), endpointSetting_);
    auto* tokenLabel = new QLabel(tr("Access to&ken:"));
    tokenLabel->setBuddy(tokenSetting_);
    form->addRow(tokenLabel, tokenRow);
    form->addRow(QString(), save);
    connect(tokenSetting_, &QLineEdit::textChanged, this, &FetchDialog::updateTokenStatus);
    connect(forgetToken_, &QCheckBox::toggled, this, &FetchDialog::updateTokenStatus);
    connect(endpointSetting_, &QLineEdit::textChanged, this, [this](const QString& text) {
        endpoint_->setText(hub::resolveEndpoint(env_, text).toString());
    });
    return box;
}

void FetchDialog::loadChoices() {
    const QString endpointSetting = settings::kHubEndpoint.value();
    {
        const QSignalBlocker block(endpointSetting_);
        endpointSetting_->setText(endpointSetting);
    }
    endpoint_->setText(hub::resolveEndpoint(env_, endpointSetting).toString());
    tokenSetting_->setPlaceholderText(settings::kHubToken.value().isEmpty()
                                          ? tr("none saved")
                                          : tr("a token is saved; type to replace it"));
    ids_->setPlainText(settings::kFetchIds.value().join('\n'));
    author_->setText(settings::kFetchAuthor.value());
    top_->setValue(settings::kFetchTop.value());
    const QStringList relations = settings::kFetchRelations.value();
    for (QCheckBox* box : relationBoxes_)
        box->setChecked(relations.contains(box->text()));
    recursive_->setChecked(settings::kFetchRecursive.value());
    depth_->setValue(settings::kFetchDepth.value());
    const QString store = settings::kFetchStore.value();
    store_->setText(QDir::toNativeSeparators(store.isEmpty() ? store::defaultStorePath() : store));
    setMode(Mode(settings::kFetchMode.value()));
}

void FetchDialog::saveChoices() const {
    settings::kFetchMode.set(int(mode()));
    settings::kFetchIds.set(idLines(ids_->toPlainText()));
    settings::kFetchAuthor.set(author_->text().trimmed());
    settings::kFetchTop.set(top_->value());
    settings::kFetchRelations.set(relations());
    settings::kFetchRecursive.set(recursive_->isChecked());
    settings::kFetchDepth.set(depth_->value());
    settings::kFetchStore.set(QDir::fromNativeSeparators(store_->text()));
}

void FetchDialog::saveHubSettings() {
    settings::kHubEndpoint.set(endpointSetting_->text().trimmed());
    if (forgetToken_->isChecked()) {
        settings::kHubToken.remove();
    } else if (!tokenSetting_->text().trimmed().isEmpty()) {
        settings::kHubToken.set(tokenSetting_->text().trimmed().toUtf8());
    }
    tokenSetting_->clear();
    forgetToken_->setChecked(false);
    tokenSetting_->setPlaceholderText(settings::kHubToken.value().isEmpty()
                                          ? tr("none saved")
                                          : tr("a token is saved; type to replace it"));
    updateTokenStatus();
}

QByteArray FetchDialog::tokenSetting() const {
    if (forgetToken_->isChecked())
        return {};
    const QByteArray typed = tokenSetting_->text().trimmed().toUtf8();
    return typed.isEmpty() ? settings::kHubToken.value() : typed;
}

QString FetchDialog::tokenStatus() const {
    const hub::HubToken token = hub::resolveToken(env_, tokenSetting());
    if (token.value.isEmpty())
        return tr("none: anonymous requests (gated or private models will fail)");
    if (token.source == QLatin1String("HF_TOKEN"))
        return tr("from the HF_TOKEN environment variable");
    if (token.source == QLatin1String("settings"))
        return tr("from HubGrowth's settings (below)");
    if (!env_.value(QStringLiteral("HF_TOKEN_PATH")).isEmpty())
        return tr("from the file HF_TOKEN_PATH names (%1)").arg(token.source);
    return tr("from the Hugging Face token file %1 (HF_HOME)").arg(token.source);
}

void FetchDialog::updateTokenStatus() {
    tokenStatus_->setText(tokenStatus());
}

void FetchDialog::setMode(Mode mode) {
    if (QAbstractButton* button = modeGroup_->button(int(mode)))
        button->setChecked(true);
}

FetchDialog::Mode FetchDialog::mode() const {
    return Mode(std::max(0, modeGroup_->checkedId()));
}

QStringList FetchDialog::relations() const {
    QStringList out;
    for (QCheckBox* box : relationBoxes_) {
        if (box->isChecked())
            out << box->text();
    }
    return out;
}

QString FetchDialog::validate() const {
    if (mode() == Mode::Ids) {
        const QStringList ids = idLines(ids_->toPlainText());
        if (ids.isEmpty())
            return tr("Name at least one base model (ORG/NAME, one per line).");
        for (const QString& id : ids) {
            if (!hub::isModelId(id))
                return tr("'%1' is not a model id (ORG/NAME).").arg(id);
        }
    } else if (mode() == Mode::Author && author_->text().trimmed().isEmpty()) {
        return tr("Name an organisation.");
    }
    if (relations().isEmpty())
        return tr("Choose at least one relation.");
    const QUrl endpoint = hub::resolveEndpoint(QProcessEnvironment(), endpoint_->text());
    if (!hub::isHttpUrl(endpoint))
        return tr("'%1' is not an http(s) URL.").arg(endpoint_->text());
    if (store_->text().trimmed().isEmpty())
        return tr("Name a store file.");
    return {};
}

FetchRequest FetchDialog::request() const {
    FetchRequest request;
    switch (mode()) {
        case Mode::Ids:
            request.plan.ids = idLines(ids_->toPlainText());
            break;
        case Mode::Author:
            request.plan.author = author_->text().trimmed();
            break;
        case Mode::Top:
            request.plan.top = top_->value();
            break;
        case Mode::WholeHub:
            request.wholeHub = true;
            break;
    }
    request.plan.relations = relations();
    request.plan.depth = recursive_->isChecked() && !request.wholeHub ? depth_->value() : 1;
    request.plan.full = full_->isChecked();
    request.client.endpoint = hub::resolveEndpoint(QProcessEnvironment(), endpoint_->text());
    request.client.token = hub::resolveToken(env_, tokenSetting()).value;
    request.storePath = QDir::fromNativeSeparators(store_->text().trimmed());
    return request;
}

void FetchDialog::showFailure(const QString& text) {
    error_->setText(text);
    error_->setVisible(!text.isEmpty());
}

QString FetchDialog::errorText() const {
    return error_->isVisible() ? error_->text() : QString();
}

void FetchDialog::accept() {
    const QString problem = validate();
    error_->setText(problem);
    error_->setVisible(!problem.isEmpty());
    if (!problem.isEmpty())
        return;
    saveChoices();
    saveHubSettings();
    QDialog::accept();
}

QString fetchSummaryText(const hub::FetchSummary& s) {
    QStringList byRelation;
    for (const auto& [relation, n] : s.childrenByRelation)
        byRelation << QStringLiteral("%1 %2").arg(relation).arg(n);
    QString text =
        FetchDialog::tr("%1 %2 of %3 models fetched: %4 children%5, %6 pages, %7 requests in %8 s.")
            .arg(s.cancelled ? FetchDialog::tr("Fetch cancelled (what was stored is kept; fetch "
                                               "again to resume):")
                             : FetchDialog::tr("Fetch finished:"))
            .arg(s.modelsFetched)
            .arg(s.bases.size())
            .arg(s.childrenTotal())
            .arg(byRelation.isEmpty() ? QString()
                                      : QStringLiteral(" (%1)").arg(byRelation.join(", ")))
            .arg(s.pages)
            .arg(s.requests)
            .arg(double(s.elapsedMs) / 1000.0, 0, 'f', 1);
    if (!s.failures.empty())
        text += QLatin1Char(' ') + fetchFailuresText(s);
    return text;
}

QString fetchFailuresText(const hub::FetchSummary& s) {
    QStringList failed;
    for (const hub::FetchFailure& f : s.failures)
        failed << QStringLiteral("%1: %2").arg(f.model, f.reason);
    return failed.isEmpty() ? QString()
                            : FetchDialog::tr("Failed:") + QLatin1Char(' ') +
                                  failed.join(QStringLiteral("; ")) + QLatin1Char('.');
}

}  // namespace hubgrowth
