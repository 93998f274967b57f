"""Trusting a reverse proxy's ``X-Forwarded-*`` headers — only when configured.

Behind a TLS-terminating proxy the app sees plain HTTP; the proxy tells it the
original scheme and host in ``X-Forwarded-Proto``/``-Host``/``-For``/``-Prefix``.
Those headers are trusted only when ``TRUSTED_PROXIES`` says how many proxies set
them (werkzeug's ``ProxyFix`` takes that many values from the right); with the
default 0 they are ignored, because any client can send them.  Once trusted, an
HTTPS request counts as secure, so the session cookie gets ``Secure`` and URLs are
built with ``https``.  The address from ``X-Forwarded-For`` is never stored.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def trusted_proxies(app: Flask) -> int:
    """The configured number of trusted proxies (0 when unset); a bad value is an error."""
    value = app.config.get("TRUSTED_PROXIES") or 0
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("TRUSTED_PROXIES must be a whole number of proxies (0 for none).")
    return value


def init_app(app: Flask) -> None:
    """Wrap the WSGI app in ``ProxyFix`` when ``TRUSTED_PROXIES`` is above 0."""
    count = trusted_proxies(app)
    if count:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_prefix=count
        )
