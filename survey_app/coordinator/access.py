"""Who is logged in, the session limits, and which role may open which page.

The session (Flask's signed cookie) holds only a random token; the session itself is a
row in ``admin_sessions`` (:mod:`survey_app.storage.session_store`).  On every request to
``/admin`` the row and the account are read again, so logout, a new password, a removed
account, ``ADMIN_IDLE_MINUTES`` without activity and ``ADMIN_SESSION_HOURS`` after the
login each end the session at once, also for a copy of the cookie.

Every view is decorated with :func:`requires` naming the roles that may open it;
anonymous visitors are sent to the login page, other roles get 403.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import abort, current_app, g, has_request_context, redirect, request, session, url_for
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer
from werkzeug.wrappers import Response

from survey_app.session_cookie import KeyKeepingSigner, RememberingSerializer
from survey_app.storage import session_store as admin_sessions
from survey_app.storage.db import write_transaction
from survey_app.storage.user_store import COORDINATOR, PLANNER, User

#: The session key holding the token of the server-side session.
SESSION_TOKEN = "admin_session"
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

    def get_signing_serializer(self, app: Any) -> URLSafeTimedSerializer | None:
        """Flask's serializer, made once per secret key (not on every request); it
        verifies a cookie seen before only once (:mod:`survey_app.session_cookie`)."""
        if not app.secret_key:
            return None
        keys = (*(app.config["SECRET_KEY_FALLBACKS"] or ()), app.secret_key)
        cached = app.extensions.get("ankommen_session_serializer")
        if cached is None or cached[0] != keys:
            serializer = RememberingSerializer(
                list(keys),
                salt=self.salt,
                serializer=self.serializer,
                signer=KeyKeepingSigner,
                signer_kwargs={
                    "key_derivation": self.key_derivation,
                    "digest_method": self.digest_method,
                },
            )
            cached = app.extensions["ankommen_session_serializer"] = (keys, serializer)
        return cached[1]

    def save_session(self, app: Any, session: Any, response: Response) -> None:  # type: ignore[override]
        """Flask's, with a short way for the usual case: a session that was not changed
        (and is not refreshed on every request) only adds ``Vary: Cookie`` when read."""
        if self.should_set_cookie(app, session):  # changed (or refreshed every time)
            super().save_session(app, session, response)
        elif session.accessed:
            if "Vary" in response.headers:
                response.vary.add("Cookie")
            else:
                response.headers["Vary"] = "Cookie"

    def get_cookie_secure(self, app: Any) -> bool:
        """True when configured, or when this request came over HTTPS."""
        if (
            app.config.get("SESSION_COOKIE_SECURE")
            or app.config.get("PREFERRED_URL_SCHEME") == "https"
        ):
            return True
        return has_request_context() and request.is_secure

    def open_session(self, app: Any, request: Any) -> SecureCookieSession | None:
        """The signed session, or an empty one when the signed data is not a mapping
        (a cookie signed with the right key but of the wrong shape).  A CSRF secret
        that is not a string is dropped: Flask-WTF would fail comparing it."""
        try:
            opened = super().open_session(app, request)
        except (TypeError, ValueError):
            return self.session_class()
        csrf_key = app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
        if opened is not None and not isinstance(opened.get(csrf_key, ""), str):
            del opened[csrf_key]
        return opened


def current_user() -> User | None:
    """The logged-in account of this request, or None."""
    return g.get("admin_user")


def current_user_name() -> str:
    """The name of the logged-in account, in a view behind :func:`requires`."""
    user = current_user()
    assert user is not None  # guaranteed by @requires
    return user.name


def _fresh_session() -> None:
    kept = {key: session[key] for key in PRESERVED_KEYS if key in session}
    session.clear()
    session.update(kept)


def _limits() -> dict[str, timedelta]:
    config = current_app.config
    return {
        "idle": timedelta(minutes=float(config["ADMIN_IDLE_MINUTES"])),
        "lifetime": timedelta(hours=float(config["ADMIN_SESSION_HOURS"])),
    }


def start_session(user: User) -> None:
    """Log ``user`` in: a new server-side session and a fresh cookie (against
    fixation) keeping only the languages."""
    _fresh_session()
    with write_transaction() as conn:
        admin_sessions.purge_expired(conn, **_limits())
        session[SESSION_TOKEN] = admin_sessions.open_session(conn, user)
    g.admin_user = user


def end_session() -> None:
    """Log out: delete the server-side session, forget everything but the languages."""
    token = session.get(SESSION_TOKEN)
    if isinstance(token, str):
        with write_transaction() as conn:
            admin_sessions.end_session(conn, token)
    _fresh_session()
    g.admin_user = None


def load_user() -> None:
    """Before each ``/admin`` request: find the session and its account, or none."""
    g.admin_user = None
    g.admin_timed_out = False
    token = session.get(SESSION_TOKEN)
    if token is None:
        return
    if not isinstance(token, str) or not 0 < len(token) <= 100:
        _fresh_session()
        return
    with write_transaction() as conn:
        found = admin_sessions.find_session(
            conn, token, activity=request.endpoint not in PASSIVE_ENDPOINTS, **_limits()
        )
    if found.user is None:
        _fresh_session()
        g.admin_timed_out = found.timed_out
        return
    g.admin_user = found.user


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path inside the admin area (no open redirect), else None."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/admin/") or "\\" in target:
        return None
    if any(char.isspace() or not char.isprintable() for char in target):
        return None  # no line breaks or control characters into a Location header
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
