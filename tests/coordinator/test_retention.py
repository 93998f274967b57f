"""Retention: old raw responses are purged (UI with confirmation, CLI), and logged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, insert, select

from survey_app.coordinator.retention import cutoff_date, purge_responses
from survey_app.storage import quotes, responses, starts
from survey_app.storage.db import get_engine
from tests.coordinator.conftest import audit_entries, csrf_token, store

TODAY = date.today()


@pytest.mark.parametrize(
    ("today", "months", "expected"),
    [
        (date(2025, 6, 15), 24, date(2023, 6, 15)),
        (date(2025, 3, 31), 1, date(2025, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 2, 29)),
        (date(2025, 1, 10), 1, date(2024, 12, 10)),
        (date(2025, 1, 10), 0, date(2025, 1, 10)),
    ],
)
def test_cutoff_date__calendar_months(today, months, expected) -> None:
    assert cutoff_date(months, today) == expected


def _old_and_new(app) -> None:
    store(app, answers={"idee": "alt"}, today=TODAY - timedelta(days=800))
    store(app, answers={"idee": "auch alt"}, today=TODAY - timedelta(days=740))
    store(app, answers={"idee": "neu"}, today=TODAY - timedelta(days=10))


def _remaining(app) -> list[str]:
    with app.app_context(), get_engine().connect() as conn:
        return sorted(conn.execute(select(responses.c.answers)).scalars())


def test_purge__old_gone_new_kept_quotes_tidied_starts_kept(app) -> None:
    _old_and_new(app)
    with app.app_context(), get_engine().begin() as conn:
        old_id = conn.execute(
            select(responses.c.id).where(responses.c.submitted_on < TODAY - timedelta(days=799))
        ).scalar_one()
        conn.execute(
            insert(quotes).values(
                response_id=old_id,
                question_id="idee",
                approved=True,
                decided_by="k",
                decided_on=TODAY,
            )
        )
        conn.execute(
            insert(starts).values(
                questionnaire_id="familie",
                event_code="",
                language="de",
                day=TODAY - timedelta(days=800),
                count=4,
            )
        )
        result = purge_responses(conn, 24, "koordination")
    assert result.deleted == 2 and result.cutoff == cutoff_date(24)
    assert _remaining(app) == ['{"idee": "neu"}']
    with app.app_context(), get_engine().connect() as conn:
        assert conn.execute(select(func.count()).select_from(quotes)).scalar_one() == 0
        assert conn.execute(select(func.sum(starts.c.count))).scalar_one() == 4
    entry = audit_entries(app)[-1]
    assert (entry.user_name, entry.action) == ("koordination", "purge")
    assert "2 deleted" in entry.detail and "24 months" in entry.detail


def test_purge_ui__asks_for_confirmation_before_deleting(app, coordinator) -> None:
    _old_and_new(app)
    page = coordinator.get("/admin/retention").get_data(as_text=True)
    assert 'value="24"' in page  # RETENTION_MONTHS is the default
    token = csrf_token(coordinator, "/admin/retention")
    confirm = coordinator.post("/admin/retention", data={"csrf_token": token, "months": "24"})
    text = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "2 Antworten wurden vor dem" in text
    assert len(_remaining(app)) == 3 and audit_entries(app) == []  # nothing deleted yet
    done = coordinator.post("/admin/retention/purge", data={"csrf_token": token, "months": "24"})
    assert done.status_code == 302
    assert "2 Antworten gelöscht" in coordinator.get(done.headers["Location"]).get_data(
        as_text=True
    )
    assert _remaining(app) == ['{"idee": "neu"}']
    assert audit_entries(app)[-1].action == "purge"


@pytest.mark.parametrize("months", ["0", "-3", "zwei", ""])
def test_purge_ui__invalid_months_are_refused(app, coordinator, months: str) -> None:
    _old_and_new(app)
    token = csrf_token(coordinator, "/admin/retention")
    step = coordinator.post("/admin/retention", data={"csrf_token": token, "months": months})
    assert step.status_code == 200 and "error-summary" in step.get_data(as_text=True)
    assert (
        coordinator.post(
            "/admin/retention/purge", data={"csrf_token": token, "months": months}
        ).status_code
        == 400
    )
    assert len(_remaining(app)) == 3


def test_purge_cli__prints_count_and_logs(app, runner) -> None:
    _old_and_new(app)
    result = runner.invoke(args=["responses", "purge", "--older-than", "25"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Deleted 1 responses submitted before")
    assert len(_remaining(app)) == 2
    entry = audit_entries(app)[-1]
    assert (entry.user_name, entry.action) == ("cli", "purge")


def test_purge_cli__defaults_to_the_installation_setting(app, runner) -> None:
    app.config["RETENTION_MONTHS"] = 1
    _old_and_new(app)
    result = runner.invoke(args=["responses", "purge"])
    assert "Deleted 2 responses" in result.output and "older than 1 months" in result.output
