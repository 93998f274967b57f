"""Findings: ranked sentences that never state a hidden or uncertain number."""

from __future__ import annotations

import pytest

from analysis.findings import findings, key_findings
from analysis.i18n import translator
from analysis.results import analyse


def families(member_known: int, rest_known: int, size: int = 100) -> list[dict]:
    """``size`` families per language group; treff known as given, used by a third of knowers."""
    rows = []
    for group, known in (("andere", member_known), ("deutsch", rest_known)):
        for i in range(size):
            knows = i < known
            row = {
                "alter": 1 + i % 4,
                "wohnort": ["nord", "sued", "west"][i % 3],
                "sprache": [group],
            }
            row["kennt"] = ["treff"] if knows else []
            if knows:
                row["nutzt"] = ["treff"] if i % 3 == 0 else []
                if i % 3:
                    row["warum"] = {"treff": ["zeit", "kosten", "bedarf"][(i // 3) % 3]}
            rows.append(row)
    return rows


@pytest.fixture
def de():
    return translator("de")


def test_equity_finding__significant_gap__stated_with_numbers_and_interval(parents, frame_of, de):
    analysis = analyse(frame_of(parents, families(20, 80)), min_group_size=5)
    texts = [f.text for f in findings(analysis, de) if f.kind == "equity"]
    assert texts[0].startswith(
        "Familien mit anderer Sprache kennen das Angebot „Elterntreff“ seltener"
    )
    assert "20\xa0% gegenüber 80\xa0%" in texts[0]
    assert "−60 Prozentpunkte" in texts[0] and "95-%-Konfidenzintervall" in texts[0]


def test_equity_finding__small_difference__not_stated(parents, frame_of, de):
    analysis = analyse(frame_of(parents, families(50, 53)), min_group_size=5)
    assert not [f for f in findings(analysis, de) if f.kind == "equity"]


def test_findings__hidden_cells__never_stated(parents, frame_of, de):
    # Members know treff 20 times: with k = 25 that count (and the gap) is hidden.
    analysis = analyse(frame_of(parents, families(20, 80)), min_group_size=25)
    gap = next(
        g
        for g in analysis.gaps
        if g.offer == "treff" and g.measure == "known" and g.question_id == "sprache"
    )
    assert gap.member.hidden
    result = findings(analysis, de)
    assert not [f for f in result if f.kind == "equity"]
    assert all("20\xa0%" not in f.text for f in result)


def test_use_gap_finding__names_the_top_reason_only_when_it_leads(parents, frame_of, de):
    analysis = analyse(frame_of(parents, families(60, 60)), min_group_size=5)
    text = next(f.text for f in findings(analysis, de) if f.kind == "use_gap")
    assert text.startswith("Das Angebot „Elterntreff“ kennen 60\xa0% der befragten Familien")
    # The reasons are about equally frequent: two named, none called the most frequent.
    assert "Häufige Gründe" in text and "Häufigster Grund" not in text


def test_key_findings__at_most_five__best_of_each_kind_first(parents, frame_of, de):
    ranked = findings(analyse(frame_of(parents, families(20, 80)), min_group_size=5), de)
    chosen = key_findings(ranked)
    assert 1 <= len(chosen) <= 5
    assert chosen[0].kind == "equity"
    assert len({f.kind for f in chosen}) == len(chosen) or len(chosen) == len(ranked)


def test_findings__too_few_responses__none(parents, frame_of, de):
    analysis = analyse(frame_of(parents, families(1, 2, size=2)), min_group_size=5)
    assert analysis.too_small and findings(analysis, de) == []


def test_translator__numbers_follow_the_language():
    assert translator("de").percent(0.724) == "72\xa0%"
    assert translator("en").percent(0.724) == "72%"
    assert translator("de").number(12345) == "12.345"
    assert translator("en").points(-0.25) == "−25"
