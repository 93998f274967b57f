"""ankommen's web application: respondent pages, coordinator area and CLI.

``create_app`` is imported lazily so that ``survey_app.questionnaire`` and
``survey_app.storage`` stay importable without Flask (the analysis uses them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: dict[str, Any] | None = None, *, check_database: bool = True) -> Flask:
    """Build the Flask application (see :mod:`survey_app.app`)."""
    from survey_app.app import create_app as _create_app

    return _create_app(test_config, check_database=check_database)
