"""The cells of published tables: a share (count out of n) and a mean.

Every cell names the quantities it shows by a key (a tuple of strings such as
``("known", "familienzentrum", "district", "altstadt")``). The same quantity may
appear in several tables, so suppression works on quantities, not on cells:
:class:`analysis.suppression.Ledger` decides which quantities are hidden and marks
the cells that show them.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.statistics import Interval, wilson

#: Identifies one published quantity.
Key = tuple[str, ...]


class _Cell:
    """What every cell has: ``hidden`` (set by suppression) and ``empty`` (no base)."""

    hidden: bool
    empty: bool

    @property
    def shown(self) -> bool:
        """Whether the value may be published."""
        return not self.hidden and not self.empty


@dataclass(eq=False)
class Share(_Cell):
    """A proportion ``count / n`` with its Wilson 95 % interval.

    ``hidden`` means count, percentage and interval must not be shown (the cell is a
    marked gap); ``base_hidden`` means ``n`` must not be shown either.
    """

    count: int
    n: int
    count_key: Key
    base_key: Key
    hidden: bool = False
    base_hidden: bool = False

    @property
    def value_key(self) -> Key:
        """The quantity the cell shows (its count)."""
        return self.count_key

    @property
    def empty(self) -> bool:
        """Nobody is in the base: there is nothing to show and nothing to protect."""
        return self.n == 0

    @property
    def proportion(self) -> float | None:
        """``count / n`` as a fraction, or None when the base is empty."""
        return self.count / self.n if self.n else None

    @property
    def percent(self) -> float | None:
        """The proportion in percent, or None when the base is empty."""
        return 100 * self.count / self.n if self.n else None

    @property
    def interval(self) -> Interval:
        """Wilson 95 % interval of the proportion (fractions)."""
        return wilson(self.count, self.n)


@dataclass(eq=False)
class Mean(_Cell):
    """A mean ``total / n`` (for example of a wellbeing score) and its spread."""

    total: float
    n: int
    total_key: Key
    base_key: Key
    sd: float | None = None
    hidden: bool = False
    base_hidden: bool = False

    @property
    def value_key(self) -> Key:
        """The quantity the cell shows (the sum behind the mean)."""
        return self.total_key

    @property
    def empty(self) -> bool:
        """Nobody is in the base."""
        return self.n == 0

    @property
    def value(self) -> float | None:
        """The mean, or None when the base is empty."""
        return self.total / self.n if self.n else None


@dataclass(eq=False)
class Portion(_Cell):
    """A part of a total that is not a count of people, e.g. a choice's dot-vote points."""

    amount: float
    total: float
    amount_key: Key
    total_key: Key
    hidden: bool = False
    base_hidden: bool = False

    @property
    def value_key(self) -> Key:
        """The quantity the cell shows."""
        return self.amount_key

    @property
    def base_key(self) -> Key:
        """The total the amount is a part of."""
        return self.total_key

    @property
    def empty(self) -> bool:
        """The total is zero."""
        return self.total == 0

    @property
    def proportion(self) -> float | None:
        """``amount / total``, or None for a zero total."""
        return self.amount / self.total if self.total else None
