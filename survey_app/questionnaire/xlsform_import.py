"""XLSForm import: a workbook (survey/choices/settings sheets) to an ankommen questionnaire.

The pipeline: read the sheets into rows → build a source tree whose places are
``FORM.xlsx:survey:ROW`` → the same builder and checks as for YAML files → YAML text.
Whatever ankommen cannot represent is reported per row; nothing is dropped silently.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from survey_app.questionnaire.limits import check_workbook
from survey_app.questionnaire.loader import SiteCache, build_questionnaire
from survey_app.questionnaire.messages import term
from survey_app.questionnaire.model import SITE_LISTS, Questionnaire
from survey_app.questionnaire.nodes import Node, from_plain
from survey_app.questionnaire.problems import Problem, Report, Where, closest, unique_sorted
from survey_app.questionnaire.reader import SLUG
from survey_app.questionnaire.xlsform_columns import (
    CHOICE_COLUMNS,
    PAGE_COLUMNS,
    QUESTION_COLUMNS,
    SETTINGS_COLUMNS,
    place_columns,
)
from survey_app.questionnaire.xlsform_format import (
    AUDIO,
    BAND_COLUMNS,
    BANDS,
    CHOICE_MEDIA,
    CHOICE_TEXTS,
    CHOICES,
    PRIVATE_LIST_PREFIX,
    SCORE_COLUMNS,
    SCORES,
    SETTINGS,
    SETTINGS_TEXTS,
    SETTINGS_VALUES,
    SURVEY,
    SURVEY_MEDIA,
    SURVEY_TEXTS,
    SURVEY_VALUES,
    cell_text,
    language_of,
    parse_header,
)
from survey_app.questionnaire.xlsform_media import add_audio

#: XLSForm types ankommen reads, and the question type they become.
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


@dataclass
class ImportResult:
    """What an import produced: the questionnaire and its YAML (None on errors) and problems."""

    questionnaire: Questionnaire | None
    yaml_text: str | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return self.questionnaire is not None and not any(p.is_error for p in self.problems)


@dataclass
class _Row:
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


@dataclass
class _Sheet:
    rows: list[_Row]
    languages: list[str]
    plain_text_columns: bool


def import_xlsform(
    path: str | Path,
    default_language: str = "de",
    base_dir: str | Path | None = None,
    fallback_dir: str | Path | None = None,
) -> ImportResult:
    """Convert the XLSForm at ``path``; ``default_language`` is the language of plain ``label``
    columns when the settings name none; ``site`` and pictograms are looked up in ``base_dir``
    (the folder the YAML will be written to; the workbook's folder by default), then in
    ``fallback_dir`` (the questionnaire folder)."""
    source = str(path)
    report = Report()
    workbook = _open_workbook(source, report)
    if workbook is None:
        return ImportResult(None, None, report.problems)
    data = Path(source).read_bytes()
    base = Path(base_dir) if base_dir is not None else Path(source).parent
    converter = _Converter(source, workbook, default_language, report)
    root = converter.convert()
    questionnaire = None
    if root is not None:
        questionnaire = build_questionnaire(
            root,
            source,
            hashlib.sha256(data).hexdigest(),
            base,
            report,
            SiteCache(),
            Path(fallback_dir) if fallback_dir is not None else None,
        )
        if questionnaire is not None:
            converter.check_site_lists(questionnaire)
    problems = unique_sorted(report.problems)
    if questionnaire is None or report.has_errors or root is None:
        return ImportResult(None, None, problems)
    header = f"# Imported from {Path(source).name} by 'ankommen questionnaire import'.\n"
    text = header + yaml.safe_dump(root.plain(), allow_unicode=True, sort_keys=False, width=100)
    return ImportResult(questionnaire, text, problems)


def _open_workbook(source: str, report: Report) -> dict[str, list[tuple[Any, ...]]] | None:
    """The workbook's sheets as rows of cell values (sheet names in lower case)."""
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    where = Where(source, 1)
    if source.lower().endswith(".xls"):
        report.error(where, "old_xls")
        return None
    if not check_workbook(source, report):
        return None
    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
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


class _Converter:
    """Turns the sheets into a questionnaire tree, reporting unsupported features per row."""

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
        self.settings: _Row | None = None
        self.default = default_language
        self.builtin_rows: dict[str, list[_Row]] = {}

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
    ) -> _Sheet:
        """Rows with their cells sorted into values and texts; ``values=None`` keeps any column.

        ``media`` columns are read per language like texts, but do not declare languages.
        """
        rows = self.sheets.get(name, [])
        if not rows:
            return _Sheet([], [], False)
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
            row = _Row(self.where(name, number))
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
        return _Sheet(result, languages, plain)

    def convert(self) -> Node | None:
        if SURVEY not in self.sheets:
            self.report.error(Where(self.source, 1), "no_survey_sheet")
            return None
        for name in self.sheets:
            if name not in (SURVEY, CHOICES, SETTINGS, SCORES, BANDS):
                self.report.warning(self.where(name), "sheet_not_read", name=name)
        settings_sheet = self.read_sheet(SETTINGS, SETTINGS_TEXTS, SETTINGS_VALUES, "")
        self.settings = (
            settings_sheet.rows[0] if settings_sheet.rows else _Row(self.where(SETTINGS, 2))
        )
        for key in self.settings.extra:
            self.report.warning(self.settings.at(key), "setting_not_used", key=key)
        default = self._default_language()
        for texts in self.settings.texts.values():
            if "" in texts:
                texts[default] = texts.pop("")
        survey = self.read_sheet(SURVEY, SURVEY_TEXTS, SURVEY_VALUES, default, SURVEY_MEDIA)
        self.default = default
        choices = self.read_sheet(CHOICES, CHOICE_TEXTS, None, default, CHOICE_MEDIA)
        scores = self.read_sheet(SCORES, ("label",), SCORE_COLUMNS, default)
        bands = self.read_sheet(BANDS, ("label",), BAND_COLUMNS, default)
        sheets = (survey, choices, scores, bands)
        languages = self._languages(default, sheets)
        choice_lists = self._choice_lists(choices.rows)
        pages = self._pages(survey.rows, choice_lists)
        document: dict[str, Any] = {
            "id": self._form_id(),
            "version": self.settings.text("version") or "1",
        }
        site = self.settings.text("ankommen_site")
        if site:
            document["site"] = site
        document["audience"] = self._audience()
        document["languages"] = languages
        document["default_language"] = default if default in languages else languages[0]
        document["title"] = self._title(document["default_language"])
        for key in ("description", "consent"):
            text = self.settings.translated(f"ankommen_{key}")
            if text:
                document[key] = text
        root = from_plain(document, self.settings.where)
        place_columns(root, self.settings, SETTINGS_COLUMNS)
        user_lists = {name: rows for name, rows in choice_lists.items() if not _is_private(name)}
        if user_lists:
            self._add(root, "choice_lists", self._lists_node(user_lists), self.where(CHOICES, 2))
        score_nodes = self._scores(scores.rows, bands.rows)
        if score_nodes is not None:
            self._add(root, "scores", score_nodes, score_nodes.where)
        self._add(
            root, "pages", Node("seq", self.where(SURVEY, 2), elements=pages), self.where(SURVEY, 2)
        )
        return root

    @staticmethod
    def _add(root: Node, key: str, node: Node, where: Where) -> None:
        root.entries[key] = node
        root.key_where[key] = where

    # --- settings -------------------------------------------------------------------

    def _default_language(self) -> str:
        assert self.settings is not None
        spec = self.settings.text("default_language")
        if not spec or spec.lower() == "default":
            return self.default_language
        tag = language_of(spec)
        if tag is None:
            self.report.error(
                self.settings.at("default_language"), "bad_default_language", spec=spec
            )
            return self.default_language
        return tag

    def _languages(self, default: str, sheets: tuple[_Sheet, ...]) -> list[str]:
        assert self.settings is not None
        declared = self.settings.text("ankommen_languages")
        if declared:
            return declared.split()
        seen: list[str] = []
        if any(sheet.plain_text_columns for sheet in sheets) or not any(
            sheet.languages for sheet in sheets
        ):
            seen.append(default)
        for sheet in sheets:
            seen.extend(lang for lang in sheet.languages if lang not in seen)
        return seen

    def _form_id(self) -> str:
        assert self.settings is not None
        form_id = self.settings.text("form_id")
        if form_id:
            return form_id
        stem = (
            re.sub(r"[^A-Za-z0-9_-]+", "-", Path(self.source).stem).strip("-_") or "questionnaire"
        )
        if not SLUG.fullmatch(stem):
            stem = f"q-{stem}"
        self.report.warning(self.settings.where, "no_form_id", id=stem)
        return stem

    def _audience(self) -> str:
        assert self.settings is not None
        audience = self.settings.text("ankommen_audience")
        if audience:
            return audience
        self.report.warning(self.settings.where, "no_audience")
        return "parents"

    def _title(self, default: str) -> dict[str, str]:
        assert self.settings is not None
        title = dict(self.settings.translated("ankommen_title") or {})
        form_title = self.settings.text("form_title")
        if form_title:
            title.setdefault(default, form_title)
        if not title:
            form_id = self._form_id_quiet()
            self.report.warning(self.settings.where, "no_form_title", id=form_id)
            title = {default: form_id}
        return title

    def _form_id_quiet(self) -> str:
        assert self.settings is not None
        return self.settings.text("form_id") or Path(self.source).stem

    # --- choices --------------------------------------------------------------------

    def _choice_lists(self, rows: list[_Row]) -> dict[str, list[Node]]:
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

    def _choice_node(self, row: _Row) -> Node:
        choice: dict[str, Any] = {"value": row.text("name")}
        label = row.translated("label")
        if label:
            choice["label"] = label
        image = self._choice_image(row)
        if image:
            choice["image"] = image
        alt = row.translated("ankommen_image_alt")
        if alt:
            choice["image_alt"] = alt
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

    def _choice_image(self, row: _Row) -> str | dict[str, str] | None:
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

    # --- survey ---------------------------------------------------------------------

    def _pages(self, rows: list[_Row], lists: dict[str, list[Node]]) -> list[Node]:
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

    def _unsupported_columns(self, row: _Row) -> None:
        for column, value in row.extra.items():
            self.report.error(row.at(column), "unsupported_column", column=column, value=value)

    def _page(self, row: _Row) -> Node:
        page: dict[str, Any] = {"id": row.text("name")}
        title = row.translated("label")
        if title:
            page["title"] = title
        if row.text("relevant"):
            page["relevant"] = row.text("relevant")
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

    def _loose_page(self, row: _Row, number: int) -> Node:
        node = from_plain({"id": f"page_{number}"}, row.where)
        node.entries["questions"] = Node("seq", row.where)
        node.key_where["questions"] = row.where
        return node

    def _question(self, row: _Row, kind: str, lists: dict[str, list[Node]]) -> Node | None:
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

    def _question_type(self, row: _Row, kind: str) -> tuple[str, str | None] | None:
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

    def _required(self, row: _Row) -> bool:
        value = row.values.get("required")
        text = cell_text(value).lower()
        if text in ("", "no", "false", "false()", "0"):
            return False
        if text in ("yes", "true", "true()", "1"):
            return True
        self.report.error(row.at("required"), "required_unsupported", text=text)
        return False

    @staticmethod
    def _number(row: _Row, column: str) -> int | float | str | None:
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

    def _list_reference(self, name: str, lists: dict[str, list[Node]]) -> Any:
        if _is_private(name) and name in lists:
            return Node("seq", lists[name][0].where, elements=lists[name])
        return name

    # --- scores ---------------------------------------------------------------------

    def _scores(self, score_rows: list[_Row], band_rows: list[_Row]) -> Node | None:
        if not score_rows:
            for row in band_rows:
                self.report.error(row.where, "band_without_scores")
            return None
        scores = []
        bands: dict[str, list[Node]] = {}
        for row in band_rows:
            self._unsupported_columns(row)
            band: dict[str, Any] = {"id": row.text("id"), "label": row.translated("label") or {}}
            if row.text("below"):
                band["below"] = self._number(row, "below")
            band_node = from_plain(band, row.where)
            place_columns(band_node, row, {})
            bands.setdefault(row.text("score"), []).append(band_node)
        for row in score_rows:
            self._unsupported_columns(row)
            score: dict[str, Any] = {
                "id": row.text("id"),
                "label": row.translated("label") or {},
                "items": row.text("items").split(),
            }
            if row.text("method"):
                score["method"] = row.text("method")
            if row.text("reverse"):
                score["reverse"] = row.text("reverse").split()
            if row.text("factor"):
                score["factor"] = self._number(row, "factor")
            node = from_plain(score, row.where)
            place_columns(node, row, {})
            if row.text("id") in bands:
                band_nodes = bands.pop(row.text("id"))
                node.entries["bands"] = Node("seq", band_nodes[0].where, elements=band_nodes)
                node.key_where["bands"] = band_nodes[0].where
            scores.append(node)
        for score_id, nodes in bands.items():
            for node in nodes:
                self.report.error(node.where, "band_unknown_score", id=score_id)
        return Node("seq", scores[0].where, elements=scores)


def _is_private(list_name: str) -> bool:
    """Lists named ``_...`` belong to one question (the export writes in-place choices so)."""
    return list_name.startswith(PRIVATE_LIST_PREFIX)
