"""The questionnaires the app serves, loaded from ``QUESTIONNAIRE_DIR``."""

from __future__ import annotations

import threading
import time

from flask import Flask, abort, current_app

from survey_app.questionnaire import Questionnaire, QuestionnaireLibrary


class ServedLibrary:
    """A :class:`QuestionnaireLibrary` looked at for edited files at most every few seconds."""

    def __init__(self, directory: str, refresh_seconds: float) -> None:
        self.library = QuestionnaireLibrary(directory)
        self.refresh_seconds = refresh_seconds
        self._checked = time.monotonic()
        self._lock = threading.Lock()

    def current(self) -> QuestionnaireLibrary:
        """The library, refreshed if the last look at the folder is old enough."""
        now = time.monotonic()
        if now - self._checked >= self.refresh_seconds:
            with self._lock:
                if now - self._checked >= self.refresh_seconds:
                    self.library.refresh()
                    self._checked = time.monotonic()
        return self.library


def init_app(app: Flask) -> None:
    """Attach the questionnaire library for the configured folder."""
    app.extensions["ankommen_library"] = ServedLibrary(
        app.config["QUESTIONNAIRE_DIR"], float(app.config["LIBRARY_REFRESH_SECONDS"])
    )


def get_library() -> QuestionnaireLibrary:
    """The app's questionnaire library, reloaded when a file changed."""
    served: ServedLibrary = current_app.extensions["ankommen_library"]
    return served.current()


def reload_library() -> QuestionnaireLibrary:
    """The app's library, read from the folder now (after files were added)."""
    served: ServedLibrary = current_app.extensions["ankommen_library"]
    served.library.refresh()
    return served.library


def questionnaire_or_404(questionnaire_id: str) -> Questionnaire:
    """The served questionnaire ``questionnaire_id``, or a 404 page."""
    questionnaire = get_library().get(questionnaire_id)
    if questionnaire is None:
        abort(404)
    return questionnaire
