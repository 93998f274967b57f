"""A respondent driven through the Flask test client, reading the pages as a browser would.

The filler answers what the page offers: the first choice of every radio group and
checkbox list (unless told otherwise), a number for number fields, a sentence for
text.  It knows nothing about the questionnaire beyond the HTML it gets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from survey_app import storage
from survey_app.storage.db import get_engine

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
TOKEN = re.compile(r'name="token" value="([^"]+)"')


@dataclass
class Input:
    """One form control of a page."""

    tag: str
    type: str
    name: str
    value: str
    checked: bool
    attrs: dict[str, str]


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[Input] = []
        self._textarea: Input | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "input" and values.get("name"):
            kind = values.get("type", "text")
            self.inputs.append(
                Input(
                    tag, kind, values["name"], values.get("value", ""), "checked" in values, values
                )
            )
        elif tag == "textarea" and values.get("name"):
            self._textarea = Input(tag, "textarea", values["name"], "", False, values)
            self.inputs.append(self._textarea)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None


def form_inputs(html: str) -> list[Input]:
    """Every named input and textarea of a page."""
    parser = _FormParser()
    parser.feed(html)
    return parser.inputs


def default_answers(html: str, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Form data answering everything on the page (``overrides`` by field name win)."""
    overrides = dict(overrides or {})
    data: dict[str, Any] = {}
    seen: set[str] = set()
    groups: set[str] = set()
    for item in form_inputs(html):
        if item.name in ("csrf_token", "token", "action") or item.type in ("hidden", "submit"):
            continue
        if item.name in overrides:
            data[item.name] = overrides[item.name]
            continue
        if item.name in seen:
            continue
        seen.add(item.name)
        if item.type in ("radio", "checkbox"):
            data[item.name] = item.value
        elif item.type == "number":
            group = item.name.split(".")[0]
            data[item.name] = "" if group in groups else "1"
            groups.add(group)
        elif "input-number" in item.attrs.get("class", ""):
            data[item.name] = "12"
        elif item.type == "date":
            data[item.name] = "2020-05-01"
        else:
            data[item.name] = "Mehr Spielplätze im Viertel"
    return data


@dataclass
class Respondent:
    """A family at a tablet: follows redirects by hand and keeps the last page."""

    client: FlaskClient
    url: str = ""
    html: str = ""
    status: int = 0
    history: list[str] = field(default_factory=list)

    def get(self, url: str) -> Respondent:
        """GET ``url`` and follow redirects."""
        response = self.client.get(url)
        return self._arrive(url, response)

    def _arrive(self, url: str, response: Any) -> Respondent:
        hops = 0
        while response.status_code in (301, 302, 303) and hops < 10:
            url = response.headers["Location"]
            response = self.client.get(url)
            hops += 1
        self.url, self.html, self.status = (
            url,
            response.get_data(as_text=True),
            response.status_code,
        )
        self.history.append(url)
        return self

    def csrf(self) -> str:
        """The CSRF token of the current page."""
        match = CSRF.search(self.html)
        assert match, f"no CSRF token on {self.url}"
        return match.group(1)

    def post(self, url: str, data: Mapping[str, Any], follow: bool = True) -> Any:
        """POST form data with the page's CSRF token; follow redirects unless told not to."""
        payload = {"csrf_token": self.csrf(), **data}
        response = self.client.post(url, data=payload)
        if follow:
            self._arrive(url, response)
        return response

    def start(self, questionnaire_id: str, lang: str, entry: str | None = None) -> Respondent:
        """Choose the language (through ``entry``, e.g. ``/k/CODE``) and pass the consent page."""
        if entry:
            self.get(f"{entry}?lang={lang}")
            if not self.url.endswith("/consent"):  # an event with several questionnaires
                self.get(f"/q/{questionnaire_id}?lang={lang}")
        else:
            self.get(f"/q/{questionnaire_id}?lang={lang}")
        assert self.url.endswith("/consent"), self.url
        self.post(self.url, {})
        return self

    def next(self, overrides: Mapping[str, Any] | None = None, answer: bool = True) -> Any:
        """Answer the current screen (or not) and press "Weiter"."""
        data = default_answers(self.html, overrides) if answer else dict(overrides or {})
        return self.post(self.url, {**data, "action": "next"})

    def back(self, data: Mapping[str, Any] | None = None) -> Any:
        """Press "Zurück" (with what is filled in)."""
        return self.post(self.url, {**(data or {}), "action": "back"})

    def answer_all(self, overrides: Mapping[str, Any] | None = None, limit: int = 40) -> None:
        """Answer screen after screen until the final page."""
        for _ in range(limit):
            if self.url.endswith("/done"):
                return
            assert "/page/" in self.url and self.status == 200, (
                self.url,
                self.status,
                self.html[:2000],
            )
            self.next(overrides)
        raise AssertionError("the questionnaire did not end")

    def submit(self) -> Any:
        """Press the final "Absenden" button."""
        assert self.url.endswith("/done"), self.url
        return self.post(self.url, {"token": self.submission_token()})

    def submission_token(self) -> str:
        """The one-time token of the final page."""
        match = TOKEN.search(self.html)
        assert match, "no submission token on the page"
        return match.group(1)


def count_responses(app: Flask) -> int:
    """How many responses are stored."""
    with app.app_context(), get_engine().connect() as conn:
        return conn.execute(select(func.count()).select_from(storage.responses)).scalar_one()


def stored_responses(app: Flask) -> list[dict[str, Any]]:
    """Every stored response row as a dict, answers parsed."""
    with app.app_context(), get_engine().connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(select(storage.responses))]
    for row in rows:
        row["answers"] = json.loads(row["answers"])
    return rows


def make_event(
    app: Flask, questionnaire_ids: list[str], mode: str = "both", district: str | None = "altstadt"
) -> str:
    """Create an event and return its code."""
    import datetime

    from survey_app.storage import event_store as events

    with app.app_context(), get_engine().begin() as conn:
        event = events.create_event(
            conn,
            name="Stadtteilfest",
            questionnaire_ids=questionnaire_ids,
            district=district,
            held_on=datetime.date(2025, 6, 14),
            mode=mode,
        )
    return event.code
