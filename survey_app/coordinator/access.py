"""Who is logged in, the idle timeout, and which role may open which page.

The session (Flask's signed cookie) holds the account id, a stamp of its password
hash and the time of the last request.  On every request to ``/admin`` the account is
read again, so a removed account or a changed password ends its sessions at once, and a
session unused for ``ADMIN_IDLE_MINUTES`` ends too.

Every view is decorated with :func:`requires` naming the roles that may open it;
anonymous visitors are sent to the login page, other roles get 403.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import abort, current_app, g, has_request_context, redirect, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from werkzeug.wrappers import Response

from survey_app.db import get_engine
from survey_app.users import COORDINATOR, PLANNER, User, get_user_by_id

SESSION_USER = "admin_user_id"
SESSION_STAMP = "admin_password_stamp"
SESSION_SEEN = "admin_seen"
#: Kept across login and logout: the languages chosen (admin area and respondent side).
PRESERVED_KEYS = ("lang", "admin_lang")
#: Endpoints that refresh themselves (the live overview's fragment): they do not count
#: as activity, or an open overview would keep a session alive for ever.
PASSIVE_ENDPOINTS = frozenset({"coordinator.live_fragment"})
#: Both roles; planners see results only.
READERS = (COORDINATOR, PLANNER)

View = TypeVar("View", bound=Callable[..., Any])


class AdminSessionInterface(SecureCookieSessionInterface):
    """Flask's cookie session, marked ``Secure`` whenever it is served over HTTPS.

    ``SESSION_COOKIE_SECURE = True`` (or ``PREFERRED_URL_SCHEME = "https"``) forces
    the flag; otherwise it follows ``request.is_secure``, so a plain-HTTP test or demo
    server still works while a TLS deployment gets secure cookies without extra
    configuration.  Behind a TLS-terminating proxy, ``request.is_secure`` needs
    werkzeug's ``ProxyFix`` (or set ``SESSION_COOKIE_SECURE``).
    """

    def get_cookie_secure(self, app: Any) -> bool:
        """True when configured, or when this request came over HTTPS."""
        if (
            app.config.get("SESSION_COOKIE_SECURE")
            or app.config.get("PREFERRED_URL_SCHEME") == "https"
        ):
            return True
        return has_request_context() and request.is_secure


def current_user() -> User | None:
    """The logged-in account of this request, or None."""
    return g.get("admin_user")


def _fresh_session() -> None:
    kept = {key: session[key] for key in PRESERVED_KEYS if key in session}
    session.clear()
    session.update(kept)


def start_session(user: User) -> None:
    """Log ``user`` in: a fresh session (against fixation) keeping only the languages."""
    _fresh_session()
    session[SESSION_USER] = user.id
    session[SESSION_STAMP] = user.password_stamp
    session[SESSION_SEEN] = time.time()
    g.admin_user = user


def end_session() -> None:
    """Log out: forget everything but the languages."""
    _fresh_session()
    g.admin_user = None


def load_user() -> None:
    """Before each ``/admin`` request: find the account, end idle or stale sessions."""
    g.admin_user = None
    g.admin_timed_out = False
    user_id = session.get(SESSION_USER)
    if user_id is None:
        return
    idle_seconds = current_app.config["ADMIN_IDLE_MINUTES"] * 60
    seen = session.get(SESSION_SEEN)
    if not isinstance(seen, int | float) or time.time() - seen > idle_seconds:
        end_session()
        g.admin_timed_out = True
        return
    with get_engine().connect() as conn:
        user = get_user_by_id(conn, int(user_id))
    if user is None or user.password_stamp != session.get(SESSION_STAMP):
        end_session()
        return
    g.admin_user = user
    if request.endpoint not in PASSIVE_ENDPOINTS:
        session[SESSION_SEEN] = time.time()


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path inside the admin area (no open redirect), else None."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/admin/") or "\\" in target:
        return None
    return target


def _to_login() -> Response:
    target = request.full_path if request.method == "GET" else None
    arguments: dict[str, str] = {}
    if target and safe_next(target.rstrip("?")):
        arguments["next"] = target.rstrip("?")
    if g.get("admin_timed_out"):
        arguments["expired"] = "1"
    return redirect(url_for("coordinator.login", **arguments))


def requires(*roles: str) -> Callable[[View], View]:
    """Let only logged-in accounts with one of ``roles`` open the view."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            user = current_user()
            if user is None:
                return _to_login()
            if user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate
