"""The main window, offscreen: regions, candidatures, search, details, import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QDialog

from jurydesk.candidatures.service import list_candidatures
from jurydesk.paths import resources_dir
from jurydesk.ui.candidatures.model import CandidatureFilterProxy, CandidatureTableModel
from jurydesk.ui.rows_model import RowsTableModel


def select_region(window, slug: str) -> None:
    window.region_box.setCurrentIndex(window.region_box.findData(slug))


def test_region_switcher_lists_both_regions(window):
    slugs = {window.region_box.itemData(i) for i in range(window.region_box.count())}
    assert slugs == {"leuven", "dijleland-plus"}


def test_addendum_shows_the_full_region_content(window):
    select_region(window, "dijleland-plus")
    text = window.region_view.browser.toPlainText()
    for expected in (
        "Saled",
        "Cindy, Nora, Roy",
        "Kortenberg",
        "Holsbeek",
        "ondersteuning bij vervoersarmoede",
        "11, (12 en 13) december 2023",
        "14-daagse periode",
        "https://igo.be/capacity-building-lokale-partnerschappen",
        "Huisvesting (op maat)",
        "Niet gefinancierd",
        "Silke Van Esch",
        "13 oktober 2023",
        "vóór 12 januari 2024",
    ):
        assert expected in text, expected
    select_region(window, "leuven")
    text = window.region_view.browser.toPlainText()
    assert "Marlies & Jordy" in text and "Kandidatuur Capacity Building Leuven" in text


def test_candidature_list_and_flags(window, demo_store):
    select_region(window, "leuven")
    model = window.candidatures.model
    assert model.rowCount() == 13
    flags_column = model.COLUMNS.index("flags")
    late = [
        model.row_at(r).organisation
        for r in range(model.rowCount())
        if model.data(model.index(r, flags_column)) == "te laat"
    ]
    assert sorted(late) == ["Samen Sterk Wilsele vzw", "Werkwinkel Plus vzw"]


def shown(view) -> set[str]:
    """The rows that match on their fields (rows found only in the proposals' text aside)."""
    in_documents = {h.organisation for h in view.hits}
    rows = {view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())}
    fields = {view.model.row_at(r).organisation for r in range(view.model.rowCount())}
    view.proxy.set_search(view.search.text())  # fields only
    by_fields = {view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())}
    view.proxy.set_search(view.search.text(), frozenset(h.candidature for h in view.hits))
    assert rows == by_fields | in_documents and rows <= fields
    return by_fields


def test_search_as_you_type_filters_organisation_title_and_contact(window, qtbot):
    select_region(window, "leuven")
    view = window.candidatures
    qtbot.keyClicks(view.search, "taal")  # organisation names
    assert shown(view) == {"Taalhuis Kessel-Lo vzw", "Digitaal Dorp vzw"}
    view.search.clear()
    qtbot.keyClicks(view.search, "noodwoning")  # a title
    assert shown(view) == {"De Woonbrug cv"}
    view.search.clear()
    view.search.setText("Дарина")  # a contact person in Cyrillic (QTest cannot type it)
    assert shown(view) == {"Het Anker Leuven vzw"}
    view.search.clear()
    qtbot.keyClicks(view.search, "sukru yilmaz")  # without the diacritics
    assert shown(view) == {"Taalhuis Kessel-Lo vzw"}
    view.search.clear()
    qtbot.keyClicks(view.search, "vzw leuven")  # every word must match, in any order
    assert shown(view) == {"Brugwerk Leuven vzw", "Het Anker Leuven vzw", "Psy-Punt Leuven vzw"}
    assert view.proxy.rowCount() == len(shown(view) | {h.organisation for h in view.hits})
    assert f"{view.proxy.rowCount()} van 13 kandidaturen" in view.count.text()
    view.search.clear()
    assert view.proxy.rowCount() == 13
    assert view.count.text() == "13 kandidaturen"


def test_selecting_shows_details(window, qtbot):
    select_region(window, "leuven")
    view = window.candidatures
    view.search.setText("Medisch Huis")
    view.table.selectRow(0)
    text = view.details.toPlainText()
    assert "Łukasz Wiśniewski" in text
    assert "niet gefinancierd in deze regio" in text
    assert "enkel dienstverlening die de regio niet financiert" in text


def test_models_pass_the_model_tester(qtmodeltester, demo_store):
    with demo_store.reader() as session:
        rows = list_candidatures(session, "dijleland-plus")
    model = CandidatureTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    proxy = CandidatureFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search("vzw")
    qtmodeltester.check(proxy)
    assert isinstance(proxy, QSortFilterProxyModel)
    qtmodeltester.check(RowsTableModel(["a", "b"], [(1, 2), (3, None)], [True, False]))


def test_sorting_by_received_at_uses_the_moment(window):
    select_region(window, "dijleland-plus")
    view = window.candidatures
    column = view.model.COLUMNS.index("received_at")
    view.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    assert view.proxy.index(0, 1).data() == "Vervoer op Maat Keerbergen vzw"


def test_import_dialog_shows_the_report_and_writes_nothing_on_errors(window, qtbot, tmp_path):
    select_region(window, "leuven")
    bad = tmp_path / "fout.csv"
    bad.write_text(
        "Organisatie;Contactpersoon;E-mail;Titel;Ontvangen op\n"
        "X vzw;Xan;geen-adres;T;01/06/2023 10:00\n",
        "utf-8",
    )
    dialog = window.import_file(bad)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() == "E-mail"
    dialog.reject()
    assert window.candidatures.model.rowCount() == 13


def test_import_dialog_imports_a_clean_file(window, qtbot, tmp_path):
    select_region(window, "leuven")
    good = tmp_path / "goed.csv"
    good.write_text(
        "Organisatie;Contactpersoon;E-mail;Titel;Ontvangen op\n"
        "Nieuw vzw;Nina;nina@nieuw.example;Titel;01/06/2023 10:00\n",
        "utf-8",
    )
    dialog = window.import_file(good)
    assert dialog is not None and dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.finished):
        dialog.import_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert window.candidatures.model.rowCount() == 14


def test_add_region_from_file(window, tmp_path):
    source = (resources_dir() / "regions" / "leuven.toml").read_text("utf-8")
    file = tmp_path / "derde.toml"
    file.write_text(
        source.replace('slug = "leuven"', 'slug = "derde"').replace(
            'name = "Leuven"', 'name = "Derde regio"'
        ),
        "utf-8",
    )
    assert window.files.add_region_from(Path(file))
    assert window.current_slug() == "derde"
    assert window.region_box.count() == 3
