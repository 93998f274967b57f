"""Exports SPSS, Stata and German Excel open as they are (pyreadstat reads them back)."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pyreadstat
import pytest

from survey_app.export_formats import variable_name
from survey_app.exports import build_export
from tests.coordinator.conftest import csrf_token, store
from tests.coordinator.test_exports import FULL, _load, response

ROWS = [
    response(FULL),
    response({**FULL, "farbe": "rot", "tiere": [], "groesse": 2.25, "idee": "=SUMME(A1)"}, id="r2"),
    response({"farbe": "blau"}, id="r3", language="ar", event_code=None, district=None),
]


def _read(tmp_path: Path, content: bytes, fmt: str):
    path = tmp_path / f"x.{fmt}"
    path.write_bytes(content)
    reader = pyreadstat.read_sav if fmt == "sav" else pyreadstat.read_dta
    return reader(str(path))


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_statistics_export__variable_and_value_labels_read_back(tmp_path: Path, fmt: str) -> None:
    questionnaire = _load(tmp_path)
    export = build_export(questionnaire, ROWS, fmt, lang="en")
    (file,) = export.files
    assert file.name.endswith(f".{fmt}") and export.response_count == 3
    frame, meta = _read(tmp_path, file.content, fmt)
    labels = meta.column_names_to_labels
    assert labels["farbe"] == "Favourite colour"
    assert labels["tiere__hund"] == "Which animals – Dog"
    assert labels["orte__park"] == "Do you like it – Park"
    assert labels["response_language"] == "Language of the response"
    values = meta.variable_value_labels
    assert values["farbe"] == {1: "Red", 2: "Blue"}
    assert values["tiere__katze"] == {0: "not ticked", 1: "ticked"}
    assert values["orte__park"] == {1: "Yes", 2: "No"}
    assert values["allein"] == {1: "Yes", 2: "No"} or set(values["allein"].values()) >= {"Yes"}
    assert list(frame["farbe"]) == [2, 1, 2]
    assert list(frame["tiere__katze"][:2]) == [1, 0]
    assert frame["tiere__katze"].isna()[2]  # not answered: missing, never "not ticked"
    assert list(frame["groesse"][:2]) == [1.5, 2.25]
    assert frame["idee"][1] == "=SUMME(A1)"  # statistics software runs no formulas


def test_statistics_export__labels_in_the_asked_language(tmp_path: Path) -> None:
    questionnaire = _load(tmp_path)
    (file,) = build_export(questionnaire, ROWS, "sav", lang="ar").files
    _, meta = _read(tmp_path, file.content, "sav")
    assert meta.column_names_to_labels["farbe"] == "اللون المفضل"
    assert meta.variable_value_labels["farbe"] == {1: "أحمر", 2: "أزرق"}
    assert meta.variable_value_labels["tiere__hund"] == {0: "غير محدَّد", 1: "محدَّد"}


def test_variable_names__stata_safe_unique_and_short() -> None:
    taken: set[str] = set()
    assert variable_name("bekannt__rucksack", taken) == "bekannt__rucksack"
    assert variable_name("1-frage", taken) == "v1_frage"
    long = "a" * 40
    first, second = variable_name(long, taken), variable_name(long + "b", taken)
    assert len(first) == 32 and len(second) <= 32 and first != second


def test_german_csv__bom_semicolon_decimal_comma_crlf(tmp_path: Path) -> None:
    questionnaire = _load(tmp_path)
    responses_file, codebook_file = build_export(questionnaire, ROWS, "csv-de").files
    data = responses_file.content
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    text = data[3:].decode("utf-8")
    header, first, second = text.split("\r\n")[:3]
    assert header.startswith("response_id;questionnaire_version;")
    assert ";1,5;" in first and ";2,25;" in second  # decimal comma
    assert ";'=SUMME(A1)" in second  # formula neutralising stays
    assert "," not in header
    assert codebook_file.content.startswith(b"\xef\xbb\xbf")


def test_web_export__sav_download(app, coordinator) -> None:
    store(app, answers=FULL)
    token = csrf_token(coordinator, "/admin/exports")
    reply = coordinator.post("/admin/exports/familie/sav", data={"csrf_token": token})
    assert reply.status_code == 200 and reply.mimetype == "application/x-spss-sav"
    assert reply.headers["Content-Disposition"].endswith('.sav"')
    path = Path(app.instance_path) / "download.sav"
    path.write_bytes(reply.get_data())
    frame, meta = pyreadstat.read_sav(str(path))
    assert len(frame) == 1 and meta.variable_value_labels["farbe"] == {1: "Rot", 2: "Blau"}


def test_web_export__german_csv_zip(app, coordinator) -> None:
    store(app, answers=FULL)
    token = csrf_token(coordinator, "/admin/exports")
    reply = coordinator.post("/admin/exports/familie/csv-de", data={"csrf_token": token})
    with zipfile.ZipFile(io.BytesIO(reply.get_data())) as archive:
        names = archive.namelist()
        assert any(name.endswith("-responses.csv") for name in names)
        assert all(archive.read(name).startswith(b"\xef\xbb\xbf") for name in names)
    assert date.today().isoformat() in names[0]


def test_cli_export__dta_with_labels_in_english(app, runner, tmp_path: Path) -> None:
    store(app, answers=FULL)
    target = tmp_path / "out.dta"
    result = runner.invoke(
        args=["export", "familie", "--format", "dta", "--lang", "en", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    frame, meta = pyreadstat.read_dta(str(target))
    assert len(frame) == 1 and meta.variable_value_labels["farbe"] == {1: "Red", 2: "Blue"}
    wrong = runner.invoke(
        args=["export", "familie", "--format", "dta", "--lang", "xx", "-o", str(target)]
    )
    assert wrong.exit_code == 2 and "use one of de, en, ar" in wrong.output
