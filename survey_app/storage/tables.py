"""Every table of ankommen, as the newest schema has it.

Plain SQLAlchemy Core, no Flask, so the analysis can read the same tables.  Every
change to them is an Alembic step in ``survey_app/storage/migrations/versions/``.

Privacy is part of the schema: a response row has a date but no time of day, and there
is no column for an IP address, a user agent or anything else that identifies a device.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

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

#: Unfinished answers (see survey_app/storage/draft_store.py): never read by exports or the analysis.
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


def text_limits(table: Table) -> dict[str, tuple[int, bool]]:
    """Each text column of ``table`` with a length, in table order: (longest, may be
    missing) — what a value from outside (e.g. a bundle) must fit."""
    return {
        column.name: (column.type.length, bool(column.nullable))
        for column in table.columns
        if isinstance(column.type, String) and column.type.length is not None
    }
