"""``ankommen drafts``: unfinished answers kept in the database until they expire."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from survey_app.storage.draft_store import get_drafts


@click.group("drafts")
def drafts_group() -> None:
    """Unfinished answers: how many there are; delete the expired ones."""


@drafts_group.command("purge")
@with_appcontext
def purge_command() -> None:
    """Delete every expired draft (also done whenever a new draft starts)."""
    store = get_drafts()
    deleted = store.purge()
    click.echo(f"Deleted {deleted} expired draft(s); {len(store)} unfinished remain.")


COMMANDS = [drafts_group]
