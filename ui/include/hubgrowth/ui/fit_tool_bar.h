#pragma once
// The Fit tool bar: the WSB constant m and "fit the first K months" (a visual backtest). Its
// values start from the saved settings' defaults; changed() fires on every edit by the user.

#include <QToolBar>

class QDoubleSpinBox;
class QSpinBox;

namespace hubgrowth {

class FitToolBar : public QToolBar {
    Q_OBJECT
  public:
    explicit FitToolBar(QWidget* parent = nullptr);

    double m() const;
    int firstMonths() const;  // 0: every observed month
    // Sets both without emitting changed(); K = 0 means every month.
    void setValues(double m, int firstMonths);

  signals:
    void changed();

  private:
    QDoubleSpinBox* mBox_;
    QSpinBox* firstMonthsBox_;
};

}  // namespace hubgrowth
