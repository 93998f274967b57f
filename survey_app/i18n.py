"""The one place that decides the language of a page.

Order: an explicit choice (``?lang=`` or a language button) → the language remembered
in the session → the questionnaire's default (set by the view) → the browser's
``Accept-Language`` → German.

Leichte Sprache (easy-to-read German) has the private-use BCP-47 tag ``de-x-ls``.
Babel cannot parse private-use tags, so its UI texts live in a gettext *domain* of their
own (``translations/de/LC_MESSAGES/leichte_sprache.po``) while dates and numbers are
formatted as German.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from babel import support
from flask import Flask, current_app, g, request, session
from flask_babel import Babel, Domain, refresh


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


def ui_language_for(tag: str) -> UiLanguage:
    """The UI language to show for a (questionnaire) language tag.

    A questionnaire in a language without a UI catalog (say Farsi) keeps its own
    texts; the buttons and messages around them fall back to German.
    """
    if tag in UI_LANGUAGES:
        return UI_LANGUAGES[tag]
    primary = tag.split("-")[0]
    return UI_LANGUAGES.get(primary, UI_LANGUAGES[SOURCE_LANGUAGE])


def current_language() -> str:
    """The BCP-47 tag of the current request's language."""
    tag = getattr(g, "ui_language", None)
    if tag is None:
        tag = _negotiate()
        g.ui_language = tag
    return tag


def set_language(tag: str, *, remember: bool = True) -> None:
    """Make ``tag`` the language of this request (and, by default, of the session)."""
    g.ui_language = tag
    if remember:
        session["lang"] = tag
    refresh()


def _explicit_choice() -> str | None:
    if not request:
        return None
    tag = request.args.get("lang")
    return tag if tag and _is_plausible_tag(tag) else None


def _is_plausible_tag(tag: str) -> bool:
    return 0 < len(tag) <= 35 and all(part.isalnum() for part in tag.split("-"))


def _negotiate() -> str:
    explicit = _explicit_choice()
    if explicit is not None:
        return explicit
    remembered = session.get("lang")
    if isinstance(remembered, str) and _is_plausible_tag(remembered):
        return remembered
    best = request.accept_languages.best_match(list(UI_LANGUAGES)) if request else None
    return best or SOURCE_LANGUAGE


class UiDomain(Domain):
    """Picks the gettext catalog from the UI language, including Leichte Sprache."""

    def __init__(self) -> None:
        super().__init__(domain="messages")
        self._catalogs: dict[str, support.NullTranslations] = {}

    def get_translations(self) -> support.NullTranslations:
        """The catalog for the current request's UI language (cached per language)."""
        if not g:
            return support.NullTranslations()
        language = ui_language_for(current_language())
        catalog = self._catalogs.get(language.tag)
        if catalog is None:
            directory = Path(current_app.config["TRANSLATIONS_DIR"])
            catalog = support.Translations.load(
                str(directory), [language.babel_locale], language.domain
            )
            self._catalogs[language.tag] = catalog
        return catalog


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
