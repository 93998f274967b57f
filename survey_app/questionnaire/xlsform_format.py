"""What XLSForm import and export share: column names, language headers, cell values.

ankommen-only features travel in extra columns and sheets whose names start with
``ankommen_`` (see ``questionnaires/README.md``, "XLSForm").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from survey_app.questionnaire.languages import english_name, is_language_tag, tag_for_name

SURVEY = "survey"
CHOICES = "choices"
SETTINGS = "settings"
SCORES = "ankommen_scores"
BANDS = "ankommen_bands"

#: Choice lists whose name starts with this belong to one question (written in place).
PRIVATE_LIST_PREFIX = "_"
YES_NO_LIST = "_yes_no"

#: Survey columns that hold translated texts (``label::German (de)``).
SURVEY_TEXTS = (
    "label",
    "hint",
    "required_message",
    "constraint_message",
    "ankommen_low_label",
    "ankommen_high_label",
    "ankommen_equity_label",
)
#: Survey columns with one value.
SURVEY_VALUES = (
    "type",
    "name",
    "required",
    "relevant",
    "constraint",
    "choice_filter",
    "appearance",
    "default",
    "ankommen_type",
    "ankommen_rows",
    "ankommen_row_filter",
    "ankommen_points",
    "ankommen_min",
    "ankommen_max",
    "ankommen_role",
    "ankommen_equity_members",
    "ankommen_equity_not_stated",
)
IMAGE_ALT = "ankommen_image_alt"
CHOICE_TEXTS = ("label", IMAGE_ALT)
#: Translated ankommen columns of the choices sheet, written ``ankommen_image_alt_de``:
#: pyxform copies extra choice columns into each choice of the XForm and fails on a
#: ``::language`` header there (older exports wrote ``ankommen_image_alt::German (de)``).
CHOICE_TAGGED_TEXTS = (IMAGE_ALT,)
#: Media columns of the choices sheet that ankommen reads (one file per language, as in
#: ``media::image::German (de)``); a plain ``image`` column holds the file for every language.
#: Recorded audio (``media::audio::German (de)``), on survey and choices rows.
AUDIO = "media_audio"
CHOICE_MEDIA = ("image", AUDIO)
SURVEY_MEDIA = (AUDIO,)
#: XLSForm media columns other than ``image``, and the names ankommen reports them under.
OTHER_MEDIA = {"audio": "media_audio", "video": "media_video", "big-image": "media_big_image"}
SETTINGS_TEXTS = ("ankommen_title", "ankommen_description", "ankommen_consent")
#: Plain-value settings: XLSForm's own, then ankommen's additions.
FORM_SETTINGS = ("form_title", "form_id", "version", "default_language")
ANKOMMEN_SETTINGS = ("ankommen_languages", "ankommen_audience", "ankommen_site")
SETTINGS_VALUES = FORM_SETTINGS + ANKOMMEN_SETTINGS
SCORE_COLUMNS = ("id", "label", "items", "method", "reverse", "factor")
BAND_COLUMNS = ("score", "id", "label", "below")

#: Other spellings of column names found in XLSForms.
ALIASES = {
    "list name": "list_name",
    "value": "name",
    "relevance": "relevant",
    "constraint message": "constraint_message",
    "required message": "required_message",
    "jr:constraintmsg": "constraint_message",
    "jr:requiredmsg": "required_message",
    "choice filter": "choice_filter",
}


@dataclass(frozen=True)
class Header:
    """A parsed column header: the column's name and, for texts, its language."""

    name: str
    language: str | None = None
    problem: str = ""


def parse_header(cell: Any, default_language: str) -> Header | None:
    """Parse ``label::German (de)``, ``label:english``, ``label`` (default language), ...

    ``media::image::German (de)`` is read as ``image::German (de)`` (both are XLSForm);
    audio, video and big-image columns are named ``media_audio`` etc.
    """
    text = cell_text(cell)
    if not text:
        return None
    for name in CHOICE_TAGGED_TEXTS:
        tag = text[len(name) + 1 :]
        if text.startswith(name + "_") and is_language_tag(tag):
            return Header(name, tag)
    if text.lower().startswith("media:"):
        text = text[len("media") :].lstrip(":")
    header = _parse_header(text, default_language)
    if header.name in OTHER_MEDIA:
        return Header(OTHER_MEDIA[header.name], header.language, header.problem)
    return header


def _parse_header(text: str, default_language: str) -> Header:
    lowered = text.lower()
    for alias, name in ALIASES.items():
        if lowered == alias or lowered.startswith(alias + "::") or lowered.startswith(alias + ":"):
            rest = text[len(alias) :].lstrip(":")
            return _with_language(name, rest, default_language) if rest else Header(name)
    if "::" in text:
        name, spec = text.split("::", 1)
    elif ":" in text:
        name, spec = text.split(":", 1)
    else:
        return Header(lowered.replace(" ", "_"))
    return _with_language(name.strip().lower().replace(" ", "_"), spec, default_language)


def _with_language(name: str, spec: str, default_language: str) -> Header:
    tag = language_of(spec)
    if tag is None:
        return Header(
            name,
            default_language,
            f"cannot tell which language '{spec.strip()}' is; write the header as "
            f"'{name}::Name (code)', e.g. '{name}::German (de)'",
        )
    return Header(name, tag)


def language_of(spec: str) -> str | None:
    """The tag in ``German (de)``, ``english`` or ``de``; None when unclear."""
    spec = spec.strip()
    match = re.fullmatch(r".*\(([^()]+)\)", spec)
    if match and is_language_tag(match.group(1).strip()):
        return match.group(1).strip()
    by_name = tag_for_name(spec)
    if by_name:
        return by_name
    if is_language_tag(spec) and (len(spec.split("-")[0]) <= 3 or "-" in spec):
        return spec
    return None


def language_header(name: str, tag: str) -> str:
    """``label::German (de)``; ``ankommen_image_alt_de`` for ``CHOICE_TAGGED_TEXTS``."""
    if name in CHOICE_TAGGED_TEXTS:
        return f"{name}_{tag}"
    return f"{name}::{language_name(tag)}"


def language_name(tag: str) -> str:
    """``German (de)``: how XLSForm names a language (also in ``default_language``)."""
    return f"{english_name(tag)} ({tag})"


def cell_text(value: Any) -> str:
    """A cell as text: ``3`` for 3.0, ``''`` for empty cells."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
