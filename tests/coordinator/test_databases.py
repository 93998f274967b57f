"""The Flask-free parts (accounts, retention, live counts, exports) on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from survey_app import storage
from survey_app.coordinator.live import live_overview
from survey_app.coordinator.retention import purge_responses
from survey_app.exports import export_responses
from survey_app.questionnaire import loads_questionnaire
from survey_app.storage import session_store as admin_sessions
from survey_app.storage.user_store import (
    BACKOFF_MAX_SECONDS,
    add_user,
    authenticate,
    get_user,
    remove_user,
    wait_before_check,
)
from tests.coordinator.conftest import FAMILY_YAML, write_questionnaires

TODAY = date.today()


@pytest.fixture
def engine(db_url: str) -> Engine:
    engine = storage.make_engine(db_url)
    storage.migrate(engine)
    yield engine
    engine.dispose()


def _store(engine: Engine, day: date, language: str = "de") -> None:
    with engine.begin() as conn:
        storage.store_response(
            conn,
            storage.NewResponse(
                questionnaire_id="familie",
                questionnaire_version="3",
                questionnaire_hash="0" * 64,
                language=language,
                mode="kiosk",
                event_code="FEST22",
                district="altstadt",
                answers={"tiere": ["hund"]},
            ),
            token=storage.new_token(),
            today=day,
        )
        storage.count_start(
            conn, questionnaire_id="familie", event_code="FEST22", language=language, today=day
        )


def test_backoff__short_never_a_lock_on_every_database(engine: Engine) -> None:
    now = datetime.now(UTC)
    with engine.begin() as conn:
        add_user(conn, "kim", "coordinator", "richtiges-passwort")
        for _attempt in range(50):
            assert authenticate(conn, "kim", "falsch-falsch", now=now) is None
        assert wait_before_check(conn, "kim", now=now) == BACKOFF_MAX_SECONDS
        assert wait_before_check(conn, "niemand", now=now) == 0
        later = now + timedelta(seconds=BACKOFF_MAX_SECONDS)
        assert wait_before_check(conn, "kim", now=later) == 0
        user = authenticate(conn, "kim", "richtiges-passwort", now=later)
        assert user is not None and user.failed_logins == 50  # for the notice
        assert get_user(conn, "kim").failed_logins == 0


def test_sessions__limits_and_revocation_on_every_database(engine: Engine) -> None:
    now = datetime.now(UTC)
    limits = {"idle": timedelta(minutes=30), "lifetime": timedelta(hours=12)}
    with engine.begin() as conn:
        user = add_user(conn, "kim", "coordinator", "richtiges-passwort")
        token = admin_sessions.open_session(conn, user, now=now)
        soon = now + timedelta(minutes=29)
        assert admin_sessions.find_session(conn, token, now=soon, **limits).user.name == "kim"
        # The visit at +29 min moved the idle limit on; the absolute limit stays.
        found = admin_sessions.find_session(conn, token, now=now + timedelta(minutes=58), **limits)
        assert found.user is not None
        late = now + timedelta(hours=12, minutes=1)
        assert admin_sessions.find_session(conn, token, now=late, **limits).timed_out
        second = admin_sessions.open_session(conn, user, now=now)
        remove_user(conn, "kim")
        assert admin_sessions.find_session(conn, second, now=now, **limits).user is None


def test_purge_live_and_export__on_every_database(engine: Engine, tmp_path: Path) -> None:
    _store(engine, TODAY - timedelta(days=900))
    _store(engine, TODAY, "ar")
    with engine.connect() as conn:
        overview = live_overview(conn)
    assert (overview.total.started, overview.total.completed) == (2, 2)
    with engine.begin() as conn:
        assert purge_responses(conn, 24, "koordination").deleted == 1
    questionnaire = loads_questionnaire(
        FAMILY_YAML, write_questionnaires(tmp_path / "q") / "familie.yaml"
    )
    with engine.begin() as conn:
        export = export_responses(conn, questionnaire, "csv", "koordination")
        actions = (
            conn.execute(select(storage.audit_log.c.action).order_by(storage.audit_log.c.id))
            .scalars()
            .all()
        )
    assert export.response_count == 1
    assert b"tiere__hund" in export.files[0].content and b",ar," in export.files[0].content
    assert actions == ["purge", "export"]
