#include "hubgrowth/ui/panels/panel_factory.h"

#include "hubgrowth/ui/panels/cohorts_panel.h"
#include "hubgrowth/ui/panels/concentration_panel.h"
#include "hubgrowth/ui/panels/curve_panel.h"
#include "hubgrowth/ui/panels/downloads_panel.h"
#include "hubgrowth/ui/panels/forecast_table_panel.h"
#include "hubgrowth/ui/panels/organisations_panel.h"
#include "hubgrowth/ui/panels/parameters_panel.h"
#include "hubgrowth/ui/panels/rising_panel.h"
#include "hubgrowth/ui/panels/successors_panel.h"

namespace hubgrowth {

QStringList chartPanelIds() {
    return {QStringLiteral("curve"), QStringLiteral("parameters"), QStringLiteral("organisations"),
            QStringLiteral("cohorts"), QStringLiteral("concentration")};
}

QStringList workbenchTabIds() {
    // New tabs go last: the others keep their shortcuts and saved tab index.
    return chartPanelIds() << QStringLiteral("successors") << QStringLiteral("rising")
                           << QStringLiteral("forecast-table") << QStringLiteral("downloads");
}

std::unique_ptr<ChartPanel> createChartPanel(const QString& id, const ModelTableModel* model,
                                             const ModelFilterProxy* filter) {
    if (id == QLatin1String("curve"))
        return std::make_unique<CurvePanel>(model, filter);
    if (id == QLatin1String("parameters"))
        return std::make_unique<ParametersPanel>(model, filter);
    if (id == QLatin1String("organisations"))
        return std::make_unique<OrganisationsPanel>(model, filter);
    if (id == QLatin1String("cohorts"))
        return std::make_unique<CohortsPanel>(model, filter);
    if (id == QLatin1String("concentration"))
        return std::make_unique<ConcentrationPanel>(model, filter);
    if (id == QLatin1String("forecast-table"))
        return std::make_unique<ForecastTablePanel>(model, filter);
    if (id == QLatin1String("successors"))
        return std::make_unique<SuccessorsPanel>(model, filter);
    if (id == QLatin1String("downloads"))
        return std::make_unique<DownloadsPanel>(model, filter);
    if (id == QLatin1String("rising"))
        return std::make_unique<RisingPanel>(model, filter);
    return nullptr;
}

}  // namespace hubgrowth
