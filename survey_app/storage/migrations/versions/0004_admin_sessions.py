"""Server-side coordinator sessions: logout, a new password or a removed account end them.

A new table only (``admin_sessions``: the SHA-256 of the cookie's random token, the
account, when the session started and was last seen). ``users`` keeps its columns;
``failed_logins`` and ``locked_until`` now mean "failures since the last login" and
"next attempt not checked before" (no lock any more). The downgrade drops the table:
everyone is logged out, nothing else is lost.
"""

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0004", "0003"


def _moment(name: str) -> sa.Column:
    """A required point in time with its time zone (the session's start, its last use)."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    """Create ``admin_sessions``."""
    op.create_table(
        "admin_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_admin_sessions_user_id"),
            nullable=False,
        ),
        _moment("started_at"),
        _moment("seen_at"),
    )


def downgrade() -> None:
    """Drop ``admin_sessions`` (everyone is logged out)."""
    op.drop_table("admin_sessions")
