"""Test-only step 1: copy ``responses`` into a new table with one more column.

On SQLite this is batch mode's copy-and-move (create, copy rows, drop, rename) —
where a half-done upgrade would lose answers.  It follows the newest shipped step.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from survey_app.storage.migrations import head

revision = "test_copy"
down_revision = head()
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Recreate ``responses`` with a ``test_marker`` column."""
    with op.batch_alter_table("responses", recreate="always") as batch:
        batch.add_column(sa.Column("test_marker", sa.String(10), nullable=True))
    op.execute("UPDATE responses SET test_marker = 'copied'")


def downgrade() -> None:
    """Drop the column again."""
    with op.batch_alter_table("responses", recreate="always") as batch:
        batch.drop_column("test_marker")
