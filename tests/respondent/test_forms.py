"""The forms built from the model: parsing what people type, and spotting tampering."""

from __future__ import annotations

import pytest
from flask import Flask
from werkzeug.datastructures import MultiDict

from survey_app.answering import AnsweringRun
from survey_app.questionnaire import QuestionnaireLibrary
from survey_app.respondent.forms import build_form, show_problems
from survey_app.respondent.tampering import find_tampering
from survey_app.respondent.wording import Wording
from survey_app.storage.draft_store import Draft
from tests.conftest import PROJECT_ROOT

LIBRARY = QuestionnaireLibrary(PROJECT_ROOT / "questionnaires")
KINDER = LIBRARY.get("kinder-6-10")


def _age_form(app: Flask, typed: str):
    """The age screen posted: the form reads the entry, the answering run checks it."""
    draft = Draft(id="t", questionnaire_id=KINDER.id, language="de", mode="web", child_mode=True)
    run = AnsweringRun(KINDER, draft)
    screen = run.route.screen_of("alter")
    assert screen is not None
    draft.visited.add(screen.number)
    with app.test_request_context():
        view = build_form(
            KINDER,
            run.questions(screen.number),
            {},
            Wording(informal=True),
            "de",
            formdata=MultiDict({"alter": typed, "action": "next"}),
        )
        view.form.validate()
        step = run.save(screen.number, view.answers(), view.unreadable())
        show_problems(view, step.problems, Wording(informal=True), "de", KINDER.default_language)
        return step.to != "problems", view.answers(), view.error_links()


@pytest.mark.parametrize(
    ("typed", "expected"), [("7", 7), (" 8 ", 8), ("٩", 9), ("۱۰", 10), ("", None)]
)
def test_integer__digits_of_other_scripts_are_understood(
    app: Flask, typed: str, expected: int | None
) -> None:
    valid, answers, _ = _age_form(app, typed)
    assert valid
    assert answers.get("alter") == expected


@pytest.mark.parametrize("typed", ["sieben", "7.5", "1e3", "0x10", "--7"])
def test_integer__other_text_is_a_friendly_error(app: Flask, typed: str) -> None:
    valid, answers, errors = _age_form(app, typed)
    assert not valid and "alter" not in answers
    assert errors == [("Bitte schreib nur eine Zahl, zum Beispiel 7.", "q-alter")]


def test_integer__out_of_range_names_the_range(app: Flask) -> None:
    valid, _, errors = _age_form(app, "13")
    assert not valid
    assert errors == [("Bitte schreib eine Zahl von 5 bis 12.", "q-alter")]


def _tampering(formdata: dict) -> str | None:
    question = KINDER.question("einrichtung")
    return find_tampering(KINDER, [question], {}, MultiDict(formdata))


@pytest.mark.parametrize(
    ("formdata", "reason"),
    [
        ({"action": "next", "einrichtung": ["kita", "schule"]}, None),
        ({"action": "next"}, None),
        ({"action": "next", "einrichtung": ["mond"]}, "unknown or repeated choice"),
        ({"action": "next", "einrichtung": ["kita", "kita"]}, "unknown or repeated choice"),
        ({"action": "next", "alter": "7"}, "unknown field"),
        ({"action": "fly"}, "unknown action"),
        ({"action": ["next", "back"]}, "unknown action"),
        ({"action": "next", "einrichtung": "kita\x00"}, "forbidden characters"),
        ({"action": "next", "einrichtung": "%FF%FE"}, "invalid UTF-8"),
    ],
)
def test_find_tampering(formdata: dict, reason: str | None) -> None:
    found = _tampering(formdata)
    if reason is None:
        assert found is None
    else:
        assert found is not None and reason in found


def test_find_tampering__valid_utf8_escapes_typed_by_a_person_are_fine() -> None:
    text_question = KINDER.question("wunsch")
    formdata = MultiDict({"action": "next", "wunsch": "100% mehr Spielplätze, %C3%A4"})
    assert find_tampering(KINDER, [text_question], {}, formdata) is None
