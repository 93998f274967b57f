"""WTForms built from the questionnaire model, one form class per screen.

Each question becomes one field, a matrix one field per row (``question.row``) and a
dot vote one number field per choice (``question.choice``).  The fields only parse: they
turn what the browser sent into the stored answer types (``single_choice`` → str,
``integer`` → int, ``date`` → ``YYYY-MM-DD``, …), with a message for text that is not a
number or a date.  Whether the answers are valid (a missing answer, a number too
large, a constraint) is decided by the model's one check
(:func:`survey_app.questionnaire.answers.check_answer`, run per screen by the
answering run); :func:`show_problems` puts its problems next to their fields.  What a
person cannot get wrong through the page — a choice the model does not offer, a field
that does not exist — is tampering and found by :func:`survey_app.respondent.tampering.find_tampering` before the form
is even built.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import get_translations
from werkzeug.datastructures import MultiDict

from survey_app.answering import ENTRY_CODES
from survey_app.questionnaire.answers import is_empty
from survey_app.questionnaire.model import Question, Questionnaire
from survey_app.questionnaire.problems import AnswerProblem
from survey_app.questionnaire.text import Text
from survey_app.respondent.fields import AnswerField, ScreenForm
from survey_app.respondent.form_plan import FormPlan, Option, plan_form
from survey_app.respondent.wording import Wording

# --- what the templates render --------------------------------------------------------


@dataclass
class Part:
    """One field of a question: the whole question, or one matrix row / dot-vote choice."""

    field: AnswerField
    label: Text | None = None
    image: Text | str | None = None
    image_alt: Text | None = None
    #: The model's messages about this field's answer (see :func:`show_problems`).
    problems: list[str] = field(default_factory=list)

    @property
    def dom_id(self) -> str:
        """The id of the part's first input (the target of the error summary's link)."""
        return self.field.id

    @property
    def errors(self) -> list[str]:
        """The part's messages: what could not be read, then the model's."""
        return [*self.field.errors, *self.problems]

    @property
    def unreadable(self) -> bool:
        """True when what was typed could not be read (not a number, not a date)."""
        return bool(self.field.errors)


@dataclass
class QuestionView:
    """A question on a screen, with its fields, visible options and messages."""

    question: Question
    parts: list[Part] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def dom_id(self) -> str:
        """``question-ID``: the id of the question's wrapper (inputs are ``q-ID…``)."""
        return f"question-{self.question.id}"

    @property
    def errors(self) -> list[str]:
        """Messages about the question as a whole (not those of one matrix row)."""
        if self.question.type in ("matrix", "dot_vote"):
            return list(self.problems)
        return [message for part in self.parts for message in part.errors] + self.problems

    @property
    def has_errors(self) -> bool:
        """True when the question or any of its rows has a message."""
        return bool(self.problems) or any(part.errors for part in self.parts)

    @property
    def anchor(self) -> str:
        """The id the error summary links to: the first input with a problem."""
        for part in self.parts:
            if part.errors:
                return part.dom_id
        return self.parts[0].dom_id if self.parts else self.dom_id


@dataclass
class ScreenFormView:
    """A screen's bound form and the views of its questions."""

    form: ScreenForm
    questions: list[QuestionView]

    def answers(self) -> dict[str, Any]:
        """The screen's answers in stored form (unanswered questions are absent).

        A multiple-choice question that was shown with no box ticked is stored as ``[]``:
        "I know none of these offers" is an answer, and the analysis needs it in the base.
        """
        result: dict[str, Any] = {}
        for view in self.questions:
            value = _collect(view)
            if not is_empty(value) or _ticked_none(view, value):
                result[view.question.id] = value
        return result

    def unreadable(self) -> set[str]:
        """The ids of questions with an entry that could not be read (after ``validate``)."""
        return {
            view.question.id for view in self.questions if any(p.unreadable for p in view.parts)
        }

    def valid_answers(self) -> dict[str, Any]:
        """Like :meth:`answers`, leaving out questions with a message (after ``validate``)."""
        result: dict[str, Any] = {}
        for view in self.questions:
            if view.has_errors:
                continue
            value = _collect(view)
            if not is_empty(value) or _ticked_none(view, value):
                result[view.question.id] = value
        return result

    def error_links(self) -> list[tuple[str, str]]:
        """``(message, input id)`` for the error summary, in screen order."""
        links: list[tuple[str, str]] = []
        for view in self.questions:
            for message in view.problems:
                links.append((message, view.anchor))
            for part in view.parts:
                links.extend((message, part.dom_id) for message in part.errors)
        return links


def _ticked_none(view: QuestionView, value: Any) -> bool:
    return view.question.type == "multiple_choice" and value == []


def _collect(view: QuestionView) -> Any:
    kind = view.question.type
    if kind == "matrix":
        return {_suffix(p.field.name): p.field.data for p in view.parts if p.field.data is not None}
    if kind == "dot_vote":
        return {_suffix(p.field.name): p.field.data for p in view.parts if p.field.data}
    return view.parts[0].field.data if view.parts else None


def _suffix(name: str) -> str:
    return name.split(".", 1)[1]


