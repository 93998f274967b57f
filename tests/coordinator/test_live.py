"""The live overview, the dashboard per role, and quote approval."""

from __future__ import annotations

import json
from datetime import date, timedelta

from survey_app import storage
from survey_app.coordinator.live import EARLIER, RECENT_DAYS, live_overview
from survey_app.storage.db import get_engine
from tests.coordinator.conftest import audit_entries, csrf_token, store

TODAY = date.today()


def _start(
    app, count: int, *, language: str = "de", event: str | None = None, day: date = TODAY
) -> None:
    with app.app_context(), get_engine().begin() as conn:
        for _ in range(count):
            storage.count_start(
                conn, questionnaire_id="familie", event_code=event, language=language, today=day
            )


def _fill(app) -> None:
    _start(app, 8, event="FEST22")
    _start(app, 2, language="ar", event="FEST22")
    _start(app, 1, language="ar", day=TODAY - timedelta(days=1))
    for _ in range(6):
        store(app, event_code="FEST22")
    store(app, language="ar", event_code="FEST22")
    store(app, language="ar", today=TODAY - timedelta(days=1))


def test_live_overview__per_dimension_sums_to_the_total(app) -> None:
    _fill(app)
    with app.app_context(), get_engine().connect() as conn:
        overview = live_overview(conn)
    assert (overview.total.started, overview.total.completed) == (11, 8)
    by_language = {
        count.key: (count.started, count.completed) for count in overview.groups["language"]
    }
    assert by_language == {"ar": (3, 2), "de": (8, 6)}
    by_event = {count.key: (count.started, count.completed) for count in overview.groups["event"]}
    assert by_event == {"": (1, 1), "FEST22": (10, 7)}
    assert [count.key for count in overview.groups["day"]] == [TODAY, TODAY - timedelta(days=1)]
    german = next(count for count in overview.groups["language"] if count.key == "de")
    assert german.completion_rate == 0.75


def test_live_overview__older_days_summed_in_one_row(app) -> None:
    for days_ago in range(RECENT_DAYS + 3):
        store(app, today=TODAY - timedelta(days=days_ago))
    with app.app_context(), get_engine().connect() as conn:
        days = live_overview(conn).groups["day"]
    assert [count.key for count in days[:2]] == [TODAY, TODAY - timedelta(days=1)]
    assert len(days) == RECENT_DAYS + 1
    assert (days[-1].key, days[-1].completed) == (EARLIER, 3)


def test_live_page__counts_rates_and_small_groups_marked(app, coordinator) -> None:
    _fill(app)
    page = coordinator.get("/admin/live").get_data(as_text=True)
    assert "Insgesamt: 8 abgeschlossen, 11 begonnen." in page
    assert "admin-live.js" in page and 'data-fragment-url="/admin/live/fragment"' in page
    fragment = coordinator.get("/admin/live/fragment").get_data(as_text=True)
    assert "<html" not in fragment
    # 6 German responses: no mark; 2 Arabic ones: marked as below the minimum group size.
    assert 'data-completed="6">6</td>' in fragment
    assert 'data-completed="2">2 <span class="small-group">unter 5' in fragment
    assert "75\xa0%" in fragment  # 6 of 8 German starts completed


def test_live_page__updates_with_a_new_response(app, coordinator) -> None:
    assert "Insgesamt: 0 abgeschlossen" in coordinator.get("/admin/live/fragment").get_data(
        as_text=True
    )
    store(app)
    assert "Insgesamt: 1 abgeschlossen" in coordinator.get("/admin/live/fragment").get_data(
        as_text=True
    )


def test_dashboard__coordinator_sees_counts_planner_does_not(app, coordinator, planner) -> None:
    _fill(app)
    mine = coordinator.get("/admin/").get_data(as_text=True)
    theirs = planner.get("/admin/").get_data(as_text=True)
    assert "<td>8</td>" in mine and "Live-Zahlen" in mine and "Export" in mine
    assert "<td>8</td>" not in theirs
    for link in ("/admin/live", "/admin/exports", "/admin/events", "/admin/quotes", "/admin/audit"):
        assert link not in theirs
    assert "Einzelne Antworten sind für die Planung nicht sichtbar" in theirs


