"""The languages of the pages, the one rule that picks a page's language, and the one
loader of the UI's gettext catalogs — without Flask.

Pipeline: request/session values → :func:`choose` → a tag → :func:`catalog` (gettext)
for Flask-Babel (``survey_app/i18n.py``), the admin area (``coordinator/page_context.py``)
and the analysis's :class:`analysis.i18n.Translator` alike.

Leichte Sprache (easy-to-read German) has the private-use BCP-47 tag ``de-x-ls``.
Babel cannot parse private-use tags, so its UI texts live in a gettext *domain* of their
own (``translations/de/LC_MESSAGES/leichte_sprache.po``) while dates and numbers are
formatted as German.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from babel.support import NullTranslations, Translations


@dataclass(frozen=True)
class UiLanguage:
    """A language the user interface is translated into."""

    tag: str
    native_name: str
    direction: str = "ltr"
    locale: str = ""
    domain: str = "messages"

    @property
    def babel_locale(self) -> str:
        """The Babel locale used for the gettext catalog and number formats."""
        return self.locale or self.tag


SOURCE_LANGUAGE = "de"

UI_LANGUAGES: dict[str, UiLanguage] = {
    language.tag: language
    for language in (
        UiLanguage("de", "Deutsch"),
        UiLanguage("de-x-ls", "Leichte Sprache", locale="de", domain="leichte_sprache"),
        UiLanguage("en", "English"),
        UiLanguage("tr", "Türkçe"),
        UiLanguage("ar", "العربية", direction="rtl"),
        UiLanguage("uk", "Українська"),
        UiLanguage("ru", "Русский"),
    )
}


def ui_language_for(tag: str) -> UiLanguage:
    """The UI language to show for a (questionnaire) language tag.

    A questionnaire in a language without a UI catalog (say Farsi) keeps its own
    texts; the buttons and messages around them fall back to German.
    """
    if tag in UI_LANGUAGES:
        return UI_LANGUAGES[tag]
    primary = tag.split("-")[0]
    return UI_LANGUAGES.get(primary, UI_LANGUAGES[SOURCE_LANGUAGE])


def catalog(directory: str | Path, tag: str) -> NullTranslations:
    """The gettext catalog of the UI language for ``tag`` (loaded once per language).

    German is the source language: for ``de`` (or a missing catalog) the msgids are the
    texts.  The one place the catalogs in ``translations/`` are read.
    """
    language = ui_language_for(tag)
    return _load(str(directory), language.babel_locale, language.domain)


@lru_cache(maxsize=32)
def _load(directory: str, locale: str, domain: str) -> NullTranslations:
    return Translations.load(directory, [locale], domain)


# --- the one language decision ---------------------------------------------------------


#: ``choose``'s answer is a tag when its ``default`` is one, else possibly None.
_Default = TypeVar("_Default", str, None)


def choose(
    explicit: object,
    remembered: object,
    offered: Collection[str] | None,
    default: _Default,
    accepted: Sequence[tuple[str, float]] = (),
) -> str | _Default:
    """The language of a page; every page's language is decided here.

    In this order: the ``explicit`` choice (``?lang=`` or a language button), the
    language ``remembered`` in the session, the browser's preference (``accepted``: the
    ``Accept-Language`` header as ``(tag, quality)`` pairs) — each only when ``offered``
    — and last ``default`` (None: no decision).  ``offered`` None stands for any
    well-formed tag (pages outside a questionnaire keep a questionnaire's language), the
    browser's preference then being matched against :data:`UI_LANGUAGES`.  Values that
    are not strings (say from a tampered session) count as absent.
    """
    for tag in (explicit, remembered):
        if isinstance(tag, str) and (_is_plausible_tag(tag) if offered is None else tag in offered):
            return tag
    best = best_match(accepted, list(UI_LANGUAGES) if offered is None else offered)
    return best or default


def _is_plausible_tag(tag: str) -> bool:
    return 0 < len(tag) <= 35 and all(part.isalnum() for part in tag.split("-"))


_DELIMITER = re.compile("[_-]")


def best_match(accepted: Iterable[tuple[str, float]], offered: Iterable[str]) -> str | None:
    """The offered tag the browser prefers most (None when it accepts none of them).

    As HTTP content negotiation does it (and Werkzeug's ``best_match``): the highest
    quality wins, an exact tag before ``*``, earlier offered tags on a tie; failing an
    exact match, the primary subtags (``en-US`` accepts ``en``, ``en`` accepts ``en-GB``).
    """
    ordered = sorted(accepted, key=lambda item: (item[0] != "*", item[1]), reverse=True)
    choices = list(offered)
    found = _best(ordered, choices)
    if found is None:
        found = _best(_primaries(ordered), choices)
    if found is None:
        primary = _best(ordered, [_primary(tag) for tag in choices])
        if primary is not None:
            found = next(tag for tag in choices if tag.startswith(primary))
    return found


def _primary(tag: str) -> str:
    return _DELIMITER.split(tag, maxsplit=1)[0]


def _primaries(accepted: list[tuple[str, float]]) -> list[tuple[str, float]]:
    items = [(_primary(tag), quality) for tag, quality in accepted]
    return sorted(items, key=lambda item: (item[0] != "*", item[1]), reverse=True)


def _best(accepted: list[tuple[str, float]], offered: list[str]) -> str | None:
    result: str | None = None
    best = (0.0, False)
    for tag in offered:
        wanted = _DELIMITER.split(tag.lower())
        match = next(
            (
                (quality, client != "*")
                for client, quality in accepted
                if client == "*" or _DELIMITER.split(client.lower()) == wanted
            ),
            None,
        )
        if match is None or match[0] <= 0:
            continue
        if result is None or match > best:
            result, best = tag, match
    return result
