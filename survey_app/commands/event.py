"""``ankommen event``: create and list events (Stadtteilfest, Kita summer party, …)."""

from __future__ import annotations

import datetime

import click
from flask import current_app, url_for
from flask.cli import AppGroup

from survey_app.library import get_library
from survey_app.public_links import only_reachable_here, public_url_for
from survey_app.storage import event_store as events
from survey_app.storage.db import get_engine, write_transaction

event_cli = AppGroup("event", help="Events: a short code, a kiosk URL and a QR-code URL per event.")


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-06-14."
        ) from None


def _urls(code: str, base_url: str | None) -> tuple[str, str]:
    """Kiosk and own-device URL: on ``--base-url``, else ``PUBLIC_URL``, else localhost."""
    with current_app.test_request_context(base_url=base_url or "http://127.0.0.1:5000"):
        if base_url:
            return (
                url_for("respondent.kiosk", code=code, _external=True),
                url_for("respondent.own_device", code=code, _external=True),
            )
        urls = (
            public_url_for("respondent.kiosk", code=code),
            public_url_for("respondent.own_device", code=code),
        )
    if only_reachable_here(urls[1]):
        click.echo(
            "Note: these addresses work on this machine only; set PUBLIC_URL "
            "(ANKOMMEN_PUBLIC_URL=https://…) for posters and phones.",
            err=True,
        )
    return urls


@event_cli.command("create")
@click.argument("name")
@click.option(
    "--questionnaire",
    "questionnaire_ids",
    multiple=True,
    required=True,
    help="Questionnaire id (repeat for several).",
)
@click.option(
    "--district",
    default=None,
    help="District (Sozialraum) id the event's responses are tagged with.",
)
@click.option(
    "--date", "held_on", required=True, callback=_parse_date, help="Date of the event, YYYY-MM-DD."
)
@click.option(
    "--mode",
    type=click.Choice(events.MODES),
    default="both",
    show_default=True,
    help="Kiosk tablets, own phones (QR code) or both.",
)
@click.option(
    "--base-url",
    default=None,
    help="Where the app is reachable, for the printed URLs (default: PUBLIC_URL).",
)
def create_command(
    name: str,
    questionnaire_ids: tuple[str, ...],
    district: str | None,
    held_on: datetime.date,
    mode: str,
    base_url: str | None,
) -> None:
    """Create an event NAME and print its code and URLs."""
    library = get_library()
    for questionnaire_id in questionnaire_ids:
        questionnaire = library.get(questionnaire_id)
        if questionnaire is None:
            known = ", ".join(q.id for q in library.all()) or "none"
            raise click.UsageError(
                f"There is no questionnaire {questionnaire_id!r}. Known: {known}."
            )
        site = questionnaire.site
        if district and site is not None and district not in {d.id for d in site.districts}:
            known = ", ".join(d.id for d in site.districts)
            raise click.UsageError(
                f"There is no district {district!r} in {site.path}. Known: {known}."
            )
    try:
        with write_transaction() as conn:
            event = events.create_event(
                conn,
                name=name,
                questionnaire_ids=list(questionnaire_ids),
                district=district,
                held_on=held_on,
                mode=mode,
            )
    except events.EventError as error:
        raise click.UsageError(str(error)) from None
    kiosk_url, own_url = _urls(event.code, base_url)
    click.echo(f"Event {event.name!r} on {event.held_on.isoformat()}: code {event.code}")
    if mode in ("kiosk", "both"):
        click.echo(f"  kiosk (tablets):       {kiosk_url}")
    if mode in ("own_device", "both"):
        click.echo(f"  own device (QR code):  {own_url}")


@event_cli.command("list")
@click.option(
    "--base-url",
    default=None,
    help="Where the app is reachable, for the printed URLs (default: PUBLIC_URL).",
)
def list_command(base_url: str | None) -> None:
    """List all events, newest first, with their codes and URLs."""
    with get_engine().connect() as conn:
        found = events.list_events(conn)
    if not found:
        click.echo(
            "No events yet. Create one: ankommen event create NAME --questionnaire ID --district D --date YYYY-MM-DD"
        )
        return
    for event in found:
        state = "closed" if event.closed else "open"
        kiosk_url, own_url = _urls(event.code, base_url)
        click.echo(
            f"{event.code}  {event.held_on.isoformat()}  {state:6}  {event.mode:10}  {event.name}"
            f"  [{', '.join(event.questionnaire_ids)}]  district: {event.district or '-'}"
        )
        click.echo(f"        kiosk: {kiosk_url}   own device: {own_url}")


COMMANDS = [event_cli]
