"""Events: a Stadtteilfest, a Kita summer party, a school entry examination.

An event has a short code that goes into its kiosk URL (``/k/CODE``) and its own-device
URL for the QR code (``/e/CODE``).  Responses through it are tagged with the event and
its district.  No Flask here: the CLI, the respondent pages and the coordinator area all
use these functions.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from survey_app.storage import events

#: Letters and digits that cannot be confused when typed from a poster (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MODES = ("kiosk", "own_device", "both")


@dataclass(frozen=True)
class Event:
    """One event as stored."""

    code: str
    name: str
    questionnaire_ids: list[str]
    district: str | None
    held_on: date
    mode: str
    closed: bool


class EventError(ValueError):
    """An event cannot be created or changed as asked; the message says why."""


def new_code() -> str:
    """A random short code, easy to read aloud and type."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """Codes are case-insensitive on posters: ``ab3xyz`` finds ``AB3XYZ``."""
    return code.strip().upper()


def _from_row(row: object) -> Event:
    return Event(
        code=row.code,  # type: ignore[attr-defined]
        name=row.name,  # type: ignore[attr-defined]
        questionnaire_ids=json.loads(row.questionnaire_ids),  # type: ignore[attr-defined]
        district=row.district,  # type: ignore[attr-defined]
        held_on=row.held_on,  # type: ignore[attr-defined]
        mode=row.mode,  # type: ignore[attr-defined]
        closed=bool(row.closed),  # type: ignore[attr-defined]
    )


def _validate(name: str, questionnaire_ids: list[str], mode: str) -> None:
    if not name.strip():
        raise EventError("An event needs a name.")
    if not questionnaire_ids:
        raise EventError("An event needs at least one questionnaire.")
    if mode not in MODES:
        raise EventError(f"Unknown mode {mode!r}; use one of {', '.join(MODES)}.")


def create_event(
    conn: Connection,
    *,
    name: str,
    questionnaire_ids: list[str],
    district: str | None,
    held_on: date,
    mode: str = "both",
    code: str | None = None,
) -> Event:
    """Create an event with a fresh (or the given) code and return it."""
    _validate(name, questionnaire_ids, mode)
    if code:
        code = normalise_code(code)
        if get_event(conn, code) is not None:
            raise EventError(f"The code {code} is taken.")
    else:
        code = new_code()
        while get_event(conn, code) is not None:
            code = new_code()
    event = Event(
        code, name.strip(), list(questionnaire_ids), district or None, held_on, mode, False
    )
    insert_event(conn, event)
    return event


def insert_event(conn: Connection, event: Event) -> None:
    """Store ``event`` as it is (its code unchecked: demo data and bundles bring theirs)."""
    conn.execute(
        insert(events).values(
            code=event.code,
            name=event.name,
            questionnaire_ids=json.dumps(event.questionnaire_ids),
            district=event.district,
            held_on=event.held_on,
            mode=event.mode,
            closed=event.closed,
        )
    )


def get_event(conn: Connection, code: str) -> Event | None:
    """The event with this code (any case), or None."""
    row = conn.execute(select(events).where(events.c.code == normalise_code(code))).first()
    return _from_row(row) if row is not None else None


def list_events(conn: Connection) -> list[Event]:
    """All events, newest first."""
    rows = conn.execute(select(events).order_by(events.c.held_on.desc(), events.c.name)).all()
    return [_from_row(row) for row in rows]


def update_event(
    conn: Connection,
    code: str,
    *,
    name: str,
    questionnaire_ids: list[str],
    district: str | None,
    held_on: date,
    mode: str,
) -> None:
    """Change an event's details (its code stays)."""
    _validate(name, questionnaire_ids, mode)
    conn.execute(
        update(events)
        .where(events.c.code == normalise_code(code))
        .values(
            name=name.strip(),
            questionnaire_ids=json.dumps(questionnaire_ids),
            district=district or None,
            held_on=held_on,
            mode=mode,
        )
    )


def set_closed(conn: Connection, code: str, closed: bool = True) -> None:
    """Close (or reopen) an event; a closed event accepts no responses."""
    conn.execute(update(events).where(events.c.code == normalise_code(code)).values(closed=closed))
