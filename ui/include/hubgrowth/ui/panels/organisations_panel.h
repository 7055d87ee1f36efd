#pragma once
// Organisations tab (the paper's Fig. 3): per organisation, the density (Gaussian KDE on log10,
// Silverman bandwidth) of cumulative fine-tunes 2, 6 and 12 months after a base model's creation.
// Organisations are selectable (the list holds the kListedOrganisations largest by adoption, or
// those matching the search box, and every ticked one); an optional λ range restricts the models
// (the paper: 1 ≤ λ ≤ 10).

#include <QHash>
#include <QSet>

#include "hubgrowth/ui/panels/chart_panel.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace hubgrowth {

class OrganisationsPanel : public ChartPanel {
    Q_OBJECT
  public:
    static constexpr int kMonths[3] = {2, 6, 12};
    static constexpr int kDefaultOrganisations = 6;
    static constexpr int kListedOrganisations = 200;

    OrganisationsPanel(const ModelTableModel* model, const ModelFilterProxy* filter,
                       QWidget* parent = nullptr);
    QString chartId() const override { return QStringLiteral("organisations"); }
    QString displayName() const override { return tr("Organisations"); }

    void setLambdaRange(bool enabled, double min = 1.0, double max = 10.0);
    QStringList checkedOrganisations() const;  // largest by adoption first
    // Ticks or unticks one organisation (found in the list or not).
    void setOrganisationChecked(const QString& org, bool checked);
    QLineEdit* searchBox() const { return search_; }
    QStringList listedOrganisations() const;
    // The drawn organisations and their colours: the list on the left shows the colours on
    // screen (a legend beside one plot would narrow its axis against the others'); exports
    // draw this under the plots.
    QVector<LegendEntry> sharedLegend() const override { return legend_; }

  protected:
    void refresh() override;

  private:
    void syncOrganisationList();
    void fillList();

    QLineEdit* search_;
    QListWidget* orgs_;
    QCheckBox* lambdaRange_;
    QDoubleSpinBox* lambdaMin_;
    QDoubleSpinBox* lambdaMax_;
    QLabel* summary_;
    QStringList knownOrgs_;
    QSet<QString> checked_;
    QHash<QString, int> modelsPerOrg_;
    QVector<LegendEntry> legend_;
};

}  // namespace hubgrowth
