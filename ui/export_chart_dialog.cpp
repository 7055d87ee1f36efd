#include "export_chart_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace hubgrowth {

ExportChartDialog::ExportChartDialog(const QString& suggestedPath, const QSize& size,
                                     QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Export Chart"));
    path_ = new QLineEdit(suggestedPath);
    auto* browse = new QPushButton(tr("&Browse…"));
    auto* pathRow = new QHBoxLayout();
    pathRow->addWidget(path_, 1);
    pathRow->addWidget(browse);
    width_ = new QSpinBox();
    height_ = new QSpinBox();
    for (QSpinBox* box : {width_, height_}) {
        box->setRange(50, 20000);
        box->setSuffix(tr(" px"));
    }
    width_->setValue(size.width());
    height_->setValue(size.height());
    auto* sizeRow = new QHBoxLayout();
    sizeRow->addWidget(width_);
    sizeRow->addWidget(new QLabel(QStringLiteral("×")));
    sizeRow->addWidget(height_);
    scale_ = new QComboBox();
    for (int s : {1, 2, 3, 4})
        scale_->addItem(tr("%1×").arg(s), s);
    scale_->setCurrentIndex(1);
    scale_->setToolTip(tr("PNG pixels per chart pixel; 2× suits hi-DPI screens and print"));

    auto* form = new QFormLayout();
    form->addRow(tr("&File (.png or .svg):"), pathRow);
    form->addRow(tr("Chart &size:"), sizeRow);
    form->addRow(tr("PNG s&cale:"), scale_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ExportChartDialog::browse);
    connect(path_, &QLineEdit::textChanged, this, &ExportChartDialog::updateScaleEnabled);
    updateScaleEnabled();
}

QString ExportChartDialog::path() const {
    return path_->text().trimmed();
}
QSize ExportChartDialog::pixelSize() const {
    return QSize(width_->value(), height_->value());
}
qreal ExportChartDialog::scale() const {
    return scale_->currentData().toReal();
}

void ExportChartDialog::browse() {
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export Chart"), path(), tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (!chosen.isEmpty())
        path_->setText(chosen);
}

void ExportChartDialog::updateScaleEnabled() {
    scale_->setEnabled(!path().endsWith(QLatin1String(".svg"), Qt::CaseInsensitive));
}

}  // namespace hubgrowth
