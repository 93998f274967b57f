"""Limits on guessing passwords that no stranger can turn into a lockout.

Three parts, none of them per IP address:

- per account, a short back-off after failures (:func:`survey_app.storage.user_store.backoff_seconds`):
  the attempt is held for at most a few seconds and then checked, so the right
  password always gets through;
- for all accounts together, a cap on failed logins per minute
  (``LOGIN_MAX_FAILURES_PER_MINUTE``): above it, attempts are refused unchecked (429)
  — except from a browser that logged into that account before;
- that browser carries a *trusted-device cookie* (signed, naming the account and its
  password stamp, valid :data:`DEVICE_DAYS` days), so a flood of wrong passwords from
  elsewhere does not keep the coordinator out of their own laptop.

The failure count lives in this process's memory: the app runs as one process (see
the README), and a restart forgetting it costs an attacker nothing they could not get
by waiting a minute.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from flask import Flask, current_app, request
from itsdangerous import BadData, URLSafeTimedSerializer
from werkzeug.wrappers import Response

from survey_app.storage.user_store import User

DEVICE_COOKIE = "ankommen_device"
DEVICE_DAYS = 180
WINDOW_SECONDS = 60.0


class FailureWindow:
    """Failed logins of the last :data:`WINDOW_SECONDS`, for all accounts together."""

    def __init__(self) -> None:
        self._times: deque[float] = deque()
        self._lock = threading.Lock()

    def _drop_old(self, now: float) -> None:
        while self._times and now - self._times[0] > WINDOW_SECONDS:
            self._times.popleft()

    def note_failure(self, now: float | None = None) -> None:
        """Count one failed login."""
        now = time.monotonic() if now is None else now
        with self._lock:
            self._drop_old(now)
            self._times.append(now)

    def count(self, now: float | None = None) -> int:
        """Failed logins within the window."""
        now = time.monotonic() if now is None else now
        with self._lock:
            self._drop_old(now)
            return len(self._times)


def failures(app: Flask | None = None) -> FailureWindow:
    """The app's window of failed logins."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    window = app.extensions.get("ankommen_login_failures")
    if window is None:
        window = app.extensions.setdefault("ankommen_login_failures", FailureWindow())
    return window


def over_global_cap() -> bool:
    """True while the failed logins of the last minute reach the configured cap."""
    return failures().count() >= int(current_app.config["LOGIN_MAX_FAILURES_PER_MINUTE"])


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key or "", salt="ankommen-trusted-device")


def is_trusted_device(user: User | None) -> bool:
    """True when this browser logged into ``user`` before (and the password is the same)."""
    value = request.cookies.get(DEVICE_COOKIE)
    if user is None or not value or len(value) > 500:
        return False
    try:
        data = _serializer().loads(value, max_age=DEVICE_DAYS * 24 * 3600)
    except BadData:
        return False
    return (
        isinstance(data, dict)
        and data.get("user") == user.id
        and data.get("stamp") == user.password_stamp
    )


def remember_device(response: Response, user: User) -> None:
    """Give this browser the trusted-device cookie of ``user``."""
    interface = current_app.session_interface
    response.set_cookie(
        DEVICE_COOKIE,
        _serializer().dumps({"user": user.id, "stamp": user.password_stamp}),
        max_age=DEVICE_DAYS * 24 * 3600,
        path=request.script_root + "/admin/",
        secure=interface.get_cookie_secure(current_app),
        httponly=True,
        samesite="Lax",
    )
