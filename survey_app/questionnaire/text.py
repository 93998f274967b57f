"""Translated texts."""

from __future__ import annotations

from dataclasses import dataclass

from survey_app.questionnaire.languages import primary_language


@dataclass(frozen=True)
class Text:
    """A text in several languages, keyed by BCP-47 tag (``values``)."""

    values: dict[str, str]

    @property
    def languages(self) -> list[str]:
        """The languages this text is given in, in file order."""
        return list(self.values)

    def resolve(self, lang: str, fallback: str | None = None) -> tuple[str, str]:
        """The text to show in ``lang`` and the language it is actually in.

        The one fallback chain: ``lang``; else its primary language (``de`` for
        ``de-x-ls``); else ``fallback`` (the questionnaire's default language); else the
        first language it is given in.  ``("", lang)`` for a text empty in every language.
        """
        for candidate in (lang, primary_language(lang), fallback):
            if candidate and self.values.get(candidate):
                return self.values[candidate], candidate
        return next(((value, tag) for tag, value in self.values.items() if value), ("", lang))

    def get(self, lang: str, fallback: str | None = None) -> str:
        """The text in ``lang`` as :meth:`resolve` finds it (the empty string for an
        empty text)."""
        return self.resolve(lang, fallback)[0]

    def has(self, lang: str) -> bool:
        """True when the text is given (non-empty) in exactly ``lang``."""
        return bool(self.values.get(lang))

    def __str__(self) -> str:
        return next(iter(self.values.values()), "")