def test_quotes__approve_and_reject_are_logged(app, coordinator) -> None:
    store(app, answers={"idee": "Ein Trampolin im Park"})
    store(app, answers={"idee": "Frau Müller soll gehen"}, language="ar")
    page = coordinator.get("/admin/quotes").get_data(as_text=True)
    assert "Noch nicht entschieden (2)" in page and "Ein Trampolin im Park" in page
    assert 'lang="ar" dir="rtl">Frau Müller soll gehen</blockquote>' in page
    with app.app_context(), get_engine().connect() as conn:
        ids = dict(
            conn.execute(
                storage.responses.select().with_only_columns(
                    storage.responses.c.language, storage.responses.c.id
                )
            ).all()
        )
    token = csrf_token(coordinator, "/admin/quotes")
    for response_id, decision in ((ids["de"], "approve"), (ids["ar"], "reject")):
        reply = coordinator.post(
            "/admin/quotes/decide",
            data={
                "csrf_token": token,
                "response_id": response_id,
                "question_id": "idee",
                "decision": decision,
            },
        )
        assert reply.status_code == 302
    page = coordinator.get("/admin/quotes").get_data(as_text=True)
    assert (
        "Freigegeben (1)" in page
        and "Abgelehnt (1)" in page
        and "Noch nicht entschieden (0)" in page
    )
    assert [entry.action for entry in audit_entries(app)] == ["quote_approve", "quote_reject"]
    assert "Zitat freigegeben" in coordinator.get("/admin/audit").get_data(as_text=True)


def test_quotes__unknown_response_is_404(coordinator) -> None:
    token = csrf_token(coordinator, "/admin/quotes")
    reply = coordinator.post(
        "/admin/quotes/decide",
        data={
            "csrf_token": token,
            "response_id": "nope",
            "question_id": "idee",
            "decision": "approve",
        },
    )
    assert reply.status_code == 404


def test_audit_log__newest_first_with_user_and_detail(app, coordinator) -> None:
    with app.app_context(), get_engine().begin() as conn:
        storage.log_action(conn, "koordination", "export", "familie xlsx: 3 responses")
        storage.log_action(conn, "cli", "purge", "responses older than 24 months: 0 deleted")
    page = coordinator.get("/admin/audit").get_data(as_text=True)
    assert page.index("Löschung alter Antworten") < page.index("familie xlsx: 3 responses")
    assert "<td>cli</td>" in page


def test_results__planner_gets_protected_tables_and_brief(app, planner) -> None:
    store(app, answers={"idee": "Frau Müller soll gehen", "farbe": "rot"})
    page = planner.get("/admin/results").get_data(as_text=True)
    assert (
        "/admin/results/familie/brief.pdf" in page and "/admin/results/familie/tables.xlsx" in page
    )
    reply = planner.get("/admin/results/familie/tables.json")
    payload = json.loads(reply.get_data())
    assert payload["meta"] == {"questionnaire": "familie", "min_group_size": 5}
    total = next(row for row in payload["scope"] if row["kind"] == "total")
    assert total["suppressed"] is True and total["n"] is None  # one response: below 5
    assert "Frau Müller" not in reply.get_data(as_text=True)
    brief = planner.get("/admin/results/familie/brief.pdf")
    assert brief.mimetype == "application/pdf" and brief.get_data().startswith(b"%PDF")
    assert planner.get("/admin/results/familie/tables.exe").status_code == 404
    assert planner.get("/admin/results/nope/brief.pdf").status_code == 404


def test_live_page__shows_responses_tablets_reported_as_still_queued(app, coordinator) -> None:
    from survey_app.respondent.offline import note_waiting

    _fill(app)
    with app.test_request_context():
        note_waiting("FEST22", {"queue": "tablet0001", "waiting": 2})
        note_waiting("FEST22", {"queue": "tablet0002", "waiting": 1})
        note_waiting("FEST22", {"queue": "bad id!", "waiting": 5})  # ignored
    fragment = coordinator.get("/admin/live/fragment").get_data(as_text=True)
    assert "Auf Tablets gemeldet, noch nicht gesendet: 3" in fragment
    with app.test_request_context():
        note_waiting("FEST22", {"queue": "tablet0001", "waiting": 0})
        note_waiting("FEST22", {"queue": "tablet0002", "waiting": 0})
    fragment = coordinator.get("/admin/live/fragment").get_data(as_text=True)
    assert "Auf Tablets gemeldet" not in fragment
