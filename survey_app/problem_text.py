"""Check problems in the user's language: the one place the app words a Problem.

Every page that shows the checker's findings (the questionnaires page, the upload
page) calls :func:`problem_text` and :func:`problem_place`; the CLI uses
:func:`catalog_translate` for its ``--lang``. The texts and their codes live in
``survey_app/questionnaire/message_texts.py``; German is the source language.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from flask_babel import gettext

from survey_app.questionnaire import Problem
from survey_app.questionnaire.messages import describe, english_translate, place, text
from survey_app.ui_languages import SOURCE_LANGUAGE, UI_LANGUAGES, catalog, ui_language_for

DEFAULT_TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"


def _translate(message_id: str) -> str:
    return gettext(message_id)


def problem_text(problem: Problem) -> str:
    """The problem's message in the current request's language (no place)."""
    return text(problem, _translate)


def problem_place(problem: Problem) -> str:
    """Where the problem is, in the current language: "Blatt „survey“, Zeile 7, Spalte
    „relevant“" for a workbook, ``file.yaml:12`` for YAML."""
    return place(problem, _translate)


def catalog_translate(
    language: str, translations_dir: str | os.PathLike[str] | None = None
) -> Callable[[str], str]:
    """A ``translate`` function for ``language`` outside a request (the CLI).

    English uses the texts beside the German msgids (no compiled catalog needed), and
    so do languages without a catalog; German returns the msgids; other languages read
    the compiled catalog.
    """
    primary = language.split("-")[0]
    if primary == "en" or (language not in UI_LANGUAGES and primary not in UI_LANGUAGES):
        return english_translate  # a language without a catalog: English, not German
    ui = ui_language_for(language)
    if ui.tag == SOURCE_LANGUAGE:
        return lambda message_id: message_id
    return catalog(translations_dir or DEFAULT_TRANSLATIONS_DIR, language).gettext


def cli_line(problem: Problem, translate: Callable[[str], str]) -> str:
    """One line for the terminal: ``PLACE: error: MESSAGE`` in ``translate``'s language."""
    return describe(problem, translate)
