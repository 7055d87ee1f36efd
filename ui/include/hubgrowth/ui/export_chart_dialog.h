#pragma once
// Asks where and how large to export the current chart (PNG at a scale, SVG, or the data it
// draws as CSV). It starts in the folder of the last export.

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace hubgrowth {

class ExportChartDialog : public QDialog {
    Q_OBJECT
  public:
    ExportChartDialog(const QString& suggestedPath, const QSize& size, QWidget* parent = nullptr);
    QString path() const;
    QSize pixelSize() const;
    qreal scale() const;
    // The folder the next dialog starts in; accept() remembers the chosen file's folder.
    static QString lastFolder();
    void accept() override;

  private:
    void browse();
    void updateScaleEnabled();

    QLineEdit* path_;
    QSpinBox* width_;
    QSpinBox* height_;
    QComboBox* scale_;
};

}  // namespace hubgrowth
