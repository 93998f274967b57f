"""A summary of every question for a questionnaire without roles (an own XLSForm):
in the brief and in ``ankommen analyse``, small groups hidden."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest

from analysis.question_summaries import NONE_TICKED
from survey_app import create_app
from survey_app.questionnaire.xlsform_import import import_xlsform
from survey_app.storage import make_engine, migrate, new_token, store_response
from tests.conftest import make_test_config


def own_form(path: Path) -> Path:
    """A coordinator's XLSForm: choice, multiple choice, a number, a text; no roles."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    sheets = {
        "survey": [
            ["type", "name", "label"],
            ["select_one farbe", "farbe", "Lieblingsfarbe"],
            ["select_multiple hilfe", "hilfe", "Was hilft Ihnen?"],
            ["integer", "kinder", "Wie viele Kinder leben im Haushalt?"],
            ["text", "anmerkung", "Möchten Sie uns noch etwas sagen?"],
        ],
        "choices": [
            ["list_name", "name", "label"],
            ["farbe", "rot", "Rot"],
            ["farbe", "blau", "Blau"],
            ["farbe", "gruen", "Grün"],
            ["hilfe", "kita", "Kita"],
            ["hilfe", "oma", "Großeltern"],
            ["hilfe", "nachbarn", "Nachbarschaft"],
        ],
        "settings": [["form_title", "form_id", "version"], ["Eigene Umfrage", "eigene", 1]],
    }
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def answers(i: int) -> dict:
    """40 answers: Grün 3 times (below k = 5), "nothing ticked" twice."""
    farbe = "gruen" if i < 3 else "blau" if i < 17 else "rot"
    hilfe = [] if i < 2 else ["kita", "oma"] if i % 2 else ["kita", "nachbarn"]
    result = {"farbe": farbe, "hilfe": hilfe, "kinder": 1 + i % 4}
    if i < 12:
        result["anmerkung"] = f"Geheime Anmerkung {i}"
    return result


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("own-form")
    result = import_xlsform(own_form(folder / "eigene.xlsx"))
    assert result.ok, result.problems
    library = folder / "questionnaires"
    library.mkdir()
    (library / "eigene.yaml").write_text(result.yaml_text, encoding="utf-8")
    app = create_app(make_test_config(folder, QUESTIONNAIRE_DIR=str(library)))
    engine = make_engine(app.config["DATABASE_URL"])
    migrate(engine)
    with engine.begin() as conn:
        for i in range(40):
            store_response(
                conn,
                token=new_token(),
                questionnaire_id="eigene",
                questionnaire_version="1",
                questionnaire_hash="",
                language="de",
                mode="kiosk",
                event_code=None,
                district=None,
                answers=answers(i),
            )
    engine.dispose()
    return app, folder


def test_brief__a_summary_of_every_question__small_groups_hidden(stored):
    app, folder = stored
    target = folder / "eigene.pdf"
    result = app.test_cli_runner().invoke(args=["brief", "eigene", "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    assert "Die Zahlen reichen für keine gesicherte Aussage" not in text
    assert "Antworten je Frage" in text
    for question in (
        "Lieblingsfarbe",
        "Was hilft Ihnen?",
        "Wie viele Kinder leben im Haushalt?",
        "Möchten Sie uns noch etwas sagen?",
    ):
        assert question in text
    # Choice: Rot 23 shown; Grün 3 hidden, and Blau too (else 40 − 23 − 14 gives Grün).
    assert "Rot 23 58 % 42–71" in lines
    assert "Grün • •" in lines and "Blau • •" in lines
    # Multiple choice: shares of all who answered, "nothing ticked" (2) hidden — and
    # Kita (38 of 40) too: at least 38 ticked something, so at most 2 ticked nothing.
    assert "Großeltern 19 48 % 33–63" in lines
    assert "nichts angekreuzt • •" in lines and "Kita • •" in lines
    # Number: quartiles; text: a count, never the texts.
    assert "Median 2,5, mittlere Hälfte 1,8 bis 3,2" in text
    assert "12 freie Antworten" in text and "Geheime Anmerkung" not in text


def test_analyse__question_sheet_has_every_question__small_groups_hidden(stored):
    app, folder = stored
    target = folder / "eigene.json"
    result = app.test_cli_runner().invoke(
        args=["analyse", "eigene", "--format", "json", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(target.read_text(encoding="utf-8"))["questions"]
    assert {row["question"] for row in rows} == {"farbe", "hilfe", "kinder", "anmerkung"}
    cells = {(row["question"], row["answer"]): row for row in rows}
    assert cells["farbe", "rot"]["count"] == 23 and cells["farbe", "rot"]["n"] == 40
    assert cells["farbe", "gruen"]["count"] is None and cells["farbe", "gruen"]["suppressed"]
    assert cells["farbe", "blau"]["count"] is None  # complementary
    assert cells["hilfe", "oma"]["percent"] == 47.5 and cells["hilfe", "oma"]["ci_low"] == 32.9
    assert cells["hilfe", "kita"]["count"] is None  # it would pin "nothing ticked" to <= 2
    assert (
        cells["hilfe", NONE_TICKED]["suppressed"] and cells["hilfe", NONE_TICKED]["count"] is None
    )
    assert cells["kinder", "*"]["median"] == 2.5 and cells["kinder", "*"]["count"] == 40
    assert cells["anmerkung", "*"]["count"] == 12
    assert all(row["count"] is None or row["count"] >= 5 for row in rows)
    assert "Geheime" not in target.read_text(encoding="utf-8")
