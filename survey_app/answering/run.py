"""One respondent's way through a questionnaire, without HTTP.

An :class:`AnsweringRun` joins a questionnaire and a draft (the answers so far, the
screens reached, the screen shown last).  Its route is worked out once and again only
when the answers change.  ``save``, ``back`` and ``submit`` are what a screen's buttons
and the final button do; they change the draft and say where the respondent goes next
(a :class:`Step`).  The web views turn a request into a call and a step into a redirect
or a page; the run knows nothing of requests, sessions or URLs.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, Protocol

from survey_app.answering.screens import Route, Screen
from survey_app.questionnaire.answers import validate_answers
from survey_app.questionnaire.model import Question, Questionnaire
from survey_app.questionnaire.problems import AnswerProblem

#: Problems of one entry on its own — a missing answer, a number out of range, a text
#: too long — as opposed to checks across answers (a constraint, a dot vote's sum).
#: A screen shows them first: the checks across answers come once the entries are fine.
ENTRY_CODES = frozenset({"required", "out_of_range", "too_long"})


def is_entry_problem(problem: AnswerProblem, question: Question) -> bool:
    """True for a problem of one entry on its own (see :data:`ENTRY_CODES`); a dot
    vote left empty is a check of the whole vote."""
    if problem.code == "required" and question.type == "dot_vote":
        return False
    return problem.code in ENTRY_CODES


class DraftState(Protocol):
    """What the run reads and changes of a draft (:class:`survey_app.storage.draft_store.Draft`)."""

    answers: dict[str, Any]
    visited: set[int]
    screen: int
    consented: bool
    submitted: bool
    child_mode: bool


#: Where a step leads: a screen (``screen`` says which), the consent page, the final
#: check, the thank-you page; ``problems``: the screen again with its messages;
#: ``missing``: screens not reached yet; ``refused``: a request the page cannot send.
Target = Literal["screen", "consent", "done", "thanks", "problems", "missing", "refused"]


@dataclass(frozen=True)
class Step:
    """The outcome of an action: where to go, and what was found on the way."""

    to: Target
    screen: int = 0
    problems: list[AnswerProblem] = field(default_factory=list)
    #: For a submission: True when this run stored the response now.
    stored: bool = False


class AnsweringRun:
    """A questionnaire and one draft: the route, the screens, the actions."""

    def __init__(self, questionnaire: Questionnaire, draft: DraftState) -> None:
        self.questionnaire = questionnaire
        self.draft = draft

    @cached_property
    def route(self) -> Route:
        """The route for the draft's answers (worked out once per change of answers)."""
        return Route.of(self.questionnaire, self.draft.child_mode, self.draft.answers)

    def _set_answers(self, answers: dict[str, Any]) -> None:
        self.draft.answers = answers
        self.__dict__.pop("route", None)

    # --- where the respondent is ------------------------------------------------------

    def reachable(self, number: int) -> bool:
        """True when screen ``number`` was reached and is shown for the answers now."""
        return number in self.draft.visited and self.route.is_shown(number)

    def resume(self) -> Step:
        """Where to continue, marking it reached: the screen shown last, else the
        first screen not reached yet, else the final check."""
        draft = self.draft
        if draft.screen in draft.visited and self.route.is_shown(draft.screen):
            return Step("screen", draft.screen)
        target = self.route.first_unvisited(draft.visited)
        if target is not None:
            draft.visited.add(target.number)
            draft.screen = target.number
            return Step("screen", target.number)
        draft.screen = 0
        return Step("done")

    def screen(self, number: int) -> Screen:
        """Screen ``number`` (which must exist)."""
        screen = self.route.screen(number)
        assert screen is not None
        return screen

    def questions(self, number: int) -> list[Question]:
        """The questions of screen ``number`` that are shown for the answers now."""
        return self.screen(number).shown_questions(self.route.shown)

    def answers_shown(self) -> dict[str, Any]:
        """The answers to the questions shown now (what fills in and filters a screen)."""
        return self.questionnaire.clean(self.draft.answers, self.route.shown)

    def last_screen(self) -> int | None:
        """The number of the last screen shown, or None when none is."""
        shown = self.route.shown_screens()
        return shown[-1].number if shown else None

    def all_reached(self) -> bool:
        """True when every screen shown has been reached."""
        return self.route.first_unvisited(self.draft.visited) is None

    # --- the actions ------------------------------------------------------------------

    def _merged(self, number: int, answers: Mapping[str, Any]) -> dict[str, Any]:
        own_ids = {question.id for question in self.screen(number).questions}
        kept = {key: value for key, value in self.draft.answers.items() if key not in own_ids}
        return {**kept, **answers}

    def check(self, number: int, answers: Mapping[str, Any]) -> list[AnswerProblem]:
        """The model's problems with screen ``number``'s ``answers`` (others kept)."""
        merged = self._merged(number, answers)
        # The route of the merged answers is kept (Route.of): the save that follows a
        # check without problems finds it there instead of working out relevance again.
        shown = Route.of(self.questionnaire, self.draft.child_mode, merged).shown
        cleaned = self.questionnaire.clean(merged, shown)
        return validate_answers(self.questionnaire, cleaned, {q.id for q in self.questions(number)})

    def _entry_problems(self, problems: list[AnswerProblem]) -> list[AnswerProblem]:
        questionnaire = self.questionnaire
        return [
            problem
            for problem in problems
            if is_entry_problem(problem, questionnaire.question(problem.question_id))
        ]

    def save(
        self, number: int, answers: Mapping[str, Any], unreadable: Collection[str] = ()
    ) -> Step:
        """Keep screen ``number``'s ``answers`` and go on, or name their problems.

        ``unreadable``: questions whose entry could not be read (it has its own
        message, so the model's problems with it are left out).  While an entry has a
        problem only the entries' problems are named (:data:`ENTRY_CODES`).  Nothing is
        kept while there are problems; after the last screen comes the final check.
        """
        problems = [p for p in self.check(number, answers) if p.question_id not in unreadable]
        entries = self._entry_problems(problems)
        if unreadable or entries:
            return Step("problems", number, entries)
        if problems:
            return Step("problems", number, problems)
        self._set_answers(self._merged(number, answers))
        following = self.route.next_after(number)
        if following is None:
            self.draft.screen = 0
            return Step("done")
        self.draft.visited.add(following.number)
        self.draft.screen = following.number
        return Step("screen", following.number)

    def back(self, number: int, answers: Mapping[str, Any]) -> Step:
        """Keep the ``answers`` of screen ``number`` whose entries are fine and go one
        screen back; before the first screen comes the consent page (consent is then
        asked again)."""
        wrong = {p.question_id for p in self._entry_problems(self.check(number, answers))}
        answers = {key: value for key, value in answers.items() if key not in wrong}
        self._set_answers(self._merged(number, answers))
        previous = self.route.previous_before(number, self.draft.visited)
        if previous is None:
            self.draft.consented = False
            return Step("consent")
        self.draft.screen = previous.number
        return Step("screen", previous.number)

    def submit(self, store: Callable[[dict[str, Any]], bool]) -> Step:
        """The final check; ``store(answers)`` keeps the response (True: stored now).

        Once stored the answers are dropped from the draft.  A problem sends the
        respondent back to its screen (if reached), missing screens refuse.
        """
        draft = self.draft
        if draft.submitted:
            return Step("thanks")
        if not draft.consented or not self.all_reached():
            return Step("missing")
        answers = self.answers_shown()
        problems = self.questionnaire.validate(answers)
        if problems:
            screen = self.route.screen_of(problems[0].question_id)
            if screen is not None and screen.number in draft.visited:
                draft.screen = screen.number
                return Step("screen", screen.number, problems)
            return Step("refused", problems=problems)
        stored = store(answers)
        draft.submitted = True
        self._set_answers({})
        draft.visited = set()
        return Step("thanks", stored=stored)
