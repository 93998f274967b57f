"""Quote decisions: which children's wishes a coordinator approved for briefs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from survey_app.storage.tables import quotes, responses


def quote_decisions(conn: Connection, questionnaire_id: str) -> dict[tuple[str, str], bool]:
    """(response id, question id) → approved, for one questionnaire's responses."""
    return {
        (row.response_id, row.question_id): bool(row.approved)
        for row in conn.execute(
            select(quotes.c.response_id, quotes.c.question_id, quotes.c.approved)
            .select_from(quotes.join(responses, quotes.c.response_id == responses.c.id))
            .where(responses.c.questionnaire_id == questionnaire_id)
        )
    }


def answer_rows(
    conn: Connection, questionnaire_id: str, *, approved_only: bool = False
) -> Iterator[tuple[str, str, date, dict[str, Any]]]:
    """(id, language, day, answers) of one questionnaire's responses, oldest first,
    streamed; ``approved_only`` keeps those with an approved quote."""
    query = (
        select(responses.c.id, responses.c.language, responses.c.submitted_on, responses.c.answers)
        .where(responses.c.questionnaire_id == questionnaire_id)
        .order_by(responses.c.submitted_on, responses.c.id)
    )
    if approved_only:  # a brief needs only these: do not decode every response
        approved = select(quotes.c.response_id).where(quotes.c.approved.is_(True))
        query = query.where(responses.c.id.in_(approved))
    for row in conn.execution_options(yield_per=5000).execute(query):
        yield row.id, row.language, row.submitted_on, json.loads(row.answers)


def stored_answers(conn: Connection, response_id: str) -> dict[str, Any] | None:
    """The answers of one stored response, or None when there is no such response."""
    row = conn.execute(select(responses.c.answers).where(responses.c.id == response_id)).first()
    return None if row is None else json.loads(row.answers)


def quote_decision(conn: Connection, response_id: str, question_id: str) -> bool | None:
    """Whether this wish was approved (False: rejected), or None when undecided."""
    row = conn.execute(
        select(quotes.c.approved).where(
            quotes.c.response_id == response_id, quotes.c.question_id == question_id
        )
    ).first()
    return None if row is None else bool(row.approved)


def all_quote_decisions(conn: Connection) -> list[Any]:
    """Every stored quote decision (rows with the ``quotes`` columns)."""
    return list(conn.execute(select(quotes)).all())


def add_quote_decision(
    conn: Connection,
    response_id: str,
    question_id: str,
    *,
    approved: bool,
    decided_by: str,
    decided_on: date,
    replace: bool = False,
) -> None:
    """Store one decision (``replace``: a new decision replaces an old one)."""
    if replace:
        conn.execute(
            delete(quotes).where(
                quotes.c.response_id == response_id, quotes.c.question_id == question_id
            )
        )
    decision = {"approved": approved, "decided_by": decided_by, "decided_on": decided_on}
    conn.execute(
        insert(quotes).values(response_id=response_id, question_id=question_id, **decision)
    )
