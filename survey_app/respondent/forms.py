"""WTForms built from the questionnaire model, one form class per screen.

Each question becomes one field, a matrix one field per row (``question.row``) and a
dot vote one number field per choice (``question.choice``).  The fields turn what the
browser sent into the stored answer types (``single_choice`` → str, ``integer`` → int,
``date`` → ``YYYY-MM-DD``, …); validators give translated messages for what a person
can get wrong (a missing answer, a number too large).  What a person cannot get wrong
through the page — a choice that was never offered, a field that does not exist — is
tampering and found by :func:`find_tampering` before the form is even built.

The model's own :meth:`Questionnaire.validate` stays the authority: the screen's
answers are checked with it as well (constraints, points of a dot vote, …).
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from flask_babel import get_translations
from werkzeug.datastructures import MultiDict
from wtforms import Field, Form
from wtforms.validators import StopValidation, ValidationError

from survey_app.questionnaire.answers import is_empty
from survey_app.questionnaire.model import MAX_TEXT_LENGTH, Choice, Question, Questionnaire
from survey_app.questionnaire.problems import AnswerProblem
from survey_app.questionnaire.text import Text
from survey_app.respondent.wording import Wording

#: Form keys the page itself sends besides the answers.
CONTROL_KEYS = frozenset({"csrf_token", "action"})
ACTIONS = ("next", "back")
#: Characters no keyboard produces: C0/C1 controls except tab and line breaks, and
#: U+FFFD, which is what invalid UTF-8 turns into.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
#: Werkzeug keeps percent-escapes that are not UTF-8 as they were (``%FF``).
_ESCAPES = re.compile("(?:%[0-9A-Fa-f]{2})+")
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")
#: Digits a phone keyboard in another script may send (Arabic-Indic, Persian).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


class ScreenForm(Form):
    """The base of every screen's form; CSRF is checked app-wide by Flask-WTF."""


# --- fields ---------------------------------------------------------------------------


