"""The ``questionnaire_versions`` rows: published sources and their decisions."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from survey_app.storage.tables import questionnaire_versions as table


def version_rows(conn: Connection, questionnaire_id: str) -> list[Any]:
    """The published versions of a questionnaire as rows, oldest first."""
    query = select(table).where(table.c.questionnaire_id == questionnaire_id).order_by(table.c.id)
    return list(conn.execute(query))


def version_source(conn: Connection, version_id: int) -> str | None:
    """The YAML text a version was published with, or None."""
    return conn.execute(
        select(table.c.source_text).where(table.c.id == version_id)
    ).scalar_one_or_none()


def insert_version(
    conn: Connection,
    *,
    questionnaire_id: str,
    version: str,
    content_hash: str,
    source_text: str,
    published_by: str,
    published_on: date,
    changes: str,
    decisions: str,
) -> int:
    """Store a published version (``changes``, ``decisions``: JSON); returns its id."""
    result = conn.execute(
        insert(table).values(
            questionnaire_id=questionnaire_id,
            version=version,
            content_hash=content_hash,
            source_text=source_text,
            published_by=published_by,
            published_on=published_on,
            changes=changes,
            decisions=decisions,
        )
    )
    return int(result.inserted_primary_key[0])
