"""The questionnaires page (check status), previews and the translation table."""

from __future__ import annotations

from pathlib import Path

from survey_app.coordinator.coverage import translation_coverage
from survey_app.questionnaire import loads_questionnaire
from tests.coordinator.conftest import FAMILY_YAML, write_questionnaires

BROKEN_YAML = """\
id: kaputt
version: "1"
audience: parents
languages: [de]
default_language: de
title: {de: Kaputt}
pages:
  - id: p
    questions:
      - id: q
        type: multiple_choise
        label: {de: Frage}
"""


def test_check_status__error_with_file_and_line_in_the_page(app, coordinator) -> None:
    (Path(app.config["QUESTIONNAIRE_DIR"]) / "kaputt.yaml").write_text(
        BROKEN_YAML, encoding="utf-8"
    )
    page = coordinator.get("/admin/questionnaires").get_data(as_text=True)
    assert "1 Datei hat Fehler." in page
    assert "<code>kaputt.yaml:11</code>" in page
    # in the UI's language (German by default), not the terminal's English
    assert "Unbekannter Fragetyp „multiple_choise“ (meinten Sie „multiple_choice“?)" in page
    assert "unknown question type" not in page
    # The warning of the valid file is listed too, with its line.
    assert "<code>familie.yaml:48</code>" in page and "hat keine Übersetzung für ar" in page
    english = coordinator.get("/admin/questionnaires?lang=en").get_data(as_text=True)
    assert (
        "unknown question type &#39;multiple_choise&#39; (did you mean &#39;multiple_choice&#39;?)"
        in english
    )


def test_check_status__workbook_in_the_folder_named_by_sheet_row_and_column(
    app, coordinator
) -> None:
    """A workbook dropped into the folder is not ignored: its problems are named by
    sheet, row and column, and the page says how to convert it."""
    import openpyxl

    workbook = openpyxl.Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "relevant"])
    survey.append(["integer", "alter", "Alter?", None])
    survey.append(["text", "grund", "Warum?", "${alte} > 3"])
    workbook.save(Path(app.config["QUESTIONNAIRE_DIR"]) / "neu.xlsx")
    page = coordinator.get("/admin/questionnaires").get_data(as_text=True)
    assert '<th scope="row"><code>neu.xlsx</code></th>' in page
    assert "<code>Blatt „survey“, Zeile 3, Spalte „relevant“</code>" in page
    assert "${alte} ist keine Frage (meinten Sie „alter“?)" in page
    assert "ankommen questionnaire import" in page


def test_check_status__all_fine(app, coordinator) -> None:
    (Path(app.config["QUESTIONNAIRE_DIR"]) / "familie.yaml").write_text(
        FAMILY_YAML.replace("{de: Größe, en: Height}", "{de: Größe, en: Height, ar: الطول}"),
        encoding="utf-8",
    )
    page = coordinator.get("/admin/questionnaires").get_data(as_text=True)
    assert "Keine Datei hat Fehler." in page and page.count("in Ordnung") == 2


def test_preview_links__every_language_both_modes(coordinator) -> None:
    page = coordinator.get("/admin/questionnaires").get_data(as_text=True)
    for lang in ("de", "en", "ar"):
        for mode in ("adult", "child"):
            assert f"/admin/questionnaires/familie/preview?lang={lang}&amp;mode={mode}" in page
    assert "(von rechts nach links)" in page


def test_preview__arabic_opens_the_respondent_pages_rtl_without_storing(app, coordinator) -> None:
    reply = coordinator.get("/admin/questionnaires/familie/preview?lang=ar&mode=adult")
    assert reply.status_code == 302 and reply.headers["Location"].startswith("/q/familie/")
    respondent_page = coordinator.get(reply.headers["Location"]).get_data(as_text=True)
    assert 'lang="ar"' in respondent_page and 'dir="rtl"' in respondent_page
    live = coordinator.get("/admin/live/fragment").get_data(as_text=True)
    assert "Insgesamt: 0 abgeschlossen, 0 begonnen." in live


def test_preview__unknown_language_or_questionnaire(coordinator) -> None:
    assert coordinator.get("/admin/questionnaires/familie/preview?lang=tr").status_code == 400
    assert (
        coordinator.get("/admin/questionnaires/familie/preview?lang=de&mode=x").status_code == 400
    )
    assert coordinator.get("/admin/questionnaires/nope/preview?lang=de").status_code == 404


def test_coverage__counts_and_missing_keys(tmp_path: Path) -> None:
    folder = write_questionnaires(tmp_path / "q")
    questionnaire = loads_questionnaire(FAMILY_YAML, folder / "familie.yaml")
    coverage = {item.language: item for item in translation_coverage(questionnaire)}
    assert list(coverage) == ["de", "en", "ar"]
    assert coverage["de"].complete and coverage["en"].complete
    assert coverage["ar"].missing == ["page seite / question groesse / label"]
    assert coverage["ar"].translated == coverage["ar"].total - 1
    # title, 2 shared choices, 9 labels, 6 choices and 2 rows in place, yes/no, equity group
    assert coverage["de"].total == 1 + 2 + 9 + 8 + 2 + 1


def test_translation_table__page_lists_missing_keys(coordinator) -> None:
    page = coordinator.get("/admin/questionnaires/translations").get_data(as_text=True)
    assert "1 Text fehlt" in page
    assert "<code>page seite / question groesse / label</code>" in page
    assert page.count("vollständig") >= 2