class AnswerField(Field):
    """A field whose ``data`` is the stored answer (None when unanswered)."""

    def __init__(self, *args: Any, question: Question | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question = question

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return "" if self.data is None else str(self.data)


class OneChoiceField(AnswerField):
    """Radio buttons: one choice value (also yes/no, smiley, rating)."""

    def __init__(self, *args: Any, coerce: Callable[[str], Any] = str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.coerce = coerce

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = self.coerce(valuelist[0]) if valuelist and valuelist[0] != "" else None

    def is_checked(self, value: str) -> bool:
        """True when ``value`` is the current answer (for rendering)."""
        return self.data is not None and str(self.data) == value


class ManyChoicesField(AnswerField):
    """Checkboxes: a list of choice values."""

    def process_data(self, value: Any) -> None:
        self.data = list(value) if isinstance(value, list) else []

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = [value for value in valuelist if value != ""]

    def is_checked(self, value: str) -> bool:
        """True when ``value`` is among the answers (for rendering)."""
        return value in (self.data or [])


class NumberField(AnswerField):
    """A typed number: whole numbers (``integer``) or decimals with ``,`` or ``.``."""

    def __init__(self, *args: Any, whole: bool = True, message: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.whole = whole
        self.message = message

    def process_formdata(self, valuelist: list[str]) -> None:
        text = valuelist[0].strip().translate(_DIGITS).replace(" ", "") if valuelist else ""
        self.data = None
        if not text:
            return
        pattern = r"[+-]?\d{1,9}" if self.whole else r"[+-]?\d{1,12}([.,]\d{1,6})?"
        if not re.fullmatch(pattern, text):
            raise ValueError(self.message)
        number = int(text) if self.whole else float(text.replace(",", "."))
        if not math.isfinite(number):
            raise ValueError(self.message)
        self.data = number


class DateField(AnswerField):
    """A date as ``YYYY-MM-DD`` (the date input) or ``TT.MM.JJJJ`` (typed)."""

    def __init__(self, *args: Any, message: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.message = message

    def process_formdata(self, valuelist: list[str]) -> None:
        text = valuelist[0].strip().translate(_DIGITS) if valuelist else ""
        self.data = None
        if not text:
            return
        for pattern in _DATE_FORMATS:
            try:
                self.data = datetime.datetime.strptime(text, pattern).date().isoformat()
                return
            except ValueError:
                continue
        raise ValueError(self.message)


class TextField(AnswerField):
    """Free text; surrounding blanks are dropped, line breaks normalised."""

    def process_formdata(self, valuelist: list[str]) -> None:
        text = valuelist[0].replace("\r\n", "\n").strip() if valuelist else ""
        self.data = unicodedata.normalize("NFC", text) or None


# --- validators -----------------------------------------------------------------------


class Answered:
    """The question must be answered (an unparsable entry has its own message)."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __call__(self, form: Form, field: Field) -> None:
        if field.process_errors:
            raise StopValidation()
        if is_empty(field.data):
            raise StopValidation(self.message)


class Optional:
    """Stop checking an unanswered (or unparsable) optional field."""

    def __call__(self, form: Form, field: Field) -> None:
        if field.process_errors or is_empty(field.data):
            raise StopValidation()


class Between:
    """A number within ``low``..``high`` (either may be open)."""

    def __init__(self, low: float | None, high: float | None, message: str) -> None:
        self.low, self.high, self.message = low, high, message

    def __call__(self, form: Form, field: Field) -> None:
        value = field.data
        if (self.low is not None and value < self.low) or (
            self.high is not None and value > self.high
        ):
            raise ValidationError(self.message)


class MaxLength:
    """Text no longer than ``limit`` characters."""

    def __init__(self, limit: int, message: str) -> None:
        self.limit, self.message = limit, message

    def __call__(self, form: Form, field: Field) -> None:
        if len(field.data) > self.limit:
            raise ValidationError(self.message)


# --- what the templates render --------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """A choice as shown: its value, text (in the page language) and pictogram."""

    value: str
    label: Text
    #: one file, or files by language (shown in the page language)
    image: Text | str | None
    image_alt: Text | None


@dataclass
class Part:
    """One field of a question: the whole question, or one matrix row / dot-vote choice."""

    field: AnswerField
    label: Text | None = None
    image: Text | str | None = None
    image_alt: Text | None = None

    @property
    def dom_id(self) -> str:
        """The id of the part's first input (the target of the error summary's link)."""
        return self.field.id

    @property
    def errors(self) -> list[str]:
        """The part's messages."""
        return list(self.field.errors)


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


# --- building -------------------------------------------------------------------------


def field_names(
    questionnaire: Questionnaire, questions: list[Question], answers: Mapping[str, Any]
) -> dict[str, str]:
    """Every form key the screen may send, mapped to the question id it belongs to."""
    names: dict[str, str] = {}
    for question in questions:
        if question.type == "note":
            continue
        if question.type == "matrix":
            for row in questionnaire.visible_rows(question, answers):
                names[f"{question.id}.{row.value}"] = question.id
        elif question.type == "dot_vote":
            for choice in questionnaire.visible_choices(question, answers):
                names[f"{question.id}.{choice.value}"] = question.id
        else:
            names[question.id] = question.id
    return names


def _undecodable(text: str) -> bool:
    """True when ``text`` holds percent-escapes that are not UTF-8 (invalid UTF-8 sent).

    A respondent who literally types such an escape ("%FF") is refused as well; that
    is the price of noticing broken encodings at all.
    """
    for run in _ESCAPES.findall(text):
        raw = urllib.parse.unquote_to_bytes(run)
        if max(raw) >= 0x80:
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return True
    return False


def _is_junk(text: str) -> bool:
    return bool(_FORBIDDEN.search(text)) or ("%" in text and _undecodable(text))


def find_tampering(
    questionnaire: Questionnaire,
    questions: list[Question],
    answers: Mapping[str, Any],
    formdata: MultiDict[str, str],
) -> str | None:
    """Why ``formdata`` cannot have come from this screen's page, or None.

    Unknown keys, repeated single values, choices never offered, control characters
    and invalid UTF-8 are tampering (or a broken client), not a respondent's mistake.
    """
    names = field_names(questionnaire, questions, answers)
    for key in formdata:
        if _is_junk(key):
            return "forbidden characters or invalid UTF-8 in a key"
        if key not in names and key not in CONTROL_KEYS:
            return f"unknown field {key!r}"
        if any(_is_junk(value) for value in formdata.getlist(key)):
            return f"forbidden characters or invalid UTF-8 in {key!r}"
    if formdata.get("action") not in ACTIONS or len(formdata.getlist("action")) != 1:
        return "unknown action"
    for question in questions:
        problem = _tampered_choice(questionnaire, question, answers, formdata)
        if problem:
            return problem
    return None


def _tampered_choice(
    questionnaire: Questionnaire,
    question: Question,
    answers: Mapping[str, Any],
    formdata: MultiDict[str, str],
) -> str | None:
    kind = question.type
    if kind in ("single_choice", "yes_no", "smiley", "rating"):
        values = formdata.getlist(question.id)
        allowed = _allowed_values(questionnaire, question, answers)
        if len(values) > 1:
            return f"several values for {question.id}"
        if values and values[0] not in allowed:
            return f"unknown choice for {question.id}"
    elif kind == "multiple_choice":
        values = formdata.getlist(question.id)
        allowed = _allowed_values(questionnaire, question, answers)
        if len(set(values)) < len(values) or any(v not in allowed for v in values):
            return f"unknown or repeated choice for {question.id}"
    elif kind == "matrix":
        scale = set(question.choice_values)
        for row in questionnaire.visible_rows(question, answers):
            values = formdata.getlist(f"{question.id}.{row.value}")
            if len(values) > 1 or (values and values[0] not in scale):
                return f"unknown choice in a row of {question.id}"
    elif kind == "dot_vote":
        for choice in questionnaire.visible_choices(question, answers):
            if len(formdata.getlist(f"{question.id}.{choice.value}")) > 1:
                return f"several values for {question.id}"
    elif len(formdata.getlist(question.id)) > 1:
        return f"several values for {question.id}"
    return None


def _allowed_values(
    questionnaire: Questionnaire, question: Question, answers: Mapping[str, Any]
) -> set[str]:
    if question.type == "rating":
        return {str(point) for point in range(1, (question.points or 0) + 1)}
    return {choice.value for choice in questionnaire.visible_choices(question, answers)}


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
    makers: dict[str, Callable[[], AnswerField]] = {}
    data: dict[str, Any] = {}
    plan: list[tuple[Question, list[tuple[str, Choice | None]], list[Option]]] = []
    for question in questions:
        if question.type == "note":
            plan.append((question, [], []))
            continue
        text = _Texts(question, wording, lang, questionnaire.default_language)
        options = _options(questionnaire, question, answers)
        parts: list[tuple[str, Choice | None]] = []
        if question.type == "matrix":
            saved = answers.get(question.id) if isinstance(answers.get(question.id), dict) else {}
            for row in questionnaire.visible_rows(question, answers):
                name = f"{question.id}.{row.value}"
                makers[name] = partial(_row_field, question, row, text)
                data[name] = saved.get(row.value)
                parts.append((name, row))
        elif question.type == "dot_vote":
            saved = answers.get(question.id) if isinstance(answers.get(question.id), dict) else {}
            for choice in questionnaire.visible_choices(question, answers):
                name = f"{question.id}.{choice.value}"
                makers[name] = partial(_points_field, question, choice, wording)
                data[name] = saved.get(choice.value)
                parts.append((name, choice))
        else:
            makers[question.id] = partial(_field_for, question, text, wording)
            data[question.id] = answers.get(question.id, question.default)
            parts.append((question.id, None))
        plan.append((question, parts, options))

    form_class = _form_class(questionnaire, wording, lang, makers)
    form = form_class(formdata=formdata) if formdata is not None else form_class(data=data)
    views = []
    for question, parts, options in plan:
        view = QuestionView(question, options=options)
        for name, choice in parts:
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


def _row_field(question: Question, row: Choice, text: _Texts) -> AnswerField:
    return OneChoiceField(
        id=f"q-{question.id}-{row.value}",
        question=question,
        validators=text.row_validators(),
    )


def _points_field(question: Question, choice: Choice, wording: Wording) -> AnswerField:
    return NumberField(
        id=f"q-{question.id}-{choice.value}",
        question=question,
        message=wording.not_a_whole_number(),
        validators=[
            Optional(),
            Between(0, question.points, wording.points_range(question.points or 0)),
        ],
    )


def _options(
    questionnaire: Questionnaire, question: Question, answers: Mapping[str, Any]
) -> list[Option]:
    if question.type == "rating":
        return [
            Option(str(n), Text({"": str(n)}), None, None)
            for n in range(1, (question.points or 0) + 1)
        ]
    if question.type == "matrix":
        choices = question.choices
    elif question.is_choice_type:
        choices = questionnaire.visible_choices(question, answers)
    else:
        return []
    return [Option(c.value, c.label, c.picture, c.image_alt) for c in choices]


class _Texts:
    """Messages for one question: its own (from the questionnaire) or the UI's."""

    def __init__(
        self, question: Question, wording: Wording, lang: str, default_language: str
    ) -> None:
        self.question = question
        self.wording = wording
        self.lang = lang
        self.default = default_language

    def required(self) -> str:
        own = self.question.required_message
        return (
            own.get(self.lang, self.default)
            if own is not None
            else self.wording.required(self.question.type)
        )

    def row_validators(self) -> list[Any]:
        if self.question.required:
            return [Answered(self.wording.required_row())]
        return [Optional()]

    def presence(self) -> Any:
        return Answered(self.required()) if self.question.required else Optional()


def _field_for(question: Question, text: _Texts, wording: Wording) -> AnswerField:
    kind = question.type
    identity = {"id": f"q-{question.id}", "question": question}
    if kind in ("single_choice", "yes_no", "smiley"):
        return OneChoiceField(validators=[text.presence()], **identity)
    if kind == "rating":
        return OneChoiceField(validators=[text.presence()], coerce=int, **identity)
    if kind == "multiple_choice":
        return ManyChoicesField(validators=[text.presence()], **identity)
    if kind in ("integer", "decimal"):
        whole = kind == "integer"
        message = wording.not_a_whole_number() if whole else wording.not_a_number()
        return NumberField(
            validators=[
                text.presence(),
                Between(question.min, question.max, wording.number_range(question)),
            ],
            whole=whole,
            message=message,
            **identity,
        )
    if kind == "date":
        return DateField(validators=[text.presence()], message=wording.not_a_date(), **identity)
    limit = MAX_TEXT_LENGTH.get(kind, MAX_TEXT_LENGTH["text"])
    return TextField(
        validators=[text.presence(), MaxLength(limit, wording.too_long(limit))], **identity
    )


# --- the model's check ----------------------------------------------------------------


def attach_problems(
    view: ScreenFormView,
    problems: list[AnswerProblem],
    wording: Wording,
    lang: str,
    default_language: str,
) -> None:
    """Turn the model's problems into messages on the questions without a message yet."""
    by_id = {question_view.question.id: question_view for question_view in view.questions}
    for problem in problems:
        question_view = by_id.get(problem.question_id)
        if question_view is None or question_view.has_errors:
            continue
        question_view.problems.append(
            _problem_message(question_view.question, problem, wording, lang, default_language)
        )


def _problem_message(
    question: Question, problem: AnswerProblem, wording: Wording, lang: str, default_language: str
) -> str:
    if problem.code == "constraint" and question.constraint_message is not None:
        return question.constraint_message.get(lang, default_language)
    if problem.code == "required" and question.required_message is not None:
        return question.required_message.get(lang, default_language)
    return wording.problem(problem, question)
