// The browser's table model and filter, without a window.
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QtTest>
#include <cmath>
#include <limits>

#include "hubgrowth/core/demo/demo_generator.h"
#include "hubgrowth/data/batch_fitter.h"
#include "hubgrowth/ui/model_browser.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/number_format.h"

using namespace hubgrowth;

namespace {

void loadFittedDemo(ModelTableModel& model) {
    Dataset demo = generateDemoDataset();
    const BatchOutcome fits = fitBatch(demo.series, BatchOptions{});
    model.setDataset(std::move(demo));
    model.setFits(0, fits.results);
}

}  // namespace

class TestModelBrowser : public QObject {
    Q_OBJECT
  private slots:
    void columnsShowSeriesAndFit() {
        ModelTableModel model;
        loadFittedDemo(model);
        QCOMPARE(model.rowCount(), DemoOptions{}.baseModels);
        QCOMPARE(model.columnCount(), int(ModelTableModel::ColumnCount));
        QCOMPARE(model.fittedCount(), model.rowCount());
        int checked = 0;
        for (int row = 0; row < model.rowCount() && checked < 20; ++row) {
            const FitResult* f = model.fit(row);
            if (!f || f->outcome == FitOutcome::NoAdoption)
                continue;
            ++checked;
            const ModelSeries& s = model.series(row);
            QCOMPARE(model.index(row, ModelTableModel::Model).data().toString(),
                     QString::fromStdString(s.id));
            if (f->outcome != FitOutcome::Converged)
                continue;
            QCOMPARE(model.index(row, ModelTableModel::Lambda).data(Qt::UserRole).toDouble(),
                     f->params.lambda);
            // Values that are no result (overflow, a c∞ below the data) are empty raw cells.
            const auto expectNumber = [&](int column, double expected) {
                const QVariant cell = model.index(row, column).data(Qt::UserRole);
                if (std::isfinite(expected) && std::abs(expected) < 1e15)
                    QCOMPARE(cell.toDouble(), expected);
                else
                    QVERIFY(!cell.isValid());
            };
            const double ultimate = wsbUltimate(f->params, f->m);
            expectNumber(ModelTableModel::Ultimate,
                         ultimate >= s.lastCount() ? ultimate : std::nan(""));
            // The forecast column holds the chosen method's forecast, computed after the fit
            // (test_workbench_forecasts): nothing until then.
            QVERIFY(!model.index(row, ModelTableModel::Forecast12).data(Qt::UserRole).isValid());
            // A cumulative forecast never falls below what was observed.
            QVERIFY(model.forecastAhead(row, 12) >= s.lastCount());
        }
        QVERIFY(checked == 20);
        QCOMPARE(model.rowOf(QString::fromStdString(model.series(7).id)), 7);
        QCOMPARE(model.rowOf(QStringLiteral("no/such-model")), -1);
    }

    void theDigestAgreesWithTheSeriesWhateverTheCallerPasses() {
        const Dataset demo = generateDemoDataset();
        SeriesDigest stale = digestSeries(demo.series);
        stale.ids.removeLast();  // made for another dataset: the model must not use it
        // Another dataset of the same size, its series in another order.
        std::vector<ModelSeries> reversed(demo.series.rbegin(), demo.series.rend());
        const SeriesDigest other = digestSeries(reversed);
        QVERIFY(!other.matches(demo.series));
        std::vector<ModelSeries> moved = std::move(reversed);
        QVERIFY(other.matches(moved));  // moving keeps the storage the digest was made from
        for (SeriesDigest digest : {digestSeries(demo.series), stale, other, SeriesDigest{}}) {
            ModelTableModel model;
            model.setDataset(demo, std::move(digest));
            QCOMPARE(model.rowCount(), int(demo.series.size()));
            for (int row = 0; row < model.rowCount(); ++row) {
                QCOMPARE(model.modelId(row), QString::fromStdString(demo.series[size_t(row)].id));
                QCOMPARE(model.lastCount(row), demo.series[size_t(row)].lastCount());
                QCOMPARE(model.numericValue(row, ModelTableModel::LastCount),
                         demo.series[size_t(row)].lastCount());
            }
        }
    }

