"""Security headers for every response.

The Content-Security-Policy allows no inline script and no framing; pages with
answers are never cached, so a shared tablet's back button shows nothing of the
previous family.
"""

from __future__ import annotations

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


def init_app(app: Flask) -> None:
    """Refuse JSON bodies and add the headers to every response."""

    @app.before_request
    def refuse_json_bodies() -> None:
        # No route takes JSON, but Flask-WTF would parse one as form data (and fail
        # on a body that is not an object): refuse it before any form reads it.
        if request.method not in ("GET", "HEAD", "OPTIONS") and request.is_json:
            abort(400)

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        # same-origin, not no-referrer: Flask-WTF checks the Referer of POSTs over HTTPS.
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        if response.mimetype == "text/html":
            headers["Cache-Control"] = "no-store"
        return response
