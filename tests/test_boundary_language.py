"""One language decision (issue #11): a page's language is chosen by
``survey_app.ui_languages.choose`` alone, texts fall back in ``Text.resolve`` alone, and
the UI catalogs are loaded in ``ui_languages.catalog`` alone.  Read from the source
(grep), so a second decision written anywhere in ``survey_app/`` or ``analysis/`` fails
here with its file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: The Flask adapters of the decision: they read the request and the session for it.
ADAPTERS = ("survey_app/i18n.py", "survey_app/coordinator/page_context.py")

#: (what is forbidden, pattern, the only files allowed to hold it)
RULES = [
    ("the browser's Accept-Language read", r"\baccept_languages\b", ADAPTERS),
    ("Accept-Language matching", r"\bbest_match\(", ("survey_app/ui_languages.py",)),
    (
        "a read of a remembered-language session key",
        r"session(\.get\(|\[)\s*(\"lang\"|'lang'|\"admin_lang\"|'admin_lang'|LANG_KEY"
        r"|LANGUAGE_KEY|ADMIN_LANGUAGE_KEY)",
        ADAPTERS,
    ),
    ("a ?lang= argument with a default of its own", r"args\.get\(\s*[\"']lang[\"']\s*,", ()),
    ("a hard-coded German fallback", r"\belse [\"']de[\"']", ()),
    (
        "a text fallback loop over a language and its primary language",
        r"for \w+ in \([^)]*primary_language\(",
        ("survey_app/questionnaire/text.py",),
    ),
    ("loading a gettext catalog", r"\bTranslations\.load\(", ("survey_app/ui_languages.py",)),
    (
        "setting the request's language (e.g. flipping it to translate a poster)",
        r"\bset_language\(",
        (
            *ADAPTERS,
            "survey_app/respondent/views.py",
            "survey_app/respondent/preview.py",
            "survey_app/respondent/offline.py",
        ),
    ),
]


def _sources() -> list[tuple[str, list[str]]]:
    files = sorted([*ROOT.glob("survey_app/**/*.py"), *ROOT.glob("analysis/**/*.py")])
    return [
        (path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8").splitlines())
        for path in files
    ]


@pytest.mark.parametrize(("what", "pattern", "allowed"), RULES, ids=[rule[0] for rule in RULES])
def test_no_language_decision_outside_choose(what: str, pattern: str, allowed: tuple) -> None:
    found = [
        f"{name}:{number}: {line.strip()}"
        for name, lines in _sources()
        if name not in allowed
        for number, line in enumerate(lines, start=1)
        if re.search(pattern, line)
    ]
    assert not found, f"{what} outside {allowed or 'survey_app/ui_languages.py'}:\n" + "\n".join(
        found
    )


def test_the_rules_see_the_sources() -> None:
    names = [name for name, _lines in _sources()]
    assert "survey_app/ui_languages.py" in names and "analysis/brief.py" in names
