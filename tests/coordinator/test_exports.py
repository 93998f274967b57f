"""Raw-response exports: layout, codebook, formula neutralisation, audit log, CLI."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from survey_app.exports import build_export, codebook, neutralise_cell, response_table
from survey_app.questionnaire import Questionnaire, loads_questionnaire
from survey_app.storage import StoredResponse
from tests.coordinator.conftest import (
    FAMILY_YAML,
    audit_entries,
    csrf_token,
    store,
    write_questionnaires,
)

FULL = {
    "farbe": "blau",
    "tiere": ["katze"],
    "orte": {"park": "ja"},
    "punkte": {"bad": 3},
    "alter": -5,
    "groesse": 1.5,
    "allein": "yes",
    "idee": "mehr Bänke",
}


def _load(tmp_path: Path, text: str = FAMILY_YAML) -> Questionnaire:
    folder = write_questionnaires(tmp_path / "questionnaires")
    return loads_questionnaire(text, folder / "familie.yaml")


@pytest.fixture
def questionnaire(tmp_path: Path) -> Questionnaire:
    return _load(tmp_path)


def response(answers: dict, **fields) -> StoredResponse:
    values = {
        "id": "r1",
        "questionnaire_id": "familie",
        "questionnaire_version": "3",
        "questionnaire_hash": "0" * 64,
        "language": "en",
        "mode": "own_device",
        "event_code": "FEST22",
        "district": "altstadt",
        "submitted_on": date(2025, 6, 1),
        "answers": answers,
    }
    values.update(fields)
    return StoredResponse(**values)


def test_table__one_row_per_response_one_column_per_question(questionnaire) -> None:
    table = response_table(questionnaire, [response(FULL), response({}, id="r2")])
    assert list(table.columns) == [
        "response_id",
        "questionnaire_version",
        "response_language",
        "response_mode",
        "event",
        "event_district",
        "submitted_on",
        "farbe",
        "tiere__hund",
        "tiere__katze",
        "orte__park",
        "orte__schule",
        "punkte__spielplatz",
        "punkte__bad",
        "alter",
        "groesse",
        "allein",
        "idee",
    ]
    first = table.iloc[0].to_dict()
    assert first["response_id"] == "r1" and first["response_language"] == "en"
    assert first["event"] == "FEST22" and first["event_district"] == "altstadt"
    assert first["submitted_on"] == date(2025, 6, 1)
    assert (first["tiere__hund"], first["tiere__katze"]) == (0, 1)
    assert first["orte__park"] == "ja" and pd.isna(first["orte__schule"])
    assert (first["punkte__spielplatz"], first["punkte__bad"]) == (0, 3)
    assert (first["farbe"], first["alter"], first["groesse"], first["allein"]) == (
        "blau",
        -5,
        1.5,
        "yes",
    )
    assert "info" not in table.columns  # a note has no answer


def test_table__unanswered_question_is_empty_not_zero(questionnaire) -> None:
    row = response_table(questionnaire, [response({"farbe": "rot"})]).iloc[0]
    assert pd.isna(row["tiere__hund"]) and pd.isna(row["punkte__bad"]) and pd.isna(row["alter"])


def test_table__answers_to_removed_questions_are_kept(questionnaire) -> None:
    table = response_table(questionnaire, [response({"old_question": ["a", "b"]})])
    assert table.iloc[0]["old_question"] == '["a", "b"]'


def test_table__question_named_like_a_meta_column_keeps_its_id(tmp_path: Path) -> None:
    renamed = _load(tmp_path, FAMILY_YAML.replace("id: farbe", "id: event"))
    table = response_table(renamed, [response({"event": "rot"})])
    assert table.iloc[0]["event"] == "rot" and table.iloc[0]["_event"] == "FEST22"


def test_codebook__ids_labels_types_codes_roles(questionnaire) -> None:
    book = codebook(questionnaire)
    assert {"column", "question_id", "type", "role", "label", "code", "code_label"} <= set(
        book.columns
    )
    farbe = book[book.question_id == "farbe"]
    assert list(farbe.code) == ["rot", "blau"] and list(farbe.code_label) == ["Rot", "Blau"]
    assert set(farbe.label) == {"Lieblingsfarbe"}  # the default language
    katze = book[book.column == "tiere__katze"].iloc[0]
    assert katze.type == "multiple_choice" and katze.code == "katze" and "Katze" in katze.code_label
    park = book[book.column == "orte__park"]
    assert list(park.code) == ["", "ja", "nein"] and list(park.code_label) == ["Park", "Ja", "Nein"]
    assert book[book.question_id == "allein"].iloc[0].role == "equity_group"
    assert "response_language" in set(book.column)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_neutralise__formula_starts_get_an_apostrophe(start: str) -> None:
    assert neutralise_cell(f"{start}1+2") == f"'{start}1+2"


@pytest.mark.parametrize("value", ["harmlos", "1=1", "", 5, -5, 1.5, None])
def test_neutralise__other_cells_and_numbers_unchanged(value) -> None:
    assert neutralise_cell(value) == value


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_xlsx__formula_text_is_stored_as_neutralised_text(questionnaire, start: str) -> None:
    payload = f'{start}HYPERLINK("http://evil.example","klick")'
    export = build_export(questionnaire, [response({**FULL, "idee": payload})], "xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(export.files[0].content))
    sheet = workbook["responses"]
    header = [cell.value for cell in sheet[1]]
    idee = sheet.cell(row=2, column=header.index("idee") + 1)
    # XML reads a carriage return back as a line feed; the apostrophe is what matters.
    assert idee.data_type == "s" and idee.value == ("'" + payload).replace("\r", "\n")
    alter = sheet.cell(row=2, column=header.index("alter") + 1)
    assert alter.value == -5 and alter.data_type == "n"  # numbers stay numbers
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv__formula_text_is_neutralised(questionnaire, start: str) -> None:
    export = build_export(
        questionnaire, [response({**FULL, "idee": f"{start}cmd|' /C calc'!A0"})], "csv"
    )
    rows = list(csv.DictReader(io.StringIO(export.files[0].content.decode("utf-8"), newline="")))
    assert rows[0]["idee"] == f"'{start}cmd|' /C calc'!A0"
    assert rows[0]["alter"] == "-5"


def test_codebook__labels_are_neutralised_too(tmp_path: Path) -> None:
    tricky = _load(tmp_path, FAMILY_YAML.replace("{de: Rot,", '{de: "=Rot",'))
    export = build_export(tricky, [], "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(export.files[0].content))["codebook"]
    labels = [cell.value for cell in sheet["G"]]
    assert "'=Rot" in labels and "=Rot" not in labels


def test_xlsx__two_sheets_and_control_characters_dropped(questionnaire) -> None:
    export = build_export(questionnaire, [response({**FULL, "idee": "a\x07b"})], "xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(export.files[0].content))
    assert workbook.sheetnames == ["responses", "codebook"]
    header = [cell.value for cell in workbook["responses"][1]]
    assert workbook["responses"].cell(row=2, column=header.index("idee") + 1).value == "ab"


# --- through the web and the terminal -------------------------------------------------


def test_web_export__xlsx_download_and_audit_entry(app, coordinator, accounts) -> None:
    store(app, answers={"idee": "=1+1"})
    token = csrf_token(coordinator, "/admin/exports")
    reply = coordinator.post("/admin/exports/familie/xlsx", data={"csrf_token": token})
    assert reply.status_code == 200
    assert reply.headers["Content-Disposition"].startswith('attachment; filename="familie-')
    workbook = openpyxl.load_workbook(io.BytesIO(reply.get_data()))
    assert workbook.sheetnames == ["responses", "codebook"]
    values = [cell.value for row in workbook["responses"].iter_rows() for cell in row]
    assert "'=1+1" in values
    entry = audit_entries(app)[-1]
    assert (entry.user_name, entry.action) == ("koordination", "export")
    assert entry.detail == "familie xlsx: 1 responses"


def test_web_export__csv_is_a_zip_with_codebook(app, coordinator) -> None:
    store(app, answers={"idee": "gut"})
    token = csrf_token(coordinator, "/admin/exports")
    reply = coordinator.post("/admin/exports/familie/csv", data={"csrf_token": token})
    with zipfile.ZipFile(io.BytesIO(reply.get_data())) as archive:
        names = sorted(archive.namelist())
        assert [name.rsplit("-", 1)[1] for name in names] == ["codebook.csv", "responses.csv"]
        responses = archive.read(names[1]).decode("utf-8")
    assert "idee" in responses.splitlines()[0] and "gut" in responses


def test_web_export__unknown_questionnaire_or_format_is_404(app, coordinator) -> None:
    token = csrf_token(coordinator, "/admin/exports")
    assert (
        coordinator.post("/admin/exports/nope/xlsx", data={"csrf_token": token}).status_code == 404
    )
    assert (
        coordinator.post("/admin/exports/familie/pdf", data={"csrf_token": token}).status_code
        == 404
    )
    assert audit_entries(app) == []


def test_cli_export__xlsx_written_and_logged_as_cli(app, runner, tmp_path: Path) -> None:
    store(app, answers=FULL)
    target = tmp_path / "out.xlsx"
    result = runner.invoke(args=["export", "familie", "--format", "xlsx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "1 responses exported" in result.output
    sheet = openpyxl.load_workbook(target)["responses"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.cell(row=2, column=header.index("tiere__katze") + 1).value == 1
    entry = audit_entries(app)[-1]
    assert (entry.user_name, entry.action, entry.detail) == (
        "cli",
        "export",
        "familie xlsx: 1 responses",
    )


def test_cli_export__csv_writes_codebook_next_to_it(app, runner, tmp_path: Path) -> None:
    store(app, answers=FULL)
    target = tmp_path / "antworten.csv"
    result = runner.invoke(args=["export", "familie", "--format", "csv", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert pd.read_csv(target)["farbe"].tolist() == ["blau"]
    assert "question_id" in pd.read_csv(tmp_path / "antworten-codebook.csv").columns


def test_cli_export__unknown_questionnaire_names_the_known_ones(
    app, runner, tmp_path: Path
) -> None:
    result = runner.invoke(args=["export", "nope", "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code != 0 and "familie" in result.output
    assert audit_entries(app) == []
