"""Responses: storing one (with its one-time token), counting starts, reading them back.

A response row has a date but no time of day; its id is random, and on SQLite so is
its place in the file.
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    insert,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy.engine import Connection

from survey_app.storage.tables import audit_log, quotes, responses, starts, submission_tokens

#: ``responses`` as SQLite stores it, with the hidden ``rowid`` that orders its b-tree
#: (and its indexes).  Responses are inserted with a random rowid, so neither the row
#: numbers nor the order of rows in the file follow the order of submission.
_sqlite_responses = Table(
    "responses",
    MetaData(),
    Column("rowid", Integer),
    *(column._copy() for column in responses.columns),
)


@dataclass(frozen=True)
class NewResponse:
    """A response's fields, the one value every writer fills (the id and the day are
    added when it is stored)."""

    questionnaire_id: str
    questionnaire_version: str
    questionnaire_hash: str
    language: str
    mode: str
    event_code: str | None
    district: str | None
    answers: dict[str, Any]

    @classmethod
    def to(
        cls,
        questionnaire: Any,
        *,
        language: str,
        mode: str,
        event_code: str | None,
        district: str | None,
        answers: dict[str, Any],
    ) -> NewResponse:
        """A response to ``questionnaire`` (its id, version and content hash)."""
        return cls(
            questionnaire.id,
            questionnaire.version,
            questionnaire.content_hash,
            language,
            mode,
            event_code,
            district,
            answers,
        )

    @classmethod
    def of_mapping(cls, values: Mapping[str, Any]) -> NewResponse:
        """The response whose fields are these keys of ``values`` (others are ignored)."""
        return cls(**{field.name: values[field.name] for field in fields(NewResponse)})

    def row(self) -> dict[str, Any]:
        """The ``responses`` columns of this response but ``id`` and ``submitted_on``."""
        values = {field.name: getattr(self, field.name) for field in fields(NewResponse)}
        values["answers"] = json.dumps(self.answers, ensure_ascii=False, sort_keys=True)
        return values


@dataclass(frozen=True)
class StoredResponse(NewResponse):
    """A completed response as the analysis and exports read it."""

    id: str
    submitted_on: date


def new_token() -> str:
    """A random one-time submission token."""
    return secrets.token_urlsafe(24)


def token_used(conn: Connection, token: str) -> bool:
    """True when this one-time token has stored a response already."""
    query = select(submission_tokens.c.token).where(submission_tokens.c.token == token)
    return conn.execute(query).first() is not None


def store_response(
    conn: Connection,
    response: NewResponse,
    *,
    token: str,
    today: date | None = None,
) -> bool:
    """Store one response unless ``token`` was used before; return whether it was stored.

    Call inside a transaction (``engine.begin()``): the token row and the response are
    committed together, so a retried POST can never store a second copy.  The row's
    id is random, and on SQLite so is its place in the file (:data:`_sqlite_responses`).
    """
    day = today or date.today()
    if token_used(conn, token):
        return False
    conn.execute(insert(submission_tokens).values(token=token, used_on=day))
    placement: dict[str, int] = {}
    table = responses
    if conn.dialect.name == "sqlite":
        table = _sqlite_responses
        placement["rowid"] = secrets.randbelow(2**63 - 1) + 1
    conn.execute(
        insert(table).values(
            **placement,
            id=str(uuid.uuid4()),
            submitted_on=day,
            **response.row(),
        )
    )
    return True


def mix_stored_order(conn: Connection) -> None:
    """Make the physical order of stored responses say nothing about submission order.

    SQLite needs nothing (random rowids, see :func:`store_response`).  PostgreSQL
    appends rows to its heap in insertion order and stamps each with the id of the
    inserting transaction (``xmin``): this rewrites every row in one transaction (one
    ``xmin`` for all) and then ``CLUSTER``s the table by its random primary key.  Rows
    stored after the call are in order again until the next call (``ankommen responses
    mix``, e.g. nightly or after an event).  It locks the table for the moment it takes.
    """
    if conn.dialect.name != "postgresql":
        return
    conn.execute(update(responses).values(answers=responses.c.answers))
    conn.execute(text("CLUSTER responses USING responses_pkey"))


def count_start(
    conn: Connection,
    *,
    questionnaire_id: str,
    event_code: str | None,
    language: str,
    today: date | None = None,
    count: int = 1,
) -> None:
    """Count ``count`` started questionnaires for the day (no answers, no time of day)."""
    day = today or date.today()
    key = {
        "questionnaire_id": questionnaire_id,
        "event_code": event_code or "",
        "language": language,
        "day": day,
    }
    row = conn.execute(
        select(starts.c.id).where(*(starts.c[name] == value for name, value in key.items()))
    ).first()
    if row is None:
        conn.execute(insert(starts).values(count=count, **key))
    else:
        conn.execute(
            update(starts).where(starts.c.id == row.id).values(count=starts.c.count + count)
        )


def iter_responses(
    conn: Connection,
    questionnaire_id: str | None = None,
    *,
    event_code: str | None = None,
    district: str | None = None,
    batch_size: int = 5000,
) -> Iterable[StoredResponse]:
    """Yield stored responses, optionally filtered, streaming in batches."""
    query = select(responses).order_by(responses.c.submitted_on, responses.c.id)
    if questionnaire_id is not None:
        query = query.where(responses.c.questionnaire_id == questionnaire_id)
    if event_code is not None:
        query = query.where(responses.c.event_code == event_code)
    if district is not None:
        query = query.where(responses.c.district == district)
    # Per statement, not per connection: a connection-wide yield_per would break the
    # next write on the same PostgreSQL connection.
    result = conn.execute(query, execution_options={"yield_per": batch_size})
    for row in result:
        values = row._asdict()
        values["answers"] = json.loads(values["answers"])
        yield StoredResponse(**values)


def log_action(conn: Connection, user_name: str, action: str, detail: str = "") -> None:
    """Write one entry to the audit log."""
    conn.execute(
        insert(audit_log).values(
            at=datetime.now(UTC), user_name=user_name, action=action, detail=detail
        )
    )


def delete_responses(
    conn: Connection, *, before: date | None = None, event_codes: Sequence[str] | None = None
) -> int:
    """Delete the responses submitted before a day or through these events, with their
    quote decisions (and, for events, their start counts); the number deleted."""
    condition = (
        responses.c.submitted_on < before
        if before is not None
        else responses.c.event_code.in_(list(event_codes or ()))
    )
    ids = select(responses.c.id).where(condition)
    conn.execute(delete(quotes).where(quotes.c.response_id.in_(ids)))
    deleted = conn.execute(delete(responses).where(condition)).rowcount
    if before is None:
        conn.execute(delete(starts).where(starts.c.event_code.in_(list(event_codes or ()))))
    return int(deleted or 0)


def response_rows(conn: Connection, ids: Sequence[str]) -> list[Any]:
    """The stored rows (with the ``responses`` columns, answers as JSON) of these ids."""
    return list(conn.execute(select(responses).where(responses.c.id.in_(list(ids)))))


def insert_response_rows(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Insert complete ``responses`` rows (e.g. from a bundle) as they are."""
    conn.execute(insert(responses), list(rows))


