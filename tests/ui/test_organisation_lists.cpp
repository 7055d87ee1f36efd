// Thousands of authors (a whole-Hub store): the browser's organisation filter lists the largest
// by adoption and finds any other by typing; the Organisations tab lists the largest, searches
// the rest and keeps every ticked organisation listed.
#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QListWidget>
#include <QtTest>

#include "hubgrowth/ui/model_browser.h"
#include "hubgrowth/ui/model_filter_proxy.h"
#include "hubgrowth/ui/model_table_model.h"
#include "hubgrowth/ui/panels/organisations_panel.h"

using namespace hubgrowth;

namespace {

constexpr int kOrganisations = 450;

// Organisation k has one model whose last count is k (so "author-449" adopts most); ids and
// organisations out of alphabetical order so by-adoption and by-name orders differ.
Dataset manyAuthors() {
    Dataset dataset;
    for (int k = 0; k < kOrganisations; ++k) {
        ModelSeries s;
        s.org = QStringLiteral("author-%1")
                    .arg((k * 7) % kOrganisations, 3, 10, QLatin1Char('0'))
                    .toStdString();
        s.id = s.org + "/model";
        const double last = (k * 7) % kOrganisations;
        s.counts = {0.0, last / 2, last};
        dataset.series.push_back(s);
    }
    return dataset;
}

}  // namespace

class TestOrganisationLists : public QObject {
    Q_OBJECT
  private slots:
    void organisationsAreRankedByAdoption() {
        ModelTableModel model;
        model.setDataset(manyAuthors());
        QCOMPARE(model.organisations().size(), kOrganisations);
        QCOMPARE(model.organisations().front(), QStringLiteral("author-000"));
        QCOMPARE(model.organisationsByAdoption().front(), QStringLiteral("author-449"));
        QCOMPARE(model.organisationsByAdoption().at(1), QStringLiteral("author-448"));
    }

    void browserListsTheLargestAndFindsAnyByTyping() {
        ModelTableModel model;
        ModelFilterProxy proxy;
        proxy.setSourceModel(&model);
        ModelBrowser browser(&model, &proxy);
        model.setDataset(manyAuthors());
        browser.datasetChanged();
        QComboBox* combo = browser.organisationFilter();
        QCOMPARE(combo->count(), 1 + ModelBrowser::kListedOrganisations);
        QCOMPARE(combo->itemData(1).toString(), QStringLiteral("author-449"));
        QCOMPARE(combo->findData(QStringLiteral("author-010")), -1);  // small: not listed
        QVERIFY(combo->toolTip().contains(QString::number(kOrganisations)));
        QCOMPARE(combo->completer()->model()->rowCount(), kOrganisations);

        // Typed (in another case) and confirmed: listed now, and the table shows its model.
        combo->setFocus();
        combo->lineEdit()->setText(QStringLiteral("AUTHOR-010"));
        QTest::keyClick(combo->lineEdit(), Qt::Key_Return);
        QCOMPARE(combo->currentData().toString(), QStringLiteral("author-010"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, ModelTableModel::Model).data().toString(),
                 QStringLiteral("author-010/model"));

        // An unknown name changes nothing and shows the current choice again.
        QVERIFY(!browser.chooseOrganisation(QStringLiteral("nobody")));
        QCOMPARE(combo->currentData().toString(), QStringLiteral("author-010"));
        QVERIFY(browser.chooseOrganisation(QString()));
        QCOMPARE(proxy.rowCount(), kOrganisations);
    }

    void organisationsTabListsTheLargestSearchesAndKeepsTicked() {
        ModelTableModel model;
        ModelFilterProxy proxy;
        proxy.setSourceModel(&model);
        model.setDataset(manyAuthors());
        OrganisationsPanel panel(&model, &proxy);
        panel.resize(900, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.refreshNow();
        QStringList listed = panel.listedOrganisations();
        QCOMPARE(listed.size(), OrganisationsPanel::kListedOrganisations);
        QCOMPARE(listed.front(), QStringLiteral("author-449"));
        QCOMPARE(panel.checkedOrganisations().size(), OrganisationsPanel::kDefaultOrganisations);
        QCOMPARE(panel.checkedOrganisations().front(), QStringLiteral("author-449"));

        // A small organisation found by search, ticked, stays listed when the search clears.
        panel.searchBox()->setText(QStringLiteral("-01"));
        listed = panel.listedOrganisations();
        QVERIFY(listed.contains(QStringLiteral("author-010")));
        QVERIFY(listed.size() < 20);
        panel.setOrganisationChecked(QStringLiteral("author-010"), true);
        panel.searchBox()->clear();
        listed = panel.listedOrganisations();
        QVERIFY(listed.contains(QStringLiteral("author-010")));
        QCOMPARE(listed.size(), OrganisationsPanel::kListedOrganisations + 1);
        QVERIFY(panel.checkedOrganisations().contains(QStringLiteral("author-010")));
        panel.setOrganisationChecked(QStringLiteral("author-010"), false);
        QVERIFY(!panel.listedOrganisations().contains(QStringLiteral("author-010")));
    }
};

QTEST_MAIN(TestOrganisationLists)
#include "test_organisation_lists.moc"
