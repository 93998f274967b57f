"""The one storage module of ankommen: tables and engine.

Plain SQLAlchemy Core, no Flask, so the analysis can read the same tables.  SQLite is
the default (a file in the instance folder, WAL journal); PostgreSQL is reached through
a ``postgresql+psycopg://`` URL.

The tables here are the newest schema; every change to them is an Alembic step in
``survey_app/migrations/versions/`` (see :mod:`survey_app.migrations`).

Privacy is part of the schema: a response row has a date but no time of day, and there
is no column for an IP address, a user agent or anything else that identifies a device.
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

#: One row per completed questionnaire.  ``submitted_on`` is a date on purpose.
responses = Table(
    "responses",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("questionnaire_id", String(100), nullable=False, index=True),
    Column("questionnaire_version", String(50), nullable=False),
    Column("questionnaire_hash", String(64), nullable=False),
    Column("language", String(35), nullable=False),
    Column("mode", String(20), nullable=False),
    Column("event_code", String(20), nullable=True, index=True),
    Column("district", String(100), nullable=True),
    Column("submitted_on", Date, nullable=False),
    Column("answers", Text, nullable=False),
)

#: ``responses`` as SQLite stores it, with the hidden ``rowid`` that orders its b-tree
#: (and its indexes).  Responses are inserted with a random rowid, so neither the row
#: numbers nor the order of rows in the file follow the order of submission.
_sqlite_responses = Table(
    "responses",
    MetaData(),
    Column("rowid", Integer),
    *(column._copy() for column in responses.columns),
)

#: One-time submission tokens: a token used once makes a repeated POST harmless.
#: It refers to no response, so a token cannot link a browser session to answers.
submission_tokens = Table(
    "submission_tokens",
    metadata,
    Column("token", String(64), primary_key=True),
    Column("used_on", Date, nullable=False),
)

#: Started questionnaires per day, without any answer content (for completion rates).
starts = Table(
    "starts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("questionnaire_id", String(100), nullable=False),
    Column("event_code", String(20), nullable=False, default=""),
    Column("language", String(35), nullable=False),
    Column("day", Date, nullable=False),
    Column("count", Integer, nullable=False, default=0),
    UniqueConstraint("questionnaire_id", "event_code", "language", "day"),
)

events = Table(
    "events",
    metadata,
    Column("code", String(20), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("questionnaire_ids", Text, nullable=False),  # JSON list
    Column("district", String(100), nullable=True),
    Column("held_on", Date, nullable=False),
    Column("mode", String(20), nullable=False, default="kiosk"),
    Column("closed", Boolean, nullable=False, default=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(300), nullable=False),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True), nullable=True),
)

#: Open sessions of the coordinator area.  The cookie holds a random token; only its
#: SHA-256 is stored, so reading the database does not open a session.  Deleting a
#: row ends that session at once (logout, new password, account removed, timeouts).
admin_sessions = Table(
    "admin_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column(
        "user_id",
        Integer,
        ForeignKey("users.id", ondelete="CASCADE", name="fk_admin_sessions_user_id"),
        nullable=False,
    ),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

#: Who did what with the data (exports, purges, quote approvals).
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user_name", String(100), nullable=False),
    Column("action", String(50), nullable=False),
    Column("detail", Text, nullable=False, default=""),
)

#: Free-text answers a coordinator approved (or rejected) for quoting in a brief.
quotes = Table(
    "quotes",
    metadata,
    Column("response_id", String(36), primary_key=True),
    Column("question_id", String(100), primary_key=True),
    Column("approved", Boolean, nullable=False),
    Column("decided_by", String(100), nullable=False),
    Column("decided_on", Date, nullable=False),
)

#: Unfinished answers (see survey_app/drafts.py): never read by exports or the analysis.
#: ``expires_at`` is in whole minutes since the epoch; no other time is kept.
drafts = Table(
    "drafts",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("state", Text, nullable=False),
    Column("expires_at", Integer, nullable=False, index=True),
)


#: Questionnaire versions published in the coordinator area or with ``ankommen
#: questionnaire publish``: the exact source, who published it on which day (no time
#: of day), a summary of what changed and the decisions (JSON) on answers to questions
#: and choices the version renamed or retired (see survey_app/versions.py).
questionnaire_versions = Table(
    "questionnaire_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("questionnaire_id", String(100), nullable=False, index=True),
    Column("version", String(50), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("source_text", Text, nullable=False),
    Column("published_by", String(100), nullable=False),
    Column("published_on", Date, nullable=False),
    Column("changes", Text, nullable=False, default=""),
    Column("decisions", Text, nullable=False, default="[]"),
)


def make_engine(url: str) -> Engine:
    """Create an engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: Engine) -> str:
    """Create the schema in an empty database, or check it is the newest; the revision.

    A database at an older revision is not changed here: that needs
    ``ankommen db upgrade`` (:func:`survey_app.migrations.upgrade`, with a backup);
    until then this raises :class:`survey_app.migrations.SchemaError`.
    """
    from survey_app.migrations import ensure_ready

    return ensure_ready(engine)


