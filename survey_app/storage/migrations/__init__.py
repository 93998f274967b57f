"""Schema migrations: Alembic steps shipped in the package and run from code.

The steps live in ``versions/`` next to this file (``0001`` is round 1's schema, each
later schema change adds one file); ``env.py`` runs them on a connection opened here,
so no ``alembic.ini`` is needed and a wheel install can upgrade itself.

* :func:`upgrade` brings a database to the newest revision **all or nothing**: one
  transaction for every step (on PostgreSQL, and on SQLite too, whose DDL is
  transactional once the driver leaves ``BEGIN`` to us); on SQLite a copy of the file
  is written before the first step (:attr:`Outcome.backup`).  A database that round 1
  created (``schema_version`` at 1, no ``alembic_version``) is stamped ``0001`` first.
* :func:`downgrade` undoes the newest step (never the base).
* :func:`ensure_ready` is what the app calls at start: an empty database is created,
  one at the newest revision is used, anything else raises :class:`SchemaError` with
  the command to run — the app never serves a database it does not fully know.

No Flask here (like :mod:`survey_app.storage`), so scripts and the analysis can use it.
"""

from __future__ import annotations

import functools
import os
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, event, func, inspect, select, table, text
from sqlalchemy.sql import column

from survey_app.storage import make_engine

HERE = Path(__file__).resolve().parent
VERSIONS = HERE / "versions"
#: Round 1's schema; a database created by round 1 is stamped with it.
BASE = "0001"
#: The tables round 1 created; with ``schema_version`` at 1 they mark a round-1 database.
ROUND1_TABLES = frozenset(
    {
        "schema_version",
        "responses",
        "submission_tokens",
        "starts",
        "events",
        "users",
        "audit_log",
        "quotes",
    }
)
UPGRADE_HINT = "Back up the database, then run `ankommen db upgrade` (README, section 'Upgrading')."
#: Any number will do, as long as only ankommen's upgrades take this advisory lock.
_PG_LOCK = 4_176_118


class SchemaError(RuntimeError):
    """The database cannot be used or changed as asked; the message says what to do."""


@dataclass(frozen=True)
class Status:
    """Where a database stands.

    ``state`` is ``empty`` (no tables), ``round1`` (made by round 1, not yet stamped),
    ``behind`` (a known older revision), ``current`` (the newest), ``ahead`` (a
    revision this code does not know: a newer ankommen upgraded it) or ``foreign``
    (tables that are not an ankommen schema this code knows).
    """

    state: str
    revision: str | None
    head: str

    def describe(self) -> str:
        """One line for ``ankommen db current``."""
        return {
            "empty": f"empty database (an upgrade creates revision {self.head})",
            "round1": f"round 1 schema, not yet under Alembic (upgrade to {self.head})",
            "behind": f"revision {self.revision}; the newest is {self.head}",
            "current": f"revision {self.revision} (the newest)",
            "ahead": f"revision {self.revision}, unknown to this ankommen (newest known: {self.head})",
            "foreign": "not an ankommen database this version knows",
        }[self.state]

    def problem(self) -> str:
        """Why the app cannot use the database as it is, and what to run."""
        if self.state == "round1":
            return (
                "This database was written by ankommen before schema migrations (round 1); "
                f"this version needs schema revision {self.head}. {UPGRADE_HINT}"
            )
        if self.state == "behind":
            return (
                f"This database is at schema revision {self.revision}; this version of "
                f"ankommen needs {self.head}. {UPGRADE_HINT}"
            )
        if self.state == "ahead":
            return (
                f"This database is at schema revision {self.revision}, which this version "
                "of ankommen does not know: a newer ankommen upgraded it. Run that newer "
                "version, or restore the backup made before its upgrade."
            )
        return (
            "This database holds tables that are not an ankommen schema this version "
            "knows. Point ANKOMMEN_DATABASE_URL at an ankommen database or an empty one."
        )


@dataclass
class Outcome:
    """What :func:`upgrade` or :func:`downgrade` did."""

    before: Status
    revision: str | None
    #: The steps applied, e.g. ``0002: Drop round 1's schema_version …``.
    steps: list[str] = field(default_factory=list)
    #: The SQLite copy written before the first step, if any.
    backup: Path | None = None


def _config(extra: Sequence[Path] = ()) -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    locations = os.pathsep.join(str(path) for path in (VERSIONS, *extra))
    config.set_main_option("version_locations", locations.replace("%", "%%"))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    return config


@functools.cache
def _scripts(extra: tuple[Path, ...] = ()) -> ScriptDirectory:
    return ScriptDirectory.from_config(_config(extra))


def head(extra: Sequence[Path] = ()) -> str:
    """The newest revision (of the shipped steps plus the ``extra`` step folders)."""
    newest = _scripts(tuple(extra)).get_current_head()
    assert newest is not None
    return newest


def revisions(extra: Sequence[Path] = ()) -> list[str]:
    """Every revision, oldest first (``0001`` is the base)."""
    return [script.revision for script in reversed(list(_scripts(tuple(extra)).walk_revisions()))]


def _status(conn: Connection, extra: Sequence[Path] = ()) -> Status:
    scripts = _scripts(tuple(extra))
    newest = head(extra)
    tables = set(inspect(conn).get_table_names())
    if "alembic_version" in tables:
        heads = MigrationContext.configure(conn).get_current_heads()
        if len(heads) != 1:
            return Status("foreign" if heads else "empty", None, newest)
        known = {script.revision for script in scripts.walk_revisions()}
        revision = heads[0]
        if revision not in known:
            return Status("ahead", revision, newest)
        return Status("current" if revision == newest else "behind", revision, newest)
    if not tables:
        return Status("empty", None, newest)
    if ROUND1_TABLES.issubset(tables):
        versions = table("schema_version", column("version"))
        version = conn.execute(select(func.max(versions.c.version))).scalar()
        if version == 1:
            return Status("round1", None, newest)
    return Status("foreign", None, newest)


