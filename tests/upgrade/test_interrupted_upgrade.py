"""An upgrade killed between two steps leaves the database fully old, never between.

The round-1 fixture is upgraded in a separate process with the shipped steps plus two
test-only steps (``extra_steps/``): the first copies ``responses`` into a new table
(SQLite's batch mode), the second writes a file and waits.  When the file appears,
every step before it has run inside the upgrade's transaction, and the process is
killed (SIGKILL: no cleanup, as with a power cut).  Afterwards the database must be
exactly round 1's, and a new upgrade must go through.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, inspect, select

from survey_app import storage
from survey_app.storage import migrations
from tests.conftest import PROJECT_ROOT
from tests.upgrade import round1_fixture as round1
from tests.upgrade.test_round1_upgrade import schema_differences

EXTRA_STEPS = Path(__file__).resolve().parent / "extra_steps"
UPGRADE = (
    "import sys; from pathlib import Path; from survey_app import storage; "
    "from survey_app.storage import migrations; "
    "migrations.upgrade(storage.make_engine(sys.argv[1]), extra=[Path(sys.argv[2])])"
)


def contents(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, sorted."""
    result = {}
    with engine.connect() as conn:
        for name in sorted(inspect(conn).get_table_names()):
            table = storage.metadata.tables.get(name)
            if table is None:
                rows = conn.exec_driver_sql(f'SELECT * FROM "{name}"').all()  # noqa: S608
            else:
                rows = conn.execute(select(table)).all()
            result[name] = sorted(tuple(str(value) for value in row) for row in rows)
    return result


def test_upgrade_killed_between_steps__database_stays_fully_old(
    db_url: str, tmp_path: Path
) -> None:
    engine = storage.make_engine(db_url)
    round1.load_round1(engine)
    schema_before = round1.schema_snapshot(engine)
    rows_before = contents(engine)
    marker = tmp_path / "paused"
    process = subprocess.Popen(
        [sys.executable, "-c", UPGRADE, db_url, str(EXTRA_STEPS)],
        env={**os.environ, "ANKOMMEN_TEST_PAUSE_FILE": str(marker)},
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert process.poll() is None, process.communicate()[1].decode()
            assert time.monotonic() < deadline, "the upgrade did not reach the pause step"
            time.sleep(0.05)
    finally:
        process.kill()
        process.communicate()

    assert round1.schema_snapshot(engine) == schema_before
    assert contents(engine) == rows_before
    assert migrations.status(engine).state == "round1"
    if engine.dialect.name == "sqlite":
        backups = list(tmp_path.glob("db.sqlite3.backup-*"))
        assert len(backups) == 1
        copy = storage.make_engine(f"sqlite:///{backups[0]}")
        assert contents(copy) == rows_before
        copy.dispose()

    outcome = migrations.upgrade(engine, backup=False)
    assert outcome.revision == migrations.head()
    assert schema_differences(engine) == []
    after = contents(engine)
    for name in round1.ROWS:
        assert after[name] == rows_before[name], name
    engine.dispose()
