"""The translators' workbook: one row per text, one column per language.

Column A holds the text's key (``id``), column B the text in the questionnaire's
default language (the source, not to be changed), then one column per other language.
A translator without an account fills in the empty cells in Excel or LibreOffice; the
coordinator uploads the file.  Reading it checks everything at once and reports each
problem by sheet, row and column: unknown ids and language columns, source texts that
changed since the download, formulas (never evaluated).  Texts that a spreadsheet would
take for a formula (``=``, ``+``, ``-``, ``@`` at the start) are written as text cells
and, when they come back, neutralised as in the raw exports (a leading apostrophe).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from survey_app.coordinator.translation_edits import MAX_TEXT_LENGTH, editable_texts
from survey_app.exports import FORMULA_STARTS, neutralise_cell
from survey_app.questionnaire import Questionnaire

SHEET = "translations"
ID_COLUMN = "id"
#: Refuse workbooks that unpack to more than this (a zip bomb is refused unread).
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5000


@dataclass(frozen=True)
class SheetProblem:
    """One problem of an uploaded workbook; ``code`` is turned into a message by the page.

    Codes: ``not_xlsx``, ``too_large``, ``no_sheet``, ``no_id_column``, ``unknown_language``,
    ``unknown_id``, ``duplicate_id``, ``source_changed``, ``formula``, ``too_long``.
    """

    code: str
    sheet: str = SHEET
    row: int | None = None
    column: str | None = None


@dataclass
class SheetResult:
    """The translations found (language → key → text) and the problems."""

    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[SheetProblem] = field(default_factory=list)


def _text_cell(cell: Any, value: str) -> None:
    cell.value = value
    if value.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # text, not a formula


def workbook_bytes(questionnaire: Questionnaire) -> bytes:
    """The translators' workbook for ``questionnaire`` (.xlsx)."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    default = questionnaire.default_language
    targets = [lang for lang in questionnaire.languages if lang != default]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([ID_COLUMN, default, *targets])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for key, text in editable_texts(questionnaire):
        row = sheet.max_row + 1
        values = [key, text.values.get(default, ""), *(text.values.get(t, "") for t in targets)]
        for column, value in enumerate(values, start=1):
            if value:
                _text_cell(sheet.cell(row=row, column=column), value)
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 40
    for index in range(2, len(targets) + 3):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = 45
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _unpacked_size(data: bytes) -> int | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").strip()


def _open_rows(data: bytes, result: SheetResult) -> list[tuple[Any, ...]] | None:
    import openpyxl

    size = _unpacked_size(data)
    if size is None:
        result.problems.append(SheetProblem("not_xlsx", sheet=""))
        return None
    if size > MAX_UNPACKED_BYTES:
        result.problems.append(SheetProblem("too_large", sheet=""))
        return None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged file
        result.problems.append(SheetProblem("not_xlsx", sheet=""))
        return None
    try:
        if SHEET not in book.sheetnames:
            result.problems.append(SheetProblem("no_sheet"))
            return None
        rows = []
        for row in book[SHEET].iter_rows():
            rows.append(tuple((cell.value, getattr(cell, "data_type", "s")) for cell in row))
            if len(rows) > MAX_ROWS:
                result.problems.append(SheetProblem("too_large", sheet=""))
                return None
        return rows
    finally:
        book.close()


def read_workbook(data: bytes, questionnaire: Questionnaire) -> SheetResult:
    """The translations in an uploaded workbook, checked against ``questionnaire``."""
    result = SheetResult()
    rows = _open_rows(data, result)
    if rows is None:
        return result
    if not rows:
        result.problems.append(SheetProblem("no_id_column", row=1, column="A"))
        return result
    headers = [_cell_text(value) for value, _ in rows[0]]
    if not headers or headers[0] != ID_COLUMN:
        result.problems.append(SheetProblem("no_id_column", row=1, column=ID_COLUMN))
        return result
    languages: dict[int, str] = {}
    for index, header in enumerate(headers[1:], start=1):
        if not header:
            continue
        if header not in questionnaire.languages:
            result.problems.append(SheetProblem("unknown_language", row=1, column=header))
        else:
            languages[index] = header
    texts = dict(editable_texts(questionnaire))
    default = questionnaire.default_language
    seen: set[str] = set()
    for number, cells in enumerate(rows[1:], start=2):
        _read_row(number, cells, languages, texts, default, seen, result)
    return result


def _read_row(
    number: int,
    cells: tuple[tuple[Any, str], ...],
    languages: dict[int, str],
    texts: dict[str, Any],
    default: str,
    seen: set[str],
    result: SheetResult,
) -> None:
    key = _cell_text(cells[0][0]) if cells else ""
    if not key:
        return
    if key not in texts:
        result.problems.append(SheetProblem("unknown_id", row=number, column=ID_COLUMN))
        return
    if key in seen:
        result.problems.append(SheetProblem("duplicate_id", row=number, column=ID_COLUMN))
        return
    seen.add(key)
    for index, language in languages.items():
        if index >= len(cells):
            continue
        value, data_type = cells[index]
        if data_type == "f":
            result.problems.append(SheetProblem("formula", row=number, column=language))
            continue
        text = _cell_text(value)
        if language == default:
            if text != texts[key].values.get(default, ""):
                result.problems.append(SheetProblem("source_changed", row=number, column=language))
            continue
        if not text or text == texts[key].values.get(language, ""):
            continue
        if len(text) > MAX_TEXT_LENGTH:
            result.problems.append(SheetProblem("too_long", row=number, column=language))
            continue
        if text.startswith(FORMULA_STARTS):
            text = neutralise_cell(text)
        result.texts.setdefault(language, {})[key] = text
