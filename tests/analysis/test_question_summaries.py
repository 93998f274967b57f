"""A summary of every question for a questionnaire without roles (an own XLSForm):
in the brief and in ``ankommen analyse``, small groups hidden."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest
from scipy.optimize import linprog

from analysis.charts import palette_for
from analysis.i18n import translator
from analysis.labels import Labels
from analysis.question_summaries import NONE_TICKED
from analysis.results import analyse
from analysis.roles import roles_of
from analysis.summary_charts import summary_view
from survey_app import create_app
from survey_app.questionnaire.xlsform_import import import_xlsform
from survey_app.storage import NewResponse, make_engine, migrate, new_token, store_response
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
                NewResponse(
                    questionnaire_id="eigene",
                    questionnaire_version="1",
                    questionnaire_hash="",
                    language="de",
                    mode="kiosk",
                    event_code=None,
                    district=None,
                    answers=answers(i),
                ),
                token=new_token(),
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


def largest_hidden_values(rows: list[dict]) -> dict[tuple[str, str], float]:
    """An attacker on the ``questions`` table alone: choices add up to who answered;
    options lie between 0 and "ticked something" = answered − none ticked, which is
    at most their sum. Returns, per hidden count, the largest value it can have."""
    by_question: dict[str, list[dict]] = {}
    for row in rows:
        by_question.setdefault(row["question"], []).append(row)
    result = {}
    for question, cells in by_question.items():
        kind = cells[0]["kind"]
        answers = [c for c in cells if c["answer"] != "*" and c["row"] is None]
        if kind not in ("choice", "multiple") or not answers:
            continue
        n = answers[0]["n"]
        names = [c["answer"] for c in answers] + ["_some"]
        index = {name: i for i, name in enumerate(names)}
        bounds = [
            (c["count"], c["count"]) if c["count"] is not None else (0, n) for c in answers
        ] + [(0, n)]
        equal, rhs, upper, upper_rhs = [], [], [], []
        if kind == "choice":
            equal.append([1.0] * len(answers) + [0.0])
            rhs.append(n)
        else:
            row = [0.0] * len(names)
            row[index["_some"]], row[index[NONE_TICKED]] = 1.0, 1.0
            equal.append(row)
            rhs.append(n)
            for c in answers:
                if c["answer"] != NONE_TICKED:
                    row = [0.0] * len(names)
                    row[index[c["answer"]]], row[index["_some"]] = 1.0, -1.0
                    upper.append(row)
                    upper_rhs.append(0.0)
            row = [-1.0 if name not in (NONE_TICKED, "_some") else 0.0 for name in names]
            row[index["_some"]] = 1.0
            upper.append(row)
            upper_rhs.append(0.0)
        for c in answers:
            if c["count"] is not None:
                continue
            objective = [0.0] * len(names)
            objective[index[c["answer"]]] = -1.0
            solved = linprog(
                objective,
                A_ub=upper or None,
                b_ub=upper_rhs or None,
                A_eq=equal,
                b_eq=rhs,
                bounds=bounds,
                method="highs",
            )
            result[question, c["answer"]] = -solved.fun
    return result


def test_analyse__no_hidden_count_is_shown_to_be_below_k(stored):
    app, folder = stored
    target = folder / "attack.json"
    result = app.test_cli_runner().invoke(
        args=["analyse", "eigene", "--format", "json", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    largest = largest_hidden_values(json.loads(target.read_text(encoding="utf-8"))["questions"])
    assert set(largest) >= {("farbe", "gruen"), ("hilfe", NONE_TICKED)}
    assert all(value >= 5 for value in largest.values()), largest


def test_summaries__smileys_and_dot_votes_are_the_voice_tables(children, frame_of):
    rows = [
        {"alter": 3 + i % 3, "spass": str(1 + i % 3), "wunschliste": {"park": 2, "wege": 1}}
        for i in range(30)
    ]
    analysis = analyse(frame_of(children, rows))
    by_id = {summary.question.id: summary for summary in analysis.summaries}
    assert [s.kind for s in analysis.summaries] == ["number", "scale", "dot_vote", "text"]
    smiley = analysis.smileys[0]
    assert {v: s.count for v, s in by_id["spass"].options.items()} == {"1": 10, "2": 10, "3": 10}
    assert by_id["spass"].options["1"].count_key == smiley.shares["1"].count_key
    votes = by_id["wunschliste"].votes
    assert [(i.choice, i.points.amount) for i in votes.items] == [
        ("park", 60.0),
        ("wege", 30.0),
        ("spielplatz", 0.0),
    ]
    assert by_id["alter"].quartiles.median == 4.0 and by_id["wunsch"].n == 0
    view = summary_view(
        by_id["spass"], Labels(roles_of(children), translator("en")), palette_for(None)
    )
    assert view.svg.startswith("<svg") and "33%" in view.svg and len(view.rows) == 3
