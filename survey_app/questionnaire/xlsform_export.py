"""XLSForm export: a questionnaire as a workbook that imports back to an equal questionnaire.

Standard XLSForm columns carry what XLSForm knows; ankommen-only features go into
``ankommen_*`` columns and the ``ankommen_scores``/``ankommen_bands`` sheets, which
other XLSForm tools ignore.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from survey_app.questionnaire.expressions import Expression
from survey_app.questionnaire.model import Choice, Question, Questionnaire
from survey_app.questionnaire.text import Text
from survey_app.questionnaire.xlsform_format import (
    BANDS,
    CHOICES,
    PRIVATE_LIST_PREFIX,
    SCORES,
    SETTINGS,
    SURVEY,
    YES_NO_LIST,
    language_header,
    language_name,
)

#: How ankommen types are written: (XLSForm type, ankommen_type or None).
_WRITTEN_AS = {
    "single_choice": ("select_one", None),
    "multiple_choice": ("select_multiple", None),
    "yes_no": ("select_one", "yes_no"),
    "smiley": ("select_one", "smiley"),
    "matrix": ("select_one", "matrix"),
    "dot_vote": ("select_multiple", "dot_vote"),
    "rating": ("integer", "rating"),
    "long_text": ("text", "long_text"),
}


class _Table:
    """Rows of named cells; columns appear in the order they are first used."""

    def __init__(self, columns: Iterable[str] = ()) -> None:
        self.columns: list[str] = list(columns)
        self.rows: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> None:
        row = {key: value for key, value in row.items() if value not in (None, "", [])}
        for key in row:
            if key not in self.columns:
                self.columns.append(key)
        self.rows.append(row)

    def write(self, sheet: Any) -> None:
        sheet.append(self.columns)
        for row in self.rows:
            sheet.append([row.get(column) for column in self.columns])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text, not a formula


def _texts(name: str, text: Text | None, languages: list[str]) -> dict[str, str]:
    if text is None:
        return {}
    return {
        language_header(name, lang): text.values[lang]
        for lang in languages
        if text.values.get(lang)
    }


def _media(
    column: str, file_name: str | None, languages: list[str], by_language: Text | None = None
) -> dict[str, str]:
    """``media::image::German (de)`` etc.: the language's file, else the same file.

    XLSForm wants media columns per language once labels are; pyxform cannot convert a
    plain ``image`` column next to translated labels.
    """
    if not file_name:
        return {}
    files = by_language.values if by_language is not None else {}
    return {language_header(column, lang): files.get(lang) or file_name for lang in languages}


def export_xlsform(questionnaire: Questionnaire, path: str | os.PathLike[str]) -> None:
    """Write ``questionnaire`` as an XLSForm workbook to ``path``."""
    import openpyxl

    workbook = openpyxl.Workbook()
    tables = _tables(questionnaire)
    workbook.remove(workbook.active)
    for name, table in tables.items():
        if table.rows:
            table.write(workbook.create_sheet(name))
    workbook.save(path)


def _tables(questionnaire: Questionnaire) -> dict[str, _Table]:
    languages = questionnaire.languages
    survey = _Table(["type", "name", *(language_header("label", lang) for lang in languages)])
    choices = _Table(["list_name", "name", *(language_header("label", lang) for lang in languages)])
    for name, options in questionnaire.choice_lists.items():
        _add_choices(choices, name, options, languages)
    written = set(questionnaire.choice_lists)
    for page in questionnaire.pages:
        survey.add(
            {"type": "begin group", "name": page.id, **_texts("label", page.title, languages)}
            | {"relevant": page.relevant.source if page.relevant else None}
        )
        for question in page.questions:
            survey.add(_question_row(question, languages))
            for list_name, options in _lists_of(question):
                if list_name not in written:
                    written.add(list_name)
                    _add_choices(choices, list_name, options, languages)
        survey.add({"type": "end group"})
    return {
        SURVEY: survey,
        CHOICES: choices,
        SETTINGS: _settings(questionnaire),
        SCORES: _scores(questionnaire),
        BANDS: _bands(questionnaire),
    }


def _choice_list_name(question: Question) -> str:
    if question.type == "yes_no":
        return YES_NO_LIST
    return question.choice_list or f"{PRIVATE_LIST_PREFIX}choices_{question.id}"


def _row_list_name(question: Question) -> str:
    return question.row_list or f"{PRIVATE_LIST_PREFIX}rows_{question.id}"


def _lists_of(question: Question) -> list[tuple[str, list[Choice]]]:
    lists = []
    if question.is_choice_type:
        lists.append((_choice_list_name(question), question.choices))
    if question.type == "matrix":
        lists.append((_row_list_name(question), question.rows))
    return lists


def _question_row(question: Question, languages: list[str]) -> dict[str, Any]:
    kind, special = _WRITTEN_AS.get(question.type, (question.type, None))
    if question.is_choice_type:
        kind = f"{kind} {_choice_list_name(question)}"
    equity = question.equity_group
    # A matrix filters its rows; in choice_filter, ODK would filter the scale with it.
    matrix = question.type == "matrix"
    choice_filter = _source(question.choice_filter)
    return {
        "type": kind,
        "name": question.id,
        **_texts("label", question.label, languages),
        **_texts("media::audio", question.audio, languages),
        **_texts("hint", question.hint, languages),
        "required": "yes" if question.required else None,
        **_texts("required_message", question.required_message, languages),
        "relevant": _source(question.relevant),
        "constraint": _source(question.constraint),
        **_texts("constraint_message", question.constraint_message, languages),
        "choice_filter": None if matrix else choice_filter,
        "appearance": question.appearance,
        "default": question.default,
        "ankommen_type": special,
        "ankommen_rows": _row_list_name(question) if matrix else None,
        "ankommen_row_filter": choice_filter if matrix else None,
        "ankommen_points": question.points,
        "ankommen_min": question.min,
        "ankommen_max": question.max,
        **_texts("ankommen_low_label", question.low_label, languages),
        **_texts("ankommen_high_label", question.high_label, languages),
        "ankommen_role": question.role,
        **_texts("ankommen_equity_label", equity.label if equity else None, languages),
        "ankommen_equity_members": " ".join(equity.members) if equity else None,
        "ankommen_equity_not_stated": " ".join(equity.not_stated) if equity else None,
    }


def _source(expression: Expression | None) -> str | None:
    return expression.source if expression else None


def _add_choices(
    table: _Table, list_name: str, options: list[Choice], languages: list[str]
) -> None:
    for choice in options:
        table.add(
            {
                "list_name": list_name,
                "name": choice.value,
                **_texts("label", choice.label, languages),
                **_media("media::image", choice.image, languages, choice.images),
                **_texts("media::audio", choice.audio, languages),
                **_texts("ankommen_image_alt", choice.image_alt, languages),
                **choice.attributes,
            }
        )


def _settings(questionnaire: Questionnaire) -> _Table:
    table = _Table()
    table.add(
        {
            "form_title": questionnaire.title.get(questionnaire.default_language),
            "form_id": questionnaire.id,
            "version": questionnaire.version,
            "default_language": language_name(questionnaire.default_language),
            "ankommen_languages": " ".join(questionnaire.languages),
            "ankommen_audience": questionnaire.audience,
            "ankommen_site": questionnaire.site_file,
            **_texts("ankommen_title", questionnaire.title, questionnaire.languages),
            **_texts("ankommen_description", questionnaire.description, questionnaire.languages),
            **_texts("ankommen_consent", questionnaire.consent, questionnaire.languages),
        }
    )
    return table


def _scores(questionnaire: Questionnaire) -> _Table:
    table = _Table()
    for score in questionnaire.scores:
        table.add(
            {
                "id": score.id,
                **_texts("label", score.label, questionnaire.languages),
                "items": " ".join(score.items),
                "method": score.method,
                "reverse": " ".join(score.reverse),
                "factor": score.factor,
            }
        )
    return table


def _bands(questionnaire: Questionnaire) -> _Table:
    table = _Table()
    for score in questionnaire.scores:
        for band in score.bands:
            table.add(
                {
                    "score": score.id,
                    "id": band.id,
                    **_texts("label", band.label, questionnaire.languages),
                    "below": band.below,
                }
            )
    return table
