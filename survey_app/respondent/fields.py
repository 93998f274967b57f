"""The fields of a screen's form: they read what the browser sent, nothing more.

Each turns its input into the stored answer type (``single_choice`` → str, ``integer``
→ int, ``date`` → ``YYYY-MM-DD``, …); text that is not a number or a date gets a
translated message.  Whether an answer is valid is the model's business
(:func:`survey_app.questionnaire.answers.check_answer`).
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from wtforms import Field, Form

from survey_app.questionnaire.model import Choice, Question
from survey_app.respondent.wording import Wording

#: The date input's format and the one people type.
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


# --- one field per question, matrix row or dot-vote choice --------------------


def row_field(question: Question, row: Choice) -> AnswerField:
    return OneChoiceField(id=f"q-{question.id}-{row.value}", question=question)


def points_field(question: Question, choice: Choice, wording: Wording) -> AnswerField:
    return NumberField(
        id=f"q-{question.id}-{choice.value}",
        question=question,
        message=wording.not_a_whole_number(),
    )


def field_for(question: Question, wording: Wording) -> AnswerField:
    kind = question.type
    identity = {"id": f"q-{question.id}", "question": question}
    if kind in ("single_choice", "yes_no", "smiley"):
        return OneChoiceField(**identity)
    if kind == "rating":
        return OneChoiceField(coerce=int, **identity)
    if kind == "multiple_choice":
        return ManyChoicesField(**identity)
    if kind in ("integer", "decimal"):
        whole = kind == "integer"
        message = wording.not_a_whole_number() if whole else wording.not_a_number()
        return NumberField(whole=whole, message=message, **identity)
    if kind == "date":
        return DateField(message=wording.not_a_date(), **identity)
    return TextField(**identity)