    void unfittedRowsShowNoParameters() {
        ModelTableModel model;
        model.setDataset(generateDemoDataset());
        QCOMPARE(model.fittedCount(), 0);
        QVERIFY(!model.index(0, ModelTableModel::Lambda).data().isValid());
        QCOMPARE(model.fitQuality(0), FitQuality::Unfitted);
        QVERIFY(std::isnan(model.forecastAhead(0, 12)));
    }

    void flagsNameTheProblems() {
        Dataset d;
        auto make = [](const char* id, std::vector<double> counts) {
            ModelSeries s;
            s.id = id;
            s.org = "a";
            s.createdAt = "2024-01-01";
            s.counts = std::move(counts);
            return s;
        };
        ModelSeries shortOne = make("a/short", {0.0, 1.0});
        ModelSeries flat = make("a/flat", {0.0, 0.0, 0.0, 0.0, 0.0});
        shortOne.publishedVerdict = "Does not fit";
        d.series = {shortOne, flat};
        ModelTableModel model;
        model.setDataset(d);
        const BatchOutcome fits = fitBatch(d.series, BatchOptions{});
        model.setFits(0, fits.results);
        const QString shortFlags = model.index(0, ModelTableModel::Flags).data().toString();
        QVERIFY2(shortFlags.contains(QLatin1String("short")), qPrintable(shortFlags));
        QVERIFY(shortFlags.contains(QLatin1String("paper: no fit")));
        QVERIFY(model.index(1, ModelTableModel::Flags)
                    .data()
                    .toString()
                    .contains(QLatin1String("no adoption")));
        QCOMPARE(model.fitQuality(1), FitQuality::NoAdoption);
    }

    void filtersCombine() {
        ModelTableModel model;
        loadFittedDemo(model);
        ModelFilterProxy proxy;
        proxy.setSourceModel(&model);
        QCOMPARE(proxy.rowCount(), model.rowCount());

        const QString org = model.organisations().front();
        int inOrg = 0;
        for (int r = 0; r < model.rowCount(); ++r)
            inOrg += QString::fromStdString(model.series(r).org) == org;
        proxy.setOrganisation(org);
        QCOMPARE(proxy.rowCount(), inOrg);
        QCOMPARE(proxy.acceptedSourceRows().size(), inOrg);

        proxy.setMinimumCount(50);
        int big = 0;
        for (int r = 0; r < model.rowCount(); ++r) {
            big += QString::fromStdString(model.series(r).org) == org &&
                   model.series(r).lastCount() >= 50;
        }
        QCOMPARE(proxy.rowCount(), big);
        QVERIFY(big < inOrg);

        proxy.setOrganisation(QString());
        proxy.setMinimumCount(0);
        const QString id = QString::fromStdString(model.series(11).id);
        proxy.setSearchText(id.mid(id.indexOf('/') + 1).toUpper());  // case-insensitive
        QVERIFY(proxy.rowCount() >= 1);
        QVERIFY(proxy.acceptedSourceRows().contains(11));

        proxy.setSearchText(QString());
        proxy.setQuality(ModelFilterProxy::Quality::Good);
        const int good = proxy.rowCount();
        proxy.setQuality(ModelFilterProxy::Quality::Poor);
        const int poor = proxy.rowCount();
        proxy.setQuality(ModelFilterProxy::Quality::Unfitted);
        const int unfitted = proxy.rowCount();
        QCOMPARE(good + poor + unfitted, model.rowCount());
        QVERIFY(good > 0);
    }

    void numbersReadTheSameEverywhere() {
        const QLocale english(QLocale::English, QLocale::UnitedStates);
        QCOMPARE(formatCount(33592.0, english), QStringLiteral("33,592"));
        QCOMPARE(formatCount(3.359e4, english), QStringLiteral("33,590"));
        QCOMPARE(formatCount(7055.4, english), QStringLiteral("7,055"));
        QCOMPARE(formatCount(-0.2, english), QStringLiteral("0"));
        QCOMPARE(formatCount(INFINITY, english), notAvailable());
        QCOMPARE(formatCount(3.6e39, english), notAvailable());
        QCOMPARE(formatParameter(1.234567, 4, english), QStringLiteral("1.235"));
        QCOMPARE(formatParameter(27.6, 4, english), QStringLiteral("27.6"));
        QCOMPARE(formatParameter(0.012345, 3, english), QStringLiteral("0.0123"));
        QCOMPARE(formatParameter(3.6e39, 4, english), notAvailable());
        QCOMPARE(formatParameter(NAN, 4, english), notAvailable());
        QCOMPARE(formatMonths(1), QStringLiteral("1 month"));
        QCOMPARE(formatMonths(7), QStringLiteral("7 months"));
    }

