"""Engines: SQLite (a file, WAL journal) by default, PostgreSQL through a
``postgresql+psycopg://`` URL; the schema is created or checked on first use."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import IntegrityError

__all__ = ["Connection", "Engine", "IntegrityError", "make_engine", "migrate", "shown_url"]


def make_engine(url: str) -> Engine:
    """Create an engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: Engine) -> str:
    """Create the schema in an empty database, or check it is the newest; the revision.

    A database at an older revision is not changed here: that needs
    ``ankommen db upgrade`` (:func:`survey_app.storage.migrations.upgrade`, with a backup);
    until then this raises :class:`survey_app.storage.migrations.SchemaError`.
    """
    from survey_app.storage.migrations import ensure_ready

    return ensure_ready(engine)


def shown_url(url: str) -> str:
    """The database URL as it may be shown: the password replaced by ``***``."""
    return make_url(url).render_as_string(hide_password=True)
