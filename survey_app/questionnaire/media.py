"""Recorded audio per language for questions and choices (``audio:`` in YAML).

``audio: frage.mp3`` is the recording in the default language; ``audio: {de: frage.mp3,
tr: soru.mp3}`` gives one per language.  The files live in the questionnaire folder's
``audio/`` folder.  Respondents hear the recording of their language, else the default
language's; the text is always shown beside it.  No Flask here.
"""

from __future__ import annotations

from pathlib import Path

from survey_app.questionnaire.nodes import Node
from survey_app.questionnaire.reader import Reader
from survey_app.questionnaire.text import Text

AUDIO_FOLDER = "audio"
AUDIO_SUFFIXES = (".mp3", ".m4a", ".ogg", ".oga", ".opus", ".wav", ".webm")


def audio_file_problem(name: str, base_dir: Path | None) -> str | None:
    """Why ``name`` cannot be a recording of the folder at ``base_dir`` (None if it can)."""
    if "/" in name or "\\" in name or name.startswith(".") or "\x00" in name:
        return f"audio '{name}' must be a file name in {AUDIO_FOLDER}/, without folders"
    if not name.lower().endswith(AUDIO_SUFFIXES):
        return f"audio '{name}' must be a sound file ({', '.join(AUDIO_SUFFIXES)})"
    if base_dir is not None and not (base_dir / AUDIO_FOLDER / name).is_file():
        return f"audio '{name}' is not in {AUDIO_FOLDER}/; add the file or fix the name"
    return None


def read_audio(reader: Reader, node: Node | None, base_dir: Path | None, what: str) -> Text | None:
    """The recordings of ``node`` by language (a file name, or ``{lang: file}``), checked."""
    if node is None:
        return None
    if node.kind == "scalar":
        pairs = [(reader.default_language, node)]
    elif node.kind == "map":
        pairs = []
        for lang, value in node.entries.items():
            where = node.where_of(lang)
            tag = reader.language(Node("scalar", where, value=lang, text=lang), f"audio of {what}")
            if tag is None:
                continue
            if reader.languages is not None and tag not in reader.languages:
                reader.report.error(
                    where, f"language '{tag}' in the audio of {what} is not declared; remove it"
                )
                continue
            pairs.append((tag, value))
    else:
        reader.report.error(node.where, f"audio of {what} must be a file name or 'language: file'")
        return None
    files: dict[str, str] = {}
    for lang, value in pairs:
        name = reader.string(value, f"audio of {what}")
        if name is None:
            continue
        problem = audio_file_problem(name, base_dir)
        if problem is not None:
            reader.report.error(value.where, problem)
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


def require_alt(reader: Reader, node: Node, image: str | None, alt: Text | None, what: str) -> None:
    """A picture needs a text for people who cannot see it: an error when ``alt`` is missing."""
    if image and alt is None:
        reader.report.error(
            node.where,
            f"the image '{image}' of {what} has no image_alt; describe the picture in a few "
            "words, e.g. 'image_alt: {de: Kinder auf einer Rutsche}'",
        )
