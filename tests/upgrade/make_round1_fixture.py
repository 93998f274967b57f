"""How ``tests/upgrade/round1/`` was made: a database as round 1 of ankommen wrote it.

This script is the record of the fixture, not part of the test run.  It only works
with the code of round 1 (commit 048396c, before Alembic), because it calls that
code's ``storage.migrate`` and captures the DDL it sends.  Copy this folder's Python
files into a checkout of that commit and run it there::

    git worktree add /tmp/round1 048396c
    mkdir -p /tmp/round1/tests/upgrade && cp tests/upgrade/*.py /tmp/round1/tests/upgrade/
    cd /tmp/round1 && python -m tests.upgrade.make_round1_fixture OUTPUT_DIR

What it writes:

* ``schema-sqlite.sql``, ``schema-postgresql.sql`` — the statements round 1's
  ``storage.migrate`` sent to an empty SQLite file and an empty PostgreSQL database
  (captured from the driver, so they are exactly round 1's schema on each);
* ``data.sql`` — every row of that SQLite database as INSERT statements that both
  databases accept (TRUE/FALSE for booleans, ISO dates; the integer ids that the
  databases number themselves are left out, they were 1, 2, 3 … in insertion order);
* ``questionnaires/`` — the questionnaire files the responses were given to;
* ``exports/ID-responses.csv`` — round 1's CSV export of each questionnaire.

Before writing, it loads the SQL into a fresh SQLite file and a fresh PostgreSQL
database and checks that round 1's code exports the same CSV from both.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Boolean, Engine, event, text

from analysis.demo_data import fill_demo_data, generate_responses
from survey_app import events, storage, users
from survey_app.exports import build_export
from survey_app.questionnaire import QuestionnaireLibrary
from survey_app.storage import new_token, store_response
from tests.support import postgres
from tests.upgrade.round1_fixture import load_sql

ROOT = Path(__file__).resolve().parents[2]
RESPONSES = 150
SEED = 18
COORDINATOR = ("koordination", "round-1-passwort")
PLANNER = ("planung", "planung-passwort-1")
EVENT = {
    "code": "RUNDE1",
    "name": "Familienfest Runde 1 – „Ankommen“",
    "district": "nordviertel",
    "held_on": date(2026, 5, 9),
    "mode": "both",
}
#: Text answers that test the quoting of the SQL and the export.
TRICKY_TEXTS = (
    'Mehr Spielplätze, bitte! It\'s "great"; 50% — أكثر 🎈',
    '=HYPERLINK("http://example.org")\nzweite Zeile \\ back\\slash',
)
#: Integer columns the database numbers itself (left out of the INSERTs).
SERIAL_COLUMNS = {"starts": "id", "users": "id", "audit_log": "id"}


def capture_ddl(engine: Engine) -> list[str]:
    """Run round 1's ``storage.migrate`` on ``engine``; return the DDL it sent."""
    statements: list[str] = []

    def remember(_conn, _cursor, statement, _params, _context, _many) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith(("CREATE", "ALTER")):
            statements.append(statement.strip())

    event.listen(engine, "before_cursor_execute", remember)
    storage.migrate(engine)
    event.remove(engine, "before_cursor_execute", remember)
    return statements


def fill(engine: Engine, library: QuestionnaireLibrary) -> None:
    """Round 1's demo data, an event of a coordinator, accounts, a locked login."""
    import numpy as np

    questionnaires = library.all()
    fill_demo_data(engine, questionnaires, RESPONSES, seed=SEED)
    rng = np.random.default_rng(SEED)
    with engine.begin() as conn:
        users.add_user(conn, COORDINATOR[0], users.COORDINATOR, COORDINATOR[1])
        users.add_user(conn, PLANNER[0], users.PLANNER, PLANNER[1])
        locked_at = datetime(2026, 5, 9, 10, 0, tzinfo=UTC)
        for _ in range(users.MAX_FAILED_LOGINS):
            users.authenticate(conn, PLANNER[0], "falsches-passwort", now=locked_at)
        events.create_event(
            conn,
            questionnaire_ids=[q.id for q in questionnaires],
            **EVENT,
        )
        for questionnaire in questionnaires:
            for index, record in enumerate(generate_responses(questionnaire, 2, rng)):
                answers = dict(record["answers"])
                text_question = next(
                    (q for q in questionnaire.questions() if q.type == "text" and q.is_stored),
                    None,
                )
                if text_question is not None:
                    answers[text_question.id] = TRICKY_TEXTS[index]
                store_response(
                    conn,
                    token=new_token(),
                    questionnaire_id=questionnaire.id,
                    questionnaire_version=questionnaire.version,
                    questionnaire_hash=questionnaire.content_hash,
                    language=record["language"],
                    mode=record["mode"],
                    event_code=EVENT["code"],
                    district=EVENT["district"],
                    answers=answers,
                    today=EVENT["held_on"],
                )


