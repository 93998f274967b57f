"""Saving translations made in the browser or in the translators' workbook.

:func:`save_translations` is the one place that writes a questionnaire file with new
texts: it splices the texts into the YAML (``survey_app.questionnaire.text_edits``),
checks the result with the same loader the app uses and publishes it as a new version
through :func:`survey_app.publishing.publish` (recorded in the version history, the file
replaced in one step), then writes the audit entry.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from flask import current_app

from survey_app.coordinator.coverage import questionnaire_texts
from survey_app.i18n import NATIVE_NAMES
from survey_app.library import reload_library
from survey_app.publishing import publish
from survey_app.questionnaire import Problem, Questionnaire, Text
from survey_app.questionnaire.loader import parse_questionnaire
from survey_app.questionnaire.text_edits import (
    TextEditError,
    declare_language,
    editable_keys,
    set_texts,
)
from survey_app.storage import log_action
from survey_app.storage.db import get_engine, write_transaction

#: The longest text a translation may have (a consent text is a few hundred characters).
MAX_TEXT_LENGTH = 5000


class TranslationSaveError(Exception):
    """The translations could not be saved; ``reason`` says why (``stale``, ``invalid``)."""

    def __init__(self, reason: str, problems: list[Problem] | None = None) -> None:
        self.reason = reason
        self.problems = problems or []
        super().__init__(reason)


def clean_text(text: str) -> str:
    """A submitted text as stored: line breaks as ``\\n``, no surrounding blanks."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def editable_texts(questionnaire: Questionnaire) -> list[tuple[str, Text]]:
    """The texts written in the questionnaire's own file, by key, in file order.

    Texts of the site file and built-in texts (the yes/no choices) are left out.
    """
    source = Path(questionnaire.path).read_text(encoding="utf-8-sig")
    keys = editable_keys(source)
    return [(key, text) for key, text in questionnaire_texts(questionnaire) if key in keys]


def addable_languages(questionnaire: Questionnaire) -> list[str]:
    """Languages a coordinator can add by translating into them (those the app knows a
    name for), not yet in the questionnaire."""
    return [tag for tag in NATIVE_NAMES if tag not in questionnaire.languages]


def can_translate_into(questionnaire: Questionnaire, language: str) -> bool:
    """A declared language other than the default, or one that can be added."""
    if language == questionnaire.default_language:
        return False
    return language in questionnaire.languages or language in addable_languages(questionnaire)


def file_hash(questionnaire: Questionnaire) -> str:
    """The SHA-256 of the questionnaire's file as it is now (to notice edits in between)."""
    return hashlib.sha256(Path(questionnaire.path).read_bytes()).hexdigest()


def save_translations(
    questionnaire: Questionnaire,
    texts: dict[str, dict[str, str]],
    user_name: str,
    expected_hash: str | None = None,
) -> Questionnaire:
    """Write ``texts`` (language → text key → text) into the questionnaire's file.

    ``expected_hash`` is the file's hash when the form or workbook was handed out; if the
    file changed since, nothing is written (``reason == 'stale'``).  The new file must
    load without errors (``reason == 'invalid'``).  Returns the questionnaire as saved.
    """
    path = Path(questionnaire.path).resolve()
    folder = Path(current_app.config["QUESTIONNAIRE_DIR"]).resolve()
    if path.parent != folder:
        raise TranslationSaveError("invalid")
    data = path.read_bytes()
    if expected_hash is not None and hashlib.sha256(data).hexdigest() != expected_hash:
        raise TranslationSaveError("stale")
    source = data.decode("utf-8-sig")
    try:
        for language, edits in texts.items():
            if edits:
                if language not in questionnaire.languages:  # a new language
                    source = declare_language(source, language)
                source = set_texts(source, language, questionnaire.default_language, edits)
    except TextEditError as error:
        raise TranslationSaveError("invalid") from error
    saved, problems = parse_questionnaire(source, path)
    if saved is None or any(problem.is_error for problem in problems):
        raise TranslationSaveError("invalid", [p for p in problems if p.is_error])
    # Saved as a new version of the questionnaire, by the same rules as an upload.
    outcome = publish(get_engine(), folder, path.name, source, {}, user_name, {})
    if outcome.status not in ("published", "unchanged"):
        raise TranslationSaveError("invalid", [p for p in outcome.problems if p.is_error])
    count = sum(len(edits) for edits in texts.values())
    languages = " ".join(language for language, edits in texts.items() if edits)
    with write_transaction() as conn:
        log_action(
            conn,
            user_name,
            "translations",
            f"{questionnaire.id}: {count} texts ({languages}) in {path.name}",
        )
    reload_library()
    return saved


def replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step (a reader sees the old or the new file)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
