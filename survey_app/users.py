"""Accounts of the coordinator area: coordinators and planners.

Passwords are stored as scrypt hashes (``werkzeug.security``).  Repeated failed logins
lock the account for a while (:data:`MAX_FAILED_LOGINS`, :data:`LOCK_MINUTES`); a
login with an unknown name costs the same hashing work as one with a known name, so
the answer time does not tell which names exist.

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

from survey_app.storage import users

COORDINATOR = "coordinator"
PLANNER = "planner"
ROLES = (COORDINATOR, PLANNER)

#: Failed logins in a row that lock an account, and for how long.
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
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
    failed_logins: int
    locked_until: datetime | None
    #: Changes whenever the password changes; sessions remember it, so a new
    #: password ends every session that was opened with the old one.
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
    """Delete an account; raise :class:`UserError` when there is none by that name."""
    result = conn.execute(delete(users).where(users.c.name == name.strip()))
    if result.rowcount == 0:
        raise UserError(f"There is no user {name.strip()}.")


def set_password(conn: Connection, name: str, password: str) -> None:
    """Give an account a new password and lift any lock."""
    _check_password(password)
    result = conn.execute(
        update(users)
        .where(users.c.name == name.strip())
        .values(password_hash=hash_password(password), failed_logins=0, locked_until=None)
    )
    if result.rowcount == 0:
        raise UserError(f"There is no user {name.strip()}.")


def authenticate(
    conn: Connection, name: str, password: str, now: datetime | None = None
) -> User | None:
    """The account if ``name`` and ``password`` match and it is not locked, else None.

    Callers show one generic message for every failure (unknown name, wrong password,
    locked account), so a failed login does not reveal which names exist.  Each
    failure counts against the account; the :data:`MAX_FAILED_LOGINS`-th in a row
    locks it for :data:`LOCK_MINUTES`.  While it is locked, even the right password is
    refused and attempts do not extend the lock.
    """
    now = now or datetime.now(UTC)
    row = conn.execute(select(users).where(users.c.name == name.strip())).first()
    if row is None:
        check_password_hash(_dummy_hash(), password)
        return None
    locked_until = _utc(row.locked_until)
    if locked_until is not None and locked_until > now:
        check_password_hash(_dummy_hash(), password)
        return None
    if check_password_hash(row.password_hash, password):
        conn.execute(
            update(users).where(users.c.id == row.id).values(failed_logins=0, locked_until=None)
        )
        return get_user_by_id(conn, row.id)
    failed = row.failed_logins + 1
    values: dict[str, object] = {"failed_logins": failed}
    if failed >= MAX_FAILED_LOGINS:
        values = {"failed_logins": 0, "locked_until": now + timedelta(minutes=LOCK_MINUTES)}
    conn.execute(update(users).where(users.c.id == row.id).values(**values))
    return None
