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
    return result


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
