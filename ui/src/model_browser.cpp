#include "hubgrowth/ui/model_browser.h"

#include <algorithm>

#include <QComboBox>
#include <QCompleter>
#include <QGridLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStringListModel>
#include <QTableView>
#include <QVBoxLayout>

#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"

namespace hubgrowth {

ModelBrowser::ModelBrowser(ModelTableModel* model, ModelFilterProxy* proxy, QWidget* parent)
    : QWidget(parent), model_(model), proxy_(proxy) {
    search_ = new QLineEdit();
    search_->setPlaceholderText(tr("Search models (Ctrl+F)"));
    search_->setClearButtonEnabled(true);
    orgFilter_ = new QComboBox();
    orgFilter_->addItem(tr("All organisations"), QString());
    // Thousands of authors on a whole-Hub store: the list holds the largest, typing finds any.
    orgFilter_->setEditable(true);
    orgFilter_->setInsertPolicy(QComboBox::NoInsert);
    auto* completer = new QCompleter(new QStringListModel(this), orgFilter_);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    orgFilter_->setCompleter(completer);
    connect(completer, qOverload<const QString&>(&QCompleter::activated), this,
            [this](const QString& org) { chooseOrganisation(org); });
    connect(orgFilter_->lineEdit(), &QLineEdit::editingFinished, this, [this] {
        const QString typed = orgFilter_->currentText().trimmed();
        if (typed.isEmpty() || !chooseOrganisation(typed)) {
            // Nothing such: back to the current choice's name.
            const QSignalBlocker block(orgFilter_);
            orgFilter_->setEditText(orgFilter_->itemText(orgFilter_->currentIndex()));
        }
    });
    minCount_ = new QSpinBox();
    minCount_->setRange(0, 1000000);
    minCount_->setPrefix(tr("≥ "));
    minCount_->setToolTip(tr("Minimum fine-tunes at the last observed month"));
    quality_ = new QComboBox();
    quality_->setToolTip(tr("Filter by fit quality (good: converged with R² ≥ 0.9)"));
    quality_->addItem(tr("Any fit"), int(ModelFilterProxy::Quality::Any));
    quality_->addItem(tr("Good fits"), int(ModelFilterProxy::Quality::Good));
    quality_->addItem(tr("Poor fits"), int(ModelFilterProxy::Quality::Poor));
    quality_->addItem(tr("Fitted"), int(ModelFilterProxy::Quality::Fitted));
    quality_->addItem(tr("Not fitted"), int(ModelFilterProxy::Quality::Unfitted));

    // The filters may shrink below their longest entry: with the widest tab beside it the
    // window must still fit a 1024-pixel screen.
    for (QComboBox* combo : {orgFilter_, quality_}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(6);
    }

    table_ = new QTableView();
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(ModelTableModel::LastCount, Qt::DescendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // Size columns from a sample of rows: measuring all of 20k rows stalls the window.
    table_->horizontalHeader()->setResizeContentsPrecision(300);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    // Long ids keep their organisation and their suffix (size, variant): "org/Na…-7B-Chat".
    table_->setTextElideMode(Qt::ElideMiddle);
    table_->setToolTip(
        tr("Up/Down moves the selection and every chart follows; Ctrl/Shift-click "
           "selects several models to overlay on the Curve tab"));
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ModelBrowser::selectionChanged);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ModelBrowser::selectionChanged);

