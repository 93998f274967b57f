"""The impact staircase per offer and group, against hand counts (see handmade.py)."""

from __future__ import annotations

import pytest

from analysis.results import analyse
from tests.analysis.handmade import PARENT_ROWS


@pytest.fixture
def analysis(parents, frame_of):
    return analyse(frame_of(parents, PARENT_ROWS), min_group_size=1)


def counts(cell):
    return {
        "N": cell.known.n,
        "K": cell.known.count,
        "U": cell.used.count,
        "R": cell.helpful.n,
        "H": cell.helpful.count,
    }


def test_reach__overall__only_respondents_the_offer_is_meant_for(analysis):
    # treff: r4 (no age) and r7 (skipped) left out; r8's use makes it known.
    assert counts(analysis.reach.cell("treff")) == {"N": 7, "K": 4, "U": 3, "R": 2, "H": 1}
    # kita only for 3-6: r1, r2, r5.
    assert counts(analysis.reach.cell("kita")) == {"N": 3, "K": 2, "U": 1, "R": 1, "H": 1}
    # nordhaus only in Nord: r0, r5 and r3 (district unknown); r6 lives in Süd.
    assert counts(analysis.reach.cell("nordhaus")) == {"N": 3, "K": 2, "U": 1, "R": 1, "H": 0}


def test_reach__percentages_and_used_of_known(analysis):
    cell = analysis.reach.cell("treff")
    assert cell.known.percent == pytest.approx(400 / 7)
    assert cell.used.percent == pytest.approx(300 / 7)
    assert cell.used_of_known.count == 3 and cell.used_of_known.n == 4
    assert cell.helped.count == 1 and cell.helped.n == 7


def test_reach__by_life_phase(analysis):
    young = analysis.reach.cell("treff", "life_phase", "0-3")
    older = analysis.reach.cell("treff", "life_phase", "3-6")
    assert (young.known.n, young.known.count, young.used.count) == (4, 3, 2)
    assert (older.known.n, older.known.count, older.used.count) == (3, 1, 1)
    assert analysis.reach.cell("kita", "life_phase", "0-3") is None  # not meant for 0-3


def test_reach__by_district_with_not_stated_group(analysis):
    got = {
        group: (cell.known.n, cell.known.count, cell.used.count)
        for group in ("nord", "sued", "west", "_none")
        if (cell := analysis.reach.cell("treff", "district", group)) is not None
    }
    assert got == {"nord": (2, 1, 1), "sued": (3, 2, 1), "west": (1, 1, 1), "_none": (1, 0, 0)}
    assert analysis.reach.cell("nordhaus", "district", "sued") is None  # not offered there


def test_reach__groups_add_up_to_the_total(analysis):
    total = analysis.reach.cell("treff")
    for dimension in analysis.dimensions[1:]:
        cells = [analysis.reach.cell("treff", dimension.id, g) for g in dimension.groups]
        cells = [c for c in cells if c is not None]
        assert sum(c.known.n for c in cells) == total.known.n, dimension.id
        assert sum(c.used.count for c in cells) == total.used.count, dimension.id


def test_reach__small_groups_hidden_with_k_5(parents, frame_of):
    analysis = analyse(frame_of(parents, PARENT_ROWS), min_group_size=5)
    cell = analysis.reach.cell("treff")
    # n = 7 may be shown; K = 4 may not, and neither may anything measured against it.
    assert not cell.known.base_hidden and cell.known.hidden
    assert cell.used_of_known.base_hidden and cell.used.hidden
    # Every life-phase group is below 5 (4 and 3): all hidden, n included.
    for group in ("0-3", "3-6"):
        assert analysis.reach.cell("treff", "life_phase", group).known.base_hidden
