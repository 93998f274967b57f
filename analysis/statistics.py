"""Interval estimates for proportions and their differences.

Wilson's score interval for one proportion and Newcombe's hybrid score interval
(method 10 of Newcombe 1998) for the difference of two independent proportions,
plus two helpers for dependent comparisons (shares of one multinomial sample, paired
dot-vote points). The first two behave well for small samples and for proportions near 0 % or 100 %, where
the textbook Wald interval fails. Plain Python, no SciPy: the 95 % quantile of the
normal distribution is a constant.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

#: The 97.5 % quantile of the standard normal distribution (two-sided 95 % level).
Z95 = 1.959963984540054


@dataclass(frozen=True)
class Interval:
    """A closed interval ``[low, high]`` (proportions as fractions 0..1)."""

    low: float
    high: float

    def excludes_zero(self) -> bool:
        """Whether zero lies outside the interval (a significant difference)."""
        return self.low > 0 or self.high < 0


def wilson(count: int, n: int, z: float = Z95) -> Interval:
    """Wilson score interval for ``count`` successes out of ``n``.

    For ``n == 0`` there is nothing to estimate: the interval is ``[0, 1]``.
    """
    if n <= 0:
        return Interval(0.0, 1.0)
    if not 0 <= count <= n:
        raise ValueError(f"count {count} is not between 0 and n={n}")
    p = count / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = 0.0 if count == 0 else max(0.0, centre - half)
    high = 1.0 if count == n else min(1.0, centre + half)
    return Interval(low, high)


def newcombe_difference(count1: int, n1: int, count2: int, n2: int, z: float = Z95) -> Interval:
    """Newcombe's hybrid score interval for ``count1/n1 - count2/n2``.

    Method 10 of Newcombe (1998), built from the two Wilson intervals; it reproduces
    the published examples of that paper to four decimals.
    """
    p1 = count1 / n1 if n1 else 0.0
    p2 = count2 / n2 if n2 else 0.0
    a = wilson(count1, n1, z)
    b = wilson(count2, n2, z)
    diff = p1 - p2
    delta = math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2)
    epsilon = math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2)
    return Interval(max(-1.0, diff - delta), min(1.0, diff + epsilon))


def multinomial_difference(count1: int, count2: int, n: int, z: float = Z95) -> Interval:
    """Interval for ``count1/n - count2/n`` when both come from the same ``n`` people
    choosing one answer each (e.g. the two most frequent reasons for one offer).

    The shares are negatively correlated, so the variance is
    ``(p1 + p2 - (p1 - p2)²) / n`` (Wald interval of the multinomial difference).
    """
    if n <= 0:
        return Interval(-1.0, 1.0)
    p1, p2 = count1 / n, count2 / n
    diff = p1 - p2
    half = z * math.sqrt(max(p1 + p2 - diff * diff, 0.0) / n)
    return Interval(max(-1.0, diff - half), min(1.0, diff + half))


def paired_mean_difference(differences: Sequence[float], z: float = Z95) -> Interval:
    """Normal-approximation interval for the mean of paired differences.

    Used for dot votes: each child's points for one choice minus their points for
    another. Needs at least two pairs; otherwise the interval is unbounded.
    """
    values = np.asarray(differences, dtype=float)
    n = len(values)
    if n < 2:
        return Interval(-math.inf, math.inf)
    mean = float(values.mean())
    half = z * math.sqrt(float(values.var(ddof=1)) / n)
    return Interval(mean - half, mean + half)


def bonferroni_z(tests: int, level: float = 0.95) -> float:
    """The two-sided normal quantile for ``tests`` comparisons at family-wise ``level``.

    Findings use it to decide what to state, so that among dozens of comparisons a
    chance difference is not reported as a fact (tables keep the plain 95 % level).
    """
    alpha = (1 - level) / max(tests, 1)
    return NormalDist().inv_cdf(1 - alpha / 2)