def build_form(
    questionnaire: Questionnaire,
    questions: list[Question],
    answers: Mapping[str, Any],
    wording: Wording,
    lang: str,
    formdata: MultiDict[str, str] | None = None,
) -> ScreenFormView:
    """The bound form for a screen: from ``formdata`` (a POST) or the saved ``answers``.

    ``answers`` are the respondent's answers so far; they decide the visible choices
    and rows and, without ``formdata``, fill in the fields.
    """
    plan = plan_form(questionnaire, questions, answers, wording)
    return bind_form(plan, questionnaire, wording, lang, formdata)


def bind_form(
    plan: FormPlan,
    questionnaire: Questionnaire,
    wording: Wording,
    lang: str,
    formdata: MultiDict[str, str] | None = None,
) -> ScreenFormView:
    """The form of a :class:`FormPlan`, bound to ``formdata`` or to the plan's saved answers."""
    form_class = _form_class(questionnaire, wording, lang, plan.makers)
    form = form_class(formdata=formdata) if formdata is not None else form_class(data=plan.data)
    views = []
    for planned in plan.questions:
        view = QuestionView(planned.question, options=list(planned.options))
        for name, choice in planned.parts:
            bound = form._fields[name]
            if choice is None:
                view.parts.append(Part(bound))
            else:
                view.parts.append(Part(bound, choice.label, choice.picture, choice.image_alt))
        views.append(view)
    return ScreenFormView(form, views)


#: Form classes by questionnaire object (kept alive here, so its ``id`` is not reused),
#: then by page language, register, UI catalog and field names.  A class holds only the
#: fields' definitions (types, ids, validators with their messages), never answers.
_FORM_CLASSES: dict[int, tuple[Questionnaire, dict[tuple[Any, ...], type[ScreenForm]]]] = {}
_MAX_QUESTIONNAIRES = 64
_MAX_CLASSES_PER_QUESTIONNAIRE = 2048


def _form_class(
    questionnaire: Questionnaire,
    wording: Wording,
    lang: str,
    makers: Mapping[str, Callable[[], AnswerField]],
) -> type[ScreenForm]:
    """The screen's form class, built once per questionnaire, language and field set.

    Building one costs a dozen catalog look-ups and WTForms' class set-up, on every
    request otherwise.  The field names say which questions, rows and choices are on the
    screen; with the questionnaire, the language, the register and the UI catalog they
    determine every field definition.
    """
    entry = _FORM_CLASSES.get(id(questionnaire))
    if entry is None or entry[0] is not questionnaire:
        if len(_FORM_CLASSES) >= _MAX_QUESTIONNAIRES:
            _FORM_CLASSES.clear()
        entry = (questionnaire, {})
        _FORM_CLASSES[id(questionnaire)] = entry
    classes = entry[1]
    key = (lang, wording.informal, get_translations(), tuple(makers))
    form_class = classes.get(key)
    if form_class is None:
        fields = {name: make() for name, make in makers.items()}
        form_class = type("ScreenForm", (ScreenForm,), fields)
        if len(classes) >= _MAX_CLASSES_PER_QUESTIONNAIRE:
            classes.clear()
        classes[key] = form_class
    return form_class


# --- the model's check ----------------------------------------------------------------


def show_problems(
    view: ScreenFormView,
    problems: list[AnswerProblem],
    wording: Wording,
    lang: str,
    default_language: str,
) -> None:
    """Put the model's problems next to their fields (a question whose entry could not
    be read keeps that message only).

    A missing answer, a number out of range and a text too long belong to the field
    (to each unanswered row of a matrix, to each dot-vote entry); the rest (a
    constraint, too many points) to the question as a whole.
    """
    by_id = {question_view.question.id: question_view for question_view in view.questions}
    for problem in problems:
        question_view = by_id.get(problem.question_id)
        if question_view is None or any(part.unreadable for part in question_view.parts):
            continue
        question = question_view.question
        message = _problem_message(question, problem, wording, lang, default_language)
        parts = _parts_of(question_view, problem)
        if parts:
            for part in parts:
                part.problems.append(message)
        else:
            question_view.problems.append(message)


def _parts_of(question_view: QuestionView, problem: AnswerProblem) -> list[Part]:
    """The fields a problem is about (none: the question as a whole)."""
    kind, parts = question_view.question.type, question_view.parts
    if kind == "matrix" and problem.code == "required":
        rows = problem.params.get("rows")
        return [part for part in parts if rows is None or _suffix(part.field.name) in rows]
    if kind == "dot_vote" and problem.code == "out_of_range":
        choice = problem.params.get("choice")
        return [part for part in parts if _suffix(part.field.name) == choice]
    if kind not in ("matrix", "dot_vote") and problem.code in ENTRY_CODES:
        return parts[:1]
    return []


def _problem_message(
    question: Question, problem: AnswerProblem, wording: Wording, lang: str, default_language: str
) -> str:
    if problem.code == "required" and question.type == "matrix":
        return wording.required_row()
    if problem.code == "constraint" and question.constraint_message is not None:
        return question.constraint_message.get(lang, default_language)
    if problem.code == "required" and question.required_message is not None:
        return question.required_message.get(lang, default_language)
    return wording.problem(problem, question)
