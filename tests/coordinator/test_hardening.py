"""Issue 12: the requests that answered 500, each now a clear 4xx page.

Cases 6 (a line break in ``next``), 7 and 8 (sessions) and 9 (lockout) are in
test_login.py and test_sessions.py; the fuzz test over every route is test_fuzz.py.
"""

from __future__ import annotations

import pytest

from tests.coordinator.conftest import csrf_token


def test_case1_body_over_the_limit__413_on_admin_and_respondent_routes(client) -> None:
    body = b"a" * 300_000
    for path in ("/admin/login", "/admin/logout", "/admin/retention", "/q/familie/consent"):
        reply = client.post(path, data=body, content_type="application/x-www-form-urlencoded")
        assert reply.status_code == 413, path
        assert "Zu viele Daten" in reply.get_data(as_text=True)


@pytest.mark.parametrize("body", [b"\xff\xfe", b"[1, 2]", b'"text"', b"{}"])
def test_case2_json_bodies__400_never_500(client, body: bytes) -> None:
    for path in ("/admin/login", "/q/familie/consent"):
        reply = client.post(path, data=body, content_type="application/json")
        assert reply.status_code == 400, path
        assert "nicht geklappt" in reply.get_data(as_text=True)


def test_case2_json_body_with_a_valid_csrf_header__400(client) -> None:
    token = csrf_token(client)
    reply = client.post(
        "/admin/login",
        data=b"[1, 2]",
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert reply.status_code == 400


@pytest.mark.parametrize("host", ["a" * 64, "a" * 64 + ".example", "b" * 300])
def test_case3_invalid_host__400_page_in_the_visitors_language(client, host: str) -> None:
    for path in ("/", "/admin/login", "/admin/"):
        reply = client.get(path, headers={"Host": host, "Accept-Language": "en"})
        assert reply.status_code == 400, (host, path)
        page = reply.get_data(as_text=True)
        assert "The request was incomplete or damaged" in page and 'lang="en"' in page


@pytest.mark.parametrize("months", ["²", "①", "٣", "600000", "99999999999999999999", "-1", "0"])
def test_case4_purge_with_odd_months__400(app, coordinator, months: str) -> None:
    token = csrf_token(coordinator, "/admin/retention")
    reply = coordinator.post("/admin/retention/purge", data={"csrf_token": token, "months": months})
    assert reply.status_code == 400


@pytest.mark.parametrize("months", ["²", "①", "600000", "99999999999999999999"])
def test_case4_retention_step_with_odd_months__form_error(coordinator, months: str) -> None:
    token = csrf_token(coordinator, "/admin/retention")
    reply = coordinator.post("/admin/retention", data={"csrf_token": token, "months": months})
    assert reply.status_code == 200
    assert "error" in reply.get_data(as_text=True)


@pytest.mark.parametrize("page", ["99999999999999999999", "100001", "-5", "abc", "1e9"])
def test_case5_audit_page_out_of_range__404_or_first_page(coordinator, page: str) -> None:
    reply = coordinator.get(f"/admin/audit?page={page}")
    assert reply.status_code in (200, 404)
