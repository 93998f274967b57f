"""Drafts in the database: unfinished answers survive restarts and are shared.

A new table only (``drafts``: random id, JSON state, expiry in whole minutes); no
existing table changes. The downgrade drops it — unfinished answers are lost then,
never a submitted response.
"""

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0003", "0002"


def upgrade() -> None:
    """Create ``drafts``."""
    op.create_table(
        "drafts",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("expires_at", sa.Integer, nullable=False),
    )
    op.create_index("ix_drafts_expires_at", "drafts", ["expires_at"])


def downgrade() -> None:
    """Drop ``drafts`` (unfinished answers only)."""
    op.drop_index("ix_drafts_expires_at", table_name="drafts")
    op.drop_table("drafts")
