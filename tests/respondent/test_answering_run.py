"""The answering run without HTTP: a plain draft, the route worked out once per change of
answers, save/back/submit and where they lead, the model's one per-question check."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from survey_app.answering import AnsweringRun, Step, screens
from survey_app.questionnaire import QuestionnaireLibrary
from survey_app.questionnaire.answers import check_answer
from survey_app.questionnaire.model import Questionnaire
from tests.conftest import PROJECT_ROOT

KINDER = QuestionnaireLibrary(PROJECT_ROOT / "questionnaires").get("kinder-6-10")


@dataclass
class PlainDraft:
    """Just the fields the run uses: no Flask, no database."""

    answers: dict[str, Any] = field(default_factory=dict)
    visited: set[int] = field(default_factory=set)
    screen: int = 0
    consented: bool = True
    submitted: bool = False
    child_mode: bool = False


def _started(child_mode: bool = False) -> tuple[AnsweringRun, int]:
    run = AnsweringRun(KINDER, PlainDraft(child_mode=child_mode))
    step = run.resume()
    assert step.to == "screen"
    return run, step.screen


def test_resume__marks_the_first_screen_reached_and_stays_there() -> None:
    run, first = _started()
    assert run.draft.visited == {first} and run.draft.screen == first
    assert run.resume() == Step("screen", first)


def test_route__worked_out_once_and_again_only_when_the_answers_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Relevance is worked out once per set of answers: for the screen shown, for the
    answers a check looks at, and not again when the save keeps those answers."""
    worked_out: list[dict[str, Any]] = []
    relevance = Questionnaire.relevance

    def counted(questionnaire: Questionnaire, answers: Any) -> dict[str, bool]:
        worked_out.append(dict(answers))
        return relevance(questionnaire, answers)

    monkeypatch.setattr(screens, "_ROUTES", {})  # nothing kept from other tests
    monkeypatch.setattr(Questionnaire, "relevance", counted)
    run, first = _started()
    assert run.reachable(first) and run.questions(first) and run.answers_shown() == {}
    run.route.progress(first)
    assert worked_out == [{}]  # one route for all of that
    assert [p.code for p in run.check(first, {"alter": 7})] == ["required"]  # einrichtung
    assert worked_out == [{}, {"alter": 7}]
    step = run.save(first, {"alter": 7, "einrichtung": ["schule"]})
    assert step.to == "screen" and step.screen in run.draft.visited
    assert run.route.shown["schule_gefallen"] and run.route.progress(step.screen)
    assert worked_out == [{}, {"alter": 7}, {"alter": 7, "einrichtung": ["schule"]}]


def test_save__entries_first_then_the_checks_across_answers__nothing_kept() -> None:
    run, first = _started()
    # A number out of range and a constraint broken: the entry's problem only.
    step = run.save(first, {"alter": 99, "einrichtung": ["zuhause", "schule"]})
    assert step.to == "problems"
    assert [(p.question_id, p.code) for p in step.problems] == [("alter", "out_of_range")]
    # The entries fine: now the constraint.
    step = run.save(first, {"alter": 9, "einrichtung": ["zuhause", "schule"]})
    assert [(p.question_id, p.code) for p in step.problems] == [("einrichtung", "constraint")]
    assert run.draft.answers == {} and run.draft.visited == {first}
    # An entry that could not be read has its own message: the model's is left out.
    step = run.save(first, {"einrichtung": ["kita"]}, unreadable={"alter"})
    assert step == Step("problems", first, [])


def test_back__keeps_the_answers_whose_entries_are_fine__first_screen_leads_to_consent() -> None:
    run, first = _started()
    step = run.back(first, {"alter": 99, "stadtteil": "altstadt", "einrichtung": ["kita"]})
    assert step == Step("consent")
    assert run.draft.consented is False
    assert run.draft.answers == {"stadtteil": "altstadt", "einrichtung": ["kita"]}


def test_submit__stores_once_with_the_shown_answers__missing_screens_refuse() -> None:
    run, first = _started(child_mode=True)
    stored: list[dict[str, Any]] = []

    def store(answers: dict[str, Any]) -> bool:
        stored.append(answers)
        return True

    assert run.submit(store) == Step("missing")
    answers = {"alter": 8, "einrichtung": ["kita"]}
    step = run.resume()
    while step.to == "screen":
        questions = run.questions(step.screen)
        step = run.save(step.screen, {q.id: answers[q.id] for q in questions if q.id in answers})
    assert step == Step("done")
    assert run.submit(store) == Step("thanks", stored=True)
    assert stored == [{"alter": 8, "einrichtung": ["kita"]}]
    assert run.draft.submitted and run.draft.answers == {} and run.draft.visited == set()
    assert run.submit(store) == Step("thanks")  # a repeated tap stores nothing
    assert len(stored) == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"spielplaetze": 2, "parks": 1}, []),
        ({"spielplaetze": 4}, [("out_of_range", "spielplaetze")]),
        ({"spielplaetze": 2, "parks": -1}, [("out_of_range", "parks")]),
        ({"spielplaetze": 2, "parks": 2}, [("too_many_points", None)]),
        ({}, []),
    ],
)
def test_check_answer__dot_vote_names_the_entry_out_of_range(
    value: dict[str, int], expected: list[tuple[str, str | None]]
) -> None:
    question = KINDER.question("besser_werden")
    problems = check_answer(KINDER, question, value, {})
    assert [(p.code, p.params.get("choice")) for p in problems] == expected
