"""Nothing that identifies a device or a moment is stored: no IP, no user agent, no time."""

from __future__ import annotations

import datetime
import re
import uuid

from flask import Flask
from sqlalchemy import DateTime, inspect, select

from survey_app import storage
from survey_app.storage.db import get_engine
from tests.respondent.helpers import Respondent, make_event

IP = "203.0.113.77"
USER_AGENT = "ProbeTablet/9.9 (Privacy-Check; de-DE)"
TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}(:\d{2})?\b")
ANSWER_TABLES = ("responses", "starts", "submission_tokens")


def _every_value(app: Flask) -> dict[str, list[dict[str, object]]]:
    with app.app_context(), get_engine().connect() as conn:
        return {
            table.name: [dict(row._mapping) for row in conn.execute(select(table))]
            for table in storage.metadata.sorted_tables
        }


def test_privacy__no_ip_user_agent_or_time_of_day_anywhere_in_the_database(app: Flask) -> None:
    code = make_event(app, ["kinder-6-10", "eltern-0-10"])
    client = app.test_client()
    client.environ_base.update({"REMOTE_ADDR": IP, "HTTP_USER_AGENT": USER_AGENT})
    for questionnaire_id, lang in (("kinder-6-10", "ar"), ("eltern-0-10", "de")):
        respondent = Respondent(client).start(questionnaire_id, lang, entry=f"/k/{code}")
        respondent.answer_all()
        respondent.submit()
        assert respondent.url.endswith("/thanks")
        client.get(f"/k/{code}")
    abandoned = Respondent(client).start("kinder-6-10", "tr", entry=f"/k/{code}")
    abandoned.next({"alter": "8"})

    tables = _every_value(app)
    assert len(tables["responses"]) == 2
    assert sum(row["count"] for row in tables["starts"]) == 3
    for name, rows in tables.items():
        for row in rows:
            for column, value in row.items():
                text = str(value)
                assert IP not in text and "203.0.113" not in text, (name, column)
                assert "ProbeTablet" not in text and "Privacy-Check" not in text, (name, column)
                if name in ANSWER_TABLES:
                    assert not isinstance(value, datetime.datetime), (name, column)
                    assert not TIME_OF_DAY.search(text), (name, column, text)
    # The abandoned start left no answer behind (its "8" lives only in server memory).
    assert all("alter" not in str(row) for row in tables["starts"])
    assert len(tables["responses"]) == 2


def test_privacy__answer_tables_have_no_column_for_time_ip_or_device(app: Flask) -> None:
    with app.app_context():
        inspector = inspect(get_engine())
        for table in ANSWER_TABLES:
            columns = inspector.get_columns(table)
            for column in columns:
                assert not isinstance(column["type"], DateTime), (table, column["name"])
                assert not re.search(r"ip|agent|device|time|host", column["name"]), (
                    table,
                    column["name"],
                )


def test_privacy__response_ids_are_random_not_sequential(app: Flask) -> None:
    client = app.test_client()
    for _ in range(2):
        respondent = Respondent(client).start("jugend-10-16", "de")
        respondent.answer_all()
        respondent.submit()
    ids = [row["id"] for row in _every_value(app)["responses"]]
    assert all(uuid.UUID(value).version == 4 for value in ids)


def test_privacy__session_cookie_holds_no_answers(app: Flask) -> None:
    client = app.test_client()
    respondent = Respondent(client).start("kinder-6-10", "de")
    respondent.next({"alter": "11"})
    respondent.next({"stadtteil": "suedstadt"})
    with client.session_transaction() as session:
        stored = dict(session)
    assert "suedstadt" not in str(stored) and "11" not in str(stored.get("respondent_draft", ""))
    assert set(stored) <= {
        "respondent_draft",
        "respondent_entry",
        "respondent_choice",
        "lang",
        "csrf_token",
    }
