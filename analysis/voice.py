"""Children's voice: smiley answers and dot-vote priorities.

Free-text wishes are not counted here; they reach a brief only as quotes a
coordinator approved (:mod:`analysis.quotes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.cells import Key, Portion, Share
from analysis.loading import ResponseData
from analysis.statistics import Interval, paired_mean_difference
from analysis.suppression import Ledger
from survey_app.questionnaire.model import Question


@dataclass
class SmileyDistribution:
    """How often each face was chosen for one smiley question (worst face first)."""

    question: Question
    n: int
    shares: dict[str, Share]


@dataclass
class PriorityItem:
    """One choice of a dot vote: who gave it points, and its share of all points."""

    choice: str
    voters: Share
    points: Portion


@dataclass
class Priorities:
    """One dot-vote question, choices ranked by points (most first).

    ``lead`` is the 95 % interval of the mean difference in points per respondent
    between the first and the second choice: above zero, the first is ahead.
    """

    question: Question
    n: int
    items: list[PriorityItem]
    lead: Interval | None = None
    #: Each respondent's points for the first choice minus those for the second.
    differences: np.ndarray | None = None

    def lead_at(self, z: float) -> Interval:
        """The lead's interval at normal quantile ``z`` (e.g. Bonferroni-corrected)."""
        if self.differences is None:
            return Interval(-np.inf, np.inf)
        return paired_mean_difference(self.differences, z)


def smiley_key(question: str, choice: str | None = None) -> Key:
    """The ledger key of a smiley count (``choice`` None for the answered base)."""
    return ("smiley", question, choice or "*")


def vote_key(measure: str, question: str, choice: str | None = None) -> Key:
    """The ledger key of a dot-vote quantity: ``n``, ``voters`` or ``points``."""
    return ("vote", measure, question, choice or "*")


def smiley_distributions(data: ResponseData, ledger: Ledger) -> list[SmileyDistribution]:
    """Distributions of every smiley question, registered with the sum over faces."""
    result = []
    for question in data.roles.smileys:
        column = data.frame[f"smiley:{question.id}"]
        codes = column.cat.codes.to_numpy()
        answered = codes >= 0
        tally = np.bincount(codes[answered], minlength=len(question.choices))
        n = int(answered.sum())
        shares = {
            choice: ledger.share(
                int(tally[i]), n, smiley_key(question.id, choice), smiley_key(question.id)
            )
            for i, choice in enumerate(question.choice_values)
        }
        ledger.partition(smiley_key(question.id), [smiley_key(question.id, c) for c in shares])
        result.append(SmileyDistribution(question, n, shares))
    return result


def priorities(
    data: ResponseData, ledger: Ledger, questions: Sequence[Question] | None = None
) -> list[Priorities]:
    """Dot-vote results; a choice's points are hidden whenever its voters are.

    ``questions`` default to those with the ``priority`` role; any dot-vote question
    can be given (its ``vote:`` columns are in every frame).
    """
    frame = data.frame
    result = []
    for question in data.roles.priority if questions is None else questions:
        choices = question.choice_values
        if not choices:
            continue
        points = np.column_stack(
            [frame[f"vote:{question.id}:{c}"].to_numpy(dtype=float) for c in choices]
        )
        answered = ~np.isnan(points).all(axis=1) if len(frame) else np.zeros(0, dtype=bool)
        answered_points = np.nan_to_num(points[answered])
        n = int(answered.sum())
        total = float(answered_points.sum())
        base = vote_key("n", question.id)
        total_key = vote_key("points", question.id)
        items = []
        for j, choice in enumerate(choices):
            voters = ledger.share(
                int((answered_points[:, j] > 0).sum()),
                n,
                vote_key("voters", question.id, choice),
                base,
            )
            ledger.amount(
                vote_key("points", question.id, choice),
                float(answered_points[:, j].sum()),
                voters.count_key,
            )
            items.append((choice, voters))
        ledger.amount(total_key, total, base)
        ledger.partition(
            total_key, [vote_key("points", question.id, choice) for choice, _ in items]
        )
        ranked = [
            PriorityItem(
                choice=choice,
                voters=voters,
                points=ledger.portion(
                    ledger.values[vote_key("points", question.id, choice)],
                    total,
                    vote_key("points", question.id, choice),
                    total_key,
                ),
            )
            for choice, voters in items
        ]
        order = sorted(range(len(choices)), key=lambda j: -answered_points[:, j].sum())
        ranked = [ranked[j] for j in order]
        lead = differences = None
        if len(order) > 1:
            differences = answered_points[:, order[0]] - answered_points[:, order[1]]
            lead = paired_mean_difference(differences)
        result.append(Priorities(question, n, ranked, lead, differences))
    return result