    summary_ = new QLabel();
    // Two rows: one row of three filters made the browser too wide for a 1024-pixel screen.
    auto* filters = new QGridLayout();
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addWidget(orgFilter_, 0, 0, 1, 2);
    filters->addWidget(minCount_, 1, 0);
    filters->addWidget(quality_, 1, 1);
    filters->setColumnStretch(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(search_);
    layout->addLayout(filters);
    layout->addWidget(table_, 1);
    layout->addWidget(summary_);

    // Each filter change keeps a model on the charts: when it hides the current model, the
    // first match becomes current instead of an empty chart.
    connect(search_, &QLineEdit::textChanged, this, [this](const QString& text) {
        filterKeepingACurrentModel([&] { proxy_->setSearchText(text); });
    });
    connect(orgFilter_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        filterKeepingACurrentModel(
            [this] { proxy_->setOrganisation(orgFilter_->currentData().toString()); });
    });
    connect(minCount_, qOverload<int>(&QSpinBox::valueChanged), this,
            [this](int v) { filterKeepingACurrentModel([&] { proxy_->setMinimumCount(v); }); });
    connect(quality_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        filterKeepingACurrentModel([this] {
            proxy_->setQuality(ModelFilterProxy::Quality(quality_->currentData().toInt()));
        });
    });
    search_->installEventFilter(this);
    table_->viewport()->installEventFilter(this);
    connect(table_->horizontalHeader(), &QHeaderView::sectionResized, this,
            [this](int column, int, int) {
                if (column == ModelTableModel::Model && !sizingModelColumn_)
                    userSizedModelColumn_ = true;
            });
}

void ModelBrowser::capModelColumn() {
    // On a narrow browser (a 1024-pixel screen) the Model column alone filled the table: keep
    // room for the organisation and the counts unless the user widened it.
    if (userSizedModelColumn_)
        return;
    const int cap = std::max(120, table_->viewport()->width() * 11 / 20);
    if (table_->columnWidth(ModelTableModel::Model) <= cap)
        return;
    sizingModelColumn_ = true;
    table_->setColumnWidth(ModelTableModel::Model, cap);
    sizingModelColumn_ = false;
}

void ModelBrowser::filterKeepingACurrentModel(const std::function<void()>& changeFilter) {
    // The selection model moves the current index to a neighbour of a removed row but leaves
    // it unselected: the charts would go empty.
    const bool hadModel = !selectedSourceRows().isEmpty();
    changeFilter();
    if (hadModel && selectedSourceRows().isEmpty() && proxy_->rowCount() > 0)
        selectProxyRow(0);
}

void ModelBrowser::selectProxyRow(int row) {
    const QModelIndex index = proxy_->index(row, 0);
    table_->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->scrollTo(index);
}

