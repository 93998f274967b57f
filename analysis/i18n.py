"""The one translator, without Flask: briefs, findings and tables use it directly; the
web pages' Flask-Babel reads the same catalogs (``survey_app/ui_languages.py``).

Texts are marked with ``_()``/``ngettext()`` (German msgids) and looked up in the
project's gettext catalogs (``translations/<lang>/LC_MESSAGES/messages.mo``, Leichte
Sprache in its own domain) through Babel. Numbers are formatted for the same locale:
``72 %`` in German, ``72%`` in English.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations

from survey_app.resources import translations_dir
from survey_app.ui_languages import catalog

#: Where the catalogs live when no directory is given (checkout or installed wheel).
DEFAULT_TRANSLATIONS_DIR = translations_dir()

#: The languages a brief can be written in.
BRIEF_LANGUAGES = ("de", "en")


@dataclass(frozen=True)
class Translator:
    """Gettext and number formatting for one language.

    ``gettext`` and ``ngettext`` take ``%(name)s`` placeholders as keyword arguments,
    like Flask-Babel: ``tr.gettext("%(n)d Antworten", n=3)``.
    """

    lang: str
    catalog: NullTranslations

    def gettext(self, message: str, **values: object) -> str:
        """Translate ``message`` and fill in its placeholders."""
        text = self.catalog.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, num: int, **values: object) -> str:
        """Translate with a plural form chosen by ``num`` (also available as ``num``)."""
        text = self.catalog.ngettext(singular, plural, num)
        return text % {"num": num, **values}

    @property
    def locale(self) -> Locale:
        """The Babel locale for number formatting (German when unknown)."""
        try:
            return Locale.parse(self.lang.split("-x-")[0], sep="-")
        except (UnknownLocaleError, ValueError):
            return Locale.parse("de")

    def percent(self, fraction: float | None) -> str:
        """``0.724`` as ``72 %`` (locale-dependent); an en dash for None."""
        if fraction is None:
            return "–"
        return format_percent(fraction, locale=self.locale)

    def number(self, value: float, decimals: int = 0) -> str:
        """A number with the locale's grouping and decimal separators."""
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def points(self, difference: float) -> str:
        """A difference of proportions in percentage points, signed (``−25``)."""
        value = round(100 * difference)
        sign = "+" if value > 0 else ("−" if value < 0 else "±")
        return sign + self.number(abs(value))


def translator(lang: str, directory: str | Path | None = None) -> Translator:
    """The translator for ``lang`` using the catalogs in ``directory``.

    German is the source language: for ``de`` (or a missing catalog) the msgids are
    the texts.
    """
    return Translator(lang=lang, catalog=catalog(directory or DEFAULT_TRANSLATIONS_DIR, lang))
