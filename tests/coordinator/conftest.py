"""Fixtures of the coordinator area: a small questionnaire folder, accounts,
logged-in clients, stored responses.

``app`` is overridden here: it serves a small questionnaire (``familie``) instead of
the shipped folder, so each test's app loads in a fraction of the time.  Tests of the
shipped folder (the browser story) build their own app.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import insert

from survey_app import create_app, storage
from survey_app.coordinator import access
from survey_app.storage import session_store as admin_sessions
from survey_app.storage.db import get_engine
from survey_app.storage.user_store import User, get_user, hash_password
from tests.conftest import make_test_config

COORDINATOR_NAME = "koordination"
PLANNER_NAME = "planung"
PASSWORD = "ein-langes-passwort"

#: The site file of the test folder.
SITE_YAML = """\
municipality: {de: Stadt Testhausen, en: Town of Testhausen, ar: مدينة تستهاوزن}
languages: [de, en, ar]
districts:
  - id: altstadt
    name: {de: Altstadt, en: Old Town, ar: البلدة القديمة}
  - id: nordviertel
    name: {de: Nordviertel, en: North Quarter, ar: الحي الشمالي}
life_phases: []
categories: []
offers: []
"""

#: A small questionnaire with every kind of column an export makes.  The label of
#: ``groesse`` has no Arabic text on purpose (a translation warning).
FAMILY_YAML = """\
id: familie
version: "3"
site: site.yaml
audience: parents
languages: [de, en, ar]
default_language: de
title: {de: Familienbefragung, en: Family survey, ar: استبيان العائلة}
choice_lists:
  skala:
    - {value: ja, label: {de: Ja, en: "Yes", ar: نعم}}
    - {value: nein, label: {de: Nein, en: "No", ar: لا}}
pages:
  - id: seite
    questions:
      - id: farbe
        type: single_choice
        label: {de: Lieblingsfarbe, en: Favourite colour, ar: اللون المفضل}
        choices:
          - {value: rot, label: {de: Rot, en: Red, ar: أحمر}}
          - {value: blau, label: {de: Blau, en: Blue, ar: أزرق}}
      - id: tiere
        type: multiple_choice
        label: {de: Welche Tiere, en: Which animals, ar: أي حيوانات}
        choices:
          - {value: hund, label: {de: Hund, en: Dog, ar: كلب}}
          - {value: katze, label: {de: Katze, en: Cat, ar: قطة}}
      - id: orte
        type: matrix
        label: {de: Gefällt dir das, en: Do you like it, ar: هل يعجبك}
        rows:
          - {value: park, label: {de: Park, en: Park, ar: حديقة}}
          - {value: schule, label: {de: Schule, en: School, ar: مدرسة}}
        choices: skala
      - id: punkte
        type: dot_vote
        points: 5
        label: {de: Verteile Punkte, en: Spread points, ar: وزّع النقاط}
        choices:
          - {value: spielplatz, label: {de: Spielplatz, en: Playground, ar: ملعب}}
          - {value: bad, label: {de: Schwimmbad, en: Pool, ar: مسبح}}
      - id: alter
        type: integer
        label: {de: Alter, en: Age, ar: العمر}
        min: -10
        max: 120
      - id: groesse
        type: decimal
        label: {de: Größe, en: Height}
      - id: allein
        type: yes_no
        role: equity_group
        equity_group: {label: {de: Alleinerziehend, en: Single parent, ar: والد وحيد}, members: ["yes"]}
        label: {de: Alleinerziehend, en: Single parent, ar: والد وحيد}
      - id: info
        type: note
        label: {de: Danke, en: Thanks, ar: شكرا}
      - id: idee
        type: text
        role: wish
        label: {de: Deine Idee, en: Your idea, ar: فكرتك}
