"""Counts over the stored data: responses and starts, never their answers."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from survey_app.storage.tables import audit_log, responses, starts

#: (questionnaire id, event code or "", language, day)
GroupKey = tuple[str, str, str, date]


def count_responses(
    conn: Connection, *, questionnaire_id: str | None = None, before: date | None = None
) -> int:
    """How many responses are stored (to one questionnaire, submitted before a day)."""
    query = select(func.count()).select_from(responses)
    if questionnaire_id is not None:
        query = query.where(responses.c.questionnaire_id == questionnaire_id)
    if before is not None:
        query = query.where(responses.c.submitted_on < before)
    return int(conn.execute(query).scalar_one())


def oldest_submission(conn: Connection) -> date | None:
    """The day the oldest stored response was submitted, or None."""
    return conn.execute(select(func.min(responses.c.submitted_on))).scalar_one()


def responses_per_questionnaire(conn: Connection) -> dict[str, int]:
    """Stored responses per questionnaire id."""
    query = select(responses.c.questionnaire_id, func.count()).group_by(
        responses.c.questionnaire_id
    )
    return {qid: int(count) for qid, count in conn.execute(query)}


def responses_per_hash(conn: Connection, questionnaire_id: str) -> dict[str, int]:
    """Stored responses to one questionnaire per content hash of its versions."""
    rows = conn.execute(
        select(responses.c.questionnaire_hash, func.count())
        .where(responses.c.questionnaire_id == questionnaire_id)
        .group_by(responses.c.questionnaire_hash)
    )
    return {row[0]: int(row[1]) for row in rows}


def completed_per_group(conn: Connection) -> dict[GroupKey, int]:
    """Stored responses per questionnaire, event (``""`` = none), language and day."""
    columns = (
        responses.c.questionnaire_id,
        responses.c.event_code,
        responses.c.language,
        responses.c.submitted_on,
    )
    query = select(*columns, func.count()).group_by(*columns)
    return {
        (qid, event or "", language, day): int(count)
        for qid, event, language, day, count in conn.execute(query)
    }


def started_per_group(conn: Connection) -> dict[GroupKey, int]:
    """Counted starts per questionnaire, event (``""`` = none), language and day."""
    columns = (starts.c.questionnaire_id, starts.c.event_code, starts.c.language, starts.c.day)
    query = select(*columns, func.sum(starts.c.count)).group_by(*columns)
    return {
        (qid, event or "", language, day): int(count or 0)
        for qid, event, language, day, count in conn.execute(query)
    }


def responses_fingerprint(conn: Connection, questionnaire_id: str) -> tuple[Any, ...]:
    """Count, smallest and largest id and newest day of one questionnaire's responses:
    changes whenever a response is stored or deleted."""
    query = select(
        func.count(),
        func.min(responses.c.id),
        func.max(responses.c.id),
        func.max(responses.c.submitted_on),
    ).where(responses.c.questionnaire_id == questionnaire_id)
    return tuple(conn.execute(query).one())


def audit_entries(conn: Connection, *, limit: int, offset: int) -> tuple[int, list[Any]]:
    """The number of audit log entries and one page of them, newest first."""
    total = conn.execute(select(func.count()).select_from(audit_log)).scalar_one()
    entries = conn.execute(
        select(audit_log)
        .order_by(audit_log.c.at.desc(), audit_log.c.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return int(total), list(entries)
