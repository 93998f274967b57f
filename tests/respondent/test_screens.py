"""Splitting pages into screens so that no relevance is ever decided in the browser."""

from __future__ import annotations

from survey_app.answering.screens import Route, depends_on, plan_screens
from survey_app.questionnaire import QuestionnaireLibrary
from tests.conftest import PROJECT_ROOT

LIBRARY = QuestionnaireLibrary(PROJECT_ROOT / "questionnaires")


def _ids(screens) -> list[list[str]]:
    return [[question.id for question in screen.questions] for screen in screens]


def test_screens__a_question_depending_on_its_own_page_starts_a_new_screen() -> None:
    eltern = LIBRARY.get("eltern-0-10")
    screens = _ids(plan_screens(eltern, child_mode=False))
    assert ["offers_known"] in screens
    assert ["offers_used"] in screens
    assert ["offers_helpful", "barriers", "heard_from"] in screens


def test_screens__no_screen_holds_a_question_and_what_it_depends_on() -> None:
    for questionnaire in LIBRARY.all():
        for screen in plan_screens(questionnaire, child_mode=False):
            ids = {question.id for question in screen.questions}
            for question in screen.questions:
                assert not depends_on(question) & ids, (questionnaire.id, question.id)


def test_screens__child_mode_one_question_per_screen_numbered_from_one() -> None:
    kinder = LIBRARY.get("kinder-6-10")
    screens = plan_screens(kinder, child_mode=True)
    assert [len(screen.questions) for screen in screens] == [1] * len(kinder.questions())
    assert [screen.number for screen in screens] == list(range(1, len(screens) + 1))


def test_route__skips_screens_whose_questions_are_all_not_relevant() -> None:
    kinder = LIBRARY.get("kinder-6-10")
    route = Route.of(kinder, True, {"einrichtung": ["zuhause"]})
    shown = [screen.questions[0].id for screen in route.shown_screens()]
    assert (
        "schule_gefallen" not in shown
        and "kita_gefallen" not in shown
        and "schulweg_sicher" not in shown
    )
    assert route.next_after(3).questions[0].id == "reden_traurig"
    school = Route.of(kinder, True, {"einrichtung": ["schule"]})
    assert school.next_after(3).questions[0].id == "schule_gefallen"
    progress = school.progress(4)
    assert (progress.number, progress.total) == (4, len(school.shown_screens()))


def test_route__back_goes_only_to_screens_seen() -> None:
    kinder = LIBRARY.get("kinder-6-10")
    route = Route.of(kinder, True, {"einrichtung": ["hort"]})
    assert route.previous_before(7, visited={1, 2, 3, 6, 7}).number == 6
    assert route.previous_before(6, visited={1, 2, 3, 6}).number == 3
    assert route.previous_before(1, visited={1}) is None
    assert route.first_unvisited({1, 2, 3}).number == 6


def test_route__worked_out_once_per_version_and_answers_and_read_only() -> None:
    kinder = LIBRARY.get("kinder-6-10")
    first = Route.of(kinder, True, {"einrichtung": ["schule"]})
    assert Route.of(kinder, True, {"einrichtung": ["schule"]}) is first
    other = Route.of(kinder, True, {"einrichtung": ["zuhause"]})
    assert other is not first and other.shown != first.shown
    assert Route.of(kinder, False, {"einrichtung": ["schule"]}) is not first
    assert dict(first.shown) == kinder.relevance({"einrichtung": ["schule"]})
    try:
        first.shown["schule_gefallen"] = False  # type: ignore[index]
    except TypeError:
        pass
    else:
        raise AssertionError("a cached route's answers-dependent part must be read-only")
