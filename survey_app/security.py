"""Security headers for every response.

The Content-Security-Policy allows no inline script and no framing; pages with
answers are never cached, so a shared tablet's back button shows nothing of the
previous family.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, abort, request

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


F = TypeVar("F", bound=Callable[..., Any])


def accepts_json(view: F) -> F:
    """Mark a view that reads a JSON body itself (all others refuse JSON bodies)."""
    view.accepts_json = True  # type: ignore[attr-defined]
    return view


def accepts_upload(view: F) -> F:
    """Mark a view that takes file uploads up to ``UPLOAD_MAX_BYTES`` (not ``MAX_CONTENT_LENGTH``)."""
    view.accepts_upload = True  # type: ignore[attr-defined]
    return view


def is_upload_view(app: Flask) -> bool:
    """True when the current request goes to an :func:`accepts_upload` view."""
    view = app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "accepts_upload", False))


def init_uploads(app: Flask) -> None:
    """Let upload views take larger bodies; register before CSRFProtect reads the form."""

    @app.before_request
    def raise_upload_limit() -> None:
        if is_upload_view(app):
            request.max_content_length = int(app.config["UPLOAD_MAX_BYTES"])


def init_app(app: Flask) -> None:
    """Refuse JSON bodies (but for :func:`accepts_json` views); headers on every response."""

    @app.before_request
    def refuse_json_bodies() -> None:
        # Only marked views take JSON; Flask-WTF would parse one as form data (and fail
        # on a body that is not an object): refuse it before any form reads it.
        if request.method not in ("GET", "HEAD", "OPTIONS") and request.is_json:
            view = app.view_functions.get(request.endpoint or "")
            if not getattr(view, "accepts_json", False):
                abort(400)

    app.after_request(add_security_headers)


#: Headers every response gets, unless a view set its own.
SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    # same-origin, not no-referrer: Flask-WTF checks the Referer of POSTs over HTTPS.
    ("Referrer-Policy", "same-origin"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
_SECURITY_HEADER_KEYS = frozenset(name.lower() for name, _value in SECURITY_HEADERS)


def add_security_headers(response: Response) -> Response:
    """Add :data:`SECURITY_HEADERS` that the response lacks; HTML is never cached.

    One pass over the response's headers (``setdefault`` for each would scan them five
    times, a few percent of a question page).
    """
    headers = response.headers
    present = {name.lower() for name, _value in headers.items()} & _SECURITY_HEADER_KEYS
    headers.extend(
        [(name, value) for name, value in SECURITY_HEADERS if name.lower() not in present]
    )
    if response.mimetype == "text/html":
        headers["Cache-Control"] = "no-store"
    return response
