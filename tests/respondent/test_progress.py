"""Progress never jumps: every branch of the shipped questionnaires, child and adult mode.

"Frage N von M" (or "Frage N" while the total is still open) must never decrease N,
never change M once it was shown, and end at M; the bar never shrinks and ends full.
The walks use the model's route directly (the pages show exactly ``Route.progress``);
every answer that decides a later screen is tried in each of its kinds.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from survey_app.answering.screens import Progress, Route, plan_screens
from survey_app.questionnaire.model import Question, Questionnaire
from tests.respondent.helpers import Respondent
from tests.respondent.test_screens import LIBRARY

#: Subsets of a longer choice list tried: none, each one, all, all but one.
ALL_SUBSETS_UP_TO = 5


def _deciders(questionnaire: Questionnaire) -> set[str]:
    """The questions whose answers decide whether a later question or page is shown."""
    names: set[str] = set()
    for page in questionnaire.pages:
        expressions = [page.relevant] + [question.relevant for question in page.questions]
        for expression in expressions:
            if expression is not None:
                names.update(reference.name for reference in expression.references)
    return names


def _candidates(questionnaire: Questionnaire, question: Question, answers: dict) -> list[Any]:
    """Every kind of answer to a deciding question (None: left unanswered)."""
    if question.type == "yes_no":
        return [None, "yes", "no"]
    assert question.is_choice_type, f"{question.id}: add answers for type {question.type}"
    values = [choice.value for choice in questionnaire.visible_choices(question, answers)]
    if question.is_single_choice:
        return [None, *values]
    if len(values) <= ALL_SUBSETS_UP_TO:
        subsets = itertools.chain.from_iterable(
            itertools.combinations(values, size) for size in range(len(values) + 1)
        )
        return [list(subset) for subset in subsets]
    return [[], values, *([value] for value in values), values[1:]]


#: Per screen of a walk: the ids of the questions shown and the progress shown.
Walk = list[tuple[frozenset[str], Progress]]


def _walks(questionnaire: Questionnaire, child_mode: bool) -> Iterator[Walk]:
    """The questions and progress shown, screen by screen, for every branch."""
    deciders = _deciders(questionnaire)

    def walk(answers: dict, number: int, shown: Walk) -> Iterator[Walk]:
        route = Route.of(questionnaire, child_mode, answers)
        screen = route.screen(number)
        assert screen is not None
        ids = frozenset(q.id for q in screen.shown_questions(route.shown))
        shown = [*shown, (ids, route.progress(number))]
        asked = [q for q in screen.shown_questions(route.shown) if q.id in deciders]
        options = [_candidates(questionnaire, q, answers) for q in asked]
        for combination in itertools.product(*options):
            given = dict(answers)
            given.update(
                {q.id: value for q, value in zip(asked, combination, strict=True) if value}
            )
            following = Route.of(questionnaire, child_mode, given).next_after(number)
            if following is None:
                yield shown
            else:
                yield from walk(given, following.number, shown)

    first = Route.of(questionnaire, child_mode, {}).first()
    assert first is not None
    yield from walk({}, first.number, [])


CASES = [
    pytest.param(questionnaire, child_mode, id=f"{questionnaire.id}-{mode}")
    for questionnaire in LIBRARY.all()
    for child_mode, mode in ((True, "child"), (False, "adult"))
]


@pytest.mark.parametrize(("questionnaire", "child_mode"), CASES)
def test_progress__never_goes_back_never_changes_its_total_ends_at_it(
    questionnaire: Questionnaire, child_mode: bool
) -> None:
    walks = 0
    for walk in _walks(questionnaire, child_mode):
        walks += 1
        shown = [progress for _, progress in walk]
        numbers = [progress.number for progress in shown]
        assert numbers == list(range(1, len(shown) + 1)), numbers
        totals = [progress.total for progress in shown]
        fixed = next((total for total in totals if total is not None), None)
        assert fixed is not None, "the total is never shown"
        first_shown = totals.index(fixed)
        assert totals[first_shown:] == [fixed] * (len(shown) - first_shown), totals
        assert shown[-1].number == fixed, totals
        bar = [progress.percent for progress in shown]
        assert bar == sorted(bar) and bar[-1] == 100, bar
    assert walks >= 1


def test_progress__the_walks_reach_every_branch() -> None:
    """Each question that can be skipped is skipped in some walk and shown in another."""
    for questionnaire in LIBRARY.all():
        for child_mode in (True, False):
            walked = [
                set().union(*(ids for ids, _ in walk)) for walk in _walks(questionnaire, child_mode)
            ]
            plan = plan_screens(questionnaire, child_mode)
            every = {q.id for screen in plan for q in screen.questions}
            conditional = {q.id for s in plan if s.horizon for q in s.questions if q.relevant}
            assert conditional, questionnaire.id
            assert set.union(*walked) == every, (questionnaire.id, every - set.union(*walked))
            assert not conditional & set.intersection(*walked), questionnaire.id


def test_progress__the_page_says_frage_n_until_the_total_is_fixed(client: FlaskClient) -> None:
    respondent = Respondent(client).start("kinder-6-10", "de")
    assert re.search(r'id="progress">Frage 1</p>', respondent.html)
    respondent.next({"alter": "7"})
    respondent.next({"stadtteil": "altstadt"})
    assert re.search(r'id="progress">Frage 3</p>', respondent.html)
    respondent.next({"einrichtung": ["kita", "hort"]})
    total = re.search(r'id="progress">Frage 4 von (\d+)</p>', respondent.html)
    assert total, respondent.html
    respondent.next({})
    assert f'id="progress">Frage 5 von {total.group(1)}</p>' in respondent.html
