"""Round 1's schema, the base every later step builds on.

A database that round 1 created (it has ``schema_version`` at 1 and no
``alembic_version``) already has this schema and is only stamped with this revision;
an empty database gets it from here.  The tables are written out as round 1 created
them, not taken from ``storage.metadata``, which changes with later steps.
"""

from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0001", None


def _required(name: str, type_: Any, **options: Any) -> sa.Column:
    """A column that must have a value (``NOT NULL``)."""
    return sa.Column(name, type_, nullable=False, **options)


def upgrade() -> None:
    """Create round 1's tables in an empty database."""
    schema_version = op.create_table(
        "schema_version",
        sa.Column("version", sa.Integer, primary_key=True),
        _required("applied_on", sa.Date),
    )
    op.create_table(
        "responses",
        sa.Column("id", sa.String(36), primary_key=True),
        _required("questionnaire_id", sa.String(100)),
        _required("questionnaire_version", sa.String(50)),
        _required("questionnaire_hash", sa.String(64)),
        _required("language", sa.String(35)),
        _required("mode", sa.String(20)),
        sa.Column("event_code", sa.String(20), nullable=True),
        sa.Column("district", sa.String(100), nullable=True),
        _required("submitted_on", sa.Date),
        _required("answers", sa.Text),
    )
    op.create_index("ix_responses_questionnaire_id", "responses", ["questionnaire_id"])
    op.create_index("ix_responses_event_code", "responses", ["event_code"])
    op.create_table(
        "submission_tokens",
        sa.Column("token", sa.String(64), primary_key=True),
        _required("used_on", sa.Date),
    )
    op.create_table(
        "starts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _required("questionnaire_id", sa.String(100)),
        _required("event_code", sa.String(20)),
        _required("language", sa.String(35)),
        _required("day", sa.Date),
        _required("count", sa.Integer),
        sa.UniqueConstraint("questionnaire_id", "event_code", "language", "day"),
    )
    op.create_table(
        "events",
        sa.Column("code", sa.String(20), primary_key=True),
        _required("name", sa.String(200)),
        _required("questionnaire_ids", sa.Text),
        sa.Column("district", sa.String(100), nullable=True),
        _required("held_on", sa.Date),
        _required("mode", sa.String(20)),
        _required("closed", sa.Boolean),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _required("name", sa.String(100), unique=True),
        _required("role", sa.String(20)),
        _required("password_hash", sa.String(300)),
        _required("failed_logins", sa.Integer),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _required("at", sa.DateTime(timezone=True)),
        _required("user_name", sa.String(100)),
        _required("action", sa.String(50)),
        _required("detail", sa.Text),
    )
    op.create_table(
        "quotes",
        sa.Column("response_id", sa.String(36), primary_key=True),
        sa.Column("question_id", sa.String(100), primary_key=True),
        _required("approved", sa.Boolean),
        _required("decided_by", sa.String(100)),
        _required("decided_on", sa.Date),
    )
    op.bulk_insert(schema_version, [{"version": 1, "applied_on": date.today()}])


def downgrade() -> None:
    """Refused: below the base there is no schema, so every response would go."""
    raise RuntimeError("The base revision 0001 cannot be downgraded; it holds every response.")
