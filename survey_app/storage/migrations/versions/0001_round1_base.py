"""Round 1's schema, the base every later step builds on.

A database that round 1 created (it has ``schema_version`` at 1 and no
``alembic_version``) already has this schema and is only stamped with this revision;
an empty database gets it from here.  The tables are written out as round 1 created
them, not taken from ``storage.metadata``, which changes with later steps.
"""

from datetime import date

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0001", None


def upgrade() -> None:
    """Create round 1's tables in an empty database."""
    schema_version = op.create_table(
        "schema_version",
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("applied_on", sa.Date, nullable=False),
    )
    op.create_table(
        "responses",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("questionnaire_id", sa.String(100), nullable=False),
        sa.Column("questionnaire_version", sa.String(50), nullable=False),
        sa.Column("questionnaire_hash", sa.String(64), nullable=False),
        sa.Column("language", sa.String(35), nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("event_code", sa.String(20), nullable=True),
        sa.Column("district", sa.String(100), nullable=True),
        sa.Column("submitted_on", sa.Date, nullable=False),
        sa.Column("answers", sa.Text, nullable=False),
    )
    op.create_index("ix_responses_questionnaire_id", "responses", ["questionnaire_id"])
    op.create_index("ix_responses_event_code", "responses", ["event_code"])
    op.create_table(
        "submission_tokens",
        sa.Column("token", sa.String(64), primary_key=True),
        sa.Column("used_on", sa.Date, nullable=False),
    )
    op.create_table(
        "starts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("questionnaire_id", sa.String(100), nullable=False),
        sa.Column("event_code", sa.String(20), nullable=False),
        sa.Column("language", sa.String(35), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.UniqueConstraint("questionnaire_id", "event_code", "language", "day"),
    )
    op.create_table(
        "events",
        sa.Column("code", sa.String(20), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("questionnaire_ids", sa.Text, nullable=False),
        sa.Column("district", sa.String(100), nullable=True),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("closed", sa.Boolean, nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_table(
        "quotes",
        sa.Column("response_id", sa.String(36), primary_key=True),
        sa.Column("question_id", sa.String(100), primary_key=True),
        sa.Column("approved", sa.Boolean, nullable=False),
        sa.Column("decided_by", sa.String(100), nullable=False),
        sa.Column("decided_on", sa.Date, nullable=False),
    )
    op.bulk_insert(schema_version, [{"version": 1, "applied_on": date.today()}])


def downgrade() -> None:
    """Refused: below the base there is no schema, so every response would go."""
    raise RuntimeError("The base revision 0001 cannot be downgraded; it holds every response.")