"""
QUESTIONNAIRE_ID = "familie"


def write_questionnaires(folder: Path) -> Path:
    """The test folder: the site file and :data:`FAMILY_YAML`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (folder / "familie.yaml").write_text(FAMILY_YAML, encoding="utf-8")
    return folder


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """The app on a fresh database with the small test folder (fast to load)."""
    folder = write_questionnaires(tmp_path / "questionnaires")
    return create_app(make_test_config(tmp_path, QUESTIONNAIRE_DIR=str(folder)))


_CSRF = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')


def csrf_token(client: FlaskClient, path: str = "/admin/login") -> str:
    """The CSRF token of the client's session, read from a page with a form."""
    page = client.get(path)
    match = _CSRF.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client: FlaskClient, name: str, password: str = PASSWORD, **params: str) -> Any:
    """Log in through the real form; returns the response of the POST."""
    token = csrf_token(client)
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return client.post(
        "/admin/login" + (f"?{query}" if query else ""),
        data={"csrf_token": token, "name": name, "password": password},
    )


def session_for(client: FlaskClient, user: User) -> None:
    """Put ``user`` into the client's session directly (no password hashing).

    For the many tests that are about what a role may see, not about logging in; the
    login itself is tested through the form in test_login.py.
    """
    app = client.application
    with app.app_context(), get_engine().begin() as conn:
        token = admin_sessions.open_session(conn, user)
    with client.session_transaction() as session:
        session[access.SESSION_TOKEN] = token


@pytest.fixture(scope="session")
def password_hash() -> str:
    """The scrypt hash of :data:`PASSWORD`, computed once (each hash costs ~0.15 s)."""
    return hash_password(PASSWORD)


def add_accounts(app: Flask, password_hash: str) -> dict[str, User]:
    """A coordinator and a planner with :data:`PASSWORD` (``add_user`` is tested itself)."""
    with app.app_context(), get_engine().begin() as conn:
        for name, role in ((COORDINATOR_NAME, "coordinator"), (PLANNER_NAME, "planner")):
            conn.execute(
                insert(storage.users).values(
                    name=name, role=role, password_hash=password_hash, failed_logins=0
                )
            )
        return {
            "coordinator": get_user(conn, COORDINATOR_NAME),
            "planner": get_user(conn, PLANNER_NAME),
        }


@pytest.fixture
def accounts(app: Flask, password_hash: str) -> dict[str, User]:
    """A coordinator and a planner in the app's database."""
    return add_accounts(app, password_hash)


@pytest.fixture
def coordinator(app: Flask, accounts: dict[str, User]) -> FlaskClient:
    """A client logged in as the coordinator."""
    client = app.test_client()
    session_for(client, accounts["coordinator"])
    return client


@pytest.fixture
def planner(app: Flask, accounts: dict[str, User]) -> FlaskClient:
    """A client logged in as the planner."""
    client = app.test_client()
    session_for(client, accounts["planner"])
    return client


def store(app: Flask, *, answers: dict[str, Any] | None = None, **fields: Any) -> None:
    """Store one response as the respondent side does (defaults: parents, German, today)."""
    values: dict[str, Any] = {
        "questionnaire_id": QUESTIONNAIRE_ID,
        "questionnaire_version": "1",
        "questionnaire_hash": "0" * 64,
        "language": "de",
        "mode": "kiosk",
        "event_code": None,
        "district": None,
        "today": date.today(),
    }
    values.update(fields)
    today = values.pop("today")
    with app.app_context(), get_engine().begin() as conn:
        storage.store_response(
            conn,
            storage.NewResponse(answers=answers or {}, **values),
            token=storage.new_token(),
            today=today,
        )


def audit_entries(app: Flask) -> list[Any]:
    """The audit log, oldest first."""
    with app.app_context(), get_engine().connect() as conn:
        return conn.execute(storage.audit_log.select().order_by(storage.audit_log.c.id)).all()


def user_named(app: Flask, name: str) -> User | None:
    """The account ``name`` as stored now."""
    with app.app_context(), get_engine().connect() as conn:
        return get_user(conn, name)
