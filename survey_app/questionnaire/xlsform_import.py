"""XLSForm import: a workbook (survey/choices/settings sheets) to an ankommen questionnaire.

The pipeline: read the sheets into rows (:mod:`xlsform_sheets`) → build a source tree
whose places are ``FORM.xlsx:survey:ROW`` (:mod:`xlsform_settings`, :mod:`xlsform_survey`,
:mod:`xlsform_choices`, :mod:`xlsform_scores`) → the same builder and checks as for YAML
files (:mod:`pipeline`) → YAML text. Whatever ankommen cannot represent is reported per
row; nothing is dropped silently.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from survey_app.questionnaire.build_questionnaire import build_questionnaire
from survey_app.questionnaire.model import Questionnaire
from survey_app.questionnaire.nodes import Node, from_plain
from survey_app.questionnaire.problems import Problem, Report, Where, unique_sorted
from survey_app.questionnaire.source import Source
from survey_app.questionnaire.xlsform_choices import is_private
from survey_app.questionnaire.xlsform_columns import SETTINGS_COLUMNS, place_columns
from survey_app.questionnaire.xlsform_format import (
    BAND_COLUMNS,
    BANDS,
    CHOICE_MEDIA,
    CHOICE_TEXTS,
    CHOICES,
    SCORE_COLUMNS,
    SCORES,
    SETTINGS,
    SETTINGS_TEXTS,
    SETTINGS_VALUES,
    SURVEY,
    SURVEY_MEDIA,
    SURVEY_TEXTS,
    SURVEY_VALUES,
)
from survey_app.questionnaire.xlsform_scores import ScoresReader
from survey_app.questionnaire.xlsform_settings import SettingsReader
from survey_app.questionnaire.xlsform_sheets import Row, Sheets, open_workbook
from survey_app.questionnaire.xlsform_survey import UNSUPPORTED, SurveyReader

__all__ = ["UNSUPPORTED", "ImportResult", "convert_workbook", "import_xlsform", "workbook_tree"]


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
    from survey_app.questionnaire.loader import load_source

    source, problems = load_source(
        path,
        base_dir=base_dir,
        fallback_dir=fallback_dir,
        default_language=default_language,
        workbook=True,
    )
    if source is None:
        return ImportResult(None, None, problems)
    return convert_workbook(source)


def convert_workbook(source: Source) -> ImportResult:
    """The workbook in ``source`` converted with no file IO: read the sheets → tree →
    build → check (→ the copied site lists checked) → YAML text."""
    from survey_app.questionnaire.pipeline import check

    report = Report()
    converter = _read(source, report)
    root = converter.convert() if converter is not None else None
    if converter is None or root is None:
        return ImportResult(
            None, None, report.problems if converter is None else unique_sorted(report.problems)
        )
    questionnaire = check(build_questionnaire(root, source, report), report)
    if questionnaire is not None:
        converter.check_site_lists(questionnaire)
    problems = unique_sorted(report.problems)
    if questionnaire is None or report.has_errors:
        return ImportResult(None, None, problems)
    header = f"# Imported from {Path(source.path).name} by 'ankommen questionnaire import'.\n"
    text = header + yaml.safe_dump(root.plain(), allow_unicode=True, sort_keys=False, width=100)
    return ImportResult(questionnaire, text, problems)


def workbook_tree(source: Source) -> Node | None:
    """The workbook's source tree (problems dropped): the loader reads ``site:`` from it."""
    converter = _read(source, Report())
    return converter.convert() if converter is not None else None


def _read(source: Source, report: Report) -> _Converter | None:
    sheets, problems = _opened(source.data, source.path)
    report.extend(problems)
    if sheets is None:
        return None
    return _Converter(source.path, sheets, source.default_language, report)


@functools.lru_cache(maxsize=2)
def _opened(data: bytes, path: str) -> tuple[Sheets | None, tuple[Problem, ...]]:
    """The sheets of the last workbooks (the loader reads ``ankommen_site`` first)."""
    report = Report()
    sheets = open_workbook(data, path, report)
    return sheets, tuple(report.problems)


class _Converter(SurveyReader, SettingsReader, ScoresReader):
    """Turns the sheets into a questionnaire tree, reporting unsupported features per row."""

    def convert(self) -> Node | None:
        if SURVEY not in self.sheets:
            self.report.error(Where(self.source, 1), "no_survey_sheet")
            return None
        for name in self.sheets:
            if name not in (SURVEY, CHOICES, SETTINGS, SCORES, BANDS):
                self.report.warning(self.where(name), "sheet_not_read", name=name)
        settings_sheet = self.read_sheet(SETTINGS, SETTINGS_TEXTS, SETTINGS_VALUES, "")
        self.settings = (
            settings_sheet.rows[0] if settings_sheet.rows else Row(self.where(SETTINGS, 2))
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
        user_lists = {name: rows for name, rows in choice_lists.items() if not is_private(name)}
        if user_lists:
            self._add(root, "choice_lists", self._lists_node(user_lists), self.where(CHOICES, 2))
        score_nodes = self._scores(scores.rows, bands.rows)
        if score_nodes is not None:
            self._add(root, "scores", score_nodes, score_nodes.where)
        self._add(
            root, "pages", Node("seq", self.where(SURVEY, 2), elements=pages), self.where(SURVEY, 2)
        )
        return root
