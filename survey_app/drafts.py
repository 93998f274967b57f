"""Unfinished answers, kept in server memory only — never in the database.

A draft belongs to one browser session: the session cookie holds nothing but the
draft's random id.  Drafts expire ``DRAFT_LIFETIME_MINUTES`` after their last use, and
the store holds at most ``DRAFT_MAX_COUNT`` of them: when it is full, the draft unused
for the longest time is dropped.  A restart of the server forgets every draft, which is
the point: answers are durable only once they are submitted.

Run the app in one process (waitress with threads) so every request sees the store.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app

from survey_app.storage import new_token

#: Modes a response can be given in; ``web`` is a direct link without an event.
MODES = ("kiosk", "own_device", "web")
DEFAULT_MAX_COUNT = 5000
#: POST requests one draft may make; a questionnaire needs a few dozen.
DEFAULT_MAX_REQUESTS = 600


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
    touched: float = field(default_factory=time.monotonic)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)


class DraftStore:
    """A thread-safe, size-capped, expiring map from draft id to :class:`Draft`."""

    def __init__(
        self,
        lifetime_seconds: float,
        max_count: int = DEFAULT_MAX_COUNT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.lifetime = lifetime_seconds
        self.max_count = max_count
        self._clock = clock
        self._drafts: OrderedDict[str, Draft] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._drafts)

    def create(self, **fields: Any) -> Draft:
        """Make a draft with a fresh random id; evicts expired and, if full, the oldest."""
        draft = Draft(id=secrets.token_urlsafe(24), touched=self._clock(), **fields)
        with self._lock:
            self._expire()
            while len(self._drafts) >= self.max_count:
                self._drafts.popitem(last=False)
            self._drafts[draft.id] = draft
        return draft

    def get(self, draft_id: object) -> Draft | None:
        """The live draft with this id (marking it used), or None."""
        if not isinstance(draft_id, str):
            return None
        now = self._clock()
        with self._lock:
            draft = self._drafts.get(draft_id)
            if draft is None:
                return None
            if now - draft.touched > self.lifetime:
                del self._drafts[draft_id]
                return None
            draft.touched = now
            self._drafts.move_to_end(draft_id)
            return draft

    def discard(self, draft_id: object) -> None:
        """Forget a draft and its answers (nothing happens for unknown ids)."""
        if isinstance(draft_id, str):
            with self._lock:
                self._drafts.pop(draft_id, None)

    def _expire(self) -> None:
        """Drop expired drafts; the map is ordered by last use, so stop at the first live one."""
        limit = self._clock() - self.lifetime
        while self._drafts:
            oldest = next(iter(self._drafts.values()))
            if oldest.touched >= limit:
                break
            self._drafts.popitem(last=False)


def init_app(app: Flask) -> None:
    """Attach the app's draft store (configured by ``DRAFT_LIFETIME_MINUTES``)."""
    app.extensions["ankommen_drafts"] = DraftStore(
        lifetime_seconds=float(app.config["DRAFT_LIFETIME_MINUTES"]) * 60,
        max_count=int(app.config.get("DRAFT_MAX_COUNT", DEFAULT_MAX_COUNT)),
    )


def get_drafts() -> DraftStore:
    """The current app's draft store (the respondent blueprint attaches it)."""
    return current_app.extensions["ankommen_drafts"]
