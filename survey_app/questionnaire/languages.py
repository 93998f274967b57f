"""Language tags: a BCP-47 syntax check, language names and built-in yes/no labels."""

from __future__ import annotations

import re

_ALNUM = "[A-Za-z0-9]"
_LANGUAGE = r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
_SCRIPT = r"[A-Za-z]{4}"
_REGION = r"(?:[A-Za-z]{2}|[0-9]{3})"
_VARIANT = rf"(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}})"
_EXTENSION = rf"[0-9A-WY-Za-wy-z](?:-{_ALNUM}{{2,8}})+"
_PRIVATE_USE = rf"[xX](?:-{_ALNUM}{{1,8}})+"
_LANGTAG = re.compile(
    rf"(?:{_LANGUAGE}(?:-{_SCRIPT})?(?:-{_REGION})?(?:-{_VARIANT})*"
    rf"(?:-{_EXTENSION})*(?:-{_PRIVATE_USE})?|{_PRIVATE_USE})"
)

#: Leichte Sprache (easy-to-read German), a private-use tag.
EASY_GERMAN = "de-x-ls"


def is_language_tag(tag: str) -> bool:
    """True when ``tag`` is a well-formed BCP-47 tag (RFC 5646 syntax, e.g. ``de-x-ls``)."""
    return bool(_LANGTAG.fullmatch(tag))


def primary_language(tag: str) -> str:
    """The primary subtag: ``de`` for ``de-x-ls`` and ``de-AT``."""
    return tag.split("-", 1)[0].lower()


#: English names of languages, for XLSForm headers such as ``label::German (de)``.
ENGLISH_NAMES: dict[str, str] = {
    "de": "German",
    EASY_GERMAN: "Easy German",
    "en": "English",
    "tr": "Turkish",
    "ar": "Arabic",
    "uk": "Ukrainian",
    "ru": "Russian",
    "pl": "Polish",
    "fa": "Persian",
    "fr": "French",
    "sq": "Albanian",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "ro": "Romanian",
    "bg": "Bulgarian",
    "hr": "Croatian",
    "sr": "Serbian",
    "bs": "Bosnian",
    "el": "Greek",
    "ku": "Kurdish",
    "kmr": "Kurmanji",
    "ckb": "Sorani",
    "ti": "Tigrinya",
    "so": "Somali",
    "ps": "Pashto",
    "prs": "Dari",
    "vi": "Vietnamese",
    "zh": "Chinese",
    "nl": "Dutch",
    "hu": "Hungarian",
    "cs": "Czech",
    "sk": "Slovak",
    "ur": "Urdu",
    "hi": "Hindi",
    "ta": "Tamil",
    "am": "Amharic",
    "sw": "Swahili",
    "ja": "Japanese",
    "ko": "Korean",
}

_NAME_TO_TAG: dict[str, str] = {name.lower(): tag for tag, name in ENGLISH_NAMES.items()}
_NAME_TO_TAG.update(
    {
        "deutsch": "de",
        "leichte sprache": EASY_GERMAN,
        "farsi": "fa",
        "türkçe": "tr",
        "français": "fr",
        "español": "es",
    }
)


def tag_for_name(name: str) -> str | None:
    """The tag for an English (or native) language name as old XLSForms write it."""
    return _NAME_TO_TAG.get(name.strip().lower())


def english_name(tag: str) -> str:
    """An English name for XLSForm headers; the tag itself for unknown languages."""
    return ENGLISH_NAMES.get(tag) or ENGLISH_NAMES.get(tag.lower()) or tag


_YES_NO: dict[str, tuple[str, str]] = {
    "de": ("Ja", "Nein"),
    "en": ("Yes", "No"),
    "tr": ("Evet", "Hayır"),
    "ar": ("نعم", "لا"),
    "uk": ("Так", "Ні"),
    "ru": ("Да", "Нет"),
    "pl": ("Tak", "Nie"),
    "fa": ("بله", "خیر"),
    "prs": ("بله", "نخیر"),
    "fr": ("Oui", "Non"),
    "sq": ("Po", "Jo"),
    "es": ("Sí", "No"),
    "it": ("Sì", "No"),
    "pt": ("Sim", "Não"),
    "ro": ("Da", "Nu"),
    "bg": ("Да", "Не"),
    "hr": ("Da", "Ne"),
    "sr": ("Да", "Не"),
    "bs": ("Da", "Ne"),
    "el": ("Ναι", "Όχι"),
    "ku": ("Erê", "Na"),
    "kmr": ("Erê", "Na"),
    "vi": ("Có", "Không"),
    "zh": ("是", "否"),
    "nl": ("Ja", "Nee"),
    "hu": ("Igen", "Nem"),
    "cs": ("Ano", "Ne"),
    "sk": ("Áno", "Nie"),
    "so": ("Haa", "Maya"),
    "ti": ("እወ", "ኣይፋል"),
    "ps": ("هو", "نه"),
    "ur": ("ہاں", "نہیں"),
}


def yes_no_labels(tag: str) -> tuple[str, str]:
    """Labels for the built-in ``yes``/``no`` choices; English when the language is unknown."""
    return _YES_NO.get(tag) or _YES_NO.get(primary_language(tag)) or _YES_NO["en"]