def sql_literal(value: object, boolean: bool = False) -> str:
    """``value`` as an SQL literal that SQLite and PostgreSQL read the same way."""
    if value is None:
        return "NULL"
    if boolean:
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no literal for {value!r}")


def dump_data(path: Path) -> str:
    """Every row of the SQLite file as INSERT statements, in insertion (rowid) order."""
    lines = []
    with sqlite3.connect(path) as raw:
        for table in storage.metadata.sorted_tables:
            names = [column.name for column in table.columns]
            booleans = {c.name for c in table.columns if isinstance(c.type, Boolean)}
            serial = SERIAL_COLUMNS.get(table.name)
            rows = raw.execute(f'SELECT {", ".join(names)} FROM "{table.name}" ORDER BY rowid')
            for number, row in enumerate(rows, start=1):
                values = dict(zip(names, row, strict=True))
                if serial:
                    assert values.pop(serial) == number, f"{table.name}.{serial} not 1, 2, 3 …"
                columns = ", ".join(values)
                literals = ", ".join(
                    sql_literal(value, name in booleans) for name, value in values.items()
                )
                lines.append(f"INSERT INTO {table.name} ({columns}) VALUES ({literals});")
    return "\n".join(lines) + "\n"


def exports(engine: Engine, library: QuestionnaireLibrary) -> dict[str, str]:
    """Round 1's CSV export of every questionnaire, as text."""
    result = {}
    with engine.connect() as conn:
        for questionnaire in library.all():
            export = build_export(
                questionnaire, storage.iter_responses(conn, questionnaire.id), "csv"
            )
            result[questionnaire.id] = export.files[0].content.decode("utf-8")
    return result


def main(output: Path) -> None:
    """Make the fixture in ``output`` (see the module docstring)."""
    library = QuestionnaireLibrary(str(ROOT / "questionnaires"))
    work = output / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    sqlite_engine = storage.make_engine(f"sqlite:///{work / 'round1.sqlite3'}")
    sqlite_ddl = capture_ddl(sqlite_engine)
    fill(sqlite_engine, library)
    sqlite_engine.dispose()
    data = dump_data(work / "round1.sqlite3")
    server = postgres.start_server()
    try:
        pg_engine = storage.make_engine(server.url)
        pg_ddl = capture_ddl(pg_engine)
        pg_engine.dispose()
        header = "-- Round 1's schema as its storage.migrate created it on {}.\n"
        schemas = {
            "sqlite": header.format("SQLite") + "".join(s + ";\n" for s in sqlite_ddl),
            "postgresql": header.format("PostgreSQL") + "".join(s + ";\n" for s in pg_ddl),
        }
        original = exports_of_file(library, work / "round1.sqlite3")
        admin = storage.make_engine(server.url)
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("CREATE DATABASE reload"))
        admin.dispose()
        reloaded = {
            "sqlite": storage.make_engine(f"sqlite:///{work / 'reload.sqlite3'}"),
            "postgresql": storage.make_engine(server.url.rsplit("/", 1)[0] + "/reload"),
        }
        for dialect, engine in reloaded.items():
            load_sql(engine, schemas[dialect], data)
            assert exports(engine, library) == original, f"{dialect} reload differs"
            engine.dispose()
    finally:
        server.stop()
    for dialect, schema in schemas.items():
        (output / f"schema-{dialect}.sql").write_text(schema)
    (output / "data.sql").write_text(data)
    (output / "exports").mkdir(exist_ok=True)
    for questionnaire_id, csv_text in original.items():
        (output / "exports" / f"{questionnaire_id}-responses.csv").write_text(csv_text, newline="")
    (output / "questionnaires").mkdir(exist_ok=True)
    for name in ("site.yaml", *(f"{q.id}.yaml" for q in library.all())):
        shutil.copyfile(ROOT / "questionnaires" / name, output / "questionnaires" / name)
    shutil.rmtree(work)
    print(f"Wrote {output}: {data.count(chr(10))} INSERTs, exports of {', '.join(original)}")


def exports_of_file(library: QuestionnaireLibrary, path: Path) -> dict[str, str]:
    """The exports of the SQLite file that round 1's code wrote."""
    engine = storage.make_engine(f"sqlite:///{path}")
    try:
        return exports(engine, library)
    finally:
        engine.dispose()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
