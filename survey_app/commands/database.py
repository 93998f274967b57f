"""``ankommen db``: where the database's schema stands, upgrades and downgrades.

These commands work on the configured database (``ANKOMMEN_DATABASE_URL`` or the
SQLite file in the instance folder) without the app's start-up check, so they run
on a database the app itself refuses.  See :mod:`survey_app.storage.migrations`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from survey_app import storage
from survey_app.storage import migrations

db_cli = AppGroup("db", help="The database schema: show its revision, upgrade, downgrade.")


@contextmanager
def _engine() -> Iterator[storage.Engine]:
    engine = storage.make_engine(current_app.config["DATABASE_URL"])
    try:
        yield engine
    finally:
        engine.dispose()


def _name(engine: storage.Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _report(outcome: migrations.Outcome) -> None:
    if outcome.backup is not None:
        click.echo(f"Backup of the database before the first step: {outcome.backup}")
    for step in outcome.steps:
        click.echo(f"  {step}")


@db_cli.command("current")
@with_appcontext
def current_command() -> None:
    """Say which schema revision the database is at, and whether it is the newest."""
    with _engine() as engine:
        click.echo(f"Database: {_name(engine)}")
        click.echo(f"Schema: {migrations.status(engine).describe()}")


@db_cli.command("upgrade")
@with_appcontext
def upgrade_command() -> None:
    """Bring the database to the newest schema, all steps in one transaction.

    On SQLite a copy of the file is written first (its name is printed); on
    PostgreSQL make a dump first (pg_dump).  If a step fails, nothing is changed.
    """
    with _engine() as engine:
        click.echo(f"Database: {_name(engine)}")
        try:
            outcome = migrations.upgrade(engine)
        except migrations.SchemaError as error:
            raise click.ClickException(str(error)) from error
        if not outcome.steps:
            click.echo(f"Nothing to do: {outcome.before.describe()}.")
            return
        _report(outcome)
        click.echo(f"Upgraded to revision {outcome.revision} (the newest).")


@db_cli.command("downgrade")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def downgrade_command(yes: bool) -> None:
    """Undo the newest schema step (for going back to the previous release).

    What that step added is dropped; on SQLite a copy of the file is written first.
    """
    with _engine() as engine:
        click.echo(f"Database: {_name(engine)}")
        current = migrations.status(engine)
        if not yes:
            click.confirm(f"Undo the newest step of {current.describe()}?", abort=True)
        try:
            outcome = migrations.downgrade(engine)
        except migrations.SchemaError as error:
            raise click.ClickException(str(error)) from error
        _report(outcome)
        click.echo(f"Downgraded to revision {outcome.revision}.")


@db_cli.command("revision")
@click.option("-m", "--message", required=True, help="What the schema change does.")
@with_appcontext
def revision_command(message: str) -> None:
    """(Developers) write the next migration step from the change to storage/tables.py.

    Compares ``survey_app/storage/tables.py`` with the configured database, which must be
    at the newest revision; review the file it writes and add its fixture step to
    tests/upgrade/test_round1_upgrade.py.
    """
    with _engine() as engine:
        try:
            path = migrations.new_revision(engine, message)
        except migrations.SchemaError as error:
            raise click.ClickException(str(error)) from error
    click.echo(f"Wrote {path}")


COMMANDS = [db_cli]
