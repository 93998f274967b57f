"""Issue 12, case 10: nothing stored reveals the order of submissions within a day.

Whoever noted who used a tablet when must not be able to line rows up with people:
the SQLite row numbers, the order of rows in the file and the export order must all
look shuffled.  200 responses submitted in a known order; in a shuffled order about
half of the neighbouring pairs are ascending, in submission order all of them are
(the chance that a random order has 70 % or more is below 10⁻⁷).
"""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import text

from survey_app.db import get_engine
from survey_app.exports import export_responses
from survey_app.library import get_library
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