def response_batches(
    conn: Connection,
    questionnaire_id: str,
    *,
    event_code: str | None = None,
    since: date | None = None,
    until: date | None = None,
    language: str | None = None,
    batch_size: int = 5000,
) -> Iterator[list[tuple[Any, ...]]]:
    """One questionnaire's responses, filtered, oldest first, in batches of rows
    (id, language, event code, district, day as stored text, answers JSON, hash)."""
    query = select(
        responses.c.id,
        responses.c.language,
        responses.c.event_code,
        responses.c.district,
        # The day as stored (text in SQLite): the caller parses it in one go, not row by row.
        type_coerce(responses.c.submitted_on, String).label("submitted_on"),
        responses.c.answers,
        responses.c.questionnaire_hash,
    ).where(responses.c.questionnaire_id == questionnaire_id)
    if event_code is not None:
        query = query.where(responses.c.event_code == event_code)
    if since is not None:
        query = query.where(responses.c.submitted_on >= since)
    if until is not None:
        query = query.where(responses.c.submitted_on <= until)
    if language is not None:
        query = query.where(responses.c.language == language)
    query = query.order_by(responses.c.submitted_on, responses.c.id)
    result = conn.execution_options(yield_per=batch_size).execute(query)
    for rows in result.partitions():
        yield [tuple(row) for row in rows]
