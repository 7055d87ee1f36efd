#pragma once
// One as-of date for the Curve tab's time machine and the Rising tab: moving either slider
// moves the other to the same date (both offer as_of_dates.h's dates; a tab whose dates are
// not built yet is left alone, and the Rising tab starts at the Curve tab's date when it
// builds them).

namespace hubgrowth {

class ChartPanel;

// curve: the Curve tab, rising: the Rising tab (anything else, or null: nothing is linked).
void linkAsOfControls(ChartPanel* curvePanel, ChartPanel* risingPanel);

}  // namespace hubgrowth