    void cellsAreGroupedCountsOrNaWithAReason() {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        Dataset d;
        auto make = [](const char* id, double last) {
            ModelSeries s;
            s.id = id;
            s.org = "a";
            s.createdAt = "2024-01-01";
            s.counts = {0.0, last / 4, last / 2, last};
            return s;
        };
        d.series = {make("a/good", 40000.0), make("a/stuck", 40000.0), make("a/huge", 40000.0),
                    make("a/low-ceiling", 40000.0)};
        ModelTableModel model;
        model.setDataset(d);
        FitResult good;
        good.m = 100.0;
        good.observedMonths = 4;
        good.outcome = FitOutcome::Converged;
        good.params = WsbParams{7.0, 1.0, 1.0};
        FitResult stuck = good;
        stuck.outcome = FitOutcome::MaxIterations;
        stuck.iterations = 500;
        FitResult huge = good;
        huge.params.lambda = 3.6e39;
        FitResult lowCeiling = good;
        lowCeiling.params.lambda = 5.0;  // c∞ = 100 (e^5 - 1) ≈ 14,741, below 40,000
        model.setFits(0, {good, stuck, huge, lowCeiling});

        const auto text = [&](int row, int column, int role = Qt::DisplayRole) {
            return model.index(row, column).data(role).toString();
        };
        QCOMPARE(text(0, ModelTableModel::LastCount), QStringLiteral("40,000"));
        const QString ultimate = text(0, ModelTableModel::Ultimate);
        QVERIFY2(ultimate.contains(QLatin1Char(',')) && !ultimate.contains(QLatin1Char('e')),
                 qPrintable(ultimate));
        QCOMPARE(text(0, ModelTableModel::Lambda), QStringLiteral("7"));
        for (int column = ModelTableModel::Lambda; column <= ModelTableModel::Rmse; ++column) {
            if (column == ModelTableModel::Forecast12)
                continue;  // the method's forecast does not depend on the WSB fit
            QCOMPARE(text(1, column), notAvailable());
            QVERIFY2(text(1, column, Qt::ToolTipRole).contains(QStringLiteral("converge")),
                     qPrintable(text(1, column, Qt::ToolTipRole)));
            QCOMPARE(text(2, column), notAvailable());
            QVERIFY(text(2, column, Qt::ToolTipRole).contains(QStringLiteral("overflow")));
            QVERIFY(!model.index(2, column).data(Qt::UserRole).isValid());  // sorts last
        }
        // A ceiling below the data is no prediction; the forecast starts at the data.
        QCOMPARE(text(3, ModelTableModel::Ultimate), notAvailable());
        QVERIFY(text(3, ModelTableModel::Ultimate, Qt::ToolTipRole).contains("below"));
        QVERIFY(model.forecastAhead(3, 12) >= 40000.0);
        // The forecast column names the forecast's method and horizon.
        model.beginForecasts(QStringLiteral("wsb-ls"), 12);
        model.setForecasts({3}, {model.forecastAhead(3, 12)}, {QString()});
        QCOMPARE(text(3, ModelTableModel::Forecast12), QStringLiteral("40,000"));
        QVERIFY(model.headerData(ModelTableModel::Forecast12, Qt::Horizontal, Qt::DisplayRole)
                    .toString()
                    .contains(QStringLiteral("wsb-ls")));
        QLocale::setDefault(QLocale::c());
    }

    void theSortHoldsAfterASearchIsTypedAndCleared() {
        ModelTableModel model;
        loadFittedDemo(model);
        ModelFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.sort(ModelTableModel::LastCount, Qt::DescendingOrder);
        const auto sorted = [&] {
            for (int r = 1; r < proxy.rowCount(); ++r) {
                if (proxy.index(r, ModelTableModel::LastCount).data(Qt::UserRole).toDouble() >
                    proxy.index(r - 1, ModelTableModel::LastCount).data(Qt::UserRole).toDouble())
                    return false;
            }
            return true;
        };
        QVERIFY(sorted());
        for (const QString& typed : {QStringLiteral("a"), QStringLiteral("ab"), QString()}) {
            proxy.setSearchText(typed);
            QVERIFY2(sorted(), qPrintable(typed));
        }
        QCOMPARE(proxy.rowCount(), model.rowCount());
        proxy.setMinimumCount(10);
        proxy.setMinimumCount(0);
        proxy.setQuality(ModelFilterProxy::Quality::Good);
        proxy.setQuality(ModelFilterProxy::Quality::Any);
        QVERIFY(sorted());
    }

