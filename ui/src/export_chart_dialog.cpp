#include "hubgrowth/ui/export_chart_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace hubgrowth {

ExportChartDialog::ExportChartDialog(const QString& suggestedPath, const QSize& size,
                                     QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Export Chart"));
    QString start = suggestedPath;
    const QString folder = lastFolder();
    if (!folder.isEmpty() && QFileInfo(folder).isDir())
        start = QDir(folder).filePath(QFileInfo(suggestedPath).fileName());
    path_ = new QLineEdit(QDir::toNativeSeparators(start));
    // Wide enough to read a path in a home folder.
    path_->setMinimumWidth(path_->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 60);
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

    // Labels of layouts get no buddy from QFormLayout, so an "&" would be shown literally.
    auto label = [](const QString& text, QWidget* buddy) {
        auto* l = new QLabel(text);
        l->setBuddy(buddy);
        return l;
    };
    auto* form = new QFormLayout();
    form->addRow(label(tr("&File (.png, .svg or .csv):"), path_), pathRow);
    form->addRow(label(tr("Chart &size:"), width_), sizeRow);
    form->addRow(label(tr("PNG s&cale:"), scale_), scale_);
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
    return QDir::fromNativeSeparators(path_->text().trimmed());
}
QSize ExportChartDialog::pixelSize() const {
    return QSize(width_->value(), height_->value());
}
qreal ExportChartDialog::scale() const {
    return scale_->currentData().toReal();
}

void ExportChartDialog::browse() {
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export Chart"), path(),
        tr("PNG image (*.png);;SVG drawing (*.svg);;Chart data as CSV (*.csv)"));
    if (!chosen.isEmpty())
        path_->setText(chosen);
}

void ExportChartDialog::updateScaleEnabled() {
    const bool png = !path().endsWith(QLatin1String(".svg"), Qt::CaseInsensitive) &&
                     !path().endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
    scale_->setEnabled(png);
    const bool picture = !path().endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
    width_->setEnabled(picture);
    height_->setEnabled(picture);
}

QString ExportChartDialog::lastFolder() {
    return QSettings().value(QStringLiteral("export/lastFolder")).toString();
}

void ExportChartDialog::accept() {
    if (!path().isEmpty())
        QSettings().setValue(QStringLiteral("export/lastFolder"),
                             QFileInfo(QDir::fromNativeSeparators(path())).absolutePath());
    QDialog::accept();
}

}  // namespace hubgrowth
