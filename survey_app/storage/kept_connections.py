"""One database connection per thread, kept open, for the statements of every request.

Reading a draft through SQLAlchemy costs about 0.2 ms and saving one 0.45 ms (a pool
checkout, building and compiling the statement, a transaction); on the driver's own
connection, with a fixed statement text, the same read costs a few microseconds and
the save some 30 µs.  So the draft store's per-request statements (read, save, touch)
run here: each thread keeps one DB-API connection of the app's engine, in autocommit
(each statement is its own transaction), and sends fixed statement texts, which the
drivers keep prepared (``sqlite3``'s statement cache; psycopg prepares a statement
after a few executions).

One connection per process that the threads take turns on was tried for SQLite and
measured worse under waitress's 8 threads (question page 0.11 of hello against
0.25): a thread that held the turn gave up the GIL inside SQLite and then waited for
it, while every other thread waited for the turn.  A statement's rows are fetched at
once, so no statement stays open.

The connection is taken from the engine's pool once and detached from it (so it
still gets the engine's set-up, e.g. SQLite's WAL and busy timeout, but holds no pool
slot), re-made after a fork, re-made once when a statement finds it broken (e.g. a
PostgreSQL restart), and closed when the engine is disposed.  No Flask here.
"""

from __future__ import annotations

import contextlib
import os
import threading
import weakref
from typing import Any

from sqlalchemy import Engine, event


class KeptConnections:
    """A thread's own DB-API connection to ``engine``, in autocommit mode."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._local = threading.local()
        self._all: weakref.WeakSet[_Kept] = weakref.WeakSet()
        self._lock = threading.Lock()
        dbapi = engine.dialect.loaded_dbapi
        self._lost = (dbapi.OperationalError, dbapi.InterfaceError)
        #: The driver's parameter marker: ``?`` (sqlite3) or ``%s`` (psycopg).
        self.marker = "?" if engine.dialect.paramstyle == "qmark" else "%s"
        event.listen(engine, "engine_disposed", self._on_dispose)

    def sql(self, text: str) -> str:
        """``text`` with each ``?`` replaced by the driver's parameter marker."""
        return text.replace("?", self.marker)

    def execute(self, statement: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run one statement (its own transaction); returns its rows (none for a write).

        A broken connection is replaced and the statement sent once more: every
        statement run here may be repeated without harm.
        """
        kept = self._connection()
        try:
            return _rows(kept.connection.execute(statement, parameters))
        except self._lost:
            self._drop(kept)
            return _rows(self._connection().connection.execute(statement, parameters))

    def close_all(self) -> None:
        """Close every thread's connection (the engine is being disposed)."""
        with self._lock:
            kept = list(self._all)
        for item in kept:
            item.close()

    def _on_dispose(self, _engine: Engine) -> None:
        self.close_all()

    def _connection(self) -> _Kept:
        kept: _Kept | None = getattr(self._local, "kept", None)
        if kept is None or kept.pid != os.getpid() or kept.closed:
            kept = _Kept(self._engine)
            self._local.kept = kept
            with self._lock:
                self._all.add(kept)
        return kept

    def _drop(self, kept: _Kept) -> None:
        kept.close()
        self._local.kept = None


def _rows(cursor: Any) -> list[tuple[Any, ...]]:
    """Every row of a statement's result (none for a statement without one)."""
    return [] if cursor.description is None else list(cursor.fetchall())


class _Kept:
    """A DB-API connection detached from the engine's pool, in autocommit."""

    def __init__(self, engine: Engine) -> None:
        proxied = engine.raw_connection()
        connection = proxied.driver_connection
        proxied.detach()
        connection.rollback()  # nothing may be pending before autocommit is switched on
        if engine.dialect.name == "sqlite":
            connection.isolation_level = None
        else:
            connection.autocommit = True
        self.connection: Any = connection
        self.pid = os.getpid()
        self.closed = False

    def __del__(self) -> None:
        # A thread's connection goes with its thread (waitress and tests end threads).
        if "pid" in self.__dict__:  # made completely
            self.close()

    def close(self) -> None:
        """Close the connection (errors of a connection already broken are ignored)."""
        if self.closed:
            return
        self.closed = True
        if self.pid == os.getpid():
            with contextlib.suppress(Exception):  # a broken connection may fail to close
                self.connection.close()
