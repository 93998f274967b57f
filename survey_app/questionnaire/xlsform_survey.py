"""The ``survey`` sheet of an XLSForm workbook: groups to pages, rows to questions, and
the XLSForm types ankommen reads or reports as unsupported."""

from __future__ import annotations

import re
from typing import Any

from survey_app.questionnaire.messages import term
from survey_app.questionnaire.nodes import Node, from_plain
from survey_app.questionnaire.problems import closest
from survey_app.questionnaire.xlsform_choices import ChoicesReader
from survey_app.questionnaire.xlsform_columns import PAGE_COLUMNS, QUESTION_COLUMNS, place_columns
from survey_app.questionnaire.xlsform_format import AUDIO, cell_text
from survey_app.questionnaire.xlsform_media import add_audio
from survey_app.questionnaire.xlsform_sheets import Row, filled

SIMPLE_TYPES = {
    "note": "note",
    "integer": "integer",
    "int": "integer",
    "decimal": "decimal",
    "text": "text",
    "string": "text",
    "date": "date",
}
#: ``ankommen_type`` values and the XLSForm type each is written as.
ANKOMMEN_TYPES = {
    "rating": "integer",
    "smiley": "select_one",
    "matrix": "select_one",
    "dot_vote": "select_multiple",
    "yes_no": "select_one",
    "long_text": "text",
}
_METADATA = [
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "start-geopoint",
    "background-audio",
]
#: XLSForm features ankommen does not support, with the message term saying why and
#: what to do.
UNSUPPORTED = {
    **{name: "unsupported_metadata" for name in _METADATA},
    "calculate": "unsupported_calculate",
    "time": "unsupported_time",
    "datetime": "unsupported_time",
    "range": "unsupported_range",
    "acknowledge": "unsupported_acknowledge",
    "hidden": "unsupported_hidden",
    "geopoint": "unsupported_location",
    "geotrace": "unsupported_location",
    "geoshape": "unsupported_location",
    "image": "unsupported_file",
    "audio": "unsupported_file",
    "video": "unsupported_file",
    "file": "unsupported_file",
    "barcode": "unsupported_barcode",
    "xml-external": "unsupported_external",
    "csv-external": "unsupported_external",
    "begin repeat": "unsupported_repeat",
    "end repeat": "unsupported_repeat",
    "begin loop": "unsupported_loop",
    "end loop": "unsupported_loop",
}
_SELECT = re.compile(
    r"(select_one|select_multiple|select one|select multiple|select all that apply)(?: from)? (\S+)"
    r"( or_other| or specify other)?"
)


