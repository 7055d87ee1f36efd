#include "hubgrowth/ui/fit_tool_bar.h"

#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>

#include "hubgrowth/ui/app_settings.h"

namespace hubgrowth {

namespace {
constexpr int kAllMonths = 2;  // the K spin box's "all months" value (K < 3 cannot be fitted)
}

FitToolBar::FitToolBar(QWidget* parent) : QToolBar(tr("Fit"), parent) {
    setObjectName(QStringLiteral("fitToolBar"));
    setMovable(false);
    mBox_ = new QDoubleSpinBox();
    mBox_->setRange(1.0, 100000.0);
    mBox_->setDecimals(1);
    mBox_->setValue(settings::kFitM.defaultValue());
    mBox_->setToolTip(tr("The WSB constant m (the paper uses m = 100); changing it re-fits"));
    firstMonthsBox_ = new QSpinBox();
    firstMonthsBox_->setRange(kAllMonths, 120);
    firstMonthsBox_->setSpecialValueText(tr("all months"));
    firstMonthsBox_->setValue(kAllMonths);
    firstMonthsBox_->setToolTip(
        tr("Fit only the first K months of every series (a visual "
           "backtest: later months are drawn hollow on the Curve tab)"));
    auto* mLabel = new QLabel(tr(" WSB constant &m: "));
    mLabel->setBuddy(mBox_);
    auto* kLabel = new QLabel(tr("  Fit the first &K months: "));
    kLabel->setBuddy(firstMonthsBox_);
    addWidget(mLabel);
    addWidget(mBox_);
    addWidget(kLabel);
    addWidget(firstMonthsBox_);
    connect(mBox_, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &FitToolBar::changed);
    connect(firstMonthsBox_, qOverload<int>(&QSpinBox::valueChanged), this, &FitToolBar::changed);
}

double FitToolBar::m() const {
    return mBox_->value();
}

int FitToolBar::firstMonths() const {
    return firstMonthsBox_->value() == kAllMonths ? 0 : firstMonthsBox_->value();
}

void FitToolBar::setValues(double m, int firstMonths) {
    const QSignalBlocker a(mBox_), b(firstMonthsBox_);
    mBox_->setValue(m);
    firstMonthsBox_->setValue(firstMonths >= 3 ? firstMonths : kAllMonths);
}

}  // namespace hubgrowth