@dataclass(frozen=True)
class StoredResponse:
    """A completed response as the analysis and exports read it."""

    id: str
    questionnaire_id: str
    questionnaire_version: str
    questionnaire_hash: str
    language: str
    mode: str
    event_code: str | None
    district: str | None
    submitted_on: date
    answers: dict[str, Any]


def new_token() -> str:
    """A random one-time submission token."""
    return secrets.token_urlsafe(24)


def store_response(
    conn: Connection,
    *,
    token: str,
    questionnaire_id: str,
    questionnaire_version: str,
    questionnaire_hash: str,
    language: str,
    mode: str,
    event_code: str | None,
    district: str | None,
    answers: dict[str, Any],
    today: date | None = None,
) -> bool:
    """Store one response unless ``token`` was used before; return whether it was stored.

    Call inside a transaction (``engine.begin()``): the token row and the response are
    committed together, so a retried POST can never store a second copy.  The row's
    id is random, and on SQLite so is its place in the file (:data:`_sqlite_responses`).
    """
    day = today or date.today()
    used = conn.execute(
        select(submission_tokens.c.token).where(submission_tokens.c.token == token)
    ).first()
    if used is not None:
        return False
    conn.execute(insert(submission_tokens).values(token=token, used_on=day))
    placement: dict[str, int] = {}
    table = responses
    if conn.dialect.name == "sqlite":
        table = _sqlite_responses
        placement["rowid"] = secrets.randbelow(2**63 - 1) + 1
    conn.execute(
        insert(table).values(
            **placement,
            id=str(uuid.uuid4()),
            questionnaire_id=questionnaire_id,
            questionnaire_version=questionnaire_version,
            questionnaire_hash=questionnaire_hash,
            language=language,
            mode=mode,
            event_code=event_code,
            district=district,
            submitted_on=day,
            answers=json.dumps(answers, ensure_ascii=False, sort_keys=True),
        )
    )
    return True


def mix_stored_order(conn: Connection) -> None:
    """Make the physical order of stored responses say nothing about submission order.

    SQLite needs nothing (random rowids, see :func:`store_response`).  PostgreSQL
    appends rows to its heap in insertion order and stamps each with the id of the
    inserting transaction (``xmin``): this rewrites every row in one transaction (one
    ``xmin`` for all) and then ``CLUSTER``s the table by its random primary key.  Rows
    stored after the call are in order again until the next call (``ankommen responses
    mix``, e.g. nightly or after an event).  It locks the table for the moment it takes.
    """
    if conn.dialect.name != "postgresql":
        return
    conn.execute(update(responses).values(answers=responses.c.answers))
    conn.execute(text("CLUSTER responses USING responses_pkey"))


def count_start(
    conn: Connection,
    *,
    questionnaire_id: str,
    event_code: str | None,
    language: str,
    today: date | None = None,
) -> None:
    """Count one started questionnaire for the day (no answers, no time of day)."""
    day = today or date.today()
    key = {
        "questionnaire_id": questionnaire_id,
        "event_code": event_code or "",
        "language": language,
        "day": day,
    }
    row = conn.execute(
        select(starts.c.id).where(*(starts.c[name] == value for name, value in key.items()))
    ).first()
    if row is None:
        conn.execute(insert(starts).values(count=1, **key))
    else:
        conn.execute(starts.update().where(starts.c.id == row.id).values(count=starts.c.count + 1))


def iter_responses(
    conn: Connection,
    questionnaire_id: str | None = None,
    *,
    event_code: str | None = None,
    district: str | None = None,
    batch_size: int = 5000,
) -> Iterable[StoredResponse]:
    """Yield stored responses, optionally filtered, streaming in batches."""
    query = select(responses).order_by(responses.c.submitted_on, responses.c.id)
    if questionnaire_id is not None:
        query = query.where(responses.c.questionnaire_id == questionnaire_id)
    if event_code is not None:
        query = query.where(responses.c.event_code == event_code)
    if district is not None:
        query = query.where(responses.c.district == district)
    # Per statement, not per connection: a connection-wide yield_per would break the
    # next write on the same PostgreSQL connection.
    result = conn.execute(query, execution_options={"yield_per": batch_size})
    for row in result:
        yield StoredResponse(
            id=row.id,
            questionnaire_id=row.questionnaire_id,
            questionnaire_version=row.questionnaire_version,
            questionnaire_hash=row.questionnaire_hash,
            language=row.language,
            mode=row.mode,
            event_code=row.event_code,
            district=row.district,
            submitted_on=row.submitted_on,
            answers=json.loads(row.answers),
        )


def log_action(conn: Connection, user_name: str, action: str, detail: str = "") -> None:
    """Write one entry to the audit log."""
    conn.execute(
        insert(audit_log).values(
            at=datetime.now(UTC), user_name=user_name, action=action, detail=detail
        )
    )
