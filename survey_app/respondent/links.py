"""URLs and form tokens of respondent pages, built once and reused.

A question page links to the same few places every time (the language choice, start
over, the screen's own form, the style sheet and script); building each URL through
the router costs more than the lookup here.  The signed CSRF token of a respondent is
the same for every page of the draft, so it is signed once per draft, not once per page.
"""

from __future__ import annotations

import time
from collections.abc import Hashable

from flask import current_app, request, session, url_for
from flask_wtf.csrf import generate_csrf

from survey_app.storage.draft_store import Draft

#: Distinct URLs kept per app; the respondent side has a few per questionnaire.
MAX_CACHED_URLS = 4096


def cached_url_for(endpoint: str, **values: Hashable) -> str:
    """``url_for`` for a relative URL, remembered per app, script root and arguments."""
    cache: dict[tuple[Hashable, ...], str] = current_app.extensions.setdefault("ankommen_urls", {})
    key = (request.script_root, endpoint, *sorted(values.items()))
    url = cache.get(key)
    if url is None:
        url = url_for(endpoint, **values)
        if len(cache) >= MAX_CACHED_URLS:
            cache.clear()
        cache[key] = url
    return url


def draft_csrf_token(draft: Draft) -> str:
    """The signed CSRF token for this respondent, signed once per draft.

    The session's raw token is what the signature binds; while it is unchanged the
    signed value stays valid (the token has no time limit by default).  With a time
    limit set, a signed token is reused only for a quarter of that limit.
    """
    field_name = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    limit = current_app.config.get("WTF_CSRF_TIME_LIMIT")
    raw = session.get(field_name)
    cached = draft.csrf
    fresh = cached is not None and (limit is None or time.monotonic() - cached[2] < limit / 4)
    if cached is not None and fresh and raw is not None and cached[0] == raw:
        return cached[1]
    token = generate_csrf()
    draft.csrf = (session[field_name], token, time.monotonic())
    return token
