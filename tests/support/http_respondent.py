"""A respondent over real HTTP (loopback) that keeps trying while the server restarts.

It fills each page with :func:`tests.respondent.helpers.default_answers`, follows
redirects like a browser, and retries a request whose connection failed (the server
was killed) with the same data until the server answers again. It records every screen
it lost: a page after a retry that is earlier than the last page the server had
already acknowledged, or a start page in the middle of the questionnaire.
"""

from __future__ import annotations

import http.client
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from tests.respondent.helpers import CSRF, TOKEN, default_answers

PAGE = re.compile(r"/page/(\d+)$")
RETRYABLE = (
    urllib.error.URLError,
    http.client.HTTPException,
    ConnectionError,
    TimeoutError,
    OSError,
)


@dataclass
class HttpRespondent:
    """One tablet: a cookie jar, the last page, and what went wrong."""

    bases: list[str]
    questionnaire_id: str
    retry_seconds: float = 60
    url: str = ""
    html: str = ""
    requests: int = 0
    retries: int = 0
    lost_screens: int = 0
    expired: int = 0
    pages: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())

    def _base(self) -> str:
        """The server for the next request: the bases in turn (one per worker)."""
        return self.bases[self.requests % len(self.bases)]

    def _send(self, path: str, data: dict[str, Any] | None) -> None:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        deadline = time.monotonic() + self.retry_seconds
        while True:
            url = self._base() + path
            self.requests += 1
            try:
                with self._opener.open(url, data=body, timeout=20) as response:
                    self.html = response.read().decode()
                    self.url = urllib.parse.urlsplit(response.geturl()).path
                    break
            except urllib.error.HTTPError as error:
                if error.code < 500:
                    self.html = error.read().decode()
                    self.expired += "abgelaufen" in self.html
                    self.url = urllib.parse.urlsplit(error.geturl()).path
                    raise AssertionError(f"{error.code} for {path}: {self.html[:300]}") from error
                self._wait(deadline)
            except RETRYABLE:
                self._wait(deadline)
        self.pages.append(self.url)

    def _wait(self, deadline: float) -> None:
        self.retries += 1
        if time.monotonic() > deadline:
            raise AssertionError("the server did not come back")
        time.sleep(0.2)

    def _page_number(self) -> int | None:
        match = PAGE.search(self.url)
        return int(match.group(1)) if match else None

    def answer_questionnaire(self, lang: str = "de", limit: int = 60) -> bool:
        """Start, answer every screen, submit; True when the thank-you page came."""
        self._send(f"/q/{self.questionnaire_id}?lang={lang}", None)
        assert self.url.endswith("/consent"), self.url
        self._send(self.url, {"csrf_token": self._csrf()})
        reached = 0
        for _ in range(limit):
            if self.url.endswith("/thanks"):
                return True
            number = self._page_number()
            if self.url.endswith("/done"):
                token = TOKEN.search(self.html)
                assert token, "no submission token on the final page"
                self._send(self.url, {"csrf_token": self._csrf(), "token": token.group(1)})
                continue
            if number is None or number < reached:
                self.lost_screens += 1
                raise AssertionError(f"lost my place: {self.url} after page {reached}")
            reached = number
            form = {**default_answers(self.html), "csrf_token": self._csrf(), "action": "next"}
            self._send(self.url, form)
        raise AssertionError("no thank-you page within the limit")

    def _csrf(self) -> str:
        match = CSRF.search(self.html)
        assert match, f"no CSRF token on {self.url}"
        return match.group(1)
