"""Fuzz every route (issue 12): malformed and tampered requests never get a 5xx, and no
invalid response is ever stored.

Bounded and repeatable: the Flask test client (no network at all), a fixed seed and
:data:`REQUESTS` requests over every rule of ``app.url_map`` — anonymous, as a
coordinator and as a planner — with junk in path segments, query strings, form
fields, bodies, content types, ``Host``, ``Accept-Language`` and signed cookies of the
wrong shape.  A valid CSRF token is sent most of the time, so requests get past the
CSRF check into the views.  Every :data:`GUIDED_EVERY` requests a family goes through
a whole questionnaire with some answers replaced by junk and submits, so the final
check — every stored row passes the questionnaire model's own validation — has rows
to look at.  The only 5xx allowed is a deliberate 503.
"""

from __future__ import annotations

import random
import re
import string
import traceback
from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule

from survey_app import create_app
from survey_app.library import get_library
from survey_app.storage import event_store as events
from survey_app.storage.db import get_engine
from survey_app.storage.user_store import hash_password
from tests.conftest import make_test_config
from tests.coordinator.conftest import PASSWORD, add_accounts, session_for
from tests.respondent.helpers import Respondent, default_answers, form_inputs, stored_responses

SEED = 20261127
REQUESTS = 3000
GUIDED_EVERY = 150
EVENT = "FUZZ01"
#: Slow routes (PDF, spreadsheets, images, password hashing) get only this many tries.
SLOW_LIMIT = {
    "coordinator.brief_pdf": 3,
    "coordinator.result_tables": 4,
    "coordinator.export_download": 6,
    "coordinator.event_qr_png": 6,
    "coordinator.event_poster": 6,
    "coordinator.login:POST": 40,
}

JUNK = [
    "",
    "0",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999",
    "600000",
    "²",
    "①",
    "٣",
    "a" * 6000,
    "\x00",
    "\r\nX-Injected: 1",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%00",
    "ü" * 300,
    "🙂",
    "2020-13-45",
    "true",
    "[]",
    "{}",
    "null",
    "/admin/%0d%0aX:1",
    "//evil.example/",
    "javascript:alert(1)",
]
SEGMENTS = ["..", "%2e%2e", "a" * 300, "ä", "x.y", "0", "-1", "null", "ZZZZZZ", "<b>"]
QUERY_KEYS = ["page", "lang", "next", "expired", "number", "q", "format", "fmt", "code"]
LANGUAGES = ["de", "en", "ar", "tr", "uk", "ru", "de-x-ls", "xx", "*;q=abc", "ar;q=2", "a" * 500]
CONTENT_TYPES = [
    "application/json",
    "text/plain",
    "multipart/form-data; boundary=zzz",
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/xml",
]
CSRF = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')


def _path(rule: Rule, rng: random.Random, known: dict[str, list[str]]) -> str:
    """A URL for ``rule`` with known or junk values in its variables."""
    values: dict[str, Any] = {}
    for name in rule.arguments:
        converter = rule._converters[name]  # noqa: SLF001 - what kind of value it takes
        if type(converter).__name__ == "IntegerConverter":
            values[name] = rng.choice([0, 1, 2, 3, 5, 8, 40, 10**6, 10**30])
        elif rng.random() < 0.7 and known.get(name):
            values[name] = rng.choice(known[name])
        else:
            values[name] = rng.choice(SEGMENTS + JUNK[:10])
    path = rule.rule
    for name, value in values.items():
        path = re.sub(r"<(?:[^:<>]+:)?" + name + r">", str(value).replace("\\", ""), path)
    return path


