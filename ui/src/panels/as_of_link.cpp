#include "hubgrowth/ui/panels/as_of_link.h"

#include "hubgrowth/ui/panels/curve_panel.h"
#include "hubgrowth/ui/panels/curve_time_machine.h"
#include "hubgrowth/ui/panels/rising_panel.h"

namespace hubgrowth {

void linkAsOfControls(ChartPanel* curvePanel, ChartPanel* risingPanel) {
    auto* curve = qobject_cast<CurvePanel*>(curvePanel);
    auto* rising = qobject_cast<RisingPanel*>(risingPanel);
    if (!curve || !rising)
        return;
    CurveTimeMachine* machine = curve->timeMachine();
    // Each side moves only when the date differs, so the two signals do not echo forever.
    auto follow = [machine, rising] {
        if (machine->dates().isEmpty())
            return;
        const std::int64_t date = machine->asOf().value_or(machine->dates().back());
        const int index = int(rising->asOfDates().indexOf(date));
        if (index >= 0 && index != rising->asOfIndex())
            rising->setAsOfIndex(index);
    };
    QObject::connect(machine, &CurveTimeMachine::asOfChanged, rising, follow);
    // The Rising tab builds its dates when first shown: it starts at the Curve tab's date.
    QObject::connect(rising, &RisingPanel::datesRebuilt, rising, follow);
    QObject::connect(rising, &RisingPanel::asOfIndexChanged, machine, [machine, rising] {
        const int index = int(machine->dates().indexOf(rising->asOf()));
        if (index >= 0 && index != machine->asOfIndex())
            machine->setAsOfIndex(index);
    });
}

}  // namespace hubgrowth
