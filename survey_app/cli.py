"""The ``ankommen`` console script: Flask's CLI bound to :func:`create_app`."""

from __future__ import annotations

from flask.cli import FlaskGroup

from survey_app import create_app


def _make_group() -> FlaskGroup:
    return FlaskGroup(
        name="ankommen",
        create_app=create_app,
        help="ankommen — surveys for Präventionsketten: what reaches the child?",
    )


def main() -> None:
    """Run the CLI (``ankommen run``, ``ankommen questionnaire check``, ...)."""
    _make_group()(prog_name="ankommen")
