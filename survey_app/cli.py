"""The ``ankommen`` console script: Flask's CLI bound to :func:`create_app`."""

from __future__ import annotations

import sys
from typing import Any

import click
from flask import Flask
from flask.cli import FlaskGroup

from survey_app import create_app, resources
from survey_app.storage.migrations import SchemaError


def _create_app_for_cli(*args: Any, **kwargs: Any) -> Flask:
    """The app for the CLI: catalogs compiled in a checkout, no start-up schema check.

    In a checkout the ``.mo`` files are build products (never committed): the CLI
    builds them so that ``ankommen demo setup`` works on a fresh clone. An installed
    wheel carries them already; if one is missing there, :func:`create_app` refuses to
    start and says why. The schema is not checked at start, so ``ankommen db upgrade``
    can run; every other command checks it when it first uses the database.
    """
    if resources.is_checkout():
        directory = resources.translations_dir()
        stale = resources.stale_catalogs(directory)
        if stale:
            resources.compile_catalogs(directory)
            click.echo(f"Compiled the UI translations: {', '.join(stale)}", err=True)
    try:
        return create_app(check_database=False)
    except resources.MissingCatalogs as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)


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
