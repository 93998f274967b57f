"""Exports that open as they are: CSV, XLSX, German Excel's CSV, SPSS (.sav), Stata (.dta).

- **CSV** (``csv``) and **XLSX** (``xlsx``, sheets ``responses`` and ``codebook``):
  the tables as they are, UTF-8, CRLF; characters XML cannot hold are left out of XLSX.

- **CSV for German Excel** (``csv-de``): semicolon-separated, UTF-8 with a byte order
  mark (so Excel reads umlauts and Arabic right), CRLF, decimal comma.
- **SPSS and Stata** (``sav``, ``dta``, written by pyreadstat): every variable carries
  its question's text as variable label; every choice question is numbered 1, 2, 3 …
  in the order of its choices (or by its own code where all codes are whole numbers,
  e.g. smiley scales 0–4) with the choices' texts as value labels; a multiple-choice
  question is one 0/1 variable per option whose label names the option. Texts come in
  the language asked for (the questionnaire's default when it has none).

Variable names follow the stricter rule of the two (Stata: letters, digits and ``_``,
at most 32 characters, not starting with a digit); a name that had to change keeps its
export column name in front of its variable label. No Flask here.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from survey_app.questionnaire.model import Question, Questionnaire

SEPARATOR = "__"
MAX_NAME = 32
MAX_LABEL = 80  # Stata's limit for variable labels
_INVALID = re.compile(r"[^A-Za-z0-9_]")


@dataclass(frozen=True)
class Labelled:
    """A response table ready for SPSS/Stata: numeric codes, names and labels."""

    frame: pd.DataFrame
    variable_labels: dict[str, str]
    value_labels: dict[str, dict[int, str]]


def german_csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as German Excel opens it: ``;``, UTF-8 with BOM, CRLF, decimal comma."""
    text = frame.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")
    return "\ufeff".encode() + text.encode("utf-8")


def variable_name(column: str, taken: set[str]) -> str:
    """A Stata- and SPSS-safe, unique variable name for an export column."""
    name = _INVALID.sub("_", column)
    if not name or not name[0].isalpha():
        name = "v" + name
    name = name[:MAX_NAME]
    stem, number = name, 2
    while name.lower() in taken:
        suffix = f"_{number}"
        name = stem[: MAX_NAME - len(suffix)] + suffix
        number += 1
    taken.add(name.lower())
    return name


def _codes(question: Question) -> dict[str, int]:
    """Each choice value's numeric code: its own whole number, else 1, 2, 3 … in order."""
    values = [choice.value for choice in question.choices]
    if values and all(re.fullmatch(r"-?\d{1,9}", value) for value in values):
        return {value: int(value) for value in values}
    return {value: index for index, value in enumerate(values, start=1)}


