"""Equity gaps, barriers, scores and children's voice against hand counts."""

from __future__ import annotations

import pytest

from analysis.barriers import ALL_OFFERS
from analysis.equity import established
from analysis.results import analyse
from analysis.statistics import newcombe_difference
from tests.analysis.handmade import PARENT_ROWS


@pytest.fixture
def analysis(parents, frame_of):
    return analyse(frame_of(parents, PARENT_ROWS), min_group_size=1)


def test_equity__treff_by_language__member_minus_rest(analysis):
    # members r1, r2, r8: knows r2, r8; rest r0, r5, r6: knows r0, r6.
    gap = next(
        g
        for g in analysis.gaps
        if (g.offer, g.question_id, g.measure) == ("treff", "sprache", "known")
    )
    assert (gap.member.count, gap.member.n, gap.rest.count, gap.rest.n) == (2, 3, 2, 3)
    assert gap.difference == pytest.approx(0.0)
    used = next(
        g
        for g in analysis.gaps
        if (g.offer, g.question_id, g.measure) == ("treff", "sprache", "used")
    )
    assert (used.member.count, used.rest.count) == (2, 1)
    assert used.interval == newcombe_difference(2, 3, 1, 3)
    assert not established(analysis.gaps)[analysis.gaps.index(used)]


def test_equity__gap_not_shown__when_a_side_is_hidden(parents, frame_of):
    analysis = analyse(frame_of(parents, PARENT_ROWS), min_group_size=5)
    assert analysis.gaps and not any(gap.shown for gap in analysis.gaps)
    assert not any(established(analysis.gaps))


def test_barriers__among_those_who_know_but_do_not_use(analysis):
    by_offer = {b.offer: b for b in analysis.barriers}
    assert by_offer["treff"].base == 1 and by_offer["treff"].reasons["zeit"].count == 1
    assert by_offer["kita"].reasons["kosten"].count == 1
    # r6 lives in Süd: nordhaus is not meant for her family, so only r0 counts.
    assert by_offer["nordhaus"].base == 1 and by_offer["nordhaus"].reasons["zeit"].count == 1
    summary = by_offer[ALL_OFFERS]
    assert summary.base == 3 and summary.reasons["zeit"].count == 2
    assert summary.ranked()[0][0] == "zeit"


def test_scores__mean_and_bands(analysis):
    overall = analysis.scores[0].cell()
    assert overall.mean.n == 3 and overall.mean.value == pytest.approx(80 / 3)
    assert overall.mean.sd == pytest.approx(15.275, abs=1e-3)
    assert {band: share.count for band, share in overall.bands.items()} == {"niedrig": 1, "hoch": 2}
    member = analysis.scores[0].cell("eq:sprache", "member")
    assert member.mean.value == pytest.approx(25.0) and member.mean.n == 2


CHILD_ROWS = [
    {
        "alter": 4,
        "spass": "3",
        "wunschliste": {"spielplatz": 2, "park": 1},
        "wunsch": "Eine Rutsche",
    },
    {"alter": 5, "spass": "3", "wunschliste": {"spielplatz": 3}},
    {"alter": 3, "spass": "1", "wunschliste": {"wege": 1, "park": 1}},
    {"alter": 4, "spass": "2"},
]


def test_voice__smiley_distribution(children, frame_of):
    analysis = analyse(frame_of(children, CHILD_ROWS), min_group_size=1)
    (distribution,) = analysis.smileys
    assert distribution.n == 4
    assert {c: s.count for c, s in distribution.shares.items()} == {"1": 1, "2": 1, "3": 2}


def test_voice__dot_vote__ranked_by_points(children, frame_of):
    analysis = analyse(frame_of(children, CHILD_ROWS), min_group_size=1)
    (priorities,) = analysis.priorities
    assert priorities.n == 3
    assert [(i.choice, i.points.amount, i.voters.count) for i in priorities.items] == [
        ("spielplatz", 5.0, 2),
        ("park", 2.0, 2),
        ("wege", 1.0, 1),
    ]
    assert priorities.items[0].points.proportion == pytest.approx(5 / 8)
    # Points per child, first minus second choice: 1, 3, -1 → mean 1, not clearly ahead.
    assert priorities.lead.low < 0 < priorities.lead.high


def test_voice__points_hidden_with_their_voters(children, frame_of):
    analysis = analyse(frame_of(children, CHILD_ROWS * 3), min_group_size=4)
    (priorities,) = analysis.priorities
    items = {i.choice: i for i in priorities.items}
    assert items["wege"].voters.hidden and items["wege"].points.hidden  # 3 children
    assert items["spielplatz"].points.shown  # 6 children
    # "wege" alone hidden would follow from 100 % minus the others: another goes too.
    assert items["park"].points.hidden
