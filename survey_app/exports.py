"""Raw-response exports (CSV and XLSX) with their codebook, made with pandas.

One row per response, one column per question; choices as codes.  A multiple choice
question becomes one 0/1 column per choice (``question__choice``), a matrix one column
per row (``question__row``, the chosen code), a dot vote one column per choice (the
points given).  A question that was not answered (or not shown) is an empty cell in
all its columns; an answered multiple choice has 0 for the choices not ticked.

**Formula neutralisation.**  A spreadsheet runs a cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return as a formula, so a free-text answer such as
``=HYPERLINK(...)`` could act when a coordinator opens the file.  Every *string* cell
of every export (answers, codebook, headers) that starts with one of these gets a
leading apostrophe; numbers stay numbers.  The apostrophe is visible in the cell
and marks the text as neutralised.

Files: XLSX is one workbook with the sheets ``responses`` and ``codebook``; CSV is
two files (``…-responses.csv`` and ``…-codebook.csv``, UTF-8, comma-separated, CRLF),
which the web page hands out as one ZIP.  The first columns describe the response
(:data:`META_COLUMNS`); dates are dates, never times of day.

No Flask here: the ``ankommen export`` command and the coordinator pages share it.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from survey_app.export_formats import (
    Labelled,
    csv_bytes,
    german_csv_bytes,
    labelled_table,
    statistics_bytes,
    text_columns,
    xlsx_bytes,
)
from survey_app.questionnaire.languages import EASY_GERMAN
from survey_app.questionnaire.model import Question, Questionnaire
from survey_app.storage import Connection, StoredResponse, iter_responses, log_action
from survey_app.storage.tallies import count_responses
from survey_app.ui_languages import SOURCE_LANGUAGE
from survey_app.versions import answer_mapping, mapped_responses

FORMATS = ("csv", "csv-de", "xlsx", "sav", "dta")
#: The characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Columns every export starts with, before the questions, with their meaning.  A
#: question whose id equals one of these keeps its id; the response column then gets a
#: leading underscore (the codebook lists the names actually used).
META_COLUMNS = {
    "response_id": "random id of the response (no link to a person)",
    "questionnaire_version": "the questionnaire's version when it was answered",
    "response_language": "language the questionnaire was answered in (BCP-47 tag)",
    "response_mode": "kiosk (tablet at an event) or own_device (QR code)",
    "event": "short code of the event, empty when answered without one",
    "event_district": "district (Sozialraum) of the event, empty without one",
    "submitted_on": "date of submission (no time of day, on purpose)",
}


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark only"
    """Mark ``message`` for translation where it is defined; translated where used."""
    return message


#: Variable labels of the response's own columns in SPSS/Stata (translated).
META_LABELS = {
    "response_id": N_("Zufällige Kennung der Antwort"),
    "questionnaire_version": N_("Version des Fragebogens"),
    "response_language": N_("Sprache der Antwort"),
    "response_mode": N_("Art der Teilnahme"),
    "event": N_("Code der Veranstaltung"),
    "event_district": N_("Sozialraum der Veranstaltung"),
    "submitted_on": N_("Tag der Abgabe"),
}
MEDIA_TYPES = {
    "csv": "text/csv",
    "sav": "application/x-spss-sav",
    "dta": "application/x-stata-dta",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}
SEPARATOR = "__"


@dataclass(frozen=True)
class ExportFile:
    """One file of an export: its name, bytes and media type."""

    name: str
    content: bytes
    media_type: str


@dataclass(frozen=True)
class Export:
    """What an export produced: the files and how many responses they hold."""

    questionnaire_id: str
    format: str
    files: list[ExportFile]
    response_count: int
    #: The common start of the file names, e.g. ``eltern-0-10-2025-06-01``.
    stem: str


def neutralise_cell(value: Any) -> Any:
    """``value`` with a leading apostrophe if it is a string a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every string cell and header neutralised."""
    result = frame.copy()
    for column in text_columns(result):
        result[column] = result[column].map(neutralise_cell, na_action="ignore")
    result.columns = [neutralise_cell(str(column)) for column in result.columns]
    return result


def _columns_of(question: Question) -> list[str]:
    if question.type in ("multiple_choice", "dot_vote"):
        return [f"{question.id}{SEPARATOR}{choice.value}" for choice in question.choices]
    if question.type == "matrix":
        return [f"{question.id}{SEPARATOR}{row.value}" for row in question.rows]
    return [question.id]


def _cells_of(question: Question, value: Any) -> dict[str, Any]:
    """The export cells of one answer (absent answers give no cells, i.e. empty)."""
    if value is None:
        return {}
    if question.type == "multiple_choice":
        chosen = set(value) if isinstance(value, list) else {value}
        return {
            f"{question.id}{SEPARATOR}{choice.value}": int(choice.value in chosen)
            for choice in question.choices
        }
    if question.type == "dot_vote":
        points = value if isinstance(value, Mapping) else {}
        return {
            f"{question.id}{SEPARATOR}{choice.value}": int(points.get(choice.value, 0) or 0)
            for choice in question.choices
        }
    if question.type == "matrix":
        chosen = value if isinstance(value, Mapping) else {}
        return {
            f"{question.id}{SEPARATOR}{row.value}": chosen[row.value]
            for row in question.rows
            if row.value in chosen
        }
    return {question.id: value}


def meta_column_names(questionnaire: Questionnaire) -> dict[str, str]:
    """The name of each :data:`META_COLUMNS` column in this questionnaire's export."""
    taken = {
        column for question in _stored_questions(questionnaire) for column in _columns_of(question)
    }
    names = {}
    for column in META_COLUMNS:
        name = column
        while name in taken:
            name = "_" + name
        names[column] = name
    return names