    // The proxy's own row map against Qt's QSortFilterProxyModel given the same comparison:
    // every column, both orders, ties (orgs, dates, empty cells) in the same stable order.
    void sortsInTheOrderQtsProxyGives() {
        ModelTableModel model;
        loadFittedDemo(model);
        struct Reference : QSortFilterProxyModel {
            bool lessThan(const QModelIndex& l, const QModelIndex& r) const override {
                const int c = l.column();
                if (c < ModelTableModel::Months || c >= ModelTableModel::Flags)
                    return QSortFilterProxyModel::lessThan(l, r);
                const double a = l.data(Qt::UserRole).isValid()
                                     ? l.data(Qt::UserRole).toDouble()
                                     : std::numeric_limits<double>::quiet_NaN();
                const double b = r.data(Qt::UserRole).isValid()
                                     ? r.data(Qt::UserRole).toDouble()
                                     : std::numeric_limits<double>::quiet_NaN();
                if (std::isnan(a) || std::isnan(b))
                    return !std::isnan(a) && std::isnan(b);
                return a < b;
            }
        };
        for (int column = 0; column < ModelTableModel::ColumnCount; ++column) {
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                ModelFilterProxy proxy;
                proxy.setSourceModel(&model);
                proxy.setMinimumCount(5);
                Reference reference;
                reference.setSortRole(Qt::UserRole);
                reference.setSourceModel(&model);
                proxy.sort(column, order);
                reference.sort(column, order);
                QVector<int> expected;
                for (int r = 0; r < reference.rowCount(); ++r) {
                    const int source = reference.mapToSource(reference.index(r, 0)).row();
                    if (model.series(source).lastCount() >= 5)
                        expected << source;
                }
                QVector<int> got;
                for (int r = 0; r < proxy.rowCount(); ++r)
                    got << proxy.mapToSource(proxy.index(r, 0)).row();
                QVERIFY2(got.size() > 10, "the filter leaves rows to sort");
                QVERIFY2(
                    got == expected,
                    qPrintable(QStringLiteral("column %1 %2")
                                   .arg(column)
                                   .arg(order == Qt::AscendingOrder ? "ascending" : "descending")));
            }
        }
    }

    // A sort or a filter change moves the selection with its model; a filter that hides every
    // row keeps the header's names.
    void selectionFollowsItsModelThroughSortsAndFilters() {
        ModelTableModel model;
        loadFittedDemo(model);
        ModelFilterProxy proxy;
        proxy.setSourceModel(&model);
        QItemSelectionModel selection(&proxy);
        const int source = 7;
        selection.setCurrentIndex(proxy.mapFromSource(model.index(source, 0)),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        proxy.sort(ModelTableModel::LastCount, Qt::DescendingOrder);
        QCOMPARE(proxy.mapToSource(selection.currentIndex()).row(), source);
        proxy.sort(ModelTableModel::Model, Qt::AscendingOrder);
        QCOMPARE(proxy.mapToSource(selection.currentIndex()).row(), source);
        QCOMPARE(selection.selectedRows().size(), 1);
        QCOMPARE(proxy.mapToSource(selection.selectedRows().front()).row(), source);
        proxy.setSearchText(QString::fromStdString(model.series(source).id));
        QCOMPARE(proxy.mapToSource(selection.currentIndex()).row(), source);
        proxy.setSearchText(QStringLiteral("no model is called this"));
        QCOMPARE(proxy.rowCount(), 0);
        QVERIFY(!selection.currentIndex().isValid());
        QCOMPARE(proxy.headerData(ModelTableModel::Model, Qt::Horizontal).toString(),
                 QStringLiteral("Model"));
        proxy.setSearchText(QString());
        QCOMPARE(proxy.rowCount(), model.rowCount());
        QCOMPARE(proxy.acceptedSourceRows().size(), model.rowCount());
    }

    void aSearchThatHidesTheCurrentModelSelectsTheFirstMatch() {
        ModelTableModel model;
        loadFittedDemo(model);
        ModelFilterProxy proxy;
        proxy.setSourceModel(&model);
        ModelBrowser browser(&model, &proxy);
        browser.datasetChanged();
        const QString first = QString::fromStdString(model.series(0).id);
        const QString other = QString::fromStdString(model.series(1).id);
        QVERIFY(browser.selectModel(first));
        QCOMPARE(browser.selectedSourceRows(), QVector<int>{0});
        // A search that keeps the current model leaves it current.
        browser.searchBox()->setText(first);
        QCOMPARE(browser.selectedSourceRows(), QVector<int>{0});
        // One that hides it picks the first match, never an empty selection.
        browser.searchBox()->setText(other);
        QVERIFY(proxy.rowCount() >= 1);
        const QVector<int> rows = browser.selectedSourceRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.front(), proxy.mapToSource(proxy.index(0, 0)).row());
        QVERIFY(QString::fromStdString(model.series(rows.front()).id).contains(other));
        // Nothing matching: nothing selected, and no crash.
        browser.searchBox()->setText(QStringLiteral("no such model at all"));
        QCOMPARE(proxy.rowCount(), 0);
        QVERIFY(browser.selectedSourceRows().isEmpty());
    }

    void enterOrDownInTheSearchBoxMovesIntoTheResults() {
        ModelTableModel model;
        loadFittedDemo(model);
        ModelFilterProxy proxy;
        proxy.setSourceModel(&model);
        ModelBrowser browser(&model, &proxy);
        browser.datasetChanged();
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        browser.focusSearch();
        QVERIFY(browser.selectedSourceRows().isEmpty());
        QTest::keyClick(browser.searchBox(), Qt::Key_Return);
        QCOMPARE(browser.selectedSourceRows(),
                 QVector<int>{proxy.mapToSource(proxy.index(0, 0)).row()});
        QVERIFY(browser.table()->hasFocus());
        browser.focusSearch();
        QTest::keyClick(browser.searchBox(), Qt::Key_Down);
        QCOMPARE(browser.selectedSourceRows(),
                 QVector<int>{proxy.mapToSource(proxy.index(1, 0)).row()});
    }

    void aNarrowBrowserStillShowsMoreThanTheModelColumn() {
        ModelTableModel model;
        loadFittedDemo(model);
        ModelFilterProxy proxy;
        proxy.setSourceModel(&model);
        ModelBrowser browser(&model, &proxy);
        browser.resize(260, 500);  // the browser's share of a 1024-pixel window
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        browser.datasetChanged();
        QTableView* table = browser.table();
        const int viewport = table->viewport()->width();
        QVERIFY2(table->columnWidth(ModelTableModel::Model) <= std::max(120, viewport * 11 / 20),
                 qPrintable(QString::number(table->columnWidth(ModelTableModel::Model))));
        QVERIFY(table->columnViewportPosition(ModelTableModel::Model + 1) < viewport);
        QCOMPARE(table->textElideMode(), Qt::ElideMiddle);
        // A width the user chose stays.
        table->horizontalHeader()->resizeSection(ModelTableModel::Model, viewport);
        browser.resize(250, 500);
        QCoreApplication::processEvents();
        QCOMPARE(table->columnWidth(ModelTableModel::Model), viewport);
    }

    void anotherDatasetDoesNotKeepAnOldSearch() {
        ModelTableModel model;
        loadFittedDemo(model);
        ModelFilterProxy proxy;
        proxy.setSourceModel(&model);
        ModelBrowser browser(&model, &proxy);
        browser.datasetChanged();
        browser.searchBox()->setText(QStringLiteral("no such model at all"));
        QCOMPARE(proxy.rowCount(), 0);
        loadFittedDemo(model);
        browser.datasetChanged();
        QCOMPARE(browser.searchBox()->text(), QString());
        QCOMPARE(proxy.rowCount(), model.rowCount());
    }

    void sortsNumericallyByRawValues() {
        ModelTableModel model;
        loadFittedDemo(model);
        ModelFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.sort(ModelTableModel::LastCount, Qt::DescendingOrder);
        double previous = INFINITY;
        for (int r = 0; r < proxy.rowCount(); ++r) {
            const double v =
                proxy.index(r, ModelTableModel::LastCount).data(Qt::UserRole).toDouble();
            QVERIFY(v <= previous);
            previous = v;
        }
    }
};

QTEST_MAIN(TestModelBrowser)
#include "test_model_browser.moc"
