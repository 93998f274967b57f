"""Server-side sessions of the coordinator area: revocable, with idle and absolute limits.

The signed session cookie holds only a random token; the ``admin_sessions`` table
holds its SHA-256, the account and two times.  A session is valid while its row
exists, the account exists, it was used within the idle limit and it is younger than
the absolute limit.  Deleting the row (logout), a new password or removing the account
(:func:`end_user_sessions`, the foreign key) ends it at once — a copied cookie is dead
from then on.

No Flask here: the login views and the ``ankommen user`` commands share it.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.engine import Connection

from survey_app.storage import admin_sessions
from survey_app.storage.user_store import User, get_user_by_id

#: ``seen_at`` is written at most this often, so reading pages does not mean a write
#: per request; the idle limit is exact to within this many seconds.
TOUCH_SECONDS = 30


@dataclass(frozen=True)
class Found:
    """What a token opened: the account, or None and whether the session timed out."""

    user: User | None
    timed_out: bool = False


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def open_session(conn: Connection, user: User, now: datetime | None = None) -> str:
    """Start a session for ``user``; return the token for the cookie."""
    now = now or datetime.now(UTC)
    token = secrets.token_urlsafe(32)
    conn.execute(
        insert(admin_sessions).values(
            token_hash=_hash(token), user_id=user.id, started_at=now, seen_at=now
        )
    )
    return token


def find_session(
    conn: Connection,
    token: str,
    *,
    idle: timedelta,
    lifetime: timedelta,
    now: datetime | None = None,
    activity: bool = True,
) -> Found:
    """The account of the session ``token``; ends it if it is idle or too old.

    ``activity`` marks the request as use of the session (a self-refreshing page is
    not), which moves the idle limit on.
    """
    now = now or datetime.now(UTC)
    row = conn.execute(
        select(admin_sessions).where(admin_sessions.c.token_hash == _hash(token))
    ).first()
    if row is None:
        return Found(None)
    seen_at, started_at = _utc(row.seen_at), _utc(row.started_at)
    if now - seen_at > idle or now - started_at > lifetime:
        conn.execute(delete(admin_sessions).where(admin_sessions.c.token_hash == row.token_hash))
        return Found(None, timed_out=True)
    user = get_user_by_id(conn, row.user_id)
    if user is None:
        end_user_sessions(conn, row.user_id)
        return Found(None)
    if activity and (now - seen_at).total_seconds() >= TOUCH_SECONDS:
        conn.execute(
            update(admin_sessions)
            .where(admin_sessions.c.token_hash == row.token_hash)
            .values(seen_at=now)
        )
    return Found(user)


def end_session(conn: Connection, token: str) -> None:
    """End the session ``token`` (logout)."""
    conn.execute(delete(admin_sessions).where(admin_sessions.c.token_hash == _hash(token)))


def end_user_sessions(conn: Connection, user_id: int) -> None:
    """End every session of an account (new password, account removed)."""
    conn.execute(delete(admin_sessions).where(admin_sessions.c.user_id == user_id))


def purge_expired(
    conn: Connection, *, idle: timedelta, lifetime: timedelta, now: datetime | None = None
) -> int:
    """Delete the rows of sessions past either limit; return how many."""
    now = now or datetime.now(UTC)
    result = conn.execute(
        delete(admin_sessions).where(
            or_(
                admin_sessions.c.seen_at < now - idle,
                admin_sessions.c.started_at < now - lifetime,
            )
        )
    )
    return int(result.rowcount or 0)
