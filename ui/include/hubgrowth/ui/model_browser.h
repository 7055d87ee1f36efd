#pragma once
// The workbench's left side: the model table (sortable, multi-select) with its search box, the
// organisation, minimum-count and fit-quality filters and a "shown of total" line.

#include <QVector>
#include <QWidget>
#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;

namespace hubgrowth {

class ModelFilterProxy;
class ModelTableModel;

class ModelBrowser : public QWidget {
    Q_OBJECT
  public:
    ModelBrowser(ModelTableModel* model, ModelFilterProxy* proxy, QWidget* parent = nullptr);

    QTableView* table() const { return table_; }
    // The selected models' source rows, the current one first.
    QVector<int> selectedSourceRows() const;
    void selectSourceRow(int sourceRow);
    // Selects the model, clearing the filters when they hide it; false for an unknown id.
    bool selectModel(const QString& id);
    void focusSearch();
    void clearFilters();
    // After a load: the search cleared, the organisation list (keeping the chosen one when it is
    // still there) and column widths sized to the new rows.
    void datasetChanged();
    // The fit columns were sized while empty (at load): widen them to their numbers once the
    // fits are in, never narrowing what the user or the header already made wider.
    void widenFitColumns();
    void updateSummary();

    QLineEdit* searchBox() const { return search_; }
    // The organisation filter: "All organisations", then the kListedOrganisations largest by
    // adoption; any other is found by typing (a completer over all of them) and then listed.
    static constexpr int kListedOrganisations = 100;
    QComboBox* organisationFilter() const { return orgFilter_; }
    // Shows one organisation's models (empty: all); false when the dataset has none such.
    bool chooseOrganisation(const QString& org);

  signals:
    void selectionChanged();

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void filterKeepingACurrentModel(const std::function<void()>& changeFilter);
    void selectProxyRow(int row);
    void capModelColumn();
    void fillOrganisations(const QString& keep);

    ModelTableModel* model_;
    ModelFilterProxy* proxy_;
    QLineEdit* search_;
    QComboBox* orgFilter_;
    QSpinBox* minCount_;
    QComboBox* quality_;
    QTableView* table_;
    QLabel* summary_;
    bool sizingModelColumn_ = false;     // the browser itself is setting the width
    bool userSizedModelColumn_ = false;  // the user dragged the Model column's edge
};

}  // namespace hubgrowth
