"""Translating in the browser and with the translators' workbook."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
from sqlalchemy import select

from survey_app.questionnaire import load_questionnaire
from survey_app.storage import audit_log
from survey_app.storage.db import get_engine
from survey_app.versions import list_versions
from tests.coordinator.conftest import csrf_token

EDIT = "/admin/questionnaires/familie/translations/ar"
SHEET = "/admin/questionnaires/familie/translations.xlsx"
KEY = "page seite / question groesse / label"


def _file(app) -> Path:
    return Path(app.config["QUESTIONNAIRE_DIR"]) / "familie.yaml"


def _audit(app) -> list[str]:
    with get_engine(app).connect() as conn:
        return [
            row.detail for row in conn.execute(select(audit_log)) if row.action == "translations"
        ]


def test_edit_page__missing_text_first_labelled_with_its_source(coordinator) -> None:
    page = coordinator.get(EDIT).get_data(as_text=True)
    missing, done = page.split("Übersetzte Texte", 1)
    assert f'name="text:{KEY}"' in missing and 'name="text:title"' in done
    field = re.search(r'<label for="(t-\d+)"><code>' + re.escape(KEY), missing)
    assert field is not None
    assert f'id="{field.group(1)}" name="text:{KEY}"' in missing
    assert 'lang="ar" dir="rtl"' in missing and ">Größe</span>" in missing
    assert coordinator.get("/admin/questionnaires/familie/translations/de").status_code == 404
    assert coordinator.get("/admin/questionnaires/familie/translations/xx").status_code == 404


def test_save__writes_the_file_checks_and_audits(app, coordinator) -> None:
    page = coordinator.get(EDIT).get_data(as_text=True)
    file_hash = re.search(r'name="file_hash" value="([0-9a-f]+)"', page).group(1)
    before = _file(app).read_text(encoding="utf-8")
    reply = coordinator.post(
        EDIT,
        data={
            "csrf_token": csrf_token(coordinator, EDIT),
            "file_hash": file_hash,
            f"text:{KEY}": " الطول\r\n",
            "text:title": "استبيان العائلة",  # unchanged: not written
        },
        follow_redirects=True,
    )
    assert "1 Text gespeichert." in reply.get_data(as_text=True)
    after = _file(app).read_text(encoding="utf-8")
    assert (
        after.replace(
            'label: {de: Größe, en: Height, ar: "الطول"}', "label: {de: Größe, en: Height}"
        )
        == before
    )
    assert load_questionnaire(_file(app)).pages[0].questions[5].label.values["ar"] == "الطول"
    assert _audit(app) == ["familie: 1 texts (ar) in familie.yaml"]
    # Saved as a new version: in the version history, by the coordinator.
    with app.app_context(), get_engine().connect() as conn:
        versions = list_versions(conn, "familie")
    assert [v.content_hash for v in versions] == [load_questionnaire(_file(app)).content_hash]
    assert versions[0].published_by == "koordination"
    # The served questionnaire has it at once, and the page lists nothing missing.
    page = coordinator.get(EDIT).get_data(as_text=True)
    assert "Fehlende Texte (0)" in page
    # The same form again (old hash): refused, nothing written.
    reply = coordinator.post(
        EDIT,
        data={
            "csrf_token": csrf_token(coordinator, EDIT),
            "file_hash": file_hash,
            "text:title": "x",
        },
        follow_redirects=True,
    )
    assert "Die Datei wurde inzwischen geändert" in reply.get_data(as_text=True)
    assert _file(app).read_text(encoding="utf-8") == after


def test_save__tampered_key_or_no_token_is_400(app, coordinator) -> None:
    token = csrf_token(coordinator, EDIT)
    assert coordinator.post(EDIT, data={"csrf_token": token, "text:nope": "x"}).status_code == 400
    assert coordinator.post(EDIT, data={f"text:{KEY}": "x"}).status_code == 400
    assert _audit(app) == []


def _upload(client, workbook: openpyxl.Workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return client.post(
        SHEET,
        data={
            "csrf_token": csrf_token(client, "/admin/questionnaires/translations"),
            "workbook": (io.BytesIO(buffer.getvalue()), "familie-translations.xlsx"),
        },
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def test_workbook__download_fill_in_upload(app, coordinator) -> None:
    reply = coordinator.get(SHEET)
    assert (
        reply.headers["Content-Disposition"] == 'attachment; filename="familie-translations.xlsx"'
    )
    book = openpyxl.load_workbook(io.BytesIO(reply.data))
    sheet = book["translations"]
    assert [cell.value for cell in sheet[1]] == ["id", "de", "en", "ar"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert rows[KEY][1].value == "Größe" and rows[KEY][3].value is None
    rows[KEY][3].value = "الطول"
    rows["title"][2].value = "=Family survey"  # a text cell a spreadsheet would run: neutralised
    rows["title"][2].data_type = "s"
    reply = _upload(coordinator, book)
    assert "2 Texte gespeichert." in reply.get_data(as_text=True)
    saved = load_questionnaire(_file(app))
    assert saved.title.values["en"] == "'=Family survey"
    assert saved.pages[0].questions[5].label.values["ar"] == "الطول"
    assert _audit(app) == ["familie: 2 texts (en ar) in familie.yaml"]


def test_workbook__every_problem_at_once_nothing_saved(app, coordinator) -> None:
    before = _file(app).read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(coordinator.get(SHEET).data))
    sheet = book["translations"]
    sheet["E1"] = "fr"
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    sheet.cell(row=rows[KEY], column=4).value = "=1+1"  # a formula
    sheet.cell(row=rows["title"], column=2).value = "Elternbefragung"  # source changed
    sheet.cell(row=sheet.max_row + 1, column=1).value = "page seite / question weg / label"
    reply = _upload(coordinator, book)
    page = reply.get_data(as_text=True)
    assert reply.status_code == 422
    assert (
        "Blatt „translations“, Zeile 1, Spalte „fr“: Diese Sprache hat der Fragebogen nicht."
        in page
    )
    assert f"Zeile {rows[KEY]}, Spalte „ar“: Hier steht eine Formel." in page
    assert f"Zeile {rows['title']}, Spalte „de“: Der Ausgangstext ist anders" in page
    assert f"Zeile {sheet.max_row}, Spalte „id“: Diese id gibt es im Fragebogen nicht." in page
    assert _file(app).read_bytes() == before and _audit(app) == []
    reply = coordinator.post(
        SHEET,
        data={
            "csrf_token": csrf_token(coordinator, "/admin/questionnaires/translations"),
            "workbook": (io.BytesIO(b"PK\x03\x04 not a workbook"), "x.xlsx"),
        },
        content_type="multipart/form-data",
    )
    assert reply.status_code == 422 and "keine Excel-Arbeitsmappe" in reply.get_data(as_text=True)


def test_new_language__offered_translated_declared_and_published(app, coordinator) -> None:
    """Turkish is not declared: the translations page offers it, the first saved text
    declares it in the file (a new version), and respondents are offered it."""
    page = coordinator.get("/admin/questionnaires/translations").get_data(as_text=True)
    turkish = "/admin/questionnaires/familie/translations/tr"
    assert f'href="{turkish}"' in page
    form = coordinator.get(turkish).get_data(as_text=True)
    file_hash = re.search(r'name="file_hash" value="([0-9a-f]+)"', form).group(1)
    assert f'name="text:{KEY}"' in form  # every text is missing
    reply = coordinator.post(
        turkish,
        data={
            "csrf_token": csrf_token(coordinator, turkish),
            "file_hash": file_hash,
            f"text:{KEY}": "Boy",
        },
        follow_redirects=True,
    )
    assert "1 Text gespeichert." in reply.get_data(as_text=True)
    saved = load_questionnaire(_file(app))
    assert "tr" in saved.languages
    assert saved.pages[0].questions[5].label.values["tr"] == "Boy"
    with app.app_context(), get_engine().connect() as conn:
        assert [v.content_hash for v in list_versions(conn, "familie")] == [saved.content_hash]
    assert coordinator.get("/admin/questionnaires/familie/translations/xx").status_code == 404
