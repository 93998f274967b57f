"""A question page from its kept skeleton equals a fresh render, byte for byte."""

from __future__ import annotations

from typing import Any

import numpy as np
from flask import Flask

from analysis.demo_data import generate_responses
from survey_app.answering import AnsweringRun
from survey_app.answering.screens import Route
from survey_app.i18n import set_language
from survey_app.library import get_library
from survey_app.questionnaire.model import Questionnaire
from survey_app.respondent import answer_views, screen_cache, views
from survey_app.respondent.flow import is_child_mode
from survey_app.respondent.forms import build_form
from survey_app.respondent.wording import Wording
from survey_app.storage.draft_store import Draft

#: Typed answers that HTML escaping must change.
TRICKY_TEXT = "<b>\"Tom\" & 'Jerry'</b>"
ESCAPED = "&lt;b&gt;&#34;Tom&#34; &amp; &#39;Jerry&#39;&lt;/b&gt;"
MODES = ("web", "own_device", "kiosk")
ESCAPED_SEEN: list[bool] = []
CHECKED_SEEN: list[bool] = []


def _answers(questionnaire: Questionnaire, seed: int) -> dict[str, Any]:
    """A demo respondent's answers, every typed text one that needs escaping."""
    [record] = generate_responses(questionnaire, 1, np.random.default_rng(seed))
    answers = dict(record["answers"])
    for question in questionnaire.questions():
        if question.type in ("text", "long_text"):
            answers[question.id] = TRICKY_TEXT
    return answers


def _fresh(questionnaire: Questionnaire, draft: Draft, route: Route, number: int) -> Any:
    """The page as rendered without the cache (what the view did before it)."""
    screen = route.screen(number)
    assert screen is not None
    wording = Wording.for_audience(questionnaire.audience)
    answers = questionnaire.clean(draft.answers, route.shown)
    view = build_form(
        questionnaire, screen.shown_questions(route.shown), answers, wording, draft.language
    )
    context = {"screen": screen, "progress": route.progress(number)}
    return views._render(
        "respondent/page.html", questionnaire, draft, view=view, errors=[], **context
    )


def _check(questionnaire: Questionnaire, draft: Draft, answers: dict[str, Any]) -> int:
    """Compare every shown screen for these answers; the number of screens compared.

    Also checks that filled-in values are really there: ticks and the escaped text."""
    draft.answers = answers
    route = Route.of(questionnaire, draft.child_mode, answers)
    screens = route.shown_screens()
    for screen in screens:
        cached = answer_views._show_screen(AnsweringRun(questionnaire, draft), draft, screen.number)
        fresh = _fresh(questionnaire, draft, route, screen.number)
        assert cached == fresh, (questionnaire.id, draft.language, draft.mode, screen.number)
        ESCAPED_SEEN.append(ESCAPED in cached)
        CHECKED_SEEN.append(" checked" in cached)
    return len(screens)


def test_cached_pages_equal_fresh_renders(app: Flask) -> None:
    """Every shipped questionnaire × language × mode, every screen a demo respondent
    sees: first rendered into a skeleton with one respondent's answers, then filled
    with another's (ticks, numbers, dates, a text that needs escaping) and the first's
    again, each equal to a fresh render (kiosk pages: of two events)."""
    compared = 0
    with app.test_request_context("/"):
        for questionnaire in get_library().all():
            first, second = _answers(questionnaire, 1), _answers(questionnaire, 2)
            for lang in questionnaire.languages:
                set_language(lang, remember=False)
                for mode in MODES:
                    for answers, event in (
                        (first, "KIOSK1"),
                        (second, "KIOSK2"),
                        (first, "KIOSK1"),
                    ):
                        draft = Draft(
                            id="screen-cache-test",
                            questionnaire_id=questionnaire.id,
                            language=lang,
                            mode=mode,
                            event_code=event if mode == "kiosk" else None,
                            child_mode=is_child_mode(questionnaire),
                            consented=True,
                        )
                        compared += _check(questionnaire, draft, answers)
        skeletons = len(screen_cache._skeletons())
    assert any(ESCAPED_SEEN) and any(CHECKED_SEEN)
    assert 0 < skeletons < compared * 0.7, (skeletons, compared)  # mostly filled, not rendered


def test_a_page_with_a_nul_of_its_own_is_not_filled_from_a_skeleton() -> None:
    """Text that looks like a hole (NUL, number, NUL) is not taken for one; such a page
    is marked unusable (rendered afresh) rather than filled wrongly."""
    holes = screen_cache._Holes()
    token = holes.csrf_token()
    fine = screen_cache.Skeleton(None, f"<p>a</p>{token}<p>b</p>", holes)  # type: ignore[arg-type]
    assert fine.usable and fine.fill({}, lambda: "T<&") == "<p>a</p>T&lt;&amp;<p>b</p>"
    fake = screen_cache.Skeleton(None, f"<p>\x000\x00</p>{token}", holes)  # type: ignore[arg-type]
    assert not fake.usable
