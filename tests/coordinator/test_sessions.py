"""Server-side sessions (issue 12, cases 7 and 8): revocable, limited in time, ``Secure``
behind a trusted proxy, and robust against signed cookies of the wrong shape."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from survey_app import create_app
from survey_app.coordinator import access
from survey_app.storage import admin_sessions
from survey_app.storage.db import get_engine
from tests.conftest import make_test_config
from tests.coordinator.conftest import (
    COORDINATOR_NAME,
    PASSWORD,
    add_accounts,
    csrf_token,
    login,
    write_questionnaires,
)


def _age_sessions(app, **ago: timedelta) -> None:
    """Move the times of every stored session back (``seen_at=…``, ``started_at=…``)."""
    now = datetime.now(UTC)
    with app.app_context(), get_engine().begin() as conn:
        conn.execute(update(admin_sessions).values({k: now - v for k, v in ago.items()}))


def _stored_sessions(app) -> list:
    with app.app_context(), get_engine().connect() as conn:
        return conn.execute(admin_sessions.select()).all()


def _copy_of_cookie(app, client):
    """A second client holding a copy of ``client``'s session cookie."""
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    return copy


def test_idle_timeout__old_session_ends_with_a_notice(app, coordinator) -> None:
    _age_sessions(app, seen_at=timedelta(minutes=app.config["ADMIN_IDLE_MINUTES"], seconds=5))
    reply = coordinator.get("/admin/events")
    assert reply.status_code == 302 and "expired=1" in reply.headers["Location"]
    assert "Inaktivität" in coordinator.get(reply.headers["Location"]).get_data(as_text=True)
    assert coordinator.get("/admin/").status_code == 302
    assert _stored_sessions(app) == []


def test_idle_timeout__activity_keeps_the_session(app, coordinator) -> None:
    idle = timedelta(minutes=app.config["ADMIN_IDLE_MINUTES"])
    _age_sessions(app, seen_at=idle - timedelta(seconds=30))
    assert coordinator.get("/admin/").status_code == 200
    seen = _stored_sessions(app)[0].seen_at.replace(tzinfo=UTC)
    assert seen > datetime.now(UTC) - timedelta(seconds=5)


def test_idle_timeout__live_refresh_is_no_activity(app, coordinator) -> None:
    _age_sessions(app, seen_at=timedelta(minutes=5))
    before = _stored_sessions(app)[0].seen_at
    assert coordinator.get("/admin/live/fragment").status_code == 200
    assert _stored_sessions(app)[0].seen_at == before


def test_absolute_timeout__ends_even_an_active_session(app, coordinator) -> None:
    hours = app.config["ADMIN_SESSION_HOURS"]
    _age_sessions(app, started_at=timedelta(hours=hours, minutes=1), seen_at=timedelta(0))
    assert coordinator.get("/admin/").status_code == 302


def test_case8_logout__a_copied_cookie_is_dead_afterwards(app, client, accounts) -> None:
    login(client, COORDINATOR_NAME)
    copy = _copy_of_cookie(app, client)
    assert copy.get("/admin/exports").status_code == 200
    client.post("/admin/logout", data={"csrf_token": csrf_token(client, "/admin/")})
    reply = copy.get("/admin/exports")
    assert reply.status_code == 302 and reply.headers["Location"].startswith("/admin/login")
    assert _stored_sessions(app) == []


def test_new_password__a_copied_cookie_is_dead_afterwards(app, runner, client, accounts) -> None:
    login(client, COORDINATOR_NAME)
    copy = _copy_of_cookie(app, client)
    assert copy.get("/admin/exports").status_code == 200
    result = runner.invoke(
        args=["user", "set-password", COORDINATOR_NAME, "--password-stdin"],
        input="ganz-neues-passwort\n",
    )
    assert result.exit_code == 0, result.output
    assert copy.get("/admin/exports").status_code == 302
    assert client.get("/admin/exports").status_code == 302


def test_removed_account__a_copied_cookie_is_dead_afterwards(app, runner, client, accounts) -> None:
    login(client, COORDINATOR_NAME)
    copy = _copy_of_cookie(app, client)
    assert runner.invoke(args=["user", "remove", COORDINATOR_NAME]).exit_code == 0
    assert copy.get("/admin/exports").status_code == 302
    assert _stored_sessions(app) == []


@pytest.mark.parametrize(
    "shape",
    [
        ["not", "a", "dict"],
        [["admin_session", "x"], ["y"]],
        {access.SESSION_TOKEN: 123},
        {access.SESSION_TOKEN: ["a", "list"]},
        {access.SESSION_TOKEN: "x" * 5000},
        {access.SESSION_TOKEN: "no-such-session"},
        {"admin_user_id": "abc"},
        {"lang": ["ar"], "admin_lang": {"x": 1}},
        {"csrf_token": ["x"]},
        "text",
        42,
    ],
)
def test_session_cookie__right_key_wrong_shape_is_anonymous(app, accounts, shape) -> None:
    client = app.test_client()
    client.set_cookie("session", app.session_interface.get_signing_serializer(app).dumps(shape))
    for path in ("/admin/", "/admin/login", "/admin/exports", "/"):
        assert client.get(path).status_code in (200, 302), (shape, path)
    token = csrf_token(app.test_client())  # a valid token of another session
    reply = client.post("/admin/login", data={"csrf_token": token, "name": "x", "password": "y"})
    assert reply.status_code == 400


def test_case7_session_cookie__secure_behind_a_trusted_proxy(tmp_path, password_hash) -> None:
    folder = write_questionnaires(tmp_path / "q")
    app = create_app(make_test_config(tmp_path, QUESTIONNAIRE_DIR=str(folder), TRUSTED_PROXIES=1))
    add_accounts(app, password_hash)
    client = app.test_client()
    proxy = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "umfrage.example"}
    token = csrf_token_behind(client, proxy)
    reply = client.post(
        "/admin/login",
        data={"csrf_token": token, "name": COORDINATOR_NAME, "password": PASSWORD},
        headers={**proxy, "Referer": "https://umfrage.example/admin/login"},
    )
    assert reply.status_code == 302
    cookies = reply.headers.getlist("Set-Cookie")
    assert len(cookies) == 2 and all("Secure" in cookie for cookie in cookies)


def csrf_token_behind(client, headers: dict[str, str]) -> str:
    """The CSRF token of the login page as fetched through the proxy."""
    page = client.get("/admin/login", headers=headers).get_data(as_text=True)
    return page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]


def test_session_cookie__forwarded_proto_ignored_without_trusted_proxy(client, accounts) -> None:
    token = csrf_token(client)
    reply = client.post(
        "/admin/login",
        data={"csrf_token": token, "name": COORDINATOR_NAME, "password": PASSWORD},
        headers={"X-Forwarded-Proto": "https"},
    )
    assert reply.status_code == 302 and "Secure" not in reply.headers["Set-Cookie"]
