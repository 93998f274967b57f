"""Screens: what one request shows — a page, a part of a page, or one question.

All relevance is decided on the server by the model's one evaluator, never in the
browser.  So that a page never needs in-page show/hide, a page is split into screens
where a question's ``relevant`` or ``choice_filter`` refers to a question on the same
page: "Which offers do you know?" and "Which of them have you used?" come on two
screens.  In child mode every question is a screen of its own.  A screen whose
questions are all not relevant is skipped.

Screens are numbered from 1 in questionnaire order; the numbers are stable for a
questionnaire version and mode, so they can be used in URLs.

Progress ("Frage 4 von 13") never goes backwards and its total never changes once
shown: the total is shown only from the screen on which no later screen can still
appear or disappear, i.e. when every later screen's relevance depends only on
questions before the current screen (its *horizon*).  Until then the page says
"Frage 3" and the bar shows the screens done against those that may still come.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from survey_app.questionnaire.model import Page, Question, Questionnaire


@dataclass(frozen=True)
class Screen:
    """One screen: questions of one page, shown together."""

    number: int
    page: Page
    questions: tuple[Question, ...]
    #: The last screen holding a question whose answer decides whether this screen
    #: is shown (directly or through other questions); 0 when it is always shown.
    horizon: int = 0

    def shown_questions(self, shown: Mapping[str, bool]) -> list[Question]:
        """The questions of this screen that are relevant now."""
        return [question for question in self.questions if shown.get(question.id, False)]

    def is_shown(self, shown: Mapping[str, bool]) -> bool:
        """True when at least one question of the screen is relevant."""
        return any(shown.get(question.id, False) for question in self.questions)


def depends_on(question: Question) -> set[str]:
    """The question ids a question's relevance or visible choices/rows depend on."""
    names: set[str] = set()
    for expression in (question.relevant, question.choice_filter):
        if expression is not None:
            names.update(reference.name for reference in expression.references)
    return names


def _relevance_references(page: Page, question: Question) -> set[str]:
    names: set[str] = set()
    for expression in (page.relevant, question.relevant):
        if expression is not None:
            names.update(reference.name for reference in expression.references)
    return names


def _with_horizons(screens: list[Screen]) -> tuple[Screen, ...]:
    """The screens, each with the last screen its relevance depends on."""
    screen_of: dict[str, int] = {}
    deciders: dict[str, set[str]] = {}
    for screen in screens:
        for question in screen.questions:
            screen_of[question.id] = screen.number
            names = _relevance_references(screen.page, question)
            # An answer counts only when its own question is shown: follow the chain.
            for name in list(names):
                names |= deciders.get(name, set())
            deciders[question.id] = names
    planned = []
    for screen in screens:
        names = set().union(*(deciders[question.id] for question in screen.questions))
        horizon = max((screen_of.get(name, 0) for name in names), default=0)
        planned.append(Screen(screen.number, screen.page, screen.questions, horizon))
    return tuple(planned)


def _split_page(page: Page, child_mode: bool) -> list[tuple[Question, ...]]:
    if child_mode:
        return [(question,) for question in page.questions]
    groups: list[list[Question]] = []
    current: list[Question] = []
    for question in page.questions:
        if current and depends_on(question) & {q.id for q in current}:
            groups.append(current)
            current = []
        current.append(question)
    if current:
        groups.append(current)
    return [tuple(group) for group in groups]


_PLANS: dict[tuple[str, str, bool], tuple[Screen, ...]] = {}


def plan_screens(questionnaire: Questionnaire, child_mode: bool) -> tuple[Screen, ...]:
    """The screens of a questionnaire in order (cached per content hash and mode)."""
    key = (questionnaire.id, questionnaire.content_hash or str(id(questionnaire)), child_mode)
    plan = _PLANS.get(key)
    if plan is None:
        screens: list[Screen] = []
        for page in questionnaire.pages:
            for group in _split_page(page, child_mode):
                screens.append(Screen(len(screens) + 1, page, group))
        plan = _with_horizons(screens)
        if len(_PLANS) > 200:
            _PLANS.clear()
        _PLANS[key] = plan
    return plan


