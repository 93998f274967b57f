"""Login, logout, throttling, idle timeout, session cookie and CSRF."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from survey_app.coordinator import access
from survey_app.db import get_engine
from survey_app.storage import users
from survey_app.users import LOCK_MINUTES, MAX_FAILED_LOGINS
from tests.coordinator.conftest import (
    COORDINATOR_NAME,
    PASSWORD,
    csrf_token,
    login,
    session_for,
    user_named,
)

GENERIC = "Anmeldung fehlgeschlagen"


def test_login__right_password_opens_the_dashboard(client, accounts) -> None:
    reply = login(client, COORDINATOR_NAME)
    assert reply.status_code == 302 and reply.headers["Location"] == "/admin/"
    page = client.get("/admin/").get_data(as_text=True)
    assert COORDINATOR_NAME in page and "Abmelden" in page


@pytest.mark.parametrize(
    ("name", "password"), [(COORDINATOR_NAME, "falsch-falsch"), ("niemand", PASSWORD)]
)
def test_login__wrong_name_or_password_same_generic_message(
    client, accounts, name, password
) -> None:
    reply = login(client, name, password)
    page = reply.get_data(as_text=True)
    assert reply.status_code == 200 and GENERIC in page
    assert "niemand" not in page.split("<form", 1)[0]  # nothing says which part was wrong
    assert access.SESSION_USER not in _session(client)


def test_login__locks_after_repeated_failures_then_opens_again(app, client, accounts) -> None:
    for _attempt in range(MAX_FAILED_LOGINS):
        assert GENERIC in login(client, COORDINATOR_NAME, "falsch-falsch").get_data(as_text=True)
    locked = user_named(app, COORDINATOR_NAME)
    assert locked.locked_until is not None
    remaining = locked.locked_until - datetime.now(UTC)
    assert timedelta(minutes=LOCK_MINUTES - 1) < remaining <= timedelta(minutes=LOCK_MINUTES)
    # Even the right password is refused while locked, with the same message.
    assert GENERIC in login(client, COORDINATOR_NAME).get_data(as_text=True)
    with app.app_context(), get_engine().begin() as conn:
        conn.execute(update(users).values(locked_until=datetime.now(UTC) - timedelta(seconds=1)))
    assert login(client, COORDINATOR_NAME).status_code == 302
    assert user_named(app, COORDINATOR_NAME).failed_logins == 0


def test_login__failures_of_one_account_do_not_lock_another(app, client, accounts) -> None:
    for _attempt in range(MAX_FAILED_LOGINS):
        login(client, COORDINATOR_NAME, "falsch-falsch")
    assert user_named(app, "planung").locked_until is None
    assert login(app.test_client(), "planung").status_code == 302


def test_login__clears_the_session_against_fixation(client, accounts) -> None:
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    login(client, COORDINATOR_NAME)
    assert "planted" not in _session(client)


def test_login__next_stays_inside_the_admin_area(client, accounts) -> None:
    assert (
        login(client, COORDINATOR_NAME, next="/admin/events").headers["Location"] == "/admin/events"
    )
    other = client.application.test_client()
    assert (
        login(other, COORDINATOR_NAME, next="//evil.example/admin/").headers["Location"]
        == "/admin/"
    )


def test_anonymous__redirected_to_login_and_back(client, accounts) -> None:
    reply = client.get("/admin/events")
    assert (
        reply.status_code == 302 and reply.headers["Location"] == "/admin/login?next=/admin/events"
    )


def test_session_cookie__httponly_lax_not_secure_over_http(client, accounts) -> None:
    cookie = login(client, COORDINATOR_NAME).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_session_cookie__secure_over_https(client, accounts) -> None:
    token = csrf_token(client)
    # Over HTTPS, Flask-WTF also checks the Referer; a same-origin referrer passes.
    reply = client.post(
        "/admin/login",
        data={"csrf_token": token, "name": COORDINATOR_NAME, "password": PASSWORD},
        base_url="https://localhost",
        headers={"Referer": "https://localhost/admin/login"},
    )
    assert reply.status_code == 302
    assert "Secure" in reply.headers["Set-Cookie"]


def test_logout__post_ends_the_session(client, accounts) -> None:
    login(client, COORDINATOR_NAME)
    token = csrf_token(client, "/admin/")
    reply = client.post("/admin/logout", data={"csrf_token": token})
    assert reply.headers["Location"] == "/admin/login"
    assert client.get("/admin/").status_code == 302


def test_logout__without_csrf_token_is_refused(client, accounts) -> None:
    login(client, COORDINATOR_NAME)
    assert client.post("/admin/logout").status_code == 400
    assert client.get("/admin/").status_code == 200


def test_idle_timeout__old_session_ends_with_a_notice(app, coordinator) -> None:
    idle = app.config["ADMIN_IDLE_MINUTES"] * 60
    with coordinator.session_transaction() as session:
        session[access.SESSION_SEEN] = time.time() - idle - 5
    reply = coordinator.get("/admin/events")
    assert reply.status_code == 302 and "expired=1" in reply.headers["Location"]
    assert "Inaktivität" in coordinator.get(reply.headers["Location"]).get_data(as_text=True)
    assert coordinator.get("/admin/").status_code == 302


def test_idle_timeout__activity_keeps_the_session(app, coordinator) -> None:
    idle = app.config["ADMIN_IDLE_MINUTES"] * 60
    with coordinator.session_transaction() as session:
        session[access.SESSION_SEEN] = time.time() - idle + 30
    assert coordinator.get("/admin/").status_code == 200
    assert _session(coordinator)[access.SESSION_SEEN] > time.time() - 5


def test_idle_timeout__live_refresh_is_no_activity(app, coordinator) -> None:
    seen = time.time() - 60
    with coordinator.session_transaction() as session:
        session[access.SESSION_SEEN] = seen
    assert coordinator.get("/admin/live/fragment").status_code == 200
    assert _session(coordinator)[access.SESSION_SEEN] == seen


def test_new_password__ends_existing_sessions(app, runner, coordinator) -> None:
    assert coordinator.get("/admin/").status_code == 200
    result = runner.invoke(
        args=["user", "set-password", COORDINATOR_NAME, "--password-stdin"],
        input="ganz-neues-passwort\n",
    )
    assert result.exit_code == 0, result.output
    assert coordinator.get("/admin/").status_code == 302


def test_removed_account__session_ends(app, runner, accounts) -> None:
    client = app.test_client()
    session_for(client, accounts["planner"])
    assert client.get("/admin/").status_code == 200
    assert runner.invoke(args=["user", "remove", "planung"]).exit_code == 0
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "path",
    [
        "/admin/logout",
        "/admin/events/new",
        "/admin/exports/familie/xlsx",
        "/admin/retention",
        "/admin/retention/purge",
        "/admin/quotes/decide",
    ],
)
def test_csrf__every_form_needs_its_token(coordinator, path: str) -> None:
    reply = coordinator.post(path, data={"months": "1", "name": "x"})
    assert reply.status_code == 400
    assert "Formular war ungültig" in reply.get_data(as_text=True)


def test_admin_language__english_on_request_and_kept(coordinator) -> None:
    assert '<html lang="en"' in coordinator.get("/admin/?lang=en").get_data(as_text=True)
    assert '<html lang="en"' in coordinator.get("/admin/").get_data(as_text=True)


def test_admin_language__preview_language_does_not_leak_into_admin(coordinator) -> None:
    assert coordinator.get("/admin/questionnaires/familie/preview?lang=ar").status_code == 302
    page = coordinator.get("/admin/").get_data(as_text=True)
    assert '<html lang="de" dir="ltr"' in page


def _session(client) -> dict:
    with client.session_transaction() as session:
        return dict(session)
