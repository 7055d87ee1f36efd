#include "hubgrowth/ui/demo_notice.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace hubgrowth {

DemoNotice::DemoNotice(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("demoNotice"));
    setStyleSheet(
        QStringLiteral("#demoNotice { background: #fff4ce; border: 1px solid #e0c36c; }"));
    text_ = new QLabel();
    text_->setWordWrap(true);
    auto* fetchButton = new QPushButton(tr("Fetch…"));
    fetchButton->setObjectName(QStringLiteral("demoFetch"));
    fetchButton->setToolTip(tr("Fetch lineage from the Hugging Face Hub into a store"));
    auto* importButton = new QPushButton(tr("Import…"));
    importButton->setObjectName(QStringLiteral("demoImport"));
    importButton->setToolTip(tr("Import paper-format CSV files"));
    auto* storeButton = new QPushButton(tr("Open Store…"));
    storeButton->setObjectName(QStringLiteral("demoOpenStore"));
    storeButton->setToolTip(tr("Open a store written by a fetch"));
    connect(fetchButton, &QPushButton::clicked, this, &DemoNotice::fetchRequested);
    connect(importButton, &QPushButton::clicked, this, &DemoNotice::importRequested);
    connect(storeButton, &QPushButton::clicked, this, &DemoNotice::openStoreRequested);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(text_, 1);
    layout->addWidget(fetchButton);
    layout->addWidget(importButton);
    layout->addWidget(storeButton);
    hide();
}

void DemoNotice::setProvenance(const QString& provenance) {
    text_->setText(tr("<b>Synthetic demo data</b> — not real Hub numbers. %1 For real data: "
                      "<i>Fetch…</i> from the Hub, <i>Import…</i> the paper's CSV files or "
                      "<i>Open Store…</i> to open one you fetched")
                       .arg(provenance.toHtmlEscaped()));
}

}  // namespace hubgrowth
