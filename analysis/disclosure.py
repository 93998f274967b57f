"""The disclosure audit: can a hidden cell be worked out from everything published?

Hiding small cells and the null-space check of :mod:`analysis.suppression` protect
against exact recomputation through sums. An attacker can do more: combine every
published number of a questionnaire and selection with what is known about their
structure — counts are never negative and never exceed their base, offers meant for
the same life phases and districts count the same families, a finding says which
reason is the most frequent — and solve for the bounds of each hidden cell. This is
the classic cell-suppression audit (τ-Argus, sdcTable), done here as linear programs
with SciPy's HiGHS solver.

**Protection rule.** A *sensitive* cell is a hidden count of people below ``k`` (a
zero out of a real base included). For every sensitive cell, the largest value
consistent with everything published must be at least ``k``: the published numbers
never show that a group has fewer than ``k`` members, and so never pin a sensitive
cell to one value. Larger hidden cells (hidden only to protect others) may be
narrowed down; they are not small.

The unknowns are the hidden quantities and *latent* ones (counts that are never
published, such as families per life phase *and* district, which tie the bases of
different offers together). Published quantities are constants. Relations are
``Σ coefficient · quantity = 0`` or ``≤ 0``. Unknowns linked through relations form
components; each component is one linear program, so the programs stay small.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from analysis.linear_programs import TOLERANCE, Program

Key = tuple[str, ...]


@dataclass(frozen=True)
class Relation:
    """``Σ coefficient · quantity = 0`` (``equal``) or ``≤ 0``."""

    terms: tuple[tuple[Key, float], ...]
    equal: bool = True


def at_most(small: Key, *large: Key) -> Relation:
    """``small ≤ Σ large``."""
    return Relation(((small, 1.0), *((key, -1.0) for key in large)), equal=False)


def total_of(total: Key, parts: Iterable[Key]) -> Relation:
    """``total = Σ parts``."""
    return Relation(((total, 1.0), *((part, -1.0) for part in parts)))


@dataclass
class Audit:
    """The outcome of one audit.

    ``upper[key]`` is the largest value of each sensitive cell consistent with what is
    published (``inf`` when nothing bounds it); ``lower`` is filled only when the audit
    was asked for full ranges. ``exposed`` are the sensitive cells that break the rule.
    """

    k: int
    upper: dict[Key, float] = field(default_factory=dict)
    lower: dict[Key, float] = field(default_factory=dict)
    exposed: list[Key] = field(default_factory=list)
    #: For each exposed cell, the published quantities in the ties that bound it.
    binding: dict[Key, list[Key]] = field(default_factory=dict)
    programs: int = 0
    #: Audits run by :meth:`Ledger.protect` until nothing was exposed.
    rounds: int = 1
    components: int = 0
    largest: int = 0
    seconds: float = 0.0


def audit(
    values: Mapping[Key, float],
    unknown: set[Key],
    relations: Sequence[Relation],
    sensitive: Iterable[Key],
    k: int,
    *,
    ranges: bool = False,
    near: set[Key] | None = None,
) -> Audit:
    """Bound every sensitive cell by linear programming over ``relations``.

    ``values`` holds every quantity's true value (published ones are used as
    constants; the unknowns' values only check that the system is consistent);
    ``unknown`` are the hidden and latent quantities. With ``ranges`` the lower bounds
    are computed as well (twice the programs). With ``near``, only the components
    that contain one of those quantities are audited.
    """
    started = time.perf_counter()
    result = Audit(k)
    sensitive = [key for key in sensitive if key in unknown]
    groups = _components(relations, unknown)
    by_root: dict[Key, list[Key]] = defaultdict(list)
    roots = None if near is None else {groups.find(key) for key in near if key in unknown}
    for key in sensitive:
        root = groups.find(key)
        if roots is None or root in roots:
            by_root[root].append(key)
    for root, cells in by_root.items():
        # The programs see their unknowns and ties in one canonical order, so that a
        # run's outcome does not depend on the order the analysis registered them in
        # (set iteration varies with PYTHONHASHSEED; an LP with several optima would
        # otherwise pick another vertex, and another cell to hide).
        members = sorted(groups.members(root), key=repr)
        rows = sorted(groups.relations(root), key=lambda i: repr(relations[i]))
        result.components += 1
        result.largest = max(result.largest, len(members))
        program = Program(values, members, [relations[i] for i in rows])
        upper = program.upper_bounds(cells, k)
        result.programs += program.solved
        result.upper.update(upper)
        result.binding.update(program.binding)
        if ranges:
            result.lower.update(program.lower_bounds(cells))
            result.programs += len(cells)
    for key in sensitive:
        if key not in result.upper:  # in no relation at all: unbounded
            result.upper[key] = np.inf
            if ranges:
                result.lower[key] = 0.0
    result.exposed = sorted(
        (key for key, high in result.upper.items() if high < k - TOLERANCE), key=repr
    )
    if roots is not None:
        result.upper = {key: high for key, high in result.upper.items() if high < np.inf}
    result.seconds = time.perf_counter() - started
    return result


class _Groups:
    """Union-find over unknowns that share a relation."""

    def __init__(self) -> None:
        self.parent: dict[Key, Key] = {}
        self._members: dict[Key, list[Key]] = defaultdict(list)
        self._relations: dict[Key, list[int]] = defaultdict(list)

    def find(self, key: Key) -> Key:
        parent = self.parent
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, a: Key, b: Key) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def members(self, root: Key) -> list[Key]:
        return self._members[root]

    def relations(self, root: Key) -> list[int]:
        return self._relations[root]


def _components(relations: Sequence[Relation], unknown: set[Key]) -> _Groups:
    groups = _Groups()
    touching: list[list[Key]] = []
    for relation in relations:
        keys = [key for key, _ in relation.terms if key in unknown]
        touching.append(keys)
        for key in keys:
            groups.find(key)
        for key in keys[1:]:
            groups.union(keys[0], key)
    for key in list(groups.parent):
        groups._members[groups.find(key)].append(key)
    for index, keys in enumerate(touching):
        if keys:
            groups._relations[groups.find(keys[0])].append(index)
    return groups