class SurveyReader(ChoicesReader):
    """Reads survey rows into page and question nodes."""

    def _pages(self, rows: list[Row], lists: dict[str, list[Node]]) -> list[Node]:
        pages: list[Node] = []
        group: Node | None = None
        loose: Node | None = None
        for row in rows:
            kind = " ".join(row.text("type").split())
            self._unsupported_columns(row)
            if kind in ("begin group", "begin_group"):
                if group is not None:
                    self.report.error(row.at("type"), "nested_groups")
                    continue
                group = self._page(row)
                pages.append(group)
                loose = None
            elif kind in ("end group", "end_group"):
                if group is None:
                    self.report.error(row.at("type"), "end_group_alone")
                group = None
            else:
                question = self._question(row, kind, lists)
                if question is None:
                    continue
                target = group or loose
                if target is None:
                    loose = target = self._loose_page(row, len(pages) + 1)
                    pages.append(loose)
                target.entries["questions"].elements.append(question)
        if group is not None:
            self.report.error(group.where, "group_not_closed", id=group.entries["id"].text)
        return pages

    def _page(self, row: Row) -> Node:
        page: dict[str, Any] = {
            "id": row.text("name"),
            **filled(title=row.translated("label"), relevant=row.text("relevant")),
        }
        if row.text("appearance"):
            self.report.warning(
                row.at("appearance"), "group_appearance", appearance=row.text("appearance")
            )
        for key in ("required", "constraint", "choice_filter", "default", "hint"):
            if row.text(key) or row.translated(key):
                self.report.error(row.at(key), "group_key", key=key)
        node = from_plain(page, row.where)
        place_columns(node, row, PAGE_COLUMNS)
        node.entries["questions"] = Node("seq", row.where)
        node.key_where["questions"] = row.where
        return node

    def _loose_page(self, row: Row, number: int) -> Node:
        node = from_plain({"id": f"page_{number}"}, row.where)
        node.entries["questions"] = Node("seq", row.where)
        node.key_where["questions"] = row.where
        return node

    def _question(self, row: Row, kind: str, lists: dict[str, list[Node]]) -> Node | None:
        if not kind:
            self.report.error(row.where, "row_no_type")
            return None
        parsed = self._question_type(row, kind)
        if parsed is None:
            return None
        question_type, list_name = parsed
        question: dict[str, Any] = {"id": row.text("name"), "type": question_type}
        for key in ("label", "hint"):
            if row.translated(key):
                question[key] = row.translated(key)
        required = self._required(row)
        if required:
            question["required"] = True
        if row.translated("required_message"):
            question["required_message"] = row.translated("required_message")
        for key in ("relevant", "constraint"):
            if row.text(key):
                question[key] = row.text(key)
        if row.translated("constraint_message"):
            question["constraint_message"] = row.translated("constraint_message")
        if list_name is not None and question_type != "yes_no":
            question["choices"] = self._list_reference(list_name, lists)
        if row.text("choice_filter"):
            question["choice_filter"] = row.text("choice_filter")
        if row.text("ankommen_row_filter"):
            if question_type == "matrix":
                question["choice_filter"] = row.text("ankommen_row_filter")
            else:
                self.report.error(row.at("ankommen_row_filter"), "row_filter_not_matrix")
        if question_type == "matrix":
            rows_list = row.text("ankommen_rows")
            if rows_list:
                question["rows"] = self._list_reference(rows_list, lists)
        for key in ("min", "max", "points"):
            number = self._number(row, f"ankommen_{key}")
            if number is not None:
                question[key] = number
        for key in ("low_label", "high_label"):
            if row.translated(f"ankommen_{key}"):
                question[key] = row.translated(f"ankommen_{key}")
        if row.text("ankommen_role"):
            question["role"] = row.text("ankommen_role")
        members = row.text("ankommen_equity_members")
        if members or row.translated("ankommen_equity_label"):
            question["equity_group"] = {
                "label": row.translated("ankommen_equity_label") or {},
                "members": members.split(),
            }
            if row.text("ankommen_equity_not_stated"):
                question["equity_group"]["not_stated"] = row.text(
                    "ankommen_equity_not_stated"
                ).split()
        for key in ("appearance", "default"):
            if row.text(key):
                question[key] = row.text(key)
        add_audio(question, row.translated(AUDIO))
        node = from_plain(question, row.where)
        place_columns(node, row, QUESTION_COLUMNS)
        return node

    def _question_type(self, row: Row, kind: str) -> tuple[str, str | None] | None:
        base, list_name = kind, None
        match = _SELECT.fullmatch(kind)
        if match:
            if match.group(3):
                self.report.error(row.at("type"), "or_other")
                return None
            base = (
                "select_multiple"
                if "multiple" in match.group(1) or "all" in match.group(1)
                else "select_one"
            )
            list_name = match.group(2)
        elif kind.replace("_", " ") in UNSUPPORTED or kind in UNSUPPORTED:
            reason = UNSUPPORTED.get(kind) or UNSUPPORTED[kind.replace("_", " ")]
            self.report.error(row.at("type"), "unsupported_type", kind=kind, reason=term(reason))
            return None
        elif kind.startswith(
            ("select_one_from_file", "select_multiple_from_file", "select_one_external", "rank")
        ):
            self.report.error(row.at("type"), "type_from_file", kind=kind)
            return None
        elif kind not in SIMPLE_TYPES:
            known = [
                "select_one LIST",
                "select_multiple LIST",
                *SIMPLE_TYPES,
                "begin group",
                "end group",
            ]
            self.report.error(
                row.at("type"),
                "unknown_xls_type",
                kind=kind,
                near=closest(kind, known),
                known=known,
            )
            return None
        question_type = SIMPLE_TYPES.get(base) or (
            "single_choice" if base == "select_one" else "multiple_choice"
        )
        special = row.text("ankommen_type")
        if not special:
            return question_type, list_name
        if special not in ANKOMMEN_TYPES:
            self.report.error(
                row.at("ankommen_type"),
                "unknown_ankommen_type",
                special=special,
                near=closest(special, ANKOMMEN_TYPES),
                types=list(ANKOMMEN_TYPES),
            )
            return None
        if ANKOMMEN_TYPES[special] != SIMPLE_TYPES.get(base, base):
            self.report.error(
                row.at("type"),
                "ankommen_type_needs",
                special=special,
                needs=ANKOMMEN_TYPES[special],
                kind=kind,
            )
            return None
        question_type = special
        return question_type, list_name

    def _required(self, row: Row) -> bool:
        value = row.values.get("required")
        text = cell_text(value).lower()
        if text in ("", "no", "false", "false()", "0"):
            return False
        if text in ("yes", "true", "true()", "1"):
            return True
        self.report.error(row.at("required"), "required_unsupported", text=text)
        return False
