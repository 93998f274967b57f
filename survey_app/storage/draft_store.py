"""Unfinished answers, kept in the database until they are submitted or expire.

A draft belongs to one browser session: the session cookie holds nothing but the
draft's random id. Every screen a respondent moves past is saved before the next page
is sent (:func:`save_request_draft` runs after each request), so a restart, a
``kill -9`` or another worker process loses nothing: any number of processes — and
machines sharing one PostgreSQL database — serve the same respondent.

Rules that stay: drafts never reach exports or the analysis (they live in a table of
their own, read only here); they expire ``DRAFT_LIFETIME_MINUTES`` after their last use
and are deleted then (``ankommen responses purge`` and every new draft sweep them); at
most ``DRAFT_MAX_COUNT`` exist at once (the least recently used goes first). A draft
row holds no IP address, user agent or submission time — only the answers so far and
its expiry, kept in whole minutes. On submission the answers are dropped at once; the
row keeps the one-time token until it expires, so a repeated final POST is recognised.

Speed: a request reads its draft with one statement and writes it back with one
statement only when its stored form changed (a GET of a question page writes nothing,
but once a minute to start the draft's lifetime again), on the thread's kept
connection (:mod:`survey_app.storage.kept_connections`) — fixed statement texts, no
SQLAlchemy in between.  The stored JSON as loaded is kept to compare with, so an
unchanged draft is serialised once per request, not twice.

The save and the once-a-minute touch are single statements in autocommit, so on
SQLite they do not take the app's write lock (:func:`~survey_app.storage.db.write_lock`):
one that meets another writer waits in SQLite's busy handler, as writes from another
worker process always did.  Holding a Python lock across the statement made threads
queue for the GIL and the lock in turn: under waitress's 8 threads a question page
POST cost about 4 300 µs of CPU with the lock and 2 600 µs without (one run each,
``benchmarks/README.md``).
"""

from __future__ import annotations

import json
import math
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Engine, delete, func, insert, select
from werkzeug.wrappers import Response

from survey_app.storage import drafts as drafts_table
from survey_app.storage import new_token
from survey_app.storage.db import get_engine, kept_connections, write_transaction

#: Modes a response can be given in; ``web`` is a direct link without an event.
MODES = ("kiosk", "own_device", "web")
DEFAULT_MAX_COUNT = 5000
#: POST requests one draft may make; a questionnaire needs a few dozen.
DEFAULT_MAX_REQUESTS = 600
#: A draft's expiry is stored in whole minutes (no finer time is kept).
EXPIRY_STEP_SECONDS = 60
#: Signed CSRF tokens cached per process (a cache only: losing it costs a signature).
MAX_CACHED_CSRF = 10_000

#: The fields of a draft that are stored (everything but caches and the lock).
STORED_FIELDS = (
    "questionnaire_id",
    "language",
    "mode",
    "event_code",
    "district",
    "child_mode",
    "preview",
    "token",
    "answers",
    "visited",
    "screen",
    "consented",
    "start_counted",
    "submitted",
    "requests",
)

#: The statements of every request, as the kept connection sends them (``?``: a value).
STATEMENTS = {
    "load": "SELECT state, expires_at FROM drafts WHERE id = ?",
    "save": "UPDATE drafts SET state = ?, expires_at = ? WHERE id = ?",
    "touch": "UPDATE drafts SET expires_at = ? WHERE id = ?",
}


