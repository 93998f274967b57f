"""The one language decision, the one text fallback and the one catalog loader, without
Flask (``survey_app/ui_languages.py``, ``Text.resolve``)."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from analysis.i18n import translator
from survey_app.questionnaire.text import Text
from survey_app.resources import translations_dir
from survey_app.ui_languages import UI_LANGUAGES, best_match, catalog, choose

ADMIN = ("de", "en", "ar")


def test_choose__explicit_then_remembered_then_browser_then_default() -> None:
    browser = [("en", 1.0)]
    assert choose("ar", "en", ADMIN, "de", browser) == "ar"
    assert choose("fr", "en", ADMIN, "de", browser) == "en"
    assert choose(None, None, ADMIN, "de", browser) == "en"
    assert choose(None, None, ADMIN, "de", [("fr", 1.0)]) == "de"
    assert choose("fr", None, ADMIN, None) is None


def test_choose__tampered_values_count_as_absent() -> None:
    assert choose(["ar"], {"x": 1}, ADMIN, "de") == "de"
    assert choose(None, 5, None, "de") == "de"
    assert choose("<script>", "de x", None, "de") == "de"


def test_choose__any_tag_when_nothing_is_offered__browser_among_ui_languages() -> None:
    assert choose("fa", None, None, "de") == "fa"
    assert choose(None, "de-x-ls", None, "de") == "de-x-ls"
    assert choose(None, None, None, "de", [("fa", 1.0), ("tr", 0.5)]) == "tr"


HEADERS = [
    "",
    "en",
    "en-US,en;q=0.9",
    "de-AT",
    "fr, *;q=0.1",
    "*",
    "ar;q=0.2, en;q=0.2, de;q=0.1",
    "tr;q=0, en;q=0.5",
    "en_GB",
    "de-x-ls",
    "fa, ru-RU;q=0.8, uk;q=0.8",
    "zh-Hant-TW;q=0.9, en-GB;q=0.3",
]


@pytest.mark.parametrize("header", HEADERS)
@pytest.mark.parametrize("offered", [ADMIN, tuple(UI_LANGUAGES), ("en-GB", "de")])
def test_best_match__as_werkzeug_negotiates(header: str, offered: tuple[str, ...]) -> None:
    accepted = parse_accept_header(header, LanguageAccept)
    assert best_match(list(accepted), offered) == accepted.best_match(offered)


def test_text_resolve__language_primary_fallback_any_and_the_tag_it_is_in() -> None:
    text = Text({"de": "Hallo", "ar": "مرحبا", "tr": ""})
    assert text.resolve("ar") == ("مرحبا", "ar")
    assert text.resolve("de-x-ls") == ("Hallo", "de")
    assert text.resolve("tr", "ar") == ("مرحبا", "ar")
    assert text.resolve("fa") == ("Hallo", "de")
    assert Text({"en": ""}).resolve("tr") == ("", "tr")
    assert text.get("tr", "ar") == "مرحبا"


def test_catalog__one_loader_for_the_pages_and_the_analysis() -> None:
    folder = translations_dir()
    assert translator("en").catalog is catalog(folder, "en")
    assert catalog(folder, "en").gettext("Übersicht") == "Overview"
    # Leichte Sprache has a domain of its own; a language without a catalog is German.
    assert catalog(folder, "de-x-ls") is not catalog(folder, "de")
    assert catalog(folder, "fa").gettext("Übersicht") == "Übersicht"
