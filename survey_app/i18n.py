"""Flask's side of the page language: adapts the request and the session to the one
language decision (:func:`survey_app.ui_languages.choose`) and hands the one catalog
loader's catalogs (:func:`survey_app.ui_languages.catalog`) to Flask-Babel.

Order (see ``choose``): an explicit choice (``?lang=`` or a language button) → the
language remembered in the session → the browser's ``Accept-Language`` → German.
Questionnaire pages set their language with :func:`set_language`.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cached_property

from babel import support
from flask import Flask, current_app, g, request, session
from flask_babel import Babel, Domain, refresh

from survey_app.ui_languages import (
    SOURCE_LANGUAGE,
    UI_LANGUAGES,
    catalog,
    choose,
    ui_language_for,
)

#: The session key of the respondent side's remembered language (the admin area keeps
#: its own, ``coordinator/page_context.py``).
LANGUAGE_KEY = "lang"

#: Right-to-left scripts by primary language subtag, for questionnaire languages that
#: have no UI catalog of their own (e.g. Farsi).
RTL_PRIMARY_TAGS = frozenset({"ar", "fa", "he", "ur", "ps", "ku", "ckb", "yi", "dv"})

#: Native names of languages questionnaires may use beyond the UI languages.
NATIVE_NAMES = {
    **{tag: lang.native_name for tag, lang in UI_LANGUAGES.items()},
    "fa": "فارسی",
    "pl": "Polski",
    "fr": "Français",
    "sq": "Shqip",
    "ku": "Kurdî",
    "es": "Español",
    "it": "Italiano",
    "ro": "Română",
    "bg": "Български",
}


def text_direction(tag: str) -> str:
    """``rtl`` for right-to-left languages, else ``ltr``."""
    if tag in UI_LANGUAGES:
        return UI_LANGUAGES[tag].direction
    return "rtl" if tag.split("-")[0].lower() in RTL_PRIMARY_TAGS else "ltr"


def native_name(tag: str) -> str:
    """The language's name in its own script (never a flag)."""
    return NATIVE_NAMES.get(tag, tag)


def current_language() -> str:
    """The BCP-47 tag of the current request's language."""
    tag = getattr(g, "ui_language", None)
    if tag is None:
        tag = _negotiate()
        g.ui_language = tag
    return tag


def set_language(tag: str, *, remember: bool = True) -> None:
    """Make ``tag`` the language of this request (and, by default, of the session; the
    session is written only when the remembered language changes)."""
    g.ui_language = tag
    if remember and session.get(LANGUAGE_KEY) != tag:
        session[LANGUAGE_KEY] = tag
    refresh()


def language_used_so_far(offered: Collection[str], default: str) -> str:
    """The session's remembered language when it is ``offered``, else ``default``."""
    return choose(None, session.get(LANGUAGE_KEY), offered, default)


def _negotiate() -> str:
    """Adapt the request and the session to :func:`~survey_app.ui_languages.choose`."""
    if not request:
        return SOURCE_LANGUAGE
    return choose(
        request.args.get("lang"),
        session.get(LANGUAGE_KEY),
        None,
        SOURCE_LANGUAGE,
        list(request.accept_languages),
    )


class UiDomain(Domain):
    """Picks the gettext catalog from the UI language, including Leichte Sprache."""

    def get_translations(self) -> support.NullTranslations:
        """The catalog for the current request's UI language."""
        if not g:
            return support.NullTranslations()
        return catalog(current_app.config["TRANSLATIONS_DIR"], current_language())


class UiBabel(Babel):
    """Flask-Babel with :class:`UiDomain` as its domain."""

    @cached_property
    def domain_instance(self) -> Domain:  # type: ignore[override]
        """One :class:`UiDomain` per application."""
        return UiDomain()


def _locale_selector() -> str:
    return ui_language_for(current_language()).babel_locale


def init_app(app: Flask) -> None:
    """Install Flask-Babel and make the language helpers available in templates."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", SOURCE_LANGUAGE)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = app.config["TRANSLATIONS_DIR"]
    UiBabel(app, locale_selector=_locale_selector)

    @app.context_processor
    def language_context() -> dict[str, object]:
        tag = current_language()
        return {
            "page_lang": tag,
            "page_dir": text_direction(tag),
            "ui_languages": UI_LANGUAGES,
            "native_name": native_name,
            "text_direction": text_direction,
        }
