"""What leaves ankommen besides the tables' numbers: quotes, integer counts, "not stated"."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from analysis.brief import brief_html
from analysis.i18n import translator
from analysis.loading import responses_from_records
from analysis.quotes import Quote
from analysis.report import build_report
from analysis.results import analyse
from analysis.tables import aggregated_tables, tables_file
from survey_app.questionnaire import load_questionnaire
from tests.analysis.conftest import records

ROOT = Path(__file__).resolve().parents[2]


def kids(n: int, language: str = "de") -> list[dict]:
    return [{"alter": 4, "spass": "3", "wunsch": f"Wunsch {i}"} for i in range(n)]


def wish(language: str) -> Quote:
    return Quote("r0", "wunsch", "Ein Baumhaus", language, date(2026, 5, 1), True)


def test_quotes__fewer_respondents_than_the_threshold__none_in_the_brief(children):
    data = responses_from_records(records(kids(19)), children)
    assert analyse(data, quotes=[wish("de")]).quotes == []
    assert analyse(data, quotes=[wish("de")], min_quote_respondents=10).quotes != []


def test_quotes__language_below_k__not_attached(children):
    rows = records(kids(30))
    rows[0]["language"] = "en"  # one English response: its language count is hidden
    analysis = analyse(responses_from_records(rows, children), quotes=[wish("en")])
    html = brief_html(build_report(analysis, translator("de")))
    assert "Ein Baumhaus" in html and '<q lang="en">' not in html
    common = analyse(responses_from_records(records(kids(30)), children), quotes=[wish("de")])
    assert '<q lang="de">Ein Baumhaus' in brief_html(build_report(common, translator("de")))


def test_tables__counts_are_integers_in_json(parents, frame_of):
    rows = [
        {"alter": 1 + i % 4, "wohnort": "nord", "kennt": ["treff"], "nutzt": []} for i in range(40)
    ]
    analysis = analyse(frame_of(parents, rows))
    payload = json.loads(
        tables_file(
            aggregated_tables(build_report(analysis, translator("de"))), "json", "x"
        ).content
    )
    counts = [row[c] for row in payload["reach"] for c in ("n", "count") if row[c] is not None]
    assert counts and all(isinstance(value, int) for value in counts)


def test_equity__rather_not_say__counts_as_not_stated():
    questionnaire = load_questionnaire(ROOT / "questionnaires" / "eltern-0-10.yaml")
    data = responses_from_records(
        records([{"financial_strain": "keine-angabe"}, {"financial_strain": "gut"}]), questionnaire
    )
    column = data.frame["eq:financial_strain"]
    assert column.isna().tolist() == [True, False]
