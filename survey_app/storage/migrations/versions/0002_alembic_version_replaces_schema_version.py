"""Drop round 1's ``schema_version``: Alembic's ``alembic_version`` replaces it.

Round 1 counted its own migrations in ``schema_version`` (it only ever held 1).
From here on Alembic's ``alembic_version`` says where a database stands; the
downgrade puts the old table back as round 1 left it.
"""

from datetime import date

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0002", "0001"


def upgrade() -> None:
    """Drop ``schema_version``."""
    op.drop_table("schema_version")


def downgrade() -> None:
    """Recreate ``schema_version`` at round 1's version 1."""
    schema_version = op.create_table(
        "schema_version",
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("applied_on", sa.Date, nullable=False),
    )
    op.bulk_insert(schema_version, [{"version": 1, "applied_on": date.today()}])
