"""Accounts of the coordinator area: coordinators and planners.

Passwords are stored as scrypt hashes (``werkzeug.security``).  Failed logins slow
further attempts on the account down a little (:func:`backoff_seconds`, at most
:data:`BACKOFF_MAX_SECONDS`) but never lock it: the right password still opens it after
that short wait, so nobody can lock a coordinator out by typing wrong passwords.  The
failures since the last login are counted and shown at the next login.  A login with
an unknown name costs the same hashing work as one with a known name, so the answer
time does not tell which names exist.

No Flask here: the ``ankommen user`` commands and the login page share these functions.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection
from werkzeug.security import check_password_hash, generate_password_hash

from survey_app.storage import admin_sessions, users

COORDINATOR = "coordinator"
PLANNER = "planner"
ROLES = (COORDINATOR, PLANNER)

#: Failed logins in a row that cost no wait; each further one doubles the wait before
#: the next attempt is checked, up to :data:`BACKOFF_MAX_SECONDS`.
FREE_FAILED_LOGINS = 3
BACKOFF_MAX_SECONDS = 3.0
MIN_PASSWORD_LENGTH = 10
HASH_METHOD = "scrypt"


@functools.cache
def _dummy_hash() -> str:
    """Checked against when the name is unknown or locked, so every case does the same work."""
    return generate_password_hash("no such account", method=HASH_METHOD)


class UserError(ValueError):
    """An account cannot be created or changed as asked; the message says why."""


@dataclass(frozen=True)
class User:
    """An account as the app sees it (the hash stays in the database)."""

    id: int
    name: str
    role: str
    #: Failed logins since the last successful one.  In the account that
    #: :func:`authenticate` returns: those before this login (for the notice).
    failed_logins: int
    #: The next attempt is not checked before this time (the back-off).
    locked_until: datetime | None
    #: Changes whenever the password changes (a trusted-device cookie names it, so a
    #: new password ends that trust too).
    password_stamp: str

    @property
    def is_coordinator(self) -> bool:
        """True for coordinators (who may do everything)."""
        return self.role == COORDINATOR


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every time here is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _stamp(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def _from_row(row: object) -> User:
    return User(
        id=row.id,  # type: ignore[attr-defined]
        name=row.name,  # type: ignore[attr-defined]
        role=row.role,  # type: ignore[attr-defined]
        failed_logins=row.failed_logins,  # type: ignore[attr-defined]
        locked_until=_utc(row.locked_until),  # type: ignore[attr-defined]
        password_stamp=_stamp(row.password_hash),  # type: ignore[attr-defined]
    )


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100:
        raise UserError("A user name needs 1 to 100 characters.")
    if any(char.isspace() for char in name):
        raise UserError("A user name cannot contain spaces.")
    return name


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")


def hash_password(password: str) -> str:
    """The scrypt hash of ``password``, salted, as stored in ``users.password_hash``."""
    return generate_password_hash(password, method=HASH_METHOD)


def add_user(conn: Connection, name: str, role: str, password: str) -> User:
    """Create an account; raise :class:`UserError` for a taken name, bad role or short password."""
    name = _check_name(name)
    if role not in ROLES:
        raise UserError(f"Unknown role {role!r}; use one of {', '.join(ROLES)}.")
    _check_password(password)
    if get_user(conn, name) is not None:
        raise UserError(f"The user {name} exists already; use 'ankommen user set-password'.")
    conn.execute(
        insert(users).values(
            name=name, role=role, password_hash=hash_password(password), failed_logins=0
        )
    )
    user = get_user(conn, name)
    assert user is not None
    return user


def get_user(conn: Connection, name: str) -> User | None:
    """The account with exactly this name, or None."""
    row = conn.execute(select(users).where(users.c.name == name.strip())).first()
    return _from_row(row) if row is not None else None


def get_user_by_id(conn: Connection, user_id: int) -> User | None:
    """The account with this id, or None (e.g. after it was removed)."""
    row = conn.execute(select(users).where(users.c.id == user_id)).first()
    return _from_row(row) if row is not None else None


def list_users(conn: Connection) -> list[User]:
    """All accounts by name."""
    return [_from_row(row) for row in conn.execute(select(users).order_by(users.c.name))]


def remove_user(conn: Connection, name: str) -> None:
    """Delete an account and end its sessions; raise :class:`UserError` when there is
    none by that name."""
    user = get_user(conn, name)
    if user is None:
        raise UserError(f"There is no user {name.strip()}.")
    conn.execute(delete(admin_sessions).where(admin_sessions.c.user_id == user.id))
    conn.execute(delete(users).where(users.c.id == user.id))


def set_password(conn: Connection, name: str, password: str) -> None:
    """Give an account a new password, end its sessions and lift any back-off."""
    _check_password(password)
    user = get_user(conn, name)
    if user is None:
        raise UserError(f"There is no user {name.strip()}.")
    conn.execute(
        update(users)
        .where(users.c.id == user.id)
        .values(password_hash=hash_password(password), failed_logins=0, locked_until=None)
    )
    conn.execute(delete(admin_sessions).where(admin_sessions.c.user_id == user.id))


def backoff_seconds(failed_logins: int) -> float:
    """How long the next attempt waits after ``failed_logins`` failures in a row:
    nothing for the first :data:`FREE_FAILED_LOGINS`, then 0.5, 1, 2 seconds … up to
    :data:`BACKOFF_MAX_SECONDS`."""
    if failed_logins <= FREE_FAILED_LOGINS:
        return 0.0
    exponent = min(failed_logins - FREE_FAILED_LOGINS - 1, 10)
    return min(0.5 * 2**exponent, BACKOFF_MAX_SECONDS)


def wait_before_check(conn: Connection, name: str, now: datetime | None = None) -> float:
    """Seconds to wait before checking a password for ``name`` (0 for unknown names).

    Never more than :data:`BACKOFF_MAX_SECONDS`: the wait slows guessing down, it
    does not lock the account.
    """
    now = now or datetime.now(UTC)
    row = conn.execute(select(users.c.locked_until).where(users.c.name == name.strip())).first()
    not_before = _utc(row.locked_until) if row is not None else None
    if not_before is None or not_before <= now:
        return 0.0
    return min((not_before - now).total_seconds(), BACKOFF_MAX_SECONDS)


def authenticate(
    conn: Connection, name: str, password: str, now: datetime | None = None
) -> User | None:
    """The account if ``name`` and ``password`` match, else None.

    Callers show one generic message for every failure (unknown name, wrong password),
    so a failed login does not reveal which names exist; they wait
    :func:`wait_before_check` seconds first.  A failure counts against the account
    and sets the back-off for the next attempt; a success resets both.  The returned
    account's ``failed_logins`` is the number of failures since the previous login.
    """
    now = now or datetime.now(UTC)
    row = conn.execute(select(users).where(users.c.name == name.strip())).first()
    if row is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if check_password_hash(row.password_hash, password):
        conn.execute(
            update(users).where(users.c.id == row.id).values(failed_logins=0, locked_until=None)
        )
        return _from_row(row)
    failed = row.failed_logins + 1
    not_before = now + timedelta(seconds=backoff_seconds(failed))
    conn.execute(
        update(users)
        .where(users.c.id == row.id)
        .values(failed_logins=failed, locked_until=not_before)
    )
    return None
