"""Flask's side of storage: one engine per app, its schema checked on first use, and
each thread's kept connection for the statements of every request."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from flask import Flask, current_app
from sqlalchemy import Connection, Engine

from survey_app import storage
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