def status(engine: Engine, extra: Sequence[Path] = ()) -> Status:
    """Where the database behind ``engine`` stands (reads only)."""
    with engine.connect() as conn:
        return _status(conn, extra)


def _sqlite_file(engine: Engine) -> Path | None:
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


@contextmanager
def _one_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction that holds the DDL too and the write lock.

    SQLite: a separate engine whose driver sends no ``BEGIN`` of its own (Python's
    sqlite3 would otherwise run DDL outside any transaction); ``BEGIN IMMEDIATE``
    takes the write lock at once.  PostgreSQL: DDL is transactional anyway; an
    advisory lock keeps two upgrades from running at once.
    """
    if _sqlite_file(engine) is None:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
            yield conn
        return
    own = make_engine(engine.url.render_as_string(hide_password=False))

    @event.listens_for(own, "connect")
    def _no_driver_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(own, "begin")
    def _begin_immediate(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with own.begin() as conn:
            yield conn
    finally:
        own.dispose()


def _backup(path: Path) -> Path:
    """Copy the SQLite file (consistently, with SQLite's backup API) next to it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.backup-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.backup-{stamp}-{number}")
    source = sqlite3.connect(path)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    shutil.copymode(path, target)
    return target


def _run(conn: Connection, extra: Sequence[Path], action: str, target: str) -> list[str]:
    config = _config(extra)
    config.attributes["connection"] = conn
    steps: list[str] = []

    def remember(step: Any, **_kw: Any) -> None:
        if step.is_stamp:
            return
        script = step.revision_map.get_revision(step.up_revision_id)
        title = script.doc.strip().splitlines()[0].replace("``", "") if script.doc else ""
        undo = "" if step.is_upgrade else "undid "
        steps.append(f"{undo}{step.up_revision_id}: {title}")

    config.attributes["on_version_apply"] = [remember]
    if action == "stamp":
        command.stamp(config, target)
    elif action == "upgrade":
        command.upgrade(config, target)
    else:
        command.downgrade(config, target)
    return steps


def upgrade(engine: Engine, *, backup: bool = True, extra: Sequence[Path] = ()) -> Outcome:
    """Bring the database to the newest revision in one transaction (all or nothing).

    On SQLite with ``backup`` a copy of a non-empty file is written before the first
    step.  ``extra`` adds folders of further steps (the tests use one).  Raises
    :class:`SchemaError` for a database newer than this code or not ankommen's.
    """
    with _one_transaction(engine) as conn:
        before = _status(conn, extra)
        if before.state in ("ahead", "foreign"):
            raise SchemaError(before.problem())
        if before.state == "current":
            return Outcome(before, before.revision)
        path = _sqlite_file(engine) if backup and before.state != "empty" else None
        outcome = Outcome(before, None, backup=_backup(path) if path else None)
        if before.state == "round1":
            _run(conn, extra, "stamp", BASE)
            outcome.steps.append(f"{BASE}: round 1's schema, recognised and stamped")
        outcome.steps += _run(conn, extra, "upgrade", "head")
        after = _status(conn, extra)
        if after.state != "current":  # leaving the block rolls everything back
            raise SchemaError(f"The upgrade stopped at {after.describe()}; nothing was changed.")
        outcome.revision = after.revision
    return outcome


def downgrade(engine: Engine, *, backup: bool = True, extra: Sequence[Path] = ()) -> Outcome:
    """Undo the newest applied step (in one transaction; SQLite: after a backup copy).

    Only a database at a known revision above the base can be downgraded.
    """
    with _one_transaction(engine) as conn:
        before = _status(conn, extra)
        if before.state not in ("current", "behind"):
            raise SchemaError(f"Nothing to downgrade: {before.describe()}.")
        if before.revision == BASE:
            raise SchemaError(f"Revision {BASE} is the base (round 1's schema); it stays.")
        script = _scripts(tuple(extra)).get_revision(before.revision)
        assert script is not None and isinstance(script.down_revision, str)
        path = _sqlite_file(engine) if backup else None
        outcome = Outcome(before, script.down_revision, backup=_backup(path) if path else None)
        outcome.steps = _run(conn, extra, "downgrade", script.down_revision)
    return outcome


def ensure_ready(engine: Engine) -> str:
    """Create an empty database, or check that it is at the newest revision.

    Returns the revision; raises :class:`SchemaError` (saying what to run) for a
    database that needs an upgrade or is newer than this code.
    """
    current = status(engine)
    if current.state == "current":
        assert current.revision is not None
        return current.revision
    if current.state == "empty":
        revision = upgrade(engine, backup=False).revision
        assert revision is not None
        return revision
    raise SchemaError(current.problem())


def new_revision(engine: Engine, message: str) -> Path:
    """Write the next step into ``versions/`` from the difference between
    ``storage.metadata`` and the database (which must be at the newest revision)."""
    ensure_ready(engine)
    number = f"{int(head()) + 1:04d}"
    with engine.begin() as conn:
        config = _config()
        config.attributes["connection"] = conn
        script = command.revision(config, message, autogenerate=True, rev_id=number)
    _scripts.cache_clear()
    assert script is not None and not isinstance(script, list)
    return Path(script.path)
