"""Reading an XLSForm workbook: its bytes to sheets of rows, each cell sorted into plain
values and texts per language (the sheet modules build the questionnaire tree from them)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from survey_app.questionnaire.limits import check_workbook
from survey_app.questionnaire.nodes import Node
from survey_app.questionnaire.problems import Report, Where
from survey_app.questionnaire.xlsform_format import cell_text, parse_header

Sheets = dict[str, list[tuple[Any, ...]]]


@dataclass
class Row:
    """A spreadsheet row: plain values and texts per language, by column name."""

    where: Where
    values: dict[str, Any] = field(default_factory=dict)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)

    columns: dict[str, str] = field(default_factory=dict)

    def text(self, name: str) -> str:
        return cell_text(self.values.get(name))

    def at(self, name: str) -> Where:
        """Where the cell of column ``name`` is (the row when it has no such column)."""
        written = self.columns.get(name, "")
        return Where(self.where.source, self.where.line, written)

    def translated(self, name: str) -> dict[str, str] | None:
        texts = {lang: value for lang, value in self.texts.get(name, {}).items() if value}
        return texts or None


def filled(**entries: Any) -> dict[str, Any]:
    """The optional keys of a tree node that a row fills (empty cells give no key)."""
    return {key: value for key, value in entries.items() if value}


@dataclass
class Sheet:
    rows: list[Row]
    languages: list[str]
    plain_text_columns: bool


def open_workbook(data: bytes, source: str, report: Report) -> Sheets | None:
    """The workbook's sheets as rows of cell values (sheet names in lower case)."""
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    where = Where(source, 1)
    if source.lower().endswith(".xls"):
        report.error(where, "old_xls")
        return None
    if not check_workbook(data, source, report):
        return None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except FileNotFoundError:
        report.error(where, "no_such_file")
        return None
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
        OSError,
    ) as error:
        report.error(where, "not_workbook", detail=str(error))
        return None
    try:
        return {
            sheet.title.strip().lower(): list(sheet.iter_rows(values_only=True))
            for sheet in workbook.worksheets
        }
    finally:
        workbook.close()


class WorkbookReader:
    """The sheets of one workbook and what the sheet modules share while reading them."""

    def __init__(
        self,
        source: str,
        sheets: dict[str, list[tuple[Any, ...]]],
        default_language: str,
        report: Report,
    ):
        self.source = source
        self.sheets = sheets
        self.default_language = default_language
        self.report = report
        self.settings: Row | None = None
        self.default = default_language
        self.builtin_rows: dict[str, list[Row]] = {}

    def where(self, sheet: str, row: int = 1) -> Where:
        return Where(f"{self.source}:{sheet}", row)

    # --- reading sheets -------------------------------------------------------------

    def read_sheet(
        self,
        name: str,
        texts: tuple[str, ...],
        values: tuple[str, ...] | None,
        default: str,
        media: tuple[str, ...] = (),
    ) -> Sheet:
        """Rows with their cells sorted into values and texts; ``values=None`` keeps any column.

        ``media`` columns are read per language like texts, but do not declare languages.
        """
        rows = self.sheets.get(name, [])
        if not rows:
            return Sheet([], [], False)
        headers = [parse_header(cell, default) for cell in rows[0]]
        languages: list[str] = []
        plain = False
        for index, header in enumerate(headers):
            if header is None:
                continue
            if header.problem:
                written = cell_text(rows[0][index])
                self.report.error(
                    Where(f"{self.source}:{name}", 1, written),
                    "header_language",
                    header=written,
                    name=header.name,
                )
            if header.name in texts:
                if header.language is None:
                    plain = True
                elif header.language not in languages:
                    languages.append(header.language)
        result = []
        for number, cells in enumerate(rows[1:], start=2):
            row = Row(self.where(name, number))
            for index, (header, cell) in enumerate(zip(headers, cells, strict=False)):
                if header is None or cell is None or cell_text(cell) == "":
                    continue
                written = cell_text(rows[0][index])
                row.columns[header.name] = row.columns.get(header.name) or written
                row.columns[f"{header.name}::{header.language or default}"] = written
                if header.name in texts or header.name in media:
                    row.texts.setdefault(header.name, {})[header.language or default] = cell_text(
                        cell
                    )
                elif values is None or header.name in values:
                    row.values[header.name] = cell
                else:
                    row.extra[header.name] = cell_text(cell)
            if row.values or row.texts or row.extra:
                result.append(row)
        return Sheet(result, languages, plain)

    def _unsupported_columns(self, row: Row) -> None:
        for column, value in row.extra.items():
            self.report.error(row.at(column), "unsupported_column", column=column, value=value)

    @staticmethod
    def _number(row: Row, column: str) -> int | float | str | None:
        """A number cell as int or float; text that is no number is kept for the checker."""
        value = row.values.get(column)
        if value is None or isinstance(value, bool):
            return None if value is None else cell_text(value)
        if isinstance(value, int | float):
            return int(value) if isinstance(value, float) and value.is_integer() else value
        text = cell_text(value)
        for convert in (int, float):
            try:
                return convert(text)
            except ValueError:
                pass
        return text

    @staticmethod
    def _add(root: Node, key: str, node: Node, where: Where) -> None:
        root.entries[key] = node
        root.key_where[key] = where
