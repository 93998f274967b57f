"""Published questionnaire versions, with the decisions that keep earlier answers.

A new table only (``questionnaire_versions``: the questionnaire id, its version and
content hash, the YAML as published, who published it on which day, what changed, and
the rename/retire decisions as JSON). Responses keep their columns: they already name
the version and content hash they were answered in. The downgrade drops the table; no
answer is lost, but exports then no longer map renamed questions and choices.
"""

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0005", "0004"


def upgrade() -> None:
    """Create ``questionnaire_versions``."""
    op.create_table(
        "questionnaire_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("questionnaire_id", sa.String(100), nullable=False),
        sa.Column("version", sa.String(50), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source_text", sa.Text, nullable=False),
        sa.Column("published_by", sa.String(100), nullable=False),
        sa.Column("published_on", sa.Date, nullable=False),
        sa.Column("changes", sa.Text, nullable=False),
        sa.Column("decisions", sa.Text, nullable=False),
    )
    op.create_index(
        "ix_questionnaire_versions_questionnaire_id",
        "questionnaire_versions",
        ["questionnaire_id"],
    )


def downgrade() -> None:
    """Drop ``questionnaire_versions`` (stored answers are untouched)."""
    op.drop_index("ix_questionnaire_versions_questionnaire_id", table_name="questionnaire_versions")
    op.drop_table("questionnaire_versions")
