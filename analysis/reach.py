"""Reach along the impact staircase: known → used → helpful, per offer and group.

Definitions (all among respondents for whom the offer is *relevant*):

* relevant: answered the awareness question (or, without one, the use question);
  the child's life phase is one the offer is meant for (respondents without a life
  phase are left out when the offer targets life phases); and the family does not
  live in a district the offer does not serve (an unknown district is kept).
* known: named the offer as known — or as used, since using implies knowing.
* used: named the offer as used.
* helpful: among users who rated the offer, those who chose the first answer of
  the benefit scale (e.g. ``ja`` of ``ja/teils/nein``).
* helped: users who found it helpful, as a share of all relevant respondents (the
  third step of the staircase on the same base as the first two).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.breakdowns import ALL, DISTRICT, LIFE_PHASE, NOT_STATED, Dimension, counts
from analysis.cells import Key, Share
from analysis.disclosure import at_most, total_of
from analysis.loading import ResponseData
from analysis.roles import OfferInfo
from analysis.suppression import Ledger

#: Counted quantities per offer and group.
MEASURES = ("N", "K", "U", "R", "H")


@dataclass
class OfferReach:
    """The staircase of one offer in one group."""

    offer: str
    dimension: str
    group: str
    known: Share
    used: Share
    used_of_known: Share
    helped: Share | None = None
    helpful: Share | None = None

    @property
    def n(self) -> int:
        """Relevant respondents in the group."""
        return self.known.n


@dataclass
class Reach:
    """All staircases: ``cells[(offer, dimension, group)]``."""

    offers: list[OfferInfo]
    dimensions: list[Dimension]
    cells: dict[tuple[str, str, str], OfferReach] = field(default_factory=dict)

    def cell(self, offer: str, dimension: str = ALL, group: str = ALL) -> OfferReach | None:
        """The staircase of ``offer`` in a group (None where the offer does not apply)."""
        return self.cells.get((offer, dimension, group))

    def dimension(self, dimension_id: str) -> Dimension | None:
        """The breakdown with this id, if analysed."""
        return next((d for d in self.dimensions if d.id == dimension_id), None)


def key(measure: str, offer: str, dimension: str = ALL, group: str = ALL) -> Key:
    """The ledger key of a reach quantity."""
    return ("reach", measure, offer, dimension, group)


def relevant(data: ResponseData, offer: OfferInfo) -> np.ndarray:
    """Which respondents the offer is meant for and who answered about offers."""
    frame = data.frame
    roles = data.roles
    if "answered:awareness" in frame:
        mask = frame["answered:awareness"].to_numpy(dtype=bool).copy()
    elif "answered:use" in frame:
        mask = frame["answered:use"].to_numpy(dtype=bool).copy()
    else:
        return np.zeros(len(frame), dtype=bool)
    if roles.has_life_phase and offer.life_phases:
        mask &= frame["life_phase"].isin(offer.life_phases).to_numpy(dtype=bool)
    if offer.districts:
        district = frame["district"]
        mask &= (district.isna() | district.isin(offer.districts)).to_numpy(dtype=bool)
    return mask


def applicable(offer: OfferInfo, dimension: Dimension, group: str) -> bool:
    """Whether a group can contain respondents for whom ``offer`` is relevant."""
    if dimension.id == LIFE_PHASE and offer.life_phases:
        return group in offer.life_phases
    if dimension.id == DISTRICT and offer.districts:
        return group == NOT_STATED or group in offer.districts
    return True


def reach(data: ResponseData, dimensions: list[Dimension], ledger: Ledger) -> Reach:
    """Count the staircase of every offer in every group and register the cells."""
    frame = data.frame
    roles = data.roles
    result = Reach(offers=list(roles.offers), dimensions=dimensions)
    helpful_value = roles.helpful_value
    codes = {dimension.id: dimension.codes(frame) for dimension in dimensions}
    for offer in roles.offers:
        masks = _masks(frame, offer, relevant(data, offer), helpful_value)
        for dimension in dimensions:
            groups = [g for g in dimension.groups if applicable(offer, dimension, g)]
            totals = {
                measure: counts(codes[dimension.id], len(dimension.groups), mask)
                for measure, mask in masks.items()
            }
            for group in groups:
                index = dimension.groups.index(group)
                values = {measure: int(totals[measure][index]) for measure in masks}
                result.cells[(offer.id, dimension.id, group)] = _register(
                    ledger, offer.id, dimension.id, group, values, "R" in masks
                )
            if dimension.id != ALL:
                for measure in masks:
                    ledger.partition(
                        key(measure, offer.id),
                        [key(measure, offer.id, dimension.id, group) for group in groups],
                    )
    _shared_bases(data, result, ledger)
    return result


def _axis(data: ResponseData, dimensions: list[Dimension], dimension_id: str, filtered):
    """The groups of one axis of the population grid and each row's group index."""
    dimension = next((d for d in dimensions if d.id == dimension_id), None)
    if dimension is not None:
        return list(dimension.groups), dimension.codes(data.frame)
    label = (
        filtered if filtered is not None else (ALL if dimension_id == LIFE_PHASE else NOT_STATED)
    )
    return [label], np.zeros(len(data.frame), dtype=np.intp)


def _shared_bases(data: ResponseData, result: Reach, ledger: Ledger) -> None:
    """Tie the bases of all offers to the families behind them, for the audit.

    Offers meant for overlapping life phases and districts count the same families.
    Latent counts per life phase × district (and × member/rest of each equity group)
    of everyone who answered about offers make that known: each offer's base in each
    group is the sum of the latent counts it covers.
    """
    frame = data.frame
    roles = data.roles
    dimensions = result.dimensions
    phases, phase_codes = _axis(data, dimensions, LIFE_PHASE, data.filters.life_phase)
    districts, district_codes = _axis(data, dimensions, DISTRICT, data.filters.district)
    if "answered:awareness" in frame:
        answered = frame["answered:awareness"].to_numpy(dtype=bool)
    elif "answered:use" in frame:
        answered = frame["answered:use"].to_numpy(dtype=bool)
    else:
        return
    cells = phase_codes * len(districts) + district_codes
    grid = np.bincount(cells[answered], minlength=len(phases) * len(districts))
    pairs = [(p, d) for p in phases for d in districts]

    def pop(pair: tuple[str, str], *equity: str) -> Key:
        return ("latent", "pop", *equity, *pair)

    for index, pair in enumerate(pairs):
        ledger.latent_count(pop(pair), int(grid[index]))
    equity = [dimension for dimension in dimensions if dimension.is_equity]
    for dimension in equity:
        codes = dimension.codes(frame)
        for g, group in enumerate(dimension.groups):
            tally = np.bincount(cells[answered & (codes == g)], minlength=len(pairs))
            for index, pair in enumerate(pairs):
                ledger.latent_count(pop(pair, dimension.id, group), int(tally[index]))
        for pair in pairs:
            ledger.relate(
                total_of(pop(pair), [pop(pair, dimension.id, g) for g in dimension.groups])
            )
    for offer in result.offers:
        covered = [
            (p, d)
            for p, d in pairs
            if (not roles.has_life_phase or not offer.life_phases or p in offer.life_phases)
            and (not offer.districts or d == NOT_STATED or d in offer.districts)
        ]
        for (offer_id, dimension_id, group), cell in result.cells.items():
            if offer_id != offer.id:
                continue
            n = key("N", offer.id, dimension_id, group)
            if dimension_id == ALL:
                parts = [pop(pair) for pair in covered]
            elif dimension_id == LIFE_PHASE:
                parts = [pop(pair) for pair in covered if pair[0] == group]
            elif dimension_id == DISTRICT:
                parts = [pop(pair) for pair in covered if pair[1] == group]
            else:
                parts = [pop(pair, dimension_id, group) for pair in covered]
            ledger.relate(total_of(n, parts))
            if cell.helpful is not None:  # who rated an offer used it
                ledger.relate(at_most(cell.helpful.base_key, cell.used.count_key))


def _masks(
    frame: pd.DataFrame, offer: OfferInfo, base: np.ndarray, helpful_value: str | None
) -> dict[str, np.ndarray]:
    known = (
        frame[f"known:{offer.id}"].to_numpy(dtype=bool) if f"known:{offer.id}" in frame else False
    )
    used = frame[f"used:{offer.id}"].to_numpy(dtype=bool) if f"used:{offer.id}" in frame else False
    masks = {"N": base, "K": base & known, "U": base & used}
    benefit = f"benefit:{offer.id}"
    if benefit in frame and helpful_value is not None:
        rated = base & used & frame[benefit].notna().to_numpy(dtype=bool)
        masks["R"] = rated
        masks["H"] = rated & (frame[benefit] == helpful_value).fillna(False).to_numpy(dtype=bool)
    return masks


def _register(
    ledger: Ledger, offer: str, dimension: str, group: str, values: dict[str, int], rated: bool
) -> OfferReach:
    def k(measure: str) -> Key:
        return key(measure, offer, dimension, group)

    n, known, used = values["N"], values["K"], values["U"]
    cell = OfferReach(
        offer=offer,
        dimension=dimension,
        group=group,
        known=ledger.share(known, n, k("K"), k("N")),
        used=ledger.share(used, n, k("U"), k("N")),
        used_of_known=ledger.share(used, known, k("U"), k("K")),
    )
    if rated:
        cell.helped = ledger.share(values["H"], n, k("H"), k("N"))
        cell.helpful = ledger.share(values["H"], values["R"], k("H"), k("R"))
    return cell
