"""Scores (WHO-5 and any score a questionnaire defines): mean and bands, by group.

A score counts for a respondent only when all its items are answered (as
``Score.compute`` decides). Each group gets the mean with its standard deviation and
the share of respondents in each band.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from analysis.breakdowns import ALL, Dimension, counts
from analysis.cells import Key, Mean, Share
from analysis.loading import ResponseData
from analysis.suppression import Ledger
from survey_app.questionnaire.model import Score


@dataclass
class ScoreGroup:
    """One score in one group: the mean and the band shares."""

    dimension: str
    group: str
    mean: Mean
    bands: dict[str, Share]


@dataclass
class ScoreSummary:
    """One score in every group; ``cells[(dimension, group)]``."""

    score: Score
    cells: dict[tuple[str, str], ScoreGroup] = field(default_factory=dict)

    def cell(self, dimension: str = ALL, group: str = ALL) -> ScoreGroup | None:
        """The score in one group."""
        return self.cells.get((dimension, group))


def key(measure: str, score: str, dimension: str = ALL, group: str = ALL) -> Key:
    """The ledger key of a score quantity (``n``, ``sum`` or ``band:<id>``)."""
    return ("score", measure, score, dimension, group)


def band_index(score: Score, values: np.ndarray) -> np.ndarray:
    """For each value, the index of its band in ``score.bands`` (-1: none or no value)."""
    result = np.full(len(values), -1, dtype=np.intp)
    pending = ~np.isnan(values)
    for i, band in enumerate(score.bands):
        hit = pending if band.below is None else pending & (values < band.below)
        result[hit] = i
        pending &= ~hit
    return result


def score_summaries(
    data: ResponseData, dimensions: list[Dimension], ledger: Ledger
) -> list[ScoreSummary]:
    """Summarise every score of the questionnaire and register the cells and sums."""
    frame = data.frame
    summaries = []
    for score in data.questionnaire.scores:
        values = frame[f"score:{score.id}"].to_numpy(dtype=float)
        has_value = ~np.isnan(values)
        bands = band_index(score, values)
        filled = np.where(has_value, values, 0.0)
        summary = ScoreSummary(score)
        bands_complete = bool(score.bands) and not (has_value & (bands < 0)).any()
        for dimension in dimensions:
            codes = dimension.codes(frame)
            size = len(dimension.groups)
            n = counts(codes, size, has_value)
            total = np.bincount(codes[has_value], weights=filled[has_value], minlength=size)
            squares = np.bincount(codes[has_value], weights=filled[has_value] ** 2, minlength=size)
            tallies = {
                band.id: counts(codes, size, bands == i) for i, band in enumerate(score.bands)
            }
            for index, group in enumerate(dimension.groups):
                summary.cells[(dimension.id, group)] = _register(
                    ledger,
                    score,
                    dimension.id,
                    group,
                    int(n[index]),
                    float(total[index]),
                    float(squares[index]),
                    {band: int(t[index]) for band, t in tallies.items()},
                )
                if bands_complete:
                    ledger.partition(
                        key("n", score.id, dimension.id, group),
                        [
                            key(f"band:{band.id}", score.id, dimension.id, group)
                            for band in score.bands
                        ],
                    )
            if dimension.id != ALL:
                measures = ["n", "sum", *(f"band:{band.id}" for band in score.bands)]
                for measure in measures:
                    ledger.partition(
                        key(measure, score.id),
                        [key(measure, score.id, dimension.id, group) for group in dimension.groups],
                    )
        summaries.append(summary)
    return summaries


def _register(
    ledger: Ledger,
    score: Score,
    dimension: str,
    group: str,
    n: int,
    total: float,
    squares: float,
    tallies: dict[str, int],
) -> ScoreGroup:
    sd = None
    if n > 1:
        sd = float(np.sqrt(max(squares - total * total / n, 0.0) / (n - 1)))
    base = key("n", score.id, dimension, group)
    mean = ledger.mean(total, n, key("sum", score.id, dimension, group), base, sd=sd)
    bands = {
        band: ledger.share(count, n, key(f"band:{band}", score.id, dimension, group), base)
        for band, count in tallies.items()
    }
    return ScoreGroup(dimension=dimension, group=group, mean=mean, bands=bands)
