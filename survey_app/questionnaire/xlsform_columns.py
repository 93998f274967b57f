"""Which workbook column each part of an imported questionnaire came from.

The import builds the same source tree as a YAML file; this module gives each key the
place ``FORM.xlsx:SHEET``, row and column header it was read from, so that a problem
names the cell ("Blatt „survey“, Zeile 7, Spalte „relevant“") rather than a YAML key.
"""

from __future__ import annotations

from typing import Protocol

from survey_app.questionnaire.nodes import Node
from survey_app.questionnaire.problems import Where

#: The workbook column that holds a questionnaire key, for messages that say which
#: column to fill in (one column per key; the maps below place keys of one sheet).
WORKBOOK_COLUMNS = {
    "id": "name",
    "version": "version",
    "title": "ankommen_title",
    "description": "ankommen_description",
    "consent": "ankommen_consent",
    "site": "ankommen_site",
    "audience": "ankommen_audience",
    "languages": "ankommen_languages",
    "questions": "type",
    "choices": "type",
    "rows": "ankommen_rows",
    "min": "ankommen_min",
    "max": "ankommen_max",
    "points": "ankommen_points",
    "role": "ankommen_role",
    "equity_group": "ankommen_equity_members",
    "members": "ankommen_equity_members",
    "low_label": "ankommen_low_label",
    "high_label": "ankommen_high_label",
    "value": "name",
    "image_alt": "ankommen_image_alt",
}


class Cells(Protocol):
    """A spreadsheet row: its place and the header, as written, of each column read."""

    where: Where
    columns: dict[str, str]


#: The workbook column of a questionnaire key, where the names differ.
QUESTION_COLUMNS = {
    "id": "name",
    "choices": "type",
    "rows": "ankommen_rows",
    "min": "ankommen_min",
    "max": "ankommen_max",
    "points": "ankommen_points",
    "low_label": "ankommen_low_label",
    "high_label": "ankommen_high_label",
    "role": "ankommen_role",
    "equity_group": "ankommen_equity_members",
}
CHOICE_COLUMNS = {"value": "name", "image_alt": "ankommen_image_alt"}
PAGE_COLUMNS = {"id": "name", "title": "label"}
SETTINGS_COLUMNS = {
    "id": "form_id",
    "site": "ankommen_site",
    "audience": "ankommen_audience",
    "languages": "ankommen_languages",
    "title": "ankommen_title",
}


def place_columns(node: Node, row: Cells, renamed: dict[str, str]) -> None:
    """Give each key of ``node`` the column it came from, so problems name the cell."""
    for key, value in node.entries.items():
        column = renamed.get(key, key)
        if column not in row.columns:
            continue
        where = Where(row.where.source, row.where.line, row.columns[column])
        node.key_where[key] = where
        if value.kind == "map" and key not in ("equity_group", "attributes"):
            value.where = Where(row.where.source, row.where.line, column)
            for lang, text in value.entries.items():
                written = row.columns.get(f"{column}::{lang}", row.columns[column])
                value.key_where[lang] = text.where = Where(
                    row.where.source, row.where.line, written
                )
        else:
            _set_where(value, where)


def _set_where(node: Node, where: Where) -> None:
    node.where = where
    for element in node.elements:
        _set_where(element, where)
