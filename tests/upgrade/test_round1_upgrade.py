"""A database written by round 1 comes through ``ankommen db upgrade`` intact.

On SQLite and PostgreSQL: the app refuses the old database and names the command;
after the upgrade every response exports cell-for-cell as round 1 exported it, the
accounts log in (or stay locked), the events still work, new rows can be written, the
schema is exactly ``storage.metadata``, and the newest step can be undone.

**Every later schema change adds its fixture step here**: a function in
:data:`FIXTURE_STEPS` that checks what the step moved or added, on the upgraded
round-1 database (a test fails while a shipped step has none).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from flask import Flask
from sqlalchemy import Engine, func, inspect, select

from survey_app import create_app, storage
from survey_app.storage import migrations
from survey_app.storage import user_store as users
from survey_app.storage.db import get_engine
from tests.conftest import make_test_config
from tests.coordinator.conftest import login
from tests.upgrade import round1_fixture as round1


def step_0002(engine: Engine) -> None:
    """0002: ``schema_version`` is gone; ``alembic_version`` says where the database is."""
    assert "schema_version" not in inspect(engine).get_table_names()


#: Per schema step after the base: the check of what it did to the round-1 data.
def step_0003(engine: Engine) -> None:
    """0003: an empty ``drafts`` table; round 1 kept unfinished answers in memory only."""
    assert "drafts" in inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(storage.drafts)).scalar() == 0


def step_0004(engine: Engine) -> None:
    """0004: ``admin_sessions`` exists; every session belongs to a round-1 account."""
    columns = {c["name"] for c in inspect(engine).get_columns("admin_sessions")}
    assert columns == {"token_hash", "user_id", "started_at", "seen_at"}
    with engine.connect() as conn:
        owners = conn.execute(select(storage.admin_sessions.c.user_id)).scalars().all()
        accounts = set(conn.execute(select(storage.users.c.id)).scalars())
    assert set(owners) <= accounts


def step_0005(engine: Engine) -> None:
    """0005: an empty ``questionnaire_versions`` table; round 1 had no published versions."""
    columns = {c["name"] for c in inspect(engine).get_columns("questionnaire_versions")}
    assert {"content_hash", "source_text", "decisions", "published_by"} <= columns
    with engine.connect() as conn:
        query = select(func.count()).select_from(storage.questionnaire_versions)
        assert conn.execute(query).scalar() == 0


FIXTURE_STEPS = {
    "0002": step_0002,
    "0003": step_0003,
    "0004": step_0004,
    "0005": step_0005,
}


def test_every_schema_step__has_a_fixture_step() -> None:
    assert list(FIXTURE_STEPS) == migrations.revisions()[1:]


def schema_differences(engine: Engine) -> list:
    """What Alembic's autogenerate would change to make the database ``storage.metadata``."""
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), storage.metadata)


def make_config(tmp_path: Path, db_url: str) -> dict:
    folder = round1.questionnaire_dir(tmp_path / "questionnaires")
    return make_test_config(tmp_path, DATABASE_URL=db_url, QUESTIONNAIRE_DIR=str(folder))


def check_exports(app: Flask, tmp_path: Path) -> None:
    """``ankommen export`` gives round 1's CSV, cell for cell, for every questionnaire."""
    runner = app.test_cli_runner()
    for questionnaire_id in round1.QUESTIONNAIRE_IDS:
        target = tmp_path / f"{questionnaire_id}.csv"
        result = runner.invoke(args=["export", questionnaire_id, "--format", "csv", "-o", target])
        assert result.exit_code == 0, result.output
        exported = round1.parse_csv(target.read_bytes())
        expected = round1.expected_export(questionnaire_id)
        assert exported[0] == expected[0], f"{questionnaire_id}: columns differ"
        assert len(exported) == len(expected), f"{questionnaire_id}: row count differs"
        for number, (row, before) in enumerate(zip(exported, expected, strict=True)):
            assert row == before, f"{questionnaire_id}, row {number}: {row} != {before}"


def check_upgraded(app: Flask, tmp_path: Path) -> None:
    """Everything round 1 stored is there and works after the upgrade."""
    engine = get_engine(app)
    with engine.connect() as conn:
        for name, count in round1.ROWS.items():
            table = storage.metadata.tables[name]
            assert conn.execute(select(func.count()).select_from(table)).scalar() == count, name
        planner = users.get_user(conn, "planung")
    assert planner is not None and planner.locked_until == round1.PLANNER_LOCKED_UNTIL
    check_exports(app, tmp_path)
    client = app.test_client()
    response = login(client, *round1.COORDINATOR)
    assert response.status_code == 302, "the round-1 coordinator cannot log in"
    assert round1.OPEN_EVENT in client.get("/admin/events").get_data(as_text=True)
    kiosk = app.test_client().get(f"/k/{round1.OPEN_EVENT}")
    assert kiosk.status_code == 200
    assert "/q/kinder-6-10" in kiosk.get_data(as_text=True)
    assert app.test_client().get(f"/e/{round1.CLOSED_EVENT}").status_code == 410
    # New rows after old ones: numbering (PostgreSQL sequences) and writes work.
    with engine.begin() as conn:
        users.add_user(conn, "neu", users.PLANNER, "ein-neues-passwort")
        storage.count_start(
            conn,
            questionnaire_id="kinder-6-10",
            event_code=round1.OPEN_EVENT,
            language="de",
            today=date(2026, 12, 1),
        )
        storage.log_action(conn, "test", "upgrade_check")
    for check in FIXTURE_STEPS.values():
        check(engine)


def test_round1_database__upgrade__keeps_every_response_account_and_event(
    db_url: str, tmp_path: Path
) -> None:
    engine = storage.make_engine(db_url)
    round1.load_round1(engine)
    config = make_config(tmp_path, db_url)

    with pytest.raises(migrations.SchemaError, match="ankommen db upgrade"):
        create_app(config)

    cli = create_app(config, check_database=False).test_cli_runner()
    result = cli.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert f"Upgraded to revision {migrations.head()}" in result.output
    if engine.dialect.name == "sqlite":
        backup = storage.make_engine(
            f"sqlite:///{result.output.split('first step: ')[1].split()[0]}"
        )
        assert migrations.status(backup).state == "round1"
        backup.dispose()
    assert migrations.status(engine).state == "current"
    assert schema_differences(engine) == []

    app = create_app(config)
    try:
        check_upgraded(app, tmp_path)

        result = cli.invoke(args=["db", "downgrade", "--yes"])
        assert result.exit_code == 0, result.output
        assert migrations.status(engine).state == "behind"
        with pytest.raises(migrations.SchemaError, match="ankommen db upgrade"):
            create_app(config)
        assert cli.invoke(args=["db", "upgrade"]).exit_code == 0
        assert schema_differences(engine) == []
        check_exports(app, tmp_path)
    finally:
        get_engine(app).dispose()
        engine.dispose()
