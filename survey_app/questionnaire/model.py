"""The questionnaire model: pages, questions, choices and scores (plain data, no IO).

Answers are handled in their stored JSON form (see ``questionnaires/README.md``):
single_choice/yes_no/smiley → str, multiple_choice → list[str], rating/integer → int,
decimal → float, text/long_text → str, date → ``YYYY-MM-DD``, matrix → {row: choice},
dot_vote → {choice: points}; a note is never stored; unanswered questions are absent.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from survey_app.questionnaire.expressions import Expression, is_true, to_number
from survey_app.questionnaire.problems import AnswerProblem
from survey_app.questionnaire.site import Site
from survey_app.questionnaire.text import Text

QUESTION_TYPES = (
    "single_choice",
    "multiple_choice",
    "yes_no",
    "integer",
    "decimal",
    "text",
    "long_text",
    "date",
    "rating",
    "smiley",
    "matrix",
    "dot_vote",
    "note",
)
#: Types whose answer is one choice value.
SINGLE_CHOICE_TYPES = ("single_choice", "yes_no", "smiley")
#: Types with ``choices``.
CHOICE_TYPES = ("single_choice", "multiple_choice", "yes_no", "smiley", "matrix", "dot_vote")
#: Types whose answer is a number.
NUMBER_TYPES = ("integer", "decimal", "rating")
TEXT_TYPES = ("text", "long_text")
#: The longest text answer, per type, in characters.
MAX_TEXT_LENGTH = {"text": 500, "long_text": 5000}
AUDIENCES = ("parents", "children", "youth")
#: Choice lists that come from the site file.
SITE_LISTS = ("offers", "districts", "life_phases")
#: Names a choice attribute may not have (they are columns of the XLSForm choices sheet).
RESERVED_ATTRIBUTES = ("name", "value", "label", "image", "audio", "video", "list_name", "media")


@dataclass(frozen=True)
class Choice:
    """One answer option; ``attributes`` are extra columns for ``choice_filter``."""

    value: str
    label: Text
    image: str | None = None
    image_alt: Text | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    #: recorded audio: file names in ``audio/`` by language (see ``media.py``)
    audio: Text | None = None
    #: pictures by language when they differ (``image: {de: a.svg, tr: b.svg}``);
    #: ``image`` is then the default language's
    images: Text | None = None

    @property
    def picture(self) -> Text | str | None:
        """The picture to show: per language when there are several, else ``image``."""
        return self.images or self.image


@dataclass(frozen=True)
class EquityGroup:
    """A group for gap analyses: respondents whose answer is (or includes) a member.

    ``not_stated`` are answers that count as skipping the question (e.g. "I'd rather
    not say"): such respondents are neither members nor the rest.
    """

    label: Text
    members: list[str]
    not_stated: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Question:
    """One question; ``choices``/``rows`` are resolved (site lists and yes/no included).

    ``choice_list``/``row_list`` name the list the choices came from (a name in
    ``choice_lists`` or ``offers``/``districts``/``life_phases``), None when written in place.
    """

    id: str
    type: str
    label: Text
    hint: Text | None = None
    required: bool = False
    required_message: Text | None = None
    relevant: Expression | None = None
    constraint: Expression | None = None
    constraint_message: Text | None = None
    choice_filter: Expression | None = None
    choices: list[Choice] = field(default_factory=list)
    choice_list: str | None = None
    rows: list[Choice] = field(default_factory=list)
    row_list: str | None = None
    min: float | None = None
    max: float | None = None
    points: int | None = None
    low_label: Text | None = None
    high_label: Text | None = None
    role: str | None = None
    equity_group: EquityGroup | None = None
    appearance: str | None = None
    default: str | None = None
    #: recorded audio: file names in ``audio/`` by language (see ``media.py``)
    audio: Text | None = None
    #: pictures by language when they differ (``image: {de: a.svg, tr: b.svg}``);
    #: ``image`` is then the default language's
    images: Text | None = None

    @property
    def picture(self) -> Text | str | None:
        """The picture to show: per language when there are several, else ``image``."""
        return self.images or self.image

    line: int = field(default=0, compare=False)

    @property
    def is_choice_type(self) -> bool:
        """True for types answered from ``choices``."""
        return self.type in CHOICE_TYPES

    @property
    def is_single_choice(self) -> bool:
        """True for single_choice, yes_no and smiley (the answer is one value)."""
        return self.type in SINGLE_CHOICE_TYPES

    @property
    def is_stored(self) -> bool:
        """False for notes, which have no answer."""
        return self.type != "note"

    @property
    def choice_values(self) -> list[str]:
        """The values of all choices."""
        return [choice.value for choice in self.choices]

    def choice(self, value: str) -> Choice | None:
        """The choice with this value, or None."""
        return next((choice for choice in self.choices if choice.value == value), None)

    def numeric_range(self) -> tuple[float, float] | None:
        """The lowest and highest numeric answer (for reverse-coding), if known."""
        if self.type == "rating" and self.points:
            return 1.0, float(self.points)
        if self.type in ("integer", "decimal"):
            if self.min is None or self.max is None:
                return None
            return float(self.min), float(self.max)
        numbers = [number_of(value) for value in self.choice_values]
        if self.is_single_choice and numbers and all(number is not None for number in numbers):
            return min(numbers), max(numbers)  # type: ignore[type-var]
        return None


def number_of(value: Any) -> float | None:
    """A stored answer as a number (``'3'`` counts), or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        number = to_number(value)
        return None if number != number else number
    return None


@dataclass(frozen=True)
class Page:
    """A page of questions, shown only when ``relevant`` holds."""

    id: str
    title: Text | None
    relevant: Expression | None
    questions: list[Question]
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Band:
    """A range of a score: the first band whose ``below`` the value is under."""

    id: str
    label: Text
    below: float | None = None


@dataclass(frozen=True)
class Score:
    """A score over numeric items, e.g. WHO-5 (sum × 4)."""

    id: str
    label: Text
    items: list[str]
    method: str = "sum"
    reverse: list[str] = field(default_factory=list)
    factor: float = 1
    bands: list[Band] = field(default_factory=list)
    item_ranges: dict[str, tuple[float, float]] = field(
        default_factory=dict, compare=False, repr=False
    )
    line: int = field(default=0, compare=False)

    def compute(self, answers: Mapping[str, Any]) -> float | None:
        """The score, or None unless every item is answered with a number."""
        values = []
        for item in self.items:
            value = number_of(answers.get(item))
            if value is None:
                return None
            if item in self.reverse:
                low, high = self.item_ranges[item]
                value = low + high - value
            values.append(value)
        if not values:
            return None
        total = sum(values)
        if self.method == "mean":
            total /= len(values)
        return total * self.factor

    def band_for(self, value: float | None) -> Band | None:
        """The first band whose ``below`` is above ``value`` (a band without ``below`` takes all)."""
        if value is None:
            return None
        return next((band for band in self.bands if band.below is None or value < band.below), None)


#: How many filtered choice lists one questionnaire keeps (see ``visible_choices``).
_MAX_KEPT_CHOICE_LISTS = 1024


@dataclass(frozen=True)
class Questionnaire:
    """A questionnaire file, resolved and checked.

    ``site_file`` is the ``site:`` entry as written; ``site`` the site it names.
    ``content_hash`` is the SHA-256 of the file's bytes (stored with every response).
    """

    id: str
    version: str
    title: Text
    audience: str
    languages: list[str]
    default_language: str
    pages: list[Page]
    description: Text | None = None
    consent: Text | None = None
    choice_lists: dict[str, list[Choice]] = field(default_factory=dict)
    scores: list[Score] = field(default_factory=list)
    site: Site | None = None
    site_file: str | None = None
    path: str = field(default="", compare=False)
    content_hash: str = field(default="", compare=False)

    def questions(self) -> list[Question]:
        """All questions, in order."""
        return [question for page in self.pages for question in page.questions]

    def question(self, question_id: str) -> Question | None:
        """The question with this id, or None."""
        return self._questions_by_id.get(question_id)

    def page_of(self, question_id: str) -> Page | None:
        """The page a question is on, or None."""
        return next(
            (page for page in self.pages if any(q.id == question_id for q in page.questions)), None
        )

    def questions_with_role(self, role: str) -> list[Question]:
        """The questions with this analysis role, in order."""
        return [question for question in self.questions() if question.role == role]

    def score(self, score_id: str) -> Score | None:
        """The score with this id, or None."""
        return next((score for score in self.scores if score.id == score_id), None)

    @property
    def _questions_by_id(self) -> dict[str, Question]:
        cached = self.__dict__.get("_by_id")
        if cached is None:
            cached = {question.id: question for question in self.questions()}
            object.__setattr__(self, "_by_id", cached)
        return cached

    # --- relevance and choices ----------------------------------------------------

    def relevance(self, answers: Mapping[str, Any]) -> dict[str, bool]:
        """For each page id and question id: is it shown?

        Evaluated in order; an answer to a question that is not shown counts as
        unanswered for everything after it (as in ODK).
        """
        shown: dict[str, bool] = {}
        effective: dict[str, Any] = {}
        for page in self.pages:
            page_shown = page.relevant is None or is_true(page.relevant, effective)
            shown[page.id] = page_shown
            for question in page.questions:
                visible = page_shown and (
                    question.relevant is None or is_true(question.relevant, effective)
                )
                shown[question.id] = visible
                if visible and question.id in answers:
                    effective[question.id] = answers[question.id]
        return shown

    def is_relevant(self, item: Page | Question, answers: Mapping[str, Any]) -> bool:
        """True when the page or question is shown (a question on a hidden page is not)."""
        return self.relevance(answers).get(item.id, False)

    def visible_choices(self, question: Question, answers: Mapping[str, Any]) -> list[Choice]:
        """The choices ``choice_filter`` lets through (all of them without a filter).

        The filter reads only the answers it names, so the same values of those
        answers give the same choices: they are worked out once and kept (a bounded
        cache on the questionnaire, which never changes once built).
        """
        if question.choice_filter is None or question.type == "matrix":
            return list(question.choices)
        cache = self.__dict__.get("_visible_choices")
        if cache is None:
            cache = {}
            object.__setattr__(self, "_visible_choices", cache)
        names = cache.get((question.id, None))
        if names is None:
            names = sorted({ref.name for ref in question.choice_filter.references})
            cache[(question.id, None)] = names
        try:
            key = (question.id, json.dumps([answers.get(name) for name in names]))
        except (TypeError, ValueError):  # not JSON: worked out, not kept
            return self._filter_choices(question, answers)
        choices = cache.get(key)
        if choices is None:
            choices = tuple(self._filter_choices(question, answers))
            if len(cache) >= _MAX_KEPT_CHOICE_LISTS:
                cache.clear()
                cache[(question.id, None)] = names
            cache[key] = choices
        return list(choices)

    @staticmethod
    def _filter_choices(question: Question, answers: Mapping[str, Any]) -> list[Choice]:
        assert question.choice_filter is not None
        return [c for c in question.choices if is_true(question.choice_filter, answers, choice=c)]

    def visible_rows(self, question: Question, answers: Mapping[str, Any]) -> list[Choice]:
        """The matrix rows ``choice_filter`` lets through."""
        if question.choice_filter is None:
            return list(question.rows)
        return [
            row for row in question.rows if is_true(question.choice_filter, answers, choice=row)
        ]

    def constraint_holds(self, question: Question, value: Any, answers: Mapping[str, Any]) -> bool:
        """True when ``value`` satisfies the question's ``constraint`` (or it has none)."""
        return question.constraint is None or is_true(question.constraint, answers, current=value)

    def clean(
        self, answers: Mapping[str, Any], shown: Mapping[str, bool] | None = None
    ) -> dict[str, Any]:
        """The answers to questions that are shown; others (and unknown ids) are dropped.

        ``shown`` is ``relevance(answers)`` when the caller has already computed it.
        """
        if shown is None:
            shown = self.relevance(answers)
        return {
            question.id: answers[question.id]
            for question in self.questions()
            if question.is_stored and question.id in answers and shown[question.id]
        }

    def validate(self, answers: Mapping[str, Any]) -> list[AnswerProblem]:
        """Every problem of a full submission (the one server-side check)."""
        from survey_app.questionnaire.answers import validate_answers

        return validate_answers(self, answers)
