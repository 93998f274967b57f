"""Property: no output table shows a cell below k, and nothing hidden can be worked out."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.i18n import translator
from analysis.report import build_report
from analysis.results import analyse
from analysis.suppression import _components
from analysis.tables import aggregated_tables
from tests.analysis.test_suppression import determined_by_rank

OFFERS = ["treff", "kita", "nordhaus"]


@st.composite
def response(draw):
    row = {}
    for key, options in (
        ("alter", [1, 4]),
        ("wohnort", ["nord", "sued", "west"]),
        ("sprache", [["deutsch"], ["andere"]]),
        ("allein", ["yes", "no"]),
        ("w1", ["0", "1", "2"]),
        ("w2", ["0", "1", "2"]),
    ):
        value = draw(st.sampled_from([None, *options]))
        if value is not None:
            row[key] = value
    if draw(st.booleans()):
        known = draw(st.lists(st.sampled_from(OFFERS), unique=True))
        used = [o for o in known if draw(st.booleans())]
        row["kennt"], row["nutzt"] = known, used
        row["hilft"] = {o: draw(st.sampled_from(["ja", "teils", "nein"])) for o in used}
        row["warum"] = {
            o: draw(st.sampled_from(["zeit", "kosten", "bedarf"])) for o in known if o not in used
        }
    return row


def published(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rows=st.lists(response(), min_size=0, max_size=60), k=st.integers(2, 6))
def test_property__tables_never_show_a_small_cell_or_a_recomputable_one(parents, frame_of, rows, k):
    analysis = analyse(frame_of(parents, rows), min_group_size=k)
    tables = aggregated_tables(build_report(analysis, translator("de")))
    for name, frame in tables.items():
        for record in frame.to_dict(orient="records"):
            for column in ("n", "count", "voters", "member_n", "rest_n"):
                value = record.get(column)
                if published(value) and value != 0:
                    assert value >= k, (name, column, record)
            if published(record.get("count")):
                assert published(record.get("n")) and record["count"] >= k, (name, record)
            if published(record.get("percent")) and record.get("n"):
                assert record["n"] >= k, (name, record)
            if published(record.get("mean")):
                assert record["n"] >= k, (name, record)
    hidden = analysis.ledger.hidden
    for component in _components(analysis.ledger.partitions):
        assert determined_by_rank(component, hidden) == set()