def labelled_table(
    questionnaire: Questionnaire,
    table: pd.DataFrame,
    meta_labels: dict[str, str],
    lang: str,
    ticked: tuple[str, str],
) -> Labelled:
    """Recode ``table`` (from :func:`survey_app.exports.response_table`) for SPSS/Stata.

    ``meta_labels`` labels the response's own columns; ``ticked`` is the pair of
    texts for 0 and 1 of a multiple-choice option ("not ticked", "ticked").
    """
    text_of: Callable[[Any], str] = lambda text: (text.get(lang) if text else "") or ""  # noqa: E731
    names: dict[str, str] = {}
    taken: set[str] = set()
    variable_labels: dict[str, str] = {}
    value_labels: dict[str, dict[int, str]] = {}
    frame = table.copy()

    def label(column: str, text: str) -> None:
        name = variable_name(column, taken)
        names[column] = name
        prefix = "" if name == column else f"{column}: "
        variable_labels[name] = (prefix + text)[:MAX_LABEL]

    for column, text in meta_labels.items():
        if column in frame.columns:
            label(column, text)
    for question in questionnaire.questions():
        if not question.is_stored:
            continue
        title = text_of(question.label)
        if question.type == "multiple_choice":
            for choice in question.choices:
                column = f"{question.id}{SEPARATOR}{choice.value}"
                label(column, f"{title} – {text_of(choice.label)}")
                value_labels[names[column]] = {0: ticked[0], 1: ticked[1]}
        elif question.type == "dot_vote":
            for choice in question.choices:
                column = f"{question.id}{SEPARATOR}{choice.value}"
                label(column, f"{title} – {text_of(choice.label)}")
        elif question.type == "matrix":
            codes = _codes(question)
            for row in question.rows:
                column = f"{question.id}{SEPARATOR}{row.value}"
                label(column, f"{title} – {text_of(row.label)}")
                frame[column] = _recode(frame[column], codes)
                value_labels[names[column]] = {
                    codes[c.value]: text_of(c.label) for c in question.choices
                }
        elif question.choices:
            codes = _codes(question)
            label(question.id, title)
            frame[question.id] = _recode(frame[question.id], codes)
            value_labels[names[question.id]] = {
                codes[c.value]: text_of(c.label) for c in question.choices
            }
        else:
            label(question.id, title)
    for column in frame.columns:
        if column not in names:  # answers to questions the file no longer has
            label(column, column)
    frame = frame.rename(columns=names)
    for column in frame.columns:
        if frame[column].dtype == object and column not in value_labels:
            frame[column] = frame[column].map(_plain, na_action="ignore")
    return Labelled(frame, variable_labels, value_labels)


def _recode(series: pd.Series, codes: dict[str, int]) -> pd.Series:
    """Choice values → their numeric codes (an unknown stored value stays missing)."""
    return pd.array(
        [codes.get(value) if isinstance(value, str) else None for value in series], dtype="Int64"
    )  # type: ignore[return-value]


def _plain(value: Any) -> Any:
    return (
        value if isinstance(value, str | int | float) or hasattr(value, "isoformat") else str(value)
    )


def statistics_bytes(labelled: Labelled, fmt: str) -> bytes:
    """The ``.sav`` (SPSS) or ``.dta`` (Stata) file of ``labelled``."""
    import pyreadstat  # imported here: only these two formats need it

    frame = labelled.frame.copy()
    for column in frame.columns:
        if str(frame[column].dtype) == "Int64":
            frame[column] = frame[column].astype("float64")  # missing as system-missing
    handle, path = tempfile.mkstemp(suffix=f".{fmt}")
    os.close(handle)
    try:
        write = pyreadstat.write_sav if fmt == "sav" else pyreadstat.write_dta
        options: dict[str, Any] = {
            "column_labels": [labelled.variable_labels.get(c, "") for c in frame.columns],
            "variable_value_labels": labelled.value_labels,
        }
        if fmt == "dta":
            options["version"] = 15  # Unicode strings
        write(frame, path, **options)
        with open(path, "rb") as file:
            return file.read()
    finally:
        os.unlink(path)


#: Control characters XML (and so XLSX) cannot hold; tab, newline and CR are fine.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def text_columns(frame: pd.DataFrame) -> list[str]:
    """Columns that may hold strings (object columns may mix strings and dates)."""
    return [
        column
        for column in frame.columns
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column])
    ]


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV, comma-separated, CRLF line ends."""
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def xlsx_bytes(responses: pd.DataFrame, book: pd.DataFrame) -> bytes:
    """One workbook with the sheets ``responses`` and ``codebook`` (header row frozen,
    characters XML cannot hold left out)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in (("responses", responses), ("codebook", book)):
            cleaned = frame.copy()
            for column in text_columns(cleaned):
                cleaned[column] = cleaned[column].map(_xml_safe, na_action="ignore")
            cleaned.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "A2"
            for cells in sheet.iter_cols(min_row=1, max_row=1):
                sheet.column_dimensions[cells[0].column_letter].width = 18
    return buffer.getvalue()


def _xml_safe(value: Any) -> Any:
    return _XML_ILLEGAL.sub("", value) if isinstance(value, str) else value
