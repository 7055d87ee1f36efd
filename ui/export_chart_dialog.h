#pragma once
// Asks where and how large to export the current chart (PNG at a scale, or SVG).

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

  private:
    void browse();
    void updateScaleEnabled();

    QLineEdit* path_;
    QSpinBox* width_;
    QSpinBox* height_;
    QComboBox* scale_;
};

}  // namespace hubgrowth
