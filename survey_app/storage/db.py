"""Flask's side of storage: one engine per app, its schema checked on first use, and
each thread's kept connection for the statements of every request."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from flask import Flask, current_app

from survey_app import storage
from survey_app.storage import Connection, Engine, IntegrityError, NewResponse
from survey_app.storage.kept_connections import KeptConnections

_lock = threading.Lock()


def init_app(app: Flask) -> None:
    """Remember the database URL; the engine is made (and its schema checked) on first use."""
    app.extensions["ankommen_engine"] = None
    app.extensions["ankommen_write_lock"] = threading.RLock()


def get_engine(app: Flask | None = None) -> Engine:
    """The app's engine; the first call creates it and checks the schema.

    An empty database gets the newest schema; one at an older (or unknown newer)
    revision raises :class:`survey_app.storage.migrations.SchemaError`, whose message says
    to run ``ankommen db upgrade`` — the app never works on a schema it does not know.
    """
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    engine = app.extensions.get("ankommen_engine")
    if engine is None:
        with _lock:
            engine = app.extensions.get("ankommen_engine")
            if engine is None:
                engine = storage.make_engine(app.config["DATABASE_URL"])
                try:
                    storage.migrate(engine)
                except Exception:
                    engine.dispose()
                    raise
                app.extensions["ankommen_kept"] = KeptConnections(engine)
                app.extensions["ankommen_engine"] = engine
    return engine


def kept_connections(app: Flask | None = None) -> KeptConnections:
    """Each thread's own connection of the app's engine, for one-statement work that
    every request does (see :mod:`survey_app.storage.kept_connections`)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    kept = app.extensions.get("ankommen_kept")
    if kept is None:
        get_engine(app)
        kept = app.extensions["ankommen_kept"]
    return kept


@contextlib.contextmanager
def write_transaction(app: Flask | None = None) -> Iterator[Connection]:
    """A transaction that writes, committed on leaving (rolled back on an error).

    SQLite allows one writer at a time; threads that collide wait in SQLite's busy
    handler, which sleeps in steps of up to 100 ms.  So on SQLite the app's writes
    take turns on a lock first (a few milliseconds each); PostgreSQL needs no lock.
    """
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    engine = get_engine(app)
    with write_lock(app), engine.begin() as conn:
        yield conn


def write_lock(app: Flask | None = None) -> contextlib.AbstractContextManager[object]:
    """What a write holds first: on SQLite the app's write lock, else nothing."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    if get_engine(app).dialect.name == "sqlite":
        return app.extensions["ankommen_write_lock"]
    return contextlib.nullcontext()


def token_used(token: str, app: Flask | None = None) -> bool:
    """True when this one-time token has stored a response already."""
    with get_engine(app).connect() as conn:
        return storage.token_used(conn, token)


def store_once(
    response: NewResponse, token: str, *, count_start: bool = False, app: Flask | None = None
) -> bool:
    """Commit ``response`` under its one-time ``token`` (and, with ``count_start``, its
    start) in one write transaction; whether this call stored it.

    A token used before, or meanwhile by a parallel request (its insert then fails on
    the token's key), stores nothing and returns False.
    """
    try:
        with write_transaction(app) as conn:
            stored = storage.store_response(conn, response, token=token)
            if stored and count_start:
                storage.count_start(
                    conn,
                    questionnaire_id=response.questionnaire_id,
                    event_code=response.event_code,
                    language=response.language,
                )
            return stored
    except IntegrityError:
        if not token_used(token, app):
            raise
        return False
