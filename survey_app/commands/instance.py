"""``ankommen init``: make an installation ready — database and example questionnaires.

An installed wheel keeps its questionnaires in ``<instance>/questionnaires`` (or
wherever ``ANKOMMEN_QUESTIONNAIRE_DIR`` points); ``init`` copies the shipped examples,
site file and pictograms there without overwriting anything a coordinator changed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from survey_app import resources
from survey_app.storage import shown_url
from survey_app.storage.db import get_engine


def copy_examples(target: Path) -> tuple[list[Path], list[Path]]:
    """Copy the shipped examples into ``target``; return (copied, kept as they were).

    A file already in ``target`` is never overwritten. Nothing is copied when
    ``target`` is the shipped folder itself (a checkout's ``questionnaires/``).
    """
    source = resources.examples_dir()
    if target.resolve() == source.resolve():
        return [], []
    copied: list[Path] = []
    kept: list[Path] = []
    for path in sorted(source.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        destination = target / path.relative_to(source)
        if destination.exists():
            kept.append(destination)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        copied.append(destination)
    return copied, kept


def init_instance() -> None:
    """Create the database and put the example questionnaires in place (idempotent)."""
    folder = Path(current_app.config["QUESTIONNAIRE_DIR"])
    copied, kept = copy_examples(folder)
    url = shown_url(current_app.config["DATABASE_URL"])
    get_engine()
    click.echo(f"Database: {url}")
    click.echo(f"Questionnaire folder: {folder}")
    if copied:
        click.echo(f"  {len(copied)} example file(s) copied.")
    if kept:
        click.echo(f"  {len(kept)} file(s) already there, left as they are.")


@click.command("init")
@with_appcontext
def init_command() -> None:
    """Create the database and copy the example questionnaires into the instance."""
    init_instance()


COMMANDS = [init_command]
