"""Flask's side of storage: one engine per app, its schema checked on first use."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from flask import Flask, current_app
from sqlalchemy import Connection, Engine

from survey_app import storage

_lock = threading.Lock()


def init_app(app: Flask) -> None:
    """Remember the database URL; the engine is made (and its schema checked) on first use."""
    app.extensions["ankommen_engine"] = None
    app.extensions["ankommen_write_lock"] = threading.RLock()


def get_engine(app: Flask | None = None) -> Engine:
    """The app's engine; the first call creates it and checks the schema.

    An empty database gets the newest schema; one at an older (or unknown newer)
    revision raises :class:`survey_app.migrations.SchemaError`, whose message says
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
                app.extensions["ankommen_engine"] = engine
    return engine


@contextlib.contextmanager
def write_transaction(app: Flask | None = None) -> Iterator[Connection]:
    """A transaction that writes, committed on leaving (rolled back on an error).

    SQLite allows one writer at a time; threads that collide wait in SQLite's busy
    handler, which sleeps in steps of up to 100 ms.  So on SQLite the app's writes
    take turns on a lock first (a few milliseconds each); PostgreSQL needs no lock.
    """
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    engine = get_engine(app)
    serialise = engine.dialect.name == "sqlite"
    lock = app.extensions["ankommen_write_lock"] if serialise else contextlib.nullcontext()
    with lock, engine.begin() as conn:
        yield conn
