"""The ``choices`` sheet of an XLSForm workbook: choice lists, pictures, attributes, and
the check of copied site lists (offers, districts, life phases) against the site file."""

from __future__ import annotations

from typing import Any

from survey_app.questionnaire.model import SITE_LISTS, Questionnaire
from survey_app.questionnaire.nodes import Node, from_plain
from survey_app.questionnaire.xlsform_columns import CHOICE_COLUMNS, place_columns
from survey_app.questionnaire.xlsform_format import AUDIO, CHOICES, PRIVATE_LIST_PREFIX, cell_text
from survey_app.questionnaire.xlsform_media import add_audio
from survey_app.questionnaire.xlsform_sheets import Row, WorkbookReader, filled


class ChoicesReader(WorkbookReader):
    """Reads choice rows into lists of choice nodes."""

    def _choice_lists(self, rows: list[Row]) -> dict[str, list[Node]]:
        lists: dict[str, list[Node]] = {}
        for row in rows:
            list_name = row.text("list_name")
            if not list_name:
                self.report.error(row.where, "choice_no_list_name")
                continue
            if (
                list_name in SITE_LISTS
                and self.settings is not None
                and self.settings.text("ankommen_site")
            ):
                self.builtin_rows.setdefault(list_name, []).append(row)
                continue
            if not row.text("name"):
                self.report.error(row.at("list_name"), "choice_no_name", list=list_name)
                continue
            lists.setdefault(list_name, []).append(self._choice_node(row))
        return lists

    def _choice_node(self, row: Row) -> Node:
        choice: dict[str, Any] = {
            "value": row.text("name"),
            **filled(
                label=row.translated("label"),
                image=self._choice_image(row),
                image_alt=row.translated("ankommen_image_alt"),
            ),
        }
        attributes = {}
        for key, value in row.values.items():
            if key.startswith("media"):
                self.report.error(row.at(key), "media_column", key=key)
            elif key not in ("list_name", "name", "image"):
                attributes[key] = cell_text(value)
        if attributes:
            choice["attributes"] = attributes
        add_audio(choice, row.translated(AUDIO))
        node = from_plain(choice, row.where)
        place_columns(node, row, CHOICE_COLUMNS)
        return node

    def _choice_image(self, row: Row) -> str | dict[str, str] | None:
        """The choice's picture: one file, or one per language when the
        ``media::image::<lang>`` columns name different files."""
        images = {lang: name for lang, name in (row.translated("image") or {}).items() if name}
        if not images:
            return None
        if len(set(images.values())) == 1:
            return next(iter(images.values()))
        return images

    def _lists_node(self, lists: dict[str, list[Node]]) -> Node:
        node = Node("map", self.where(CHOICES, 2))
        for name, choices in lists.items():
            node.entries[name] = Node("seq", choices[0].where, elements=choices)
            node.key_where[name] = choices[0].where
        return node

    def check_site_lists(self, questionnaire: Questionnaire) -> None:
        """Warn where the workbook's copy of offers/districts/life phases differs from the site."""
        used = {q.choice_list for q in questionnaire.questions()} | {
            q.row_list for q in questionnaire.questions()
        }
        for name, rows in self.builtin_rows.items():
            question = next(
                (q for q in questionnaire.questions() if name in (q.choice_list, q.row_list)), None
            )
            site_choices = {}
            if question is not None:
                options = question.choices if question.choice_list == name else question.rows
                site_choices = {choice.value: choice.label.values for choice in options}
            for row in rows:
                if name in used and site_choices.get(row.text("name")) != (
                    row.translated("label") or {}
                ):
                    self.report.warning(row.where, "site_list_differs", name=name)

    def _list_reference(self, name: str, lists: dict[str, list[Node]]) -> Any:
        if is_private(name) and name in lists:
            return Node("seq", lists[name][0].where, elements=lists[name])
        return name


def is_private(list_name: str) -> bool:
    """Lists named ``_...`` belong to one question (the export writes in-place choices so)."""
    return list_name.startswith(PRIVATE_LIST_PREFIX)
