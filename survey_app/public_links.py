"""Addresses that leave the browser — QR codes, posters, printed URLs — use PUBLIC_URL.

A coordinator's browser may reach ankommen as ``http://127.0.0.1:5000`` while a
parent's phone needs ``https://umfrage.lindenau.de``. With ``PUBLIC_URL`` set
(``ANKOMMEN_PUBLIC_URL``), every link meant for another device is built on it; without
it, on the address of the current request (behind a reverse proxy that sends
``X-Forwarded-*`` headers, with ``PROXY_FIX`` on, that is the public one). A link that
would point at this machine only is flagged so the event page can warn.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from flask import current_app, url_for

LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def public_url_for(endpoint: str, **values: object) -> str:
    """The absolute address of ``endpoint`` as another device must use it."""
    base = str(current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    if not base:
        return url_for(endpoint, _external=True, **values)
    path = current_app.url_map.bind("localhost", script_name="/").build(endpoint, values)
    return base + path


def only_reachable_here(url: str) -> bool:
    """True when ``url`` names this machine only (localhost, 127.x, ::1, 0.0.0.0)."""
    host = (urlsplit(url).hostname or "").lower()
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified
