"""Barriers: why families who know an offer do not use it.

With a barrier matrix (a row per offer, the scale being the reasons), the base of an
offer is everyone for whom it is relevant who knows it, does not use it, and gave a
reason; each reason's share is taken of that base, so the shares add up to 100 %.
With a plain multiple-choice list of reasons there is one breakdown for the whole
questionnaire (``offer`` is None), based on everyone who answered the list; several
reasons per person are possible.

With a matrix there is also a summary over all offers (``offer`` is :data:`ALL_OFFERS`):
its base counts mentions (one family not using two offers counts twice).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.cells import Key, Share
from analysis.disclosure import Relation
from analysis.groups import ALL_OFFERS
from analysis.loading import ResponseData
from analysis.reach import key as reach_key
from analysis.reach import relevant
from analysis.suppression import Ledger


@dataclass
class Barriers:
    """The reasons for one offer (or for all offers at once when ``offer`` is None)."""

    offer: str | None
    base: int
    reasons: dict[str, Share]

    def ranked(self) -> list[tuple[str, Share]]:
        """Reasons by count, most frequent first (ties in scale order)."""
        order = list(self.reasons)
        return sorted(self.reasons.items(), key=lambda item: (-item[1].count, order.index(item[0])))


def key(offer: str | None, reason: str | None = None) -> Key:
    """The ledger key of a barrier quantity (``reason`` None for the base)."""
    return ("barrier", offer or "*", reason or "*")


def barriers(data: ResponseData, ledger: Ledger) -> list[Barriers]:
    """Count the reasons and register the cells (with the sum over reasons)."""
    question = data.roles.barrier
    if question is None:
        return []
    frame = data.frame
    if question.type != "matrix":
        answered = frame["answered:barrier"].to_numpy(dtype=bool)
        base = int(answered.sum())
        reasons = {
            reason: ledger.share(
                int((answered & frame[f"reason:{reason}"].to_numpy(dtype=bool)).sum()),
                base,
                key(None, reason),
                key(None),
            )
            for reason in question.choice_values
        }
        return [Barriers(None, base, reasons)]
    result = []
    for offer in data.roles.offers:
        column = f"barrier:{offer.id}"
        if column not in frame:
            continue
        knows_not_uses = frame[f"known:{offer.id}"].to_numpy(dtype=bool) & ~frame[
            f"used:{offer.id}"
        ].to_numpy(dtype=bool)
        gave = relevant(data, offer) & knows_not_uses & frame[column].notna().to_numpy(dtype=bool)
        codes = frame[column].cat.codes.to_numpy()
        tally = np.bincount(codes[gave], minlength=len(question.choice_values))
        base = int(gave.sum())
        reasons = {
            reason: ledger.share(int(tally[i]), base, key(offer.id, reason), key(offer.id))
            for i, reason in enumerate(question.choice_values)
        }
        ledger.partition(key(offer.id), [key(offer.id, reason) for reason in reasons])
        if reach_key("K", offer.id) in ledger.values:  # base ≤ know − use
            terms = ((key(offer.id), 1.0), (reach_key("K", offer.id), -1.0))
            ledger.relate(Relation((*terms, (reach_key("U", offer.id), 1.0)), equal=False))
        result.append(Barriers(offer.id, base, reasons))
    if result:
        result.append(_summary(result, question.choice_values, ledger))
    return result


def _summary(per_offer: list[Barriers], reasons: list[str], ledger: Ledger) -> Barriers:
    """All offers together, registered with the sums over offers and over reasons."""
    base = sum(b.base for b in per_offer)
    shares = {
        reason: ledger.share(
            sum(b.reasons[reason].count for b in per_offer),
            base,
            key(ALL_OFFERS, reason),
            key(ALL_OFFERS),
        )
        for reason in reasons
    }
    ledger.partition(key(ALL_OFFERS), [key(b.offer) for b in per_offer])
    ledger.partition(key(ALL_OFFERS), [key(ALL_OFFERS, reason) for reason in reasons])
    for reason in reasons:
        ledger.partition(key(ALL_OFFERS, reason), [key(b.offer, reason) for b in per_offer])
    return Barriers(ALL_OFFERS, base, shares)
