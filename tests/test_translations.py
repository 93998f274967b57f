"""Translation lint: catalogs are current, complete, and keep every placeholder."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from tests.conftest import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "translations"
CATALOGS = {
    "en": TRANSLATIONS / "en/LC_MESSAGES/messages.po",
    "tr": TRANSLATIONS / "tr/LC_MESSAGES/messages.po",
    "ar": TRANSLATIONS / "ar/LC_MESSAGES/messages.po",
    "uk": TRANSLATIONS / "uk/LC_MESSAGES/messages.po",
    "ru": TRANSLATIONS / "ru/LC_MESSAGES/messages.po",
    "de-x-ls": TRANSLATIONS / "de/LC_MESSAGES/leichte_sprache.po",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _keys(catalog: Catalog) -> set[tuple[str, str | None]]:
    return {
        (message.id if isinstance(message.id, str) else message.id[0], message.context)
        for message in catalog
        if message.id
    }


def test_pot__matches_the_code(tmp_path: Path) -> None:
    pybabel = Path(sys.executable).parent / "pybabel"
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [
            str(pybabel),
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "lazy_ngettext:1,2",
            "-k",
            "N_",
            "--no-location",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    committed = _keys(_read(TRANSLATIONS / "messages.pot"))
    current = _keys(_read(fresh))
    assert current == committed, (
        "translations/messages.pot is stale; run `make translations` and translate.\n"
        f"new in code: {sorted(current - committed)[:20]}\n"
        f"gone from code: {sorted(committed - current)[:20]}"
    )


def placeholder_problems(catalog: Catalog) -> list[str]:
    """Messages whose translation lacks, adds or renames a placeholder."""
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(" ".join(ids)))
        for string in strings:
            if string and set(PLACEHOLDER.findall(string)) != expected:
                problems.append(f"{ids[0]!r} -> {string!r}")
    return problems


@pytest.mark.parametrize("language", sorted(CATALOGS))
def test_catalog__complete_not_fuzzy_placeholders_match(language: str) -> None:
    catalog = _read(CATALOGS[language])
    template = _keys(_read(TRANSLATIONS / "messages.pot"))
    assert _keys(catalog) >= template, f"{language}: run `make translations`"
    untranslated = [
        message.id
        for message in catalog
        if message.id
        and not all(message.string if isinstance(message.string, tuple) else (message.string,))
    ]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert not untranslated, f"{language}: untranslated: {untranslated[:20]}"
    assert not fuzzy, f"{language}: fuzzy: {fuzzy[:20]}"
    assert not placeholder_problems(catalog), placeholder_problems(catalog)[:20]


def test_placeholder_check__catches_a_renamed_placeholder() -> None:
    catalog = Catalog(locale="en")
    catalog.add("%(n)d Antworten", "%(count)d answers")
    assert placeholder_problems(catalog) == ["'%(n)d Antworten' -> '%(count)d answers'"]
