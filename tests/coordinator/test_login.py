"""Login, logout, throttling, idle timeout, session cookie and CSRF."""

from __future__ import annotations

import time

import pytest

from survey_app.coordinator import access
from survey_app.coordinator.login_guard import DEVICE_COOKIE
from survey_app.storage.db import get_engine
from survey_app.storage.user_store import BACKOFF_MAX_SECONDS, authenticate
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
    assert access.SESSION_TOKEN not in _session(client)


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


# Issue 12, case 9: no lockout a stranger can trigger.


def test_case9_lockout__strangers_wrong_passwords_never_stop_the_right_password(
    app, accounts
) -> None:
    # A stranger's 40 wrong passwords, checked as the login form checks them.
    with app.app_context(), get_engine().begin() as conn:
        for _attempt in range(40):
            assert authenticate(conn, COORDINATOR_NAME, "falsch-falsch") is None
    started = time.monotonic()
    reply = login(app.test_client(), COORDINATOR_NAME)  # a browser never used before
    assert reply.status_code == 302 and reply.headers["Location"] == "/admin/"
    assert time.monotonic() - started < BACKOFF_MAX_SECONDS + 1.5


def test_lockout__failures_slow_the_next_check_down(app, client, accounts) -> None:
    with app.app_context(), get_engine().begin() as conn:
        for _attempt in range(10):
            authenticate(conn, COORDINATOR_NAME, "falsch-falsch")
    started = time.monotonic()
    assert GENERIC in login(client, COORDINATOR_NAME, "falsch-falsch").get_data(as_text=True)
    assert time.monotonic() - started >= BACKOFF_MAX_SECONDS - 0.5


def test_lockout__failures_of_one_account_do_not_slow_another(app, accounts) -> None:
    with app.app_context(), get_engine().begin() as conn:
        for _attempt in range(10):
            authenticate(conn, COORDINATOR_NAME, "falsch-falsch")
    started = time.monotonic()
    assert login(app.test_client(), "planung").status_code == 302
    assert time.monotonic() - started < 1.5


def test_lockout__global_cap_spares_a_browser_that_logged_in_before(app, accounts) -> None:
    app.config["LOGIN_MAX_FAILURES_PER_MINUTE"] = 3
    own_laptop = app.test_client()
    assert login(own_laptop, COORDINATOR_NAME).status_code == 302
    assert own_laptop.get_cookie(DEVICE_COOKIE, path="/admin/") is not None
    own_laptop.post("/admin/logout", data={"csrf_token": csrf_token(own_laptop, "/admin/")})
    stranger = app.test_client()
    for _attempt in range(3):
        assert login(stranger, "planung", "falsch-falsch").status_code == 200
    refused = login(app.test_client(), COORDINATOR_NAME)
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "60"
    assert "Zu viele Versuche" in refused.get_data(as_text=True)
    assert login(own_laptop, COORDINATOR_NAME).status_code == 302


def test_lockout__failed_attempts_are_reported_at_the_next_login(app, client, accounts) -> None:
    with app.app_context(), get_engine().begin() as conn:
        for _attempt in range(2):
            authenticate(conn, COORDINATOR_NAME, "falsch-falsch")
    login(client, COORDINATOR_NAME)
    page = client.get("/admin/").get_data(as_text=True)
    assert "Seit Ihrer letzten Anmeldung gab es 2 fehlgeschlagene Anmeldeversuche" in page
    assert user_named(app, COORDINATOR_NAME).failed_logins == 0
    again = app.test_client()
    login(again, COORDINATOR_NAME)
    assert "fehlgeschlagene" not in again.get("/admin/").get_data(as_text=True)  # none since


def test_case6_login__next_with_a_line_break_goes_to_the_dashboard(client, accounts) -> None:
    reply = login(client, COORDINATOR_NAME, next="/admin/%0d%0aX:1")
    assert reply.status_code == 302 and reply.headers["Location"] == "/admin/"
    assert "X" not in reply.headers
