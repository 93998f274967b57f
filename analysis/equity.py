"""Equity gaps: the prevention dilemma in numbers.

For each offer and each equity group, the difference between the group and the
rest of the respondents (who answered the group's question but are not members) in
awareness and in use, in percentage points, with Newcombe's 95 % interval. A gap is
only ever shown when both shares behind it are published. It is *established*
("gesichert") when its interval excludes zero after a Bonferroni correction over all
shown gaps (:func:`established`) — the one rule the text, the charts and the tables
use.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.cells import Share
from analysis.groups import MEMBER, REST
from analysis.reach import Reach
from analysis.statistics import Interval, bonferroni_z, newcombe_difference

MEASURES = ("known", "used")


@dataclass(frozen=True)
class Gap:
    """Group minus rest for one offer, one equity group and one staircase step."""

    offer: str
    question_id: str
    measure: str
    member: Share
    rest: Share

    @property
    def shown(self) -> bool:
        """Whether both shares (and so the gap) may be published."""
        return self.member.shown and self.rest.shown

    @property
    def difference(self) -> float:
        """Member proportion minus rest proportion (fractions)."""
        return (self.member.proportion or 0.0) - (self.rest.proportion or 0.0)

    @property
    def interval(self) -> Interval:
        """Newcombe's hybrid score interval for the difference."""
        return newcombe_difference(self.member.count, self.member.n, self.rest.count, self.rest.n)

    def established_at(self, z: float) -> bool:
        """Shown, and the interval at quantile ``z`` excludes zero."""
        if not self.shown:
            return False
        interval = newcombe_difference(
            self.member.count, self.member.n, self.rest.count, self.rest.n, z
        )
        return interval.excludes_zero()


def established(gaps: list[Gap]) -> list[bool]:
    """For each gap, whether it is established: shown, and its interval excludes zero
    after a Bonferroni correction over all shown gaps."""
    z = bonferroni_z(sum(gap.shown for gap in gaps))
    return [gap.established_at(z) for gap in gaps]


def equity_gaps(reach: Reach) -> list[Gap]:
    """Every gap the equity breakdowns of ``reach`` allow, in offer order."""
    gaps = []
    equity = [dimension for dimension in reach.dimensions if dimension.is_equity]
    for offer in reach.offers:
        for dimension in equity:
            member = reach.cell(offer.id, dimension.id, MEMBER)
            rest = reach.cell(offer.id, dimension.id, REST)
            if member is None or rest is None:
                continue
            for measure in MEASURES:
                gaps.append(
                    Gap(
                        offer=offer.id,
                        question_id=dimension.question_id or "",
                        measure=measure,
                        member=getattr(member, measure),
                        rest=getattr(rest, measure),
                    )
                )
    return gaps
