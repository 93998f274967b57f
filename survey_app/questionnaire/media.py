"""Recorded audio per language for questions and choices (``audio:`` in YAML).

``audio: frage.mp3`` is the recording in the default language; ``audio: {de: frage.mp3,
tr: soru.mp3}`` gives one per language.  The files live in the questionnaire folder's
``audio/`` folder.  Respondents hear the recording of their language, else the default
language's; the text is always shown beside it.  No Flask here.
"""

from __future__ import annotations

from collections.abc import Collection

from survey_app.questionnaire.messages import Term
from survey_app.questionnaire.nodes import Node
from survey_app.questionnaire.reader import Reader
from survey_app.questionnaire.text import Text

AUDIO_FOLDER = "audio"
AUDIO_SUFFIXES = (".mp3", ".m4a", ".ogg", ".oga", ".opus", ".wav", ".webm")


def media_folder(name: str) -> str:
    """The subfolder of the questionnaire folder a media file belongs in: ``audio/`` for
    sound files, ``pictograms/`` for pictures."""
    return AUDIO_FOLDER if name.lower().endswith(AUDIO_SUFFIXES) else "pictograms"


def audio_file_problem(name: str, recordings: Collection[str] | None) -> str | None:
    """The problem code why ``name`` cannot be one of the ``recordings`` (the file names
    in the ``audio/`` folder; None if it can; no listing skips the look for the file)."""
    if "/" in name or "\\" in name or name.startswith(".") or "\x00" in name:
        return "audio_has_folder"
    if not name.lower().endswith(AUDIO_SUFFIXES):
        return "audio_not_sound"
    if recordings is not None and name not in recordings:
        return "audio_missing"
    return None


def read_audio(
    reader: Reader,
    node: Node | None,
    recordings: Collection[str] | None,
    what: str | Term,
) -> Text | None:
    """The recordings of ``node`` by language (a file name, or ``{lang: file}``), checked
    against ``recordings``, the names in the ``audio/`` folder (None: not checked)."""
    if node is None:
        return None
    if node.kind == "scalar":
        pairs = [(reader.default_language, node)]
    elif node.kind == "map":
        pairs = []
        for lang, value in node.entries.items():
            where = node.where_of(lang)
            tag = reader.language(Node("scalar", where, value=lang, text=lang), what)
            if tag is None:
                continue
            if reader.languages is not None and tag not in reader.languages:
                reader.report.error(where, "audio_language_undeclared", what=what, lang=tag)
                continue
            pairs.append((tag, value))
    else:
        reader.report.error(node.where, "audio_not_a_file", what=what)
        return None
    files: dict[str, str] = {}
    for lang, value in pairs:
        name = reader.string(value, what)
        if name is None:
            continue
        code = audio_file_problem(name, recordings)
        if code is not None:
            suffixes = ", ".join(AUDIO_SUFFIXES)
            reader.report.error(value.where, code, name=name, suffixes=suffixes)
            continue
        files[lang] = name
    return Text(files) if files else None


def audio_for(audio: Text | None, lang: str, default_language: str) -> str | None:
    """The recording a respondent in ``lang`` hears: theirs, else the default language's."""
    if audio is None:
        return None
    for candidate in (lang, default_language):
        if audio.values.get(candidate):
            return audio.values[candidate]
    return None


def require_alt(
    reader: Reader, node: Node, image: str | None, alt: Text | None, what: str | Term
) -> None:
    """A picture needs a text for people who cannot see it: an error when ``alt`` is missing."""
    if image and alt is None:
        reader.report.error(node.where, "image_without_alt", what=what, image=image)
