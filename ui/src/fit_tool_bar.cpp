#include "hubgrowth/ui/fit_tool_bar.h"

#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>
#include <QValidator>
#include <algorithm>

#include "hubgrowth/ui/app_settings.h"

namespace hubgrowth {

namespace {

constexpr int kAllMonths = 0;  // the K spin box's "all months" value

// K in months, 0 shown as "all months"; typing "all" (any case, any prefix of "all months")
// means every month too, as does 0.
class MonthsSpinBox final : public QSpinBox {
  public:
    using QSpinBox::QSpinBox;

  protected:
    QValidator::State validate(QString& input, int& pos) const override {
        const QString typed = input.trimmed();
        if (!typed.isEmpty() && specialValueText().startsWith(typed, Qt::CaseInsensitive))
            return typed.size() >= 3 ? QValidator::Acceptable : QValidator::Intermediate;
        return QSpinBox::validate(input, pos);
    }
    int valueFromText(const QString& text) const override {
        const QString typed = text.trimmed();
        if (typed.size() >= 3 && specialValueText().startsWith(typed, Qt::CaseInsensitive))
            return kAllMonths;
        return QSpinBox::valueFromText(text);
    }
};

}  // namespace

FitToolBar::FitToolBar(QWidget* parent) : QToolBar(tr("Fit"), parent) {
    setObjectName(QStringLiteral("fitToolBar"));
    setMovable(false);
    mBox_ = new QDoubleSpinBox();
    mBox_->setRange(1.0, 100000.0);
    mBox_->setDecimals(1);
    mBox_->setValue(settings::kFitM.defaultValue());
    mBox_->setToolTip(tr("The WSB constant m (the paper uses m = 100); changing it re-fits"));
    firstMonthsBox_ = new MonthsSpinBox();
    firstMonthsBox_->setObjectName(QStringLiteral("firstMonths"));
    firstMonthsBox_->setRange(kAllMonths, 120);
    firstMonthsBox_->setSpecialValueText(tr("all months"));
    firstMonthsBox_->setValue(kAllMonths);
    firstMonthsBox_->setToolTip(
        tr("Fit only the first K months of every series (a visual backtest: later months are "
           "drawn hollow on the Curve tab and scored against the forecast's bands). 0 or "
           "\"all\": every month. Fewer than 3 months cannot be fitted; the forecast then says "
           "why."));
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
    return firstMonthsBox_->value();
}

void FitToolBar::setValues(double m, int firstMonths) {
    const QSignalBlocker a(mBox_), b(firstMonthsBox_);
    mBox_->setValue(m);
    firstMonthsBox_->setValue(std::max(firstMonths, kAllMonths));
}

}  // namespace hubgrowth
