"""Recorded audio of questions and choices: served from the questionnaire folder's ``audio/``.

``/audio/NAME`` sends one file of that folder (sound files only; ``send_from_directory``
refuses any path leaving the folder).  ``recording_url(audio, tx)`` is the template
helper: the recording in the page language, else in the questionnaire's default language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import current_app, send_from_directory, url_for
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from survey_app.questionnaire.media import AUDIO_FOLDER, audio_file_problem, audio_for
from survey_app.questionnaire.text import Text
from survey_app.respondent import bp


@bp.get("/audio/<path:name>")
def recording(name: str) -> Response:
    """A recording of the questionnaire folder (cached for an hour)."""
    if audio_file_problem(name, None) is not None:
        raise NotFound()
    folder = Path(current_app.config["QUESTIONNAIRE_DIR"]) / AUDIO_FOLDER
    return send_from_directory(folder, name, max_age=3600)


@bp.app_template_global()
def recording_url(audio: Text | None, tx: Any) -> str | None:
    """The URL of the recording a respondent in ``tx.lang`` hears, or None."""
    name = audio_for(audio, tx.lang, tx.default_language)
    return url_for("respondent.recording", name=name) if name else None