bool ModelBrowser::eventFilter(QObject* watched, QEvent* event) {
    if (watched == table_->viewport() && event->type() == QEvent::Resize)
        capModelColumn();
    // Enter or Down in the search box moves into the results: the first match, or one row on
    // from the current one.
    if (watched == search_ && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if ((key == Qt::Key_Down || key == Qt::Key_Return || key == Qt::Key_Enter) &&
            proxy_->rowCount() > 0) {
            const QModelIndex current = table_->currentIndex();
            const bool shown =
                current.isValid() && table_->selectionModel()->isRowSelected(current.row(), {});
            int row = shown ? current.row() : 0;
            if (key == Qt::Key_Down && shown)
                row = std::min(row + 1, proxy_->rowCount() - 1);
            selectProxyRow(row);
            table_->setFocus();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QVector<int> ModelBrowser::selectedSourceRows() const {
    QVector<int> rows;
    const QModelIndex current = table_->currentIndex();
    if (current.isValid() &&
        table_->selectionModel()->isRowSelected(current.row(), QModelIndex())) {
        rows.push_back(proxy_->mapToSource(current).row());
    }
    for (const QModelIndex& index : table_->selectionModel()->selectedRows()) {
        const int row = proxy_->mapToSource(index).row();
        if (!rows.contains(row))
            rows.push_back(row);
    }
    return rows;
}

void ModelBrowser::selectSourceRow(int sourceRow) {
    const QModelIndex index = proxy_->mapFromSource(model_->index(sourceRow, 0));
    if (!index.isValid())
        return;
    table_->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->scrollTo(index);
}

bool ModelBrowser::selectModel(const QString& id) {
    const int row = model_->rowOf(id);
    if (row < 0)
        return false;
    if (!proxy_->mapFromSource(model_->index(row, 0)).isValid())
        clearFilters();  // hidden by the filter: clear it rather than silently ignore the request
    selectSourceRow(row);
    return true;
}

void ModelBrowser::focusSearch() {
    search_->setFocus();
    search_->selectAll();
}

void ModelBrowser::clearFilters() {
    search_->clear();
    orgFilter_->setCurrentIndex(0);
    minCount_->setValue(0);
    quality_->setCurrentIndex(0);
}

void ModelBrowser::fillOrganisations(const QString& keep) {
    const QSignalBlocker block(orgFilter_);
    orgFilter_->clear();
    orgFilter_->addItem(tr("All organisations"), QString());
    const QStringList& ranked = model_->organisationsByAdoption();
    for (int i = 0; i < ranked.size() && i < kListedOrganisations; ++i)
        orgFilter_->addItem(ranked[i], ranked[i]);
    static_cast<QStringListModel*>(orgFilter_->completer()->model())
        ->setStringList(model_->organisations());
    orgFilter_->setToolTip(
        ranked.size() > kListedOrganisations
            ? tr("Show one organisation's models: the %1 largest by adoption are listed; type "
                 "to find any of all %2")
                  .arg(kListedOrganisations)
                  .arg(ranked.size())
            : tr("Show one organisation's models (largest by adoption first)"));
    if (keep.isEmpty() || !model_->organisations().contains(keep)) {
        orgFilter_->setCurrentIndex(0);
        proxy_->setOrganisation(QString());
        return;
    }
    if (orgFilter_->findData(keep) < 0)
        orgFilter_->addItem(keep, keep);
    orgFilter_->setCurrentIndex(orgFilter_->findData(keep));
    proxy_->setOrganisation(keep);
}

bool ModelBrowser::chooseOrganisation(const QString& org) {
    int index = orgFilter_->findData(org);
    if (index < 0 && !org.isEmpty()) {
        // Typed or completed: the name as the dataset spells it (case aside).
        const QStringList& all = model_->organisations();
        const auto found = std::find_if(all.begin(), all.end(), [&](const QString& o) {
            return o.compare(org, Qt::CaseInsensitive) == 0;
        });
        if (found == all.end())
            return false;
        index = orgFilter_->findData(*found);
        if (index < 0) {
            orgFilter_->addItem(*found, *found);
            index = orgFilter_->count() - 1;
        }
    }
    if (index < 0)
        index = 0;                       // empty: every organisation
    orgFilter_->setCurrentIndex(index);  // currentIndexChanged applies the filter
    return true;
}

void ModelBrowser::datasetChanged() {
    // A search typed for the previous dataset would silently hide the new one's models.
    {
        const QSignalBlocker block(search_);
        search_->clear();
        proxy_->setSearchText(QString());
    }
    fillOrganisations(orgFilter_->currentData().toString());
    sizingModelColumn_ = true;
    table_->resizeColumnsToContents();
    table_->setColumnWidth(ModelTableModel::Model,
                           std::min(table_->columnWidth(ModelTableModel::Model), 260));
    sizingModelColumn_ = false;
    userSizedModelColumn_ = false;  // a new dataset: sized afresh
    capModelColumn();
    updateSummary();
}

void ModelBrowser::widenFitColumns() {
    constexpr int kMaxWidth = 220;
    for (int column = ModelTableModel::Lambda; column < ModelTableModel::ColumnCount; ++column) {
        const int before = table_->columnWidth(column);
        table_->resizeColumnToContents(column);
        table_->setColumnWidth(column,
                               std::max(before, std::min(table_->columnWidth(column), kMaxWidth)));
    }
}

void ModelBrowser::updateSummary() {
    summary_->setText(tr("%1 of %2 models shown").arg(proxy_->rowCount()).arg(model_->rowCount()));
}

}  // namespace hubgrowth
