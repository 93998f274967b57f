"""Schema migrations: a fresh database, refusals with a message, ``ankommen db``.

The upgrade of a round-1 database and the interrupted upgrade are in tests/upgrade/.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from survey_app import create_app, storage
from survey_app.storage import migrations
from survey_app.storage.db import get_engine
from tests.conftest import PROJECT_ROOT, make_test_config


def test_fresh_database__app_start__creates_exactly_the_tables_of_storage(
    db_url: str, tmp_path
) -> None:
    app = create_app(make_test_config(tmp_path, DATABASE_URL=db_url))
    engine = get_engine(app)
    assert migrations.status(engine).state == "current"
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), storage.metadata) == []
    engine.dispose()


def _set_revision(url: str, revision: str) -> None:
    engine = storage.make_engine(url)
    storage.migrate(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def test_database_of_a_newer_ankommen__app__refuses_to_start(tmp_path: Path) -> None:
    config = make_test_config(tmp_path)
    _set_revision(config["DATABASE_URL"], "9999")
    with pytest.raises(migrations.SchemaError, match="newer ankommen"):
        create_app(config)
    result = (
        create_app(config, check_database=False).test_cli_runner().invoke(args=["db", "upgrade"])
    )
    assert result.exit_code == 1 and "newer ankommen" in result.output


def test_older_revision__console__says_to_run_db_upgrade_which_works(tmp_path: Path) -> None:
    config = make_test_config(tmp_path)
    engine = storage.make_engine(config["DATABASE_URL"])
    storage.migrate(engine)
    migrations.downgrade(engine, backup=False)
    engine.dispose()
    (tmp_path / "none").mkdir()
    env = {
        "PATH": "/usr/bin:/bin",
        "ANKOMMEN_DATABASE_URL": config["DATABASE_URL"],
        "ANKOMMEN_INSTANCE_PATH": str(tmp_path / "instance"),
        "ANKOMMEN_QUESTIONNAIRE_DIR": str(tmp_path / "none"),
    }
    ankommen = str(Path(sys.executable).parent / "ankommen")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [ankommen, *args], capture_output=True, text=True, env=env, cwd=PROJECT_ROOT
        )

    refused = run("user", "list")
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    assert f"needs {migrations.head()}" in refused.stderr
    assert "run `ankommen db upgrade`" in refused.stderr
    upgraded = run("db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    backup = upgraded.stdout.split("first step: ")[1].split()[0]
    assert Path(backup).parent == tmp_path and os.path.getsize(backup) > 0
    runner = create_app(config).test_cli_runner()
    current = runner.invoke(args=["db", "current"])
    assert f"revision {migrations.head()} (the newest)" in current.output


def test_unknown_tables__upgrade__refuses_and_changes_nothing(tmp_path: Path) -> None:
    engine = storage.make_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    with pytest.raises(migrations.SchemaError, match="not an ankommen schema"):
        migrations.upgrade(engine)
    assert inspect(engine).get_table_names() == ["invoices"]
    engine.dispose()


def test_downgrade__base__is_refused(tmp_path: Path) -> None:
    config = make_test_config(tmp_path)
    runner = create_app(config, check_database=False).test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    while (
        migrations.status(storage.make_engine(config["DATABASE_URL"])).revision != migrations.BASE
    ):
        assert runner.invoke(args=["db", "downgrade", "--yes"]).exit_code == 0
    result = runner.invoke(args=["db", "downgrade", "--yes"])
    assert result.exit_code == 1 and "is the base" in result.output