def _query(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return ""
    pairs = [
        f"{rng.choice(QUERY_KEYS)}={rng.choice(JUNK + LANGUAGES)}" for _ in range(rng.randint(1, 3))
    ]
    return "?" + "&".join(pairs)


def _form(rng: random.Random, fields: list[str], token: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in rng.sample(fields, min(len(fields), rng.randint(0, 6))):
        data[name] = (
            [rng.choice(JUNK) for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.2
            else rng.choice(JUNK + ["1", "240", "yes", "ja", "rot", "next", "back"])
        )
    if rng.random() < 0.2:
        data["".join(rng.choices(string.ascii_letters, k=8))] = rng.choice(JUNK)
    if token and rng.random() < 0.8:
        data["csrf_token"] = token
    return data


def _headers(rng: random.Random) -> dict[str, str]:
    headers: dict[str, str] = {}
    if rng.random() < 0.3:
        headers["Accept-Language"] = rng.choice(LANGUAGES)
    if rng.random() < 0.03:
        headers["Host"] = rng.choice(["a" * 64, "b" * 300 + ".example", "localhost:99999"])
    if rng.random() < 0.05:
        headers["X-Forwarded-Proto"] = "https"
        headers["X-Forwarded-Host"] = rng.choice(JUNK[:12])
    return headers


def _tampered_client(app: Flask, rng: random.Random) -> FlaskClient:
    """A fresh client whose session cookie is signed with the right key but odd inside."""
    client = app.test_client()
    shape = rng.choice(
        [
            ["not", "a", "dict"],
            {"admin_session": 123},
            {"admin_session": ["x"]},
            {"admin_user_id": "abc"},
            {"lang": ["ar"], "admin_lang": {"x": 1}, "draft": 5},
            "text",
            42,
            {"_fresh": "no", "csrf_token": ["x"]},
        ]
    )
    value = app.session_interface.get_signing_serializer(app).dumps(shape)  # type: ignore[attr-defined]
    client.set_cookie("session", value if rng.random() < 0.8 else "garbage." + value[:20])
    return client


def _guided_run(app: Flask, rng: random.Random, questionnaire_ids: list[str]) -> list[str]:
    """A family answers a whole questionnaire, some answers junk, and submits."""
    problems: list[str] = []
    family = Respondent(app.test_client())
    questionnaire_id = rng.choice(questionnaire_ids)
    family.get(f"/q/{questionnaire_id}?lang={rng.choice(['de', 'ar', 'en'])}")
    if not family.url.endswith("/consent"):
        return problems
    family.post(family.url, {})
    page_url = family.url
    for _step in range(60):
        if family.status >= 500:
            problems.append(f"guided run: {family.status} at {family.url}")
            return problems
        if family.url.endswith("/done"):
            reply = family.post(family.url, {"token": family.submission_token()})
            if reply.status_code >= 500:
                problems.append(f"guided submit: {reply.status_code}")
            return problems
        if family.status in (400, 422) and "/page/" in page_url:
            family.get(page_url)  # junk refused: back to the page, answer it properly
            clean = True
        elif "/page/" not in family.url or family.status != 200:
            return problems
        else:
            clean = False
        page_url = family.url
        answers = default_answers(family.html)
        if not clean and rng.random() < 0.5:
            name = rng.choice(sorted(answers) or ["extra"])
            answers[name] = rng.choice(JUNK)
        family.post(family.url, {**answers, "action": "next"})
    return problems


def _setup(tmp_path: Path) -> tuple[Flask, dict[str, Any], list[str]]:
    app = create_app(make_test_config(tmp_path))
    accounts = add_accounts(app, hash_password(PASSWORD))
    with app.app_context():
        questionnaire_ids = [questionnaire.id for questionnaire in get_library().all()]
        with get_engine().begin() as conn:
            events.create_event(
                conn,
                name="Fuzzfest",
                questionnaire_ids=questionnaire_ids[:2],
                district=None,
                held_on=date.today(),
                code=EVENT,
            )
    return app, accounts, questionnaire_ids


def test_fuzz__no_5xx_on_any_route_and_no_invalid_row_stored(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    app, accounts, questionnaire_ids = _setup(tmp_path)
    known = {
        "questionnaire_id": questionnaire_ids,
        "code": [EVENT],
        "fmt": ["csv", "xlsx", "pdf"],
        "number": ["1", "2"],
        "filename": ["css/ankommen.css", "js/respondent.js"],
        "name": ["missing.svg"],
    }
    targets = [
        (rule, method)
        for rule in app.url_map.iter_rules()
        for method in sorted(rule.methods - {"OPTIONS"})
    ]
    clients = {role: app.test_client() for role in ("anonymous", "coordinator", "planner")}
    tokens: dict[str, str] = {}
    fields: set[str] = {"months", "name", "password", "token", "action", "lang"}
    used: dict[str, int] = {}
    failures: list[str] = []
    sent = 0

    for number in range(REQUESTS):
        if number % 100 == 0:
            for role in ("coordinator", "planner"):
                clients[role] = app.test_client()
                session_for(clients[role], accounts[role])
                tokens.pop(role, None)
        if number % GUIDED_EVERY == GUIDED_EVERY // 2:
            failures += _guided_run(app, rng, questionnaire_ids)
        # First every rule and method once, then at random.
        rule, method = targets[number] if number < len(targets) else rng.choice(targets)
        if rng.random() < 0.05:
            method = rng.choice(["PUT", "DELETE", "PATCH", "POST", "GET"])
        slow_key = f"{rule.endpoint}:{method}" if rule.endpoint == "coordinator.login" else None
        slow_key = slow_key if slow_key in SLOW_LIMIT else rule.endpoint
        if slow_key in SLOW_LIMIT:
            used[slow_key] = used.get(slow_key, 0) + 1
            if used[slow_key] > SLOW_LIMIT[slow_key]:
                continue
        role = rng.choice(list(clients))
        client = clients[role]
        if rng.random() < 0.04:
            client, role = _tampered_client(app, rng), f"{role} (tampered cookie)"
        url = _path(rule, rng, known) + _query(rng)
        options: dict[str, Any] = {"method": method, "headers": _headers(rng)}
        if method not in ("GET", "HEAD"):
            kind = rng.random()
            if kind < 0.75:
                options["data"] = _form(rng, sorted(fields), tokens.get(role.split()[0]))
            elif kind < 0.97:
                options["data"] = bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
                options["content_type"] = rng.choice(CONTENT_TYPES)
            else:
                options["data"] = b"a" * 300_000
                options["content_type"] = "application/x-www-form-urlencoded"
        sent += 1
        try:
            reply = client.open(url, **options)
        except Exception as error:  # noqa: BLE001 - the test reports every kind of failure
            where = traceback.extract_tb(error.__traceback__)[-3:]
            frames = " < ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(where))
            failures.append(f"{role} {method} {url[:120]}: {error!r}"[:300] + f" at {frames}")
            continue
        if reply.status_code >= 500 and reply.status_code != 503:
            failures.append(f"{role} {method} {url[:120]}: {reply.status_code}")
        if reply.status_code == 200 and reply.mimetype == "text/html" and role in clients:
            page = reply.get_data(as_text=True)
            match = CSRF.search(page)
            if match:
                tokens[role] = match.group(1)
            fields.update(item.name for item in form_inputs(page))
        reply.close()

    assert not failures, f"{len(failures)} failures, e.g.:\n" + "\n".join(failures[:15])
    assert sent > REQUESTS * 0.9, sent  # besides the guided runs' requests
    print(f"fuzz: {sent} requests sent, {len(rows := stored_responses(app))} rows stored")
    assert rows, "the guided runs stored nothing: the row check would be empty"
    with app.app_context():
        library = get_library()
        for row in rows:
            questionnaire = library.get(row["questionnaire_id"])
            assert questionnaire is not None
            assert row["questionnaire_hash"] == questionnaire.content_hash
            assert questionnaire.validate(row["answers"]) == [], row["answers"]
