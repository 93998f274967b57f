"""Issue 12, case 10: nothing stored reveals the order of submissions within a day.

Whoever noted who used a tablet when must not be able to line rows up with people:
the SQLite row numbers, the order of rows in the file and the export order must all
look shuffled; on PostgreSQL after ``ankommen responses mix`` (heap order and ``xmin``).  200 responses submitted in a known order; in a shuffled order about
half of the neighbouring pairs are ascending, in submission order all of them are
(the chance that a random order has 70 % or more is below 10⁻⁷).
"""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import text

from survey_app.exports import export_responses
from survey_app.library import get_library
from survey_app.storage.db import get_engine
from tests.coordinator.conftest import QUESTIONNAIRE_ID, store

COUNT = 200


def _ascending_share(sequence: list[int]) -> float:
    pairs = list(zip(sequence, sequence[1:], strict=False))
    return sum(first < second for first, second in pairs) / len(pairs)


def test_case10_stored_order_does_not_follow_submission_order(app) -> None:
    for number in range(COUNT):
        store(app, answers={"alter": number})
    with app.app_context(), get_engine().connect() as conn:
        by_rowid = [
            json.loads(answers)["alter"]
            for (answers,) in conn.execute(text("SELECT answers FROM responses ORDER BY rowid"))
        ]
        # A plain scan reads the table's b-tree: the order of the rows in the file.
        in_file = [
            json.loads(answers)["alter"]
            for (answers,) in conn.execute(text("SELECT answers FROM responses"))
        ]
        with app.test_request_context():
            questionnaire = get_library().get(QUESTIONNAIRE_ID)
        export = export_responses(conn, questionnaire, "csv", "test")
    assert sorted(by_rowid) == list(range(COUNT))
    assert _ascending_share(by_rowid) < 0.7
    assert _ascending_share(in_file) < 0.7
    table = next(file for file in export.files if file.name.endswith("responses.csv"))
    rows = list(csv.DictReader(io.StringIO(table.content.decode("utf-8-sig"))))
    exported = [int(row["alter"]) for row in rows]
    assert sorted(exported) == list(range(COUNT))
    assert _ascending_share(exported) < 0.7


def test_case10_mix__postgres_heap_order_and_xmin_lose_the_submission_order(db_url) -> None:
    from datetime import date

    from survey_app import storage

    engine = storage.make_engine(db_url)
    storage.migrate(engine)
    for number in range(COUNT):
        with engine.begin() as conn:
            storage.store_response(
                conn,
                storage.NewResponse(
                    questionnaire_id=QUESTIONNAIRE_ID,
                    questionnaire_version="3",
                    questionnaire_hash="0" * 64,
                    language="de",
                    mode="kiosk",
                    event_code=None,
                    district=None,
                    answers={"alter": number},
                ),
                token=storage.new_token(),
                today=date.today(),
            )
    with engine.begin() as conn:
        storage.mix_stored_order(conn)
    with engine.connect() as conn:
        # A plain scan reads the heap (PostgreSQL) or the b-tree (SQLite) in file order.
        in_file = [
            json.loads(answers)["alter"]
            for (answers,) in conn.execute(text("SELECT answers FROM responses"))
        ]
        if engine.dialect.name == "postgresql":
            stamps = conn.execute(text("SELECT count(DISTINCT xmin::text) FROM responses"))
            assert stamps.scalar_one() == 1
    engine.dispose()
    assert sorted(in_file) == list(range(COUNT))
    assert _ascending_share(in_file) < 0.7


def test_mix_cli__runs_and_says_so(app, runner) -> None:
    store(app, answers={"alter": 1})
    result = runner.invoke(args=["responses", "mix"])
    assert result.exit_code == 0 and "says nothing" in result.output