@dataclass
class Draft:
    """One respondent's unfinished questionnaire.

    ``screen`` is the number of the screen shown last; ``visited`` every screen the
    respondent reached by moving forward (only those accept answers).  After a
    submission ``submitted`` is set and the answers are dropped at once; the draft
    stays until it expires so that a repeated final POST is recognised.
    """

    id: str
    questionnaire_id: str
    language: str
    mode: str
    event_code: str | None = None
    district: str | None = None
    child_mode: bool = False
    preview: bool = False
    token: str = field(default_factory=new_token)
    answers: dict[str, Any] = field(default_factory=dict)
    visited: set[int] = field(default_factory=set)
    screen: int = 0
    consented: bool = False
    start_counted: bool = False
    submitted: bool = False
    requests: int = 0
    #: (session's raw CSRF token, its signed form, when signed) — see respondent.links
    csrf: tuple[str, str, float] | None = field(default=None, repr=False)
    #: The stored expiry (minutes since the epoch) as loaded; not part of the state.
    expires_at: int = field(default=0, repr=False, compare=False)
    #: The stored form as last loaded or saved ('' before it was stored).
    stored_state: str = field(default="", repr=False, compare=False)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def state(self) -> str:
        """The stored form of the draft: JSON of :data:`STORED_FIELDS`."""
        values = {name: getattr(self, name) for name in STORED_FIELDS}
        values["visited"] = sorted(self.visited)
        return json.dumps(values, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_state(cls, draft_id: str, state: str) -> Draft:
        """The draft ``draft_id`` from its stored form."""
        values = json.loads(state)
        values["visited"] = set(values.get("visited", []))
        return cls(id=draft_id, **{k: v for k, v in values.items() if k in STORED_FIELDS})


class DraftStore:
    """Drafts in the ``drafts`` table: create, get, save, discard, purge.

    The store belongs to ``app`` (its database and write lock); ``clock`` gives
    wall-clock seconds, so expiry survives a restart.
    """

    def __init__(
        self,
        app: Flask,
        lifetime_seconds: float,
        max_count: int = DEFAULT_MAX_COUNT,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._app = app
        self.lifetime = lifetime_seconds
        self.max_count = max_count
        self.clock = clock
        self._csrf: OrderedDict[str, tuple[str, str, float]] = OrderedDict()
        self._csrf_lock = threading.Lock()

    def _run(self, statement: str, parameters: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        """One of :data:`STATEMENTS` on the kept connection; its rows."""
        kept = kept_connections(self._app)
        return kept.execute(kept.sql(STATEMENTS[statement]), parameters)

    def _expiry(self) -> int:
        """When a draft used now expires, in whole minutes since the epoch."""
        return math.ceil((self.clock() + self.lifetime) / EXPIRY_STEP_SECONDS)

    def _now(self) -> int:
        return math.floor(self.clock() / EXPIRY_STEP_SECONDS)

    def _engine(self) -> Engine:
        return get_engine(self._app)

    def _write(self) -> Any:
        """A write transaction (SQLite's writes take turns on the app's write lock)."""
        return write_transaction(self._app)

    def __len__(self) -> int:
        with self._engine().connect() as conn:
            return int(conn.execute(select(func.count()).select_from(drafts_table)).scalar() or 0)

    def create(self, **fields: Any) -> Draft:
        """Store a new draft with a fresh random id; sweeps expired ones, keeps the cap."""
        draft = Draft(id=secrets.token_urlsafe(24), **fields)
        with self._write() as conn:
            conn.execute(delete(drafts_table).where(drafts_table.c.expires_at <= self._now()))
            count = conn.execute(select(func.count()).select_from(drafts_table)).scalar() or 0
            if count >= self.max_count:
                oldest = (
                    select(drafts_table.c.id)
                    .order_by(drafts_table.c.expires_at, drafts_table.c.id)
                    .limit(count - self.max_count + 1)
                )
                conn.execute(delete(drafts_table).where(drafts_table.c.id.in_(oldest)))
            draft.expires_at = self._expiry()
            draft.stored_state = draft.state()
            conn.execute(
                insert(drafts_table).values(
                    id=draft.id, state=draft.stored_state, expires_at=draft.expires_at
                )
            )
        return draft

    def get(self, draft_id: object) -> Draft | None:
        """The live draft with this id, or None (an expired one is deleted)."""
        if not isinstance(draft_id, str) or not 0 < len(draft_id) <= 64:
            return None
        rows = self._run("load", (draft_id,))
        if not rows:
            return None
        state, expires_at = rows[0]
        if expires_at <= self._now():
            self.discard(draft_id)
            return None
        draft = Draft.from_state(draft_id, state)
        draft.expires_at = expires_at
        draft.stored_state = state
        with self._csrf_lock:
            draft.csrf = self._csrf.get(draft_id)
        return draft

    def save(self, draft: Draft, state: str | None = None) -> None:
        """Store the draft's state (``state``: its :meth:`Draft.state`, when already
        made) and start its lifetime again: one statement."""
        state = draft.state() if state is None else state
        expires_at = self._expiry()
        self._run("save", (state, expires_at, draft.id))
        draft.expires_at = expires_at
        draft.stored_state = state
        self.remember_csrf(draft)

    def touch(self, draft: Draft) -> None:
        """Start the draft's lifetime again (a page was shown): a write once a minute."""
        expiry = self._expiry()
        if draft.expires_at < expiry:
            self._run("touch", (expiry, draft.id))
            draft.expires_at = expiry
        self.remember_csrf(draft)

    def remember_csrf(self, draft: Draft) -> None:
        """Keep the draft's signed CSRF token in this process (a cache, never stored)."""
        if draft.csrf is None:
            return
        with self._csrf_lock:
            self._csrf[draft.id] = draft.csrf
            self._csrf.move_to_end(draft.id)
            while len(self._csrf) > MAX_CACHED_CSRF:
                self._csrf.popitem(last=False)

    def kept_csrf(self, draft_id: str) -> tuple[str, str, float] | None:
        """The draft's signed CSRF token as this process made it: (the session's raw
        token, its signed form, when it was signed, monotonic), or None."""
        with self._csrf_lock:
            return self._csrf.get(draft_id)

    def discard(self, draft_id: object) -> None:
        """Forget a draft and its answers (nothing happens for unknown ids)."""
        if isinstance(draft_id, str):
            with self._write() as conn:
                conn.execute(delete(drafts_table).where(drafts_table.c.id == draft_id))
            with self._csrf_lock:
                self._csrf.pop(draft_id, None)

    def purge(self) -> int:
        """Delete every expired draft; returns how many."""
        with self._write() as conn:
            result = conn.execute(
                delete(drafts_table).where(drafts_table.c.expires_at <= self._now())
            )
        return int(result.rowcount or 0)


def track(draft: Draft) -> Draft:
    """Remember ``draft`` (as loaded) so that its changes are saved after the request."""
    g.ankommen_draft = (draft, draft.stored_state or draft.state())
    return draft


def save_request_draft(response: Response) -> Response:
    """After a request: save the request's draft if it changed, else refresh its lifetime.

    Runs before the response is sent, so a screen the respondent has seen answered is
    stored before the next page reaches the browser.
    """
    tracked = g.pop("ankommen_draft", None)
    if tracked is not None:
        draft, loaded = tracked
        store = get_drafts()
        state = draft.state()
        if state != loaded:
            store.save(draft, state)
        else:
            store.touch(draft)
    return response


def init_app(app: Flask) -> None:
    """Attach the app's draft store (configured by ``DRAFT_LIFETIME_MINUTES``)."""
    app.extensions["ankommen_drafts"] = DraftStore(
        app,
        lifetime_seconds=float(app.config["DRAFT_LIFETIME_MINUTES"]) * 60,
        max_count=int(app.config.get("DRAFT_MAX_COUNT", DEFAULT_MAX_COUNT)),
    )
    app.after_request(save_request_draft)


def get_drafts() -> DraftStore:
    """The current app's draft store (the respondent blueprint attaches it)."""
    return current_app.extensions["ankommen_drafts"]