@dataclass(frozen=True)
class Progress:
    """How far a respondent is: ``number`` of the screens shown so far, ``total`` once
    it can no longer change (else None), and ``percent`` for the bar."""

    number: int
    total: int | None
    percent: int


#: Routes by questionnaire version, mode and answers (JSON): a question page's GET
#: follows the POST that worked out the same route; kept per process, a cache only.
_ROUTES: dict[tuple[str, str, bool, str], Route] = {}
_MAX_ROUTES = 4096


@dataclass(frozen=True)
class Route:
    """Where a respondent is, given the current answers."""

    screens: tuple[Screen, ...]
    shown: Mapping[str, bool]

    @classmethod
    def of(
        cls, questionnaire: Questionnaire, child_mode: bool, answers: Mapping[str, Any]
    ) -> Route:
        """The route through ``questionnaire`` for these answers (the same answers of the
        same questionnaire version give the same route, so it is worked out once)."""
        version = questionnaire.content_hash
        try:
            key = (questionnaire.id, version, child_mode, json.dumps(answers, sort_keys=True))
        except (TypeError, ValueError):
            version = ""  # not JSON: not cached
        if not version:
            return cls(plan_screens(questionnaire, child_mode), questionnaire.relevance(answers))
        route = _ROUTES.get(key)
        if route is None:
            shown = MappingProxyType(questionnaire.relevance(answers))
            route = cls(plan_screens(questionnaire, child_mode), shown)
            if len(_ROUTES) >= _MAX_ROUTES:
                _ROUTES.clear()
            _ROUTES[key] = route
        return route

    def screen(self, number: int) -> Screen | None:
        """The screen with this number, or None."""
        return self.screens[number - 1] if 1 <= number <= len(self.screens) else None

    def shown_screens(self) -> list[Screen]:
        """The screens shown for the current answers."""
        return [screen for screen in self.screens if screen.is_shown(self.shown)]

    def is_shown(self, number: int) -> bool:
        """True when the screen exists and is shown for the current answers."""
        screen = self.screen(number)
        return screen is not None and screen.is_shown(self.shown)

    def first(self) -> Screen | None:
        """The first screen shown, or None when no question is relevant."""
        return next(iter(self.shown_screens()), None)

    def next_after(self, number: int) -> Screen | None:
        """The next shown screen after ``number``, or None at the end."""
        return next((s for s in self.screens[number:] if s.is_shown(self.shown)), None)

    def previous_before(self, number: int, visited: set[int]) -> Screen | None:
        """The nearest shown screen before ``number`` that the respondent has seen."""
        for screen in reversed(self.screens[: max(number - 1, 0)]):
            if screen.number in visited and screen.is_shown(self.shown):
                return screen
        return None

    def first_unvisited(self, visited: set[int]) -> Screen | None:
        """The first shown screen not reached yet (None when all were reached)."""
        return next((s for s in self.shown_screens() if s.number not in visited), None)

    def progress(self, number: int) -> Progress:
        """The progress shown on screen ``number`` (see the module docstring).

        Screens before ``number`` are settled; a later screen is *open* while its
        horizon is ``number`` or later (an answer still to come decides it).  The bar
        counts the screens shown so far against those plus every later screen that
        is shown or still open, so it only grows as the respondent goes on.
        """
        done = sum(1 for s in self.screens[:number] if s.is_shown(self.shown))
        done = max(done, 1)
        later = self.screens[number:]
        still_open = [s for s in later if s.horizon >= number]
        coming = sum(1 for s in later if s.horizon >= number or s.is_shown(self.shown))
        total = None if still_open else done + coming
        return Progress(done, total, round(100 * done / (done + coming)))

    def screen_of(self, question_id: str) -> Screen | None:
        """The screen a question is on."""
        return next(
            (s for s in self.screens if any(q.id == question_id for q in s.questions)), None
        )