def _stored_questions(questionnaire: Questionnaire) -> list[Question]:
    return [question for question in questionnaire.questions() if question.is_stored]


def _as_text(value: Any) -> str:
    return (
        value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    )


def response_table(
    questionnaire: Questionnaire, responses: Iterable[StoredResponse]
) -> pd.DataFrame:
    """The raw responses as a table (not yet neutralised).

    Answers to question ids that the current questionnaire file no longer has are
    kept in extra columns at the end (as text), so an export never loses data.
    """
    questions = _stored_questions(questionnaire)
    meta = meta_column_names(questionnaire)
    rows: list[dict[str, Any]] = []
    unknown: dict[str, None] = {}
    for response in responses:
        values = (
            response.id,
            response.questionnaire_version,
            response.language,
            response.mode,
            response.event_code,
            response.district,
            response.submitted_on,
        )
        row: dict[str, Any] = dict(zip(meta.values(), values, strict=True))
        for question in questions:
            row.update(_cells_of(question, response.answers.get(question.id)))
        for key, value in response.answers.items():
            if questionnaire.question(key) is None:
                unknown.setdefault(key)
                row[key] = _as_text(value)
        rows.append(row)
    columns = list(meta.values())
    for question in questions:
        columns.extend(_columns_of(question))
    columns.extend(unknown)
    frame = pd.DataFrame(rows, columns=columns)
    return _typed(frame, questions)


def _typed(frame: pd.DataFrame, questions: list[Question]) -> pd.DataFrame:
    """Whole-number columns as nullable integers, so empty cells stay empty."""
    for question in questions:
        if question.type in ("multiple_choice", "dot_vote", "integer", "rating"):
            for column in _columns_of(question):
                frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
        elif question.type == "decimal":
            frame[question.id] = pd.to_numeric(frame[question.id], errors="coerce")
        else:
            for column in _columns_of(question):
                frame[column] = frame[column].astype(object)
    return frame


def codebook(questionnaire: Questionnaire) -> pd.DataFrame:
    """What every column means: question id, type, role, label (default language),
    and for choice questions one line per choice or matrix row with its code and label."""
    lang = questionnaire.default_language
    lines: list[dict[str, Any]] = [
        {
            "column": name,
            "question_id": "",
            "type": "",
            "role": "",
            "label": META_COLUMNS[column],
            "code": "",
            "code_label": "",
        }
        for column, name in meta_column_names(questionnaire).items()
    ]
    for question in _stored_questions(questionnaire):
        base = {
            "question_id": question.id,
            "type": question.type,
            "role": question.role or "",
            "label": question.label.get(lang),
        }
        if question.type in ("multiple_choice", "dot_vote"):
            meaning = (
                "1 = ticked, 0 = not ticked" if question.type == "multiple_choice" else "points"
            )
            lines.extend(
                {
                    **base,
                    "column": f"{question.id}{SEPARATOR}{choice.value}",
                    "code": choice.value,
                    "code_label": f"{choice.label.get(lang)} ({meaning})",
                }
                for choice in question.choices
            )
        elif question.type == "matrix":
            for row in question.rows:
                column = f"{question.id}{SEPARATOR}{row.value}"
                lines.append(
                    {**base, "column": column, "code": "", "code_label": row.label.get(lang)}
                )
                lines.extend(
                    {
                        **base,
                        "column": column,
                        "code": choice.value,
                        "code_label": choice.label.get(lang),
                    }
                    for choice in question.choices
                )
        elif question.choices:
            lines.extend(
                {
                    **base,
                    "column": question.id,
                    "code": choice.value,
                    "code_label": choice.label.get(lang),
                }
                for choice in question.choices
            )
        else:
            lines.append({**base, "column": question.id, "code": "", "code_label": ""})
    return pd.DataFrame(
        lines, columns=["column", "question_id", "type", "role", "label", "code", "code_label"]
    )


