"""The storage package: every table and every SQL statement of ankommen.

Nothing outside this package imports SQLAlchemy or Alembic
(tests/test_boundary_storage.py checks it); the rest of the code calls the named
functions here.  Plain SQLAlchemy Core and no Flask in the modules re-exported
below, so the analysis and scripts read the same tables; the Flask side (one engine
per app, write transactions) is :mod:`survey_app.storage.db`.

    tables.py        the newest schema (every change is a step in migrations/)
    engine.py        make_engine, migrate, the Connection/Engine types
    submissions.py   NewResponse, store_response, starts, audit log, reading back
    tallies.py, quote_store.py, version_store.py, event_store.py, user_store.py,
    session_store.py, draft_store.py   the other tables' statements
    db.py            the Flask side (engine per app, write_transaction, store_once)
    migrations/      Alembic steps and ``ankommen db upgrade``
"""

from __future__ import annotations

from survey_app.storage.engine import (
    Connection,
    Engine,
    IntegrityError,
    make_engine,
    migrate,
    shown_url,
)
from survey_app.storage.submissions import (
    NewResponse,
    StoredResponse,
    count_start,
    iter_responses,
    log_action,
    mix_stored_order,
    new_token,
    store_response,
    token_used,
)
from survey_app.storage.tables import (
    admin_sessions,
    audit_log,
    drafts,
    events,
    metadata,
    questionnaire_versions,
    quotes,
    responses,
    starts,
    submission_tokens,
    users,
)

__all__ = [
    "Connection",
    "Engine",
    "IntegrityError",
    "NewResponse",
    "StoredResponse",
    "admin_sessions",
    "audit_log",
    "count_start",
    "drafts",
    "events",
    "iter_responses",
    "log_action",
    "make_engine",
    "metadata",
    "migrate",
    "mix_stored_order",
    "new_token",
    "questionnaire_versions",
    "quotes",
    "responses",
    "starts",
    "shown_url",
    "store_response",
    "submission_tokens",
    "token_used",
    "users",
]
