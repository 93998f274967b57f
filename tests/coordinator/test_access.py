"""Who may open which admin route: every route × anonymous, planner, coordinator.

The table below is the decision for each route.  A new route under /admin without a
row here fails ``test_every_admin_route_has_an_access_decision``.  A forbidden
request gets 403 (logged in, wrong role) or a redirect to the login (anonymous), and
never any data.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from flask import Flask

from survey_app import create_app
from survey_app.storage import event_store as events
from survey_app.storage.db import get_engine
from survey_app.storage.user_store import User
from tests.conftest import make_test_config
from tests.coordinator.conftest import (
    add_accounts,
    csrf_token,
    session_for,
    store,
    write_questionnaires,
)

LOGIN = "login"  # a redirect to the login page
EVENT = "MATRIX"
STAGED = "nichtvorhandenes-upload-token"
#: A free-text answer that must never reach anyone but coordinators.
SECRET = "Antwort-7f3c-nur-fuer-koordination"


@dataclass(frozen=True)
class Case:
    """One route and method with the expected answer for each role."""

    endpoint: str
    method: str
    path: str
    anonymous: int | str
    planner: int | str
    coordinator: int | str
    data: dict[str, str] = field(default_factory=dict)


def _coordinator_only(endpoint: str, method: str, path: str, ok: int, **data: str) -> Case:
    return Case(endpoint, method, path, LOGIN, 403, ok, data)


CASES = [
    Case("coordinator.login", "GET", "/admin/login", 200, 302, 302),
    Case(
        "coordinator.login", "POST", "/admin/login", 200, 302, 302, {"name": "x", "password": "y"}
    ),
    Case("coordinator.logout", "POST", "/admin/logout", LOGIN, LOGIN, LOGIN),
    Case("coordinator.dashboard", "GET", "/admin/", LOGIN, 200, 200),
    _coordinator_only("coordinator.questionnaires", "GET", "/admin/questionnaires", 200),
    _coordinator_only("coordinator.translations", "GET", "/admin/questionnaires/translations", 200),
    _coordinator_only(
        "coordinator.preview", "GET", "/admin/questionnaires/familie/preview?lang=ar", 302
    ),
    _coordinator_only(
        "coordinator.questionnaire_upload", "POST", "/admin/questionnaires/upload", 302
    ),
    _coordinator_only(
        "coordinator.staged_upload", "GET", f"/admin/questionnaires/staged/{STAGED}", 404
    ),
    _coordinator_only(
        "coordinator.staged_preview", "GET", f"/admin/questionnaires/staged/{STAGED}/preview", 404
    ),
    _coordinator_only(
        "coordinator.staged_publish", "POST", f"/admin/questionnaires/staged/{STAGED}/publish", 404
    ),
    _coordinator_only(
        "coordinator.questionnaire_xlsform", "GET", "/admin/questionnaires/familie/xlsform", 200
    ),
    _coordinator_only(
        "coordinator.questionnaire_versions", "GET", "/admin/questionnaires/familie/versions", 200
    ),
    _coordinator_only(
        "coordinator.questionnaire_version_source",
        "GET",
        "/admin/questionnaires/familie/versions/1.yaml",
        404,
    ),
    _coordinator_only(
        "coordinator.translation_edit", "GET", "/admin/questionnaires/familie/translations/ar", 200
    ),
    _coordinator_only(
        "coordinator.translation_save", "POST", "/admin/questionnaires/familie/translations/ar", 302
    ),
    _coordinator_only(
        "coordinator.translator_workbook",
        "GET",
        "/admin/questionnaires/familie/translations.xlsx",
        200,
    ),
    _coordinator_only(
        "coordinator.translator_upload",
        "POST",
        "/admin/questionnaires/familie/translations.xlsx",
        400,
    ),
    _coordinator_only("coordinator.site_entries", "GET", "/admin/site", 200),
    _coordinator_only("coordinator.site_add", "POST", "/admin/site/districts", 422),
    _coordinator_only("coordinator.site_rename", "GET", "/admin/site/districts/altstadt", 200),
    _coordinator_only("coordinator.site_rename", "POST", "/admin/site/districts/altstadt", 422),
    _coordinator_only("coordinator.events_list", "GET", "/admin/events", 200),
    _coordinator_only("coordinator.event_new", "GET", "/admin/events/new", 200),
    _coordinator_only("coordinator.event_new", "POST", "/admin/events/new", 200),
    _coordinator_only("coordinator.event_edit", "GET", f"/admin/events/{EVENT}/edit", 200),
    _coordinator_only("coordinator.event_edit", "POST", f"/admin/events/{EVENT}/edit", 200),
    _coordinator_only("coordinator.event_close", "POST", f"/admin/events/{EVENT}/close", 302),
    _coordinator_only("coordinator.event_reopen", "POST", f"/admin/events/{EVENT}/reopen", 302),
    _coordinator_only("coordinator.event_qr_svg", "GET", f"/admin/events/{EVENT}/qr.svg", 200),
    _coordinator_only("coordinator.event_qr_png", "GET", f"/admin/events/{EVENT}/qr.png", 200),
    _coordinator_only("coordinator.event_poster", "GET", f"/admin/events/{EVENT}/poster", 200),
    _coordinator_only("coordinator.live", "GET", "/admin/live", 200),
    _coordinator_only("coordinator.live_fragment", "GET", "/admin/live/fragment", 200),
    _coordinator_only("coordinator.exports", "GET", "/admin/exports", 200),
    _coordinator_only("coordinator.export_download", "POST", "/admin/exports/familie/csv", 200),
    _coordinator_only("coordinator.retention", "GET", "/admin/retention", 200),
    _coordinator_only("coordinator.retention", "POST", "/admin/retention", 200, months="240"),
    _coordinator_only("coordinator.purge", "POST", "/admin/retention/purge", 302, months="240"),
    _coordinator_only("coordinator.audit_log", "GET", "/admin/audit", 200),
    _coordinator_only("coordinator.quotes", "GET", "/admin/quotes", 200),
    Case("coordinator.results", "GET", "/admin/results", LOGIN, 200, 200),
    Case("coordinator.results_page", "GET", "/admin/results/familie", LOGIN, 200, 200),
    Case("coordinator.brief_pdf", "GET", "/admin/results/familie/brief.pdf", LOGIN, 200, 200),
    Case("coordinator.result_tables", "GET", "/admin/results/familie/tables.xlsx", LOGIN, 200, 200),
    _coordinator_only("coordinator.quote_decide", "POST", "/admin/quotes/decide", 400),
]


@pytest.fixture(scope="module")
def matrix_app(
    tmp_path_factory: pytest.TempPathFactory, password_hash: str
) -> Iterator[tuple[Flask, dict[str, User]]]:
    """One app for the whole table: two accounts, an event, a response with a secret."""
    root = Path(tmp_path_factory.mktemp("matrix"))
    folder = write_questionnaires(root / "questionnaires")
    app = create_app(make_test_config(root, QUESTIONNAIRE_DIR=str(folder)))
    users = add_accounts(app, password_hash)
    with app.app_context(), get_engine().begin() as conn:
        events.create_event(
            conn,
            name="Matrixfest",
            questionnaire_ids=["familie"],
            district=None,
            held_on=date.today(),
            code=EVENT,
        )
    store(app, answers={"idee": SECRET}, event_code=EVENT)
    yield app, users


def _request(app: Flask, users: dict[str, User], role: str, case: Case):  # type: ignore[no-untyped-def]
    client = app.test_client()
    if role != "anonymous":
        session_for(client, users[role])
    if case.method == "GET":
        return client.get(case.path)
    token = csrf_token(client, "/admin/login" if role == "anonymous" else "/admin/")
    return client.post(case.path, data={"csrf_token": token, **case.data})


@pytest.mark.parametrize("role", ["anonymous", "planner", "coordinator"])
@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.method} {case.path}")
def test_route__answers_each_role_as_decided(matrix_app, case: Case, role: str) -> None:
    app, users = matrix_app
    response = _request(app, users, role, case)
    expected = getattr(case, role)
    body = response.get_data()
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/admin/login")
    else:
        assert response.status_code == expected, body[:500]
    if expected in (LOGIN, 403) or role != "coordinator":
        assert SECRET.encode() not in body
        assert b"Matrixfest" not in body or case.endpoint == "coordinator.login"


def test_every_admin_route_has_an_access_decision(matrix_app) -> None:
    app, _users = matrix_app
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/admin")
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    }
    decided = {(case.endpoint, case.method) for case in CASES}
    assert routes == decided, f"undecided: {routes - decided}; gone: {decided - routes}"


def test_coordinator_export__does_contain_the_secret(matrix_app) -> None:
    # The counter-check of the table: the secret is really in the data the others never get.
    app, users = matrix_app
    case = next(case for case in CASES if case.endpoint == "coordinator.export_download")
    response = _request(app, users, "coordinator", case)
    with zipfile.ZipFile(io.BytesIO(response.get_data())) as archive:
        contents = b"".join(archive.read(name) for name in archive.namelist())
    assert SECRET.encode() in contents
