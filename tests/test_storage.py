"""Storage against SQLite and a real PostgreSQL server."""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect, select

from survey_app import storage
from survey_app.storage import migrations


def _store(conn, token: str, **answers) -> bool:
    return storage.store_response(
        conn,
        storage.NewResponse(
            questionnaire_id="eltern-0-10",
            questionnaire_version="1",
            questionnaire_hash="0" * 64,
            language="ar",
            mode="kiosk",
            event_code="FEST24",
            district="altstadt",
            answers=answers,
        ),
        token=token,
        today=date(2026, 6, 1),
    )


def test_migrate__twice__creates_the_newest_schema_once(db_url: str) -> None:
    engine = storage.make_engine(db_url)
    assert storage.migrate(engine) == migrations.head()
    assert storage.migrate(engine) == migrations.head()
    with engine.connect() as conn:
        versions = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    assert [row[0] for row in versions] == [migrations.head()]
    assert "schema_version" not in inspect(engine).get_table_names()
    engine.dispose()


def test_store_response__same_token_twice__stores_one(db_url: str) -> None:
    engine = storage.make_engine(db_url)
    storage.migrate(engine)
    with engine.begin() as conn:
        assert _store(conn, "tok-1", phase="3-6", offers_known=["familienzentrum"])
    with engine.begin() as conn:
        assert not _store(conn, "tok-1", phase="0-1")
    with engine.connect() as conn:
        stored = list(storage.iter_responses(conn, "eltern-0-10"))
    assert len(stored) == 1
    assert stored[0].answers == {"phase": "3-6", "offers_known": ["familienzentrum"]}
    assert stored[0].submitted_on == date(2026, 6, 1)
    assert stored[0].language == "ar"
    engine.dispose()


def test_count_start__counts_per_day_without_answers(db_url: str) -> None:
    engine = storage.make_engine(db_url)
    storage.migrate(engine)
    for _ in range(3):
        with engine.begin() as conn:
            storage.count_start(
                conn,
                questionnaire_id="kinder-6-10",
                event_code=None,
                language="tr",
                today=date(2026, 6, 2),
            )
    with engine.connect() as conn:
        rows = conn.execute(select(storage.starts)).all()
    assert [(row.questionnaire_id, row.language, row.count) for row in rows] == [
        ("kinder-6-10", "tr", 3)
    ]
    engine.dispose()


def test_schema__has_no_column_that_identifies_a_device_or_time_of_day(db_url: str) -> None:
    engine = storage.make_engine(db_url)
    storage.migrate(engine)
    columns = {column["name"]: column for column in inspect(engine).get_columns("responses")}
    forbidden = {"ip", "ip_address", "remote_addr", "user_agent", "created_at", "timestamp"}
    assert not forbidden & set(columns)
    assert "DATE" in str(columns["submitted_on"]["type"]).upper()
    assert "TIME" not in str(columns["submitted_on"]["type"]).upper()
    engine.dispose()
