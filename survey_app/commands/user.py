"""``ankommen user``: accounts of the coordinator area."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from survey_app.storage.db import get_engine, write_transaction
from survey_app.storage.user_store import (
    ROLES,
    UserError,
    add_user,
    list_users,
    remove_user,
    set_password,
)


def _read_password(from_stdin: bool) -> str:
    """The new password: one line from stdin, or asked twice on the terminal (hidden)."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise click.UsageError("No password on stdin.")
        return password
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


_password_stdin = click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of stdin instead of asking twice.",
)


@click.group("user")
def user_group() -> None:
    """Accounts for coordinators and planners."""


@user_group.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(ROLES),
    required=True,
    help="coordinator: everything; planner: results only.",
)
@_password_stdin
@with_appcontext
def add_command(name: str, role: str, password_stdin: bool) -> None:
    """Create the account NAME with a password (scrypt-hashed)."""
    password = _read_password(password_stdin)
    try:
        with write_transaction() as conn:
            add_user(conn, name, role, password)
    except UserError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Added {role} {name.strip()}.")


@user_group.command("list")
@with_appcontext
def list_command() -> None:
    """List the accounts with their roles (and failed logins since the last login)."""
    with get_engine().connect() as conn:
        accounts = list_users(conn)
    if not accounts:
        click.echo("No accounts yet. Add one with: ankommen user add NAME --role coordinator")
        return
    for account in accounts:
        failed = (
            f"  {account.failed_logins} failed logins since the last login"
            if account.failed_logins
            else ""
        )
        click.echo(f"{account.name}\t{account.role}{failed}")


@user_group.command("remove")
@click.argument("name")
@with_appcontext
def remove_command(name: str) -> None:
    """Delete the account NAME (its open sessions end at once)."""
    try:
        with write_transaction() as conn:
            remove_user(conn, name)
    except UserError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Removed {name.strip()}.")


@user_group.command("set-password")
@click.argument("name")
@_password_stdin
@with_appcontext
def set_password_command(name: str, password_stdin: bool) -> None:
    """Give NAME a new password; this also lifts a lock and ends its sessions."""
    password = _read_password(password_stdin)
    try:
        with write_transaction() as conn:
            set_password(conn, name, password)
    except UserError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"New password set for {name.strip()}.")


COMMANDS = [user_group]
