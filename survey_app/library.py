"""The questionnaires the app serves, loaded from ``QUESTIONNAIRE_DIR``."""

from __future__ import annotations

from flask import Flask, current_app

from survey_app.questionnaire import QuestionnaireLibrary


def init_app(app: Flask) -> None:
    """Attach a :class:`QuestionnaireLibrary` for the configured folder."""
    app.extensions["ankommen_library"] = QuestionnaireLibrary(app.config["QUESTIONNAIRE_DIR"])


def get_library() -> QuestionnaireLibrary:
    """The app's questionnaire library, reloaded when a file changed."""
    library: QuestionnaireLibrary = current_app.extensions["ankommen_library"]
    library.refresh()
    return library
