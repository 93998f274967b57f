"""The round-1 fixture database (``round1/``): load it, and what it holds.

``round1/`` was made with round 1's code by ``make_round1_fixture.py``: its schema as
round 1 created it on each database, its rows as INSERTs both databases read, the
questionnaire files the responses were given to, and round 1's CSV exports.
"""

from __future__ import annotations

import csv
import io
import shutil
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, inspect

ROOT = Path(__file__).resolve().parent / "round1"
SHIPPED_PICTOGRAMS = Path(__file__).resolve().parents[2] / "questionnaires" / "pictograms"
QUESTIONNAIRE_IDS = ("eltern-0-10", "jugend-10-16", "kinder-6-10")
COORDINATOR = ("koordination", "round-1-passwort")
PLANNER_LOCKED_UNTIL = datetime(2026, 5, 9, 10, 15, tzinfo=UTC)
OPEN_EVENT = "RUNDE1"
CLOSED_EVENT = "HAFEN5"
#: Rows per table in ``data.sql``.
ROWS = {
    "responses": 156,
    "submission_tokens": 156,
    "events": 7,
    "users": 2,
    "quotes": 12,
    "audit_log": 12,
}


def split_statements(sql: str) -> list[str]:
    """Statements of the fixture SQL: each ends with ``;`` at the end of a line."""
    statements: list[str] = []
    current: list[str] = []
    for line in sql.splitlines():
        if not current and (not line.strip() or line.startswith("--")):
            continue
        current.append(line)
        if line.endswith(";"):
            statements.append("\n".join(current)[:-1])
            current = []
    assert not current, "unterminated statement"
    return statements


def load_sql(engine: Engine, schema: str, data: str) -> None:
    """Run the schema and data SQL in one transaction through the driver's own cursor
    (which reads no placeholders, so a ``%`` in an answer stays a ``%``).

    On PostgreSQL the session is in UTC: round 1 wrote its times in UTC, and SQLite
    keeps them without a zone.
    """
    with engine.begin() as conn:
        cursor = conn.connection.cursor()
        if engine.dialect.name == "postgresql":
            cursor.execute("SET TIME ZONE 'UTC'")
        for statement in split_statements(schema + "\n" + data):
            cursor.execute(statement)
        if engine.dialect.name == "postgresql":
            cursor.execute("RESET TIME ZONE")


def load_round1(engine: Engine) -> None:
    """Make the (empty) database behind ``engine`` what round 1 left behind."""
    schema = (ROOT / f"schema-{engine.dialect.name}.sql").read_text(encoding="utf-8")
    load_sql(engine, schema, (ROOT / "data.sql").read_text(encoding="utf-8"))


def questionnaire_dir(folder: Path) -> Path:
    """The questionnaire files the round-1 responses were given to, in ``folder``."""
    shutil.copytree(ROOT / "questionnaires", folder)
    shutil.copytree(SHIPPED_PICTOGRAMS, folder / "pictograms")
    return folder


def expected_export(questionnaire_id: str) -> list[list[str]]:
    """Round 1's CSV export of ``questionnaire_id``, as rows of cells."""
    path = ROOT / "exports" / f"{questionnaire_id}-responses.csv"
    return parse_csv(path.read_bytes())


def parse_csv(content: bytes) -> list[list[str]]:
    """Rows of cells of an export's CSV file."""
    return list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))


def schema_snapshot(engine: Engine) -> dict[str, tuple[list[str], list[str]]]:
    """Per table: its column names and index names, to tell one schema from another."""
    inspector = inspect(engine)
    return {
        name: (
            [column["name"] for column in inspector.get_columns(name)],
            sorted(str(index["name"]) for index in inspector.get_indexes(name)),
        )
        for name in sorted(inspector.get_table_names())
    }
