"""``ankommen responses``: retention of raw responses."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from survey_app.coordinator.retention import MAX_MONTHS, purge_responses
from survey_app.storage import mix_stored_order
from survey_app.storage.db import write_transaction

CLI_USER = "cli"


@click.group("responses")
def responses_group() -> None:
    """Raw responses: delete those past the retention period."""


@responses_group.command("purge")
@click.option(
    "--older-than",
    "months",
    type=click.IntRange(min=1, max=MAX_MONTHS),
    default=None,
    help="Months; responses submitted before today minus this many months are deleted "
    "(default: RETENTION_MONTHS of this installation).",
)
@with_appcontext
def purge_command(months: int | None) -> None:
    """Delete raw responses older than N months (logged in the audit log).

    Briefs made before and the daily counts of started questionnaires are not affected.
    """
    months = months if months is not None else int(current_app.config["RETENTION_MONTHS"])
    with write_transaction() as conn:
        result = purge_responses(conn, months, CLI_USER)
    click.echo(
        f"Deleted {result.deleted} responses submitted before {result.cutoff.isoformat()} "
        f"(older than {months} months)."
    )


@responses_group.command("mix")
@with_appcontext
def mix_command() -> None:
    """Shuffle how responses lie in the database, so the order of rows does not tell
    the order of submissions (needed on PostgreSQL, e.g. nightly; SQLite stores them
    in random order anyway)."""
    with write_transaction() as conn:
        mix_stored_order(conn)
    click.echo("The stored order of responses says nothing about when they came in.")


COMMANDS = [responses_group]
