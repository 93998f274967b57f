"""The ``ankommen`` console script: Flask's CLI bound to :func:`create_app`."""

from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import FlaskGroup

from survey_app import create_app
from survey_app.migrations import SchemaError


def _create_app_for_cli() -> Flask:
    """The app without the start-up schema check, so ``ankommen db upgrade`` can run;
    every other command checks the schema when it first uses the database."""
    return create_app(check_database=False)


def _make_group() -> FlaskGroup:
    return FlaskGroup(
        name="ankommen",
        create_app=_create_app_for_cli,
        help="ankommen — surveys for Präventionsketten: what reaches the child?",
    )


def main() -> None:
    """Run the CLI (``ankommen run``, ``ankommen questionnaire check``, ...)."""
    try:
        _make_group()(prog_name="ankommen")
    except SchemaError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
