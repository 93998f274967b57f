"""The groups every figure is broken down by: life phase, district, equity groups.

A breakdown (:class:`Dimension`) is complete: its groups add up to the total,
including a "not stated" group for respondents who skipped the question. That
completeness is what lets suppression see which hidden cells could be worked out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.groups import ALL, DISTRICT, EQUITY_PREFIX, LIFE_PHASE, MEMBER, NOT_STATED, REST
from analysis.loading import ResponseData


@dataclass(frozen=True)
class Dimension:
    """A breakdown of respondents: ``id`` is ``all``, ``life_phase``, ``district`` or
    ``eq:<question id>``; ``groups`` are the group ids in display order."""

    id: str
    column: str | None
    groups: tuple[str, ...]

    @property
    def is_equity(self) -> bool:
        """Whether this is a member/rest breakdown of an equity group."""
        return self.id.startswith(EQUITY_PREFIX)

    @property
    def question_id(self) -> str | None:
        """For an equity breakdown, the question that defines the group."""
        return self.id.removeprefix(EQUITY_PREFIX) if self.is_equity else None

    def codes(self, frame: pd.DataFrame) -> np.ndarray:
        """For every row, the index of its group in :attr:`groups`."""
        if self.column is None:
            return np.zeros(len(frame), dtype=np.intp)
        column = frame[self.column]
        position = {group: i for i, group in enumerate(self.groups)}
        lookup = np.array(
            [position.get(str(category), -1) for category in column.cat.categories] + [-1],
            dtype=np.intp,
        )
        codes = lookup[column.cat.codes.to_numpy()]
        if NOT_STATED in position:
            codes[codes < 0] = position[NOT_STATED]
        return codes


OVERALL = Dimension(ALL, None, (ALL,))


def dimensions_of(data: ResponseData) -> list[Dimension]:
    """The breakdowns that make sense for ``data`` (filtered dimensions left out)."""
    frame = data.frame
    roles = data.roles
    result = [OVERALL]
    if roles.has_life_phase and data.filters.life_phase is None:
        result.append(_categorical_dimension(frame, LIFE_PHASE, LIFE_PHASE))
    district_column = frame["district"]
    if len(district_column.cat.categories) and data.filters.district is None:
        result.append(_categorical_dimension(frame, DISTRICT, DISTRICT))
    for question in roles.equity:
        column = f"eq:{question.id}"
        groups = [MEMBER, REST]
        if frame[column].isna().any():
            groups.append(NOT_STATED)
        result.append(Dimension(EQUITY_PREFIX + question.id, column, tuple(groups)))
    return result


def _categorical_dimension(frame: pd.DataFrame, dimension_id: str, column: str) -> Dimension:
    groups = [str(category) for category in frame[column].cat.categories]
    if frame[column].isna().any():
        groups.append(NOT_STATED)
    return Dimension(dimension_id, column, tuple(groups))


def counts(codes: np.ndarray, groups: int, mask: np.ndarray) -> np.ndarray:
    """How many rows of each group are selected by ``mask``."""
    return np.bincount(codes[mask], minlength=groups)
