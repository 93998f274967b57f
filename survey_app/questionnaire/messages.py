"""Check messages in any language, worded in the terms of the file they are about.

A :class:`~survey_app.questionnaire.problems.Problem` carries a message ``code`` and
its values; the texts live in :mod:`survey_app.questionnaire.message_texts` (German
msgids marked with :func:`N_` for extraction, English beside them). The model imports
no Flask: :func:`describe` takes a ``translate`` function — the app passes
flask_babel's ``gettext``, the CLI a catalog's, and :func:`english` the English column.

For a workbook (a path ``FORM.xlsx:SHEET``) the place reads "Blatt „survey“, Zeile 7,
Spalte „relevant“" and codes with a workbook wording use it; for YAML ``file:line``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from survey_app.questionnaire.message_texts import ENGLISH, MESSAGES, PLACES, TERMS, WORKBOOK
from survey_app.questionnaire.xlsform_columns import WORKBOOK_COLUMNS

if TYPE_CHECKING:
    from survey_app.questionnaire.problems import Problem

Translate = Callable[[str], str]

_WORKBOOK_PATH = re.compile(r"(?P<file>.+\.xlsx)(?::(?P<sheet>[^:/\\]+))?$", re.IGNORECASE)


@dataclass(frozen=True)
class Term:
    """A phrase inside a message ("the label of question 'q1'"), translated with it."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()


def term(code: str, **params: Any) -> Term:
    """A :class:`Term` of :data:`TERMS`."""
    if code not in TERMS:
        raise KeyError(f"unknown message term {code!r}")
    return Term(code, tuple(params.items()))


def is_workbook(path: str) -> bool:
    """True for problems in a workbook (``FORM.xlsx`` or ``FORM.xlsx:SHEET``)."""
    return _WORKBOOK_PATH.fullmatch(path) is not None


def _english(de: str) -> str:
    return ENGLISH.get(de, de)


def english(code: str, params: Iterable[tuple[str, Any]], workbook: bool = False) -> str:
    """The English message for ``code`` (raises KeyError for an unknown code)."""
    if code not in MESSAGES:
        raise KeyError(f"unknown message code {code!r}")
    return message(code, tuple(params), _english, workbook)


def message(
    code: str, params: tuple[tuple[str, Any], ...], translate: Translate, workbook: bool
) -> str:
    """The text of ``code`` with its values, in the language of ``translate``."""
    template = WORKBOOK.get(code) if workbook else None
    values = {key: _value(value, translate, workbook) for key, value in params}
    if "key" in values and "xls_column" not in values:
        values["xls_column"] = WORKBOOK_COLUMNS.get(str(values["key"]), str(values["key"]))
    near = values.get("near")
    values["near"] = translate(TERMS["did_you_mean"]) % {"near": near} if near else ""
    return translate(template or MESSAGES[code]) % values


def message_term(phrase: Term, translate: Translate, workbook: bool = False) -> str:
    """A :class:`Term` in the language of ``translate``."""
    inner = {key: _value(item, translate, workbook) for key, item in phrase.params}
    return translate(TERMS[phrase.code]) % inner


def _value(value: Any, translate: Translate, workbook: bool) -> Any:
    if isinstance(value, Term):
        return message_term(value, translate, workbook)
    if isinstance(value, list | tuple):
        return ", ".join(str(_value(item, translate, workbook)) for item in value)
    return value


def file_name(path: str) -> str:
    """The file a problem is in, without folders or a workbook's sheet."""
    match = _WORKBOOK_PATH.fullmatch(path)
    name = match.group("file") if match else path
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def place(problem: Problem, translate: Translate, full_path: bool = False) -> str:
    """Where the problem is: ``Blatt „survey“, Zeile 7, Spalte „relevant“`` or
    ``file.yaml:12`` (with its folders when ``full_path``)."""
    match = _WORKBOOK_PATH.fullmatch(problem.path)
    if match is None:
        name = problem.path if full_path else file_name(problem.path)
        return f"{name}:{problem.line}"
    name = match.group("file") if full_path else file_name(problem.path)
    sheet = match.group("sheet")
    if sheet is None:
        return name
    if full_path:
        return f"{name}: " + _sheet_place(problem, sheet, name, translate)
    return _sheet_place(problem, sheet, name, translate)


def _sheet_place(problem: Problem, sheet: str, name: str, translate: Translate) -> str:
    values = {"file": name, "sheet": sheet, "row": problem.line, "column": problem.column}
    key = "sheet_row_column" if problem.column else "sheet_row"
    if problem.line <= 1 and not problem.column:
        key = "sheet"
    return translate(PLACES[key]) % values


def text(problem: Problem, translate: Translate) -> str:
    """The message of ``problem`` in the language of ``translate`` (without the place)."""
    if not problem.code:
        return problem.message
    try:
        return message(problem.code, problem.params, translate, is_workbook(problem.path))
    except (KeyError, ValueError, TypeError):  # a catalog with a broken placeholder
        return problem.message


def describe(problem: Problem, translate: Translate) -> str:
    """``PLACE: error: MESSAGE`` in the language of ``translate`` (one line, for a CLI)."""
    kind = translate(PLACES["error"] if problem.is_error else PLACES["warning"])
    return f"{place(problem, translate, full_path=True)}: {kind}: {text(problem, translate)}"


def english_translate(message_id: str) -> str:
    """``translate`` for English (the texts beside the German msgids)."""
    return _english(message_id)