def build_export(
    questionnaire: Questionnaire,
    responses: Iterable[StoredResponse],
    fmt: str,
    lang: str | None = None,
) -> Export:
    """The export files for ``responses``.

    CSV (``csv``, and ``csv-de`` for German Excel) gives two files (responses and
    codebook), XLSX one workbook with the sheets ``responses`` and ``codebook``, SPSS
    (``sav``) and Stata (``dta``) one file with variable and value labels in ``lang``
    (default: the questionnaire's default language).
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    raw = response_table(questionnaire, responses)
    stem = f"{questionnaire.id}-{date.today().isoformat()}"
    if fmt in ("sav", "dta"):
        labelled = _labelled(questionnaire, raw, lang or questionnaire.default_language)
        files = [ExportFile(f"{stem}.{fmt}", statistics_bytes(labelled, fmt), MEDIA_TYPES[fmt])]
        return Export(questionnaire.id, fmt, files, len(raw), stem)
    table = neutralise_formulas(raw)
    book = neutralise_formulas(codebook(questionnaire))
    if fmt in ("csv", "csv-de"):
        write = german_csv_bytes if fmt == "csv-de" else csv_bytes
        files = [
            ExportFile(f"{stem}-responses.csv", write(table), MEDIA_TYPES["csv"]),
            ExportFile(f"{stem}-codebook.csv", write(book), MEDIA_TYPES["csv"]),
        ]
    else:
        files = [ExportFile(f"{stem}.xlsx", xlsx_bytes(table, book), MEDIA_TYPES["xlsx"])]
    return Export(questionnaire.id, fmt, files, len(table), stem)


def _labelled(questionnaire: Questionnaire, raw: pd.DataFrame, lang: str) -> Labelled:
    """The table with SPSS/Stata labels; the response's own columns labelled in ``lang``."""
    from analysis.i18n import translator

    tr = translator(SOURCE_LANGUAGE if lang == EASY_GERMAN else lang)  # standard German
    meta = {
        name: tr.gettext(META_LABELS[column])
        for column, name in meta_column_names(questionnaire).items()
    }
    ticked = (tr.gettext("nicht angekreuzt"), tr.gettext("angekreuzt"))
    return labelled_table(questionnaire, raw, meta, lang, ticked)


def export_responses(
    conn: Connection,
    questionnaire: Questionnaire,
    fmt: str,
    user_name: str,
    lang: str | None = None,
) -> Export:
    """Export every stored response of ``questionnaire`` and log it in the audit log.

    Answers of every version are read through the published versions' decisions
    (:func:`survey_app.versions.answer_mapping`): renamed questions and choices under
    their new names, retired ones in their own columns.

    Call inside a transaction: the log entry is only kept if the export is made.  The
    entry is written before the responses are read, because reading streams them
    (``yield_per``), which leaves the connection unfit for an INSERT on PostgreSQL.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    count = count_responses(conn, questionnaire_id=questionnaire.id)
    log_action(conn, user_name, "export", f"{questionnaire.id} {fmt}: {count} responses")
    mapping = answer_mapping(conn, questionnaire)
    stored = mapped_responses(mapping, iter_responses(conn, questionnaire.id))
    return build_export(mapping.questionnaire, stored, fmt, lang)


def zip_files(name: str, files: Iterable[ExportFile]) -> ExportFile:
    """Several export files as one ZIP archive (for a single download)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            archive.writestr(file.name, file.content)
    return ExportFile(name, buffer.getvalue(), MEDIA_TYPES["zip"])
