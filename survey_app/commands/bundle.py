"""``ankommen bundle``: carry an event laptop's responses to the central installation.

ankommen bundle key                               # once; the same key on both machines
ankommen bundle export [--event CODE ...] -o F    # on the laptop
ankommen bundle import F                          # on the central installation
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from survey_app import bundles
from survey_app.bundle_import import ImportReport, import_content
from survey_app.library import get_library
from survey_app.storage import IntegrityError
from survey_app.storage.db import write_transaction

CLI_USER = "cli"

bundle_cli = AppGroup(
    "bundle",
    help="Signed bundles: an event laptop's responses and events, imported centrally exactly once.",
)


@bundle_cli.command("key")
def key_command() -> None:
    """Print a fresh bundle key (put the same key on the laptop and the central server)."""
    click.echo(bundles.new_key())


@bundle_cli.command("export")
@click.option(
    "--event",
    "event_codes",
    multiple=True,
    help="Only this event's responses (repeat for several); default: all responses.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="The bundle file to write, e.g. /media/usb/stadtteilfest.ankommen.zip.",
)
def export_command(event_codes: tuple[str, ...], output: Path) -> None:
    """Write a signed bundle of this installation's responses, events and quote decisions."""
    key = current_app.config.get("BUNDLE_KEY")
    try:
        with write_transaction() as conn:
            content = bundles.export_bundle(conn, output, key, event_codes, CLI_USER)
    except bundles.BundleError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"Cannot write {output}: {error.strerror}.") from None
    codes = ", ".join(event["code"] for event in content["events"]) or "none"
    click.echo(
        f"Wrote {output}: {len(content['responses'])} responses, events {codes}, "
        f"{len(content['quotes'])} quote decisions."
    )


@bundle_cli.command("import")
@click.argument("bundle_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--accept-event-differences",
    is_flag=True,
    help="Import even when an event code exists here with other details "
    "(the details here are kept).",
)
@click.option("--dry-run", is_flag=True, help="Report what an import would do; store nothing.")
def import_command(bundle_file: Path, accept_event_differences: bool, dry_run: bool) -> None:
    """Store a bundle's responses exactly once, in one transaction, and audit it."""
    key = current_app.config.get("BUNDLE_KEY")
    try:
        content, digest = bundles.read_file(bundle_file, key)
        with write_transaction() as conn:
            report = import_content(
                conn,
                content,
                get_library().all(),
                user_name=CLI_USER,
                bundle_hash=digest,
                accept_event_differences=accept_event_differences,
            )
            if dry_run:
                raise _DryRun(report)
    except _DryRun as done:
        click.echo(f"Dry run, nothing was stored. Importing {bundle_file} would give:")
        _print_report(done.report)
        return
    except bundles.BundleError as error:
        raise click.ClickException(str(error)) from None
    except IntegrityError:
        raise click.ClickException(
            "Another import stored some of these responses at the same time; nothing of "
            "this bundle was imported. Run the import again."
        ) from None
    click.echo(f"Imported {bundle_file}.")
    _print_report(report)


class _DryRun(Exception):
    """Leaves the import's transaction (rolling it back) with its report."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("dry run")
        self.report = report


def _print_report(report: ImportReport) -> None:
    click.echo(f"  responses: {report.responses_new} new, {report.responses_already} already there")
    if report.responses_already_differing:
        click.echo(
            f"  {len(report.responses_already_differing)} of those already there differ from "
            "the bundle; the stored ones were kept: "
            + ", ".join(report.responses_already_differing[:10])
        )
    if report.responses_refused:
        click.echo(
            f"  refused: {len(report.responses_refused)} (their answers do not fit the "
            "questionnaire here; they stay on the laptop):"
        )
        for response_id, problems in sorted(report.responses_refused.items())[:20]:
            click.echo(f"    {response_id}: {', '.join(problems)}")
    for (questionnaire_id, version), count in sorted(report.unchecked.items()):
        click.echo(
            f"  stored unchecked: {count} responses of {questionnaire_id} version {version} "
            "(this installation does not have that questionnaire version)"
        )
    click.echo(f"  events: {len(report.events_new)} new, {len(report.events_same)} already there")
    for code, differences in sorted(report.events_differing.items()):
        click.echo(f"  event {code} kept as here; the bundle differs: {'; '.join(differences)}")
    click.echo(
        f"  quote decisions: {report.quotes_new} new, {report.quotes_already} already there, "
        f"{report.quotes_differing} differing (kept as here)"
    )


COMMANDS = [bundle_cli]
