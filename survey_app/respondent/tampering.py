"""Requests the page cannot have sent: tampering (or a broken client), a 400 page.

Unknown keys, repeated single values, values the model does not offer
(:func:`survey_app.questionnaire.answers.offered_values`), control characters and
invalid UTF-8 are not a respondent's mistake; they are refused before any form is
built, and nothing is saved.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping
from typing import Any

from werkzeug.datastructures import MultiDict

from survey_app.questionnaire.answers import offered_values
from survey_app.questionnaire.model import Question, Questionnaire

#: Form keys the page itself sends besides the answers.
CONTROL_KEYS = frozenset({"csrf_token", "action"})
ACTIONS = ("next", "back")
#: Characters no keyboard produces: C0/C1 controls except tab and line breaks, and
#: U+FFFD, which is what invalid UTF-8 turns into.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
#: Werkzeug keeps percent-escapes that are not UTF-8 as they were (``%FF``).
_ESCAPES = re.compile("(?:%[0-9A-Fa-f]{2})+")


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
        allowed = offered_values(questionnaire, question, answers)
        if len(values) > 1:
            return f"several values for {question.id}"
        if values and values[0] not in allowed:
            return f"unknown choice for {question.id}"
    elif kind == "multiple_choice":
        values = formdata.getlist(question.id)
        allowed = offered_values(questionnaire, question, answers)
        if len(set(values)) < len(values) or any(v not in allowed for v in values):
            return f"unknown or repeated choice for {question.id}"
    elif kind == "matrix":
        scale = offered_values(questionnaire, question, answers)
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
