"""What a screen's form will hold, worked out without building it.

:func:`plan_form` says which fields a screen has (one per question, matrix row or
dot-vote choice), the options each question shows and the saved answer each field
starts with.  :func:`survey_app.respondent.forms.build_form` builds the WTForms form
from a plan.  A question page shown again (a GET) whose page skeleton is kept
(:mod:`survey_app.respondent.screen_cache`) needs no form at all: its holes are
filled from :meth:`FormPlan.saved_fields`, which hold what the form's fields would
hold after ``form(data=…)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from survey_app.questionnaire.model import Choice, Question, Questionnaire
from survey_app.questionnaire.text import Text
from survey_app.respondent.fields import AnswerField, field_for, points_field, row_field
from survey_app.respondent.wording import Wording


@dataclass(frozen=True)
class Option:
    """A choice as shown: its value, text (in the page language) and pictogram."""

    value: str
    label: Text
    #: one file, or files by language (shown in the page language)
    image: Text | str | None
    image_alt: Text | None


@dataclass(frozen=True)
class PlannedQuestion:
    """A question of the screen: its fields' names (with the row or choice each is
    for, None for the whole question) and its visible options."""

    question: Question
    parts: tuple[tuple[str, Choice | None], ...]
    options: tuple[Option, ...]


@dataclass
class FormPlan:
    """A screen's form before it is built: its questions, how to make each field, and
    each field's saved answer."""

    questions: list[PlannedQuestion] = field(default_factory=list)
    makers: dict[str, Callable[[], AnswerField]] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    #: The fields whose answer is a list of ticked values (checkboxes).
    many: set[str] = field(default_factory=set)

    def structure(self) -> tuple[Any, ...]:
        """What the page's markup depends on: questions, field names, option values."""
        return tuple(
            (
                planned.question.id,
                tuple(name for name, _choice in planned.parts),
                tuple(option.value for option in planned.options),
            )
            for planned in self.questions
        )

    def saved_fields(self) -> dict[str, SavedAnswer]:
        """Each field's saved answer, as the field of a form built from the plan's
        ``data`` (no form data: a GET) holds it."""
        return {name: SavedAnswer(value, name in self.many) for name, value in self.data.items()}


class SavedAnswer:
    """A field's saved answer, read the way the bound field reads it when the page is
    shown: ``_value()`` (text, number and date inputs) and ``is_checked`` (choices)."""

    __slots__ = ("data",)

    def __init__(self, value: Any, many: bool) -> None:
        if many:  # as ManyChoicesField.process_data
            value = list(value) if isinstance(value, list) else []
        self.data = value

    def _value(self) -> str:
        """The text an input shows (as ``AnswerField._value`` without form data)."""
        return "" if self.data is None else str(self.data)

    def is_checked(self, value: str) -> bool:
        """True when ``value`` is (among) the answer (as the choice fields say)."""
        if isinstance(self.data, list):
            return value in self.data
        return self.data is not None and str(self.data) == value


def plan_form(
    questionnaire: Questionnaire,
    questions: list[Question],
    answers: Mapping[str, Any],
    wording: Wording,
) -> FormPlan:
    """The plan of a screen's form; ``answers`` (the answers so far) decide the visible
    choices and rows and give each field its saved answer."""
    plan = FormPlan()
    for question in questions:
        if question.type == "note":
            plan.questions.append(PlannedQuestion(question, (), ()))
            continue
        parts: list[tuple[str, Choice | None]] = []
        if question.type in ("matrix", "dot_vote"):
            saved = answers.get(question.id)
            saved = saved if isinstance(saved, dict) else {}
            if question.type == "matrix":
                items = questionnaire.visible_rows(question, answers)
                maker: Callable[..., AnswerField] = row_field
            else:
                items = questionnaire.visible_choices(question, answers)
                maker = partial(points_field, wording=wording)
            for item in items:
                name = f"{question.id}.{item.value}"
                plan.makers[name] = partial(maker, question, item)
                plan.data[name] = saved.get(item.value)
                parts.append((name, item))
        else:
            plan.makers[question.id] = partial(field_for, question, wording)
            plan.data[question.id] = answers.get(question.id, question.default)
            if question.type == "multiple_choice":
                plan.many.add(question.id)
            parts.append((question.id, None))
        options = _options(questionnaire, question, answers)
        plan.questions.append(PlannedQuestion(question, tuple(parts), options))
    return plan


#: Options by questionnaire object (kept alive here, so its ``id`` is not reused), then
#: by question and the values of the choices shown: made once, not on every page.
_OPTIONS: dict[
    int, tuple[Questionnaire, dict[tuple[str, tuple[str, ...]], tuple[Option, ...]]]
] = {}
_MAX_QUESTIONNAIRES = 64
_MAX_OPTION_LISTS = 4096


def _options(
    questionnaire: Questionnaire, question: Question, answers: Mapping[str, Any]
) -> tuple[Option, ...]:
    if question.type == "rating":
        choices: list[Choice] | None = None
    elif question.type == "matrix":
        choices = question.choices
    elif question.is_choice_type:
        choices = questionnaire.visible_choices(question, answers)
    else:
        return ()
    entry = _OPTIONS.get(id(questionnaire))
    if entry is None or entry[0] is not questionnaire:
        if len(_OPTIONS) >= _MAX_QUESTIONNAIRES:
            _OPTIONS.clear()
        entry = _OPTIONS[id(questionnaire)] = (questionnaire, {})
    kept = entry[1]
    key = (question.id, tuple(c.value for c in choices) if choices is not None else ())
    options = kept.get(key)
    if options is None:
        options = _make_options(question, choices)
        if len(kept) >= _MAX_OPTION_LISTS:
            kept.clear()
        kept[key] = options
    return options


def _make_options(question: Question, choices: list[Choice] | None) -> tuple[Option, ...]:
    if choices is None:  # a rating: its points
        return tuple(
            Option(str(n), Text({"": str(n)}), None, None)
            for n in range(1, (question.points or 0) + 1)
        )
    return tuple(Option(c.value, c.label, c.picture, c.image_alt) for c in choices)
