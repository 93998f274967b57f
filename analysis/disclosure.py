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
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, vstack

Key = tuple[str, ...]

#: LP values within this distance count as equal.
TOLERANCE = 1e-6


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
        members = groups.members(root)
        rows = groups.relations(root)
        result.components += 1
        result.largest = max(result.largest, len(members))
        program = _Program(values, members, [relations[i] for i in rows])
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


class _Program:
    """The linear system of one component: unknowns, equalities and inequalities."""

    def __init__(
        self, values: Mapping[Key, float], members: list[Key], relations: list[Relation]
    ) -> None:
        self.members = members
        self.column = {key: i for i, key in enumerate(members)}
        self.solved = 0
        self.binding: dict[Key, list[Key]] = {}
        self._by_column: list | None = None
        self._by_row: list = []
        eq: tuple[list, list, list, list] = ([], [], [], [])
        ub: tuple[list, list, list, list] = ([], [], [], [])
        #: The published quantities of each equality and inequality row.
        self.published: dict[bool, list[list[Key]]] = {True: [], False: []}
        for relation in relations:
            rows, cols, data, rhs = eq if relation.equal else ub
            row = len(rhs)
            constant = 0.0
            known = []
            for key, coefficient in relation.terms:
                if key in self.column:
                    rows.append(row)
                    cols.append(self.column[key])
                    data.append(coefficient)
                else:
                    constant += coefficient * values[key]
                    known.append(key)
            rhs.append(-constant)
            self.published[relation.equal].append(known)
        size = len(members)
        self.a_eq = _matrix(eq, size)
        self.b_eq = np.array(eq[3]) if eq[3] else None
        self.a_ub = _matrix(ub, size)
        self.b_ub = np.array(ub[3]) if ub[3] else None
        self.bounds = [(0.0 if values.get(key, 0.0) >= 0 else None, None) for key in members]

    def _solve(self, objective: np.ndarray, a_ub=None, b_ub=None, a_eq=None, bounds=None):
        self.solved += 1
        return linprog(
            objective,
            A_ub=self.a_ub if a_ub is None else a_ub,
            b_ub=self.b_ub if b_ub is None else b_ub,
            A_eq=self.a_eq if a_eq is None else a_eq,
            b_eq=self.b_eq,
            bounds=self.bounds if bounds is None else bounds,
            method="highs",
        )

    def upper_bounds(self, cells: list[Key], k: int) -> dict[Key, float]:
        """The largest value of each cell; a cell shown to reach ``k`` gets its witness.

        Single ties that bound a cell below ``k`` are read off first. Then up to three
        programs look for one solution in which as many cells as possible reach ``k``
        (maximise ``Σ min(x, k)``); only the cells they leave short get a program of
        their own — over the nearby ties first, which settles most exposed cells.
        """
        result: dict[Key, float] = {}
        pending = set(cells)
        for key in cells:
            direct = self._direct_bound(key)
            if direct is not None and direct[0] < k - TOLERANCE:
                result[key], self.binding[key] = direct
                pending.discard(key)
        for _ in range(3):
            before = len(pending)
            if pending:
                self._batch(sorted(pending, key=repr), pending, result, k)
            if len(pending) == before:
                break
        size = len(self.members)
        for key in cells:
            if key not in pending:
                continue
            local = self._local_bound(key, k)
            if local is not None:  # bounded below k even by the nearby ties alone
                result[key], self.binding[key] = local
                pending.discard(key)
                continue
            objective = np.zeros(size)
            objective[self.column[key]] = -1.0
            solution = self._solve(objective)
            if solution.status == 3:  # unbounded
                result[key] = np.inf
                pending.discard(key)
                continue
            if solution.status != 0:
                raise ValueError(f"audit program failed for {key}: {solution.message}")
            result[key] = float(-solution.fun)
            pending.discard(key)
            self._witness(solution.x, pending, result, k)
            if result[key] < k - TOLERANCE:
                self.binding[key] = self._binding(solution)
        return result

    def _direct_bound(self, key: Key) -> tuple[float, list[Key]] | None:
        """The tightest bound one tie gives on its own (the other unknowns at zero).

        ``a·x + Σ b·y ≤ c`` with every ``b ≥ 0`` (an equality read in the direction
        that makes this so) gives ``x ≤ c / a``: a valid, if weaker, upper bound.
        """
        self._index()
        column = self.column[key]
        best: tuple[float, list[Key]] | None = None
        for part, matrix in enumerate(self._by_column):
            if matrix is None:
                continue
            rows = matrix.indices[matrix.indptr[column] : matrix.indptr[column + 1]]
            for row in rows:
                by_row = self._by_row[part]
                start, end = by_row.indptr[row], by_row.indptr[row + 1]
                columns, data = by_row.indices[start:end], by_row.data[start:end]
                a = float(data[columns == column].sum())
                others = data[columns != column]
                rhs = float((self.b_eq if part == 0 else self.b_ub)[row])
                for sign in (1.0, -1.0) if part == 0 else (1.0,):
                    if sign * a > 0 and (sign * others >= 0).all():
                        bound = sign * rhs / (sign * a)
                        if best is None or bound < best[0]:
                            best = (bound, list(self.published[part == 0][row]))
        return best

    def _index(self) -> None:
        if self._by_column is None:
            matrices = (self.a_eq, self.a_ub)
            self._by_column = [None if m is None else m.tocsc() for m in matrices]
            self._by_row = [None if m is None else m.tocsr() for m in matrices]

    def _local_bound(self, key: Key, k: int, depth: int = 3) -> tuple[float, list[Key]] | None:
        """The cell's maximum over only the ties within ``depth`` steps of it.

        Fewer ties allow more, so a local maximum below ``k`` proves the cell exposed
        (and its binding ties say why); otherwise None, and the whole component decides.
        """
        if self._by_column is None:
            self._by_column = [
                None if matrix is None else matrix.tocsc() for matrix in (self.a_eq, self.a_ub)
            ]
            self._by_row = [
                None if matrix is None else matrix.tocsr() for matrix in (self.a_eq, self.a_ub)
            ]
        columns = {self.column[key]}
        rows: list[set[int]] = [set(), set()]
        frontier = {self.column[key]}
        for _ in range(depth):
            new_rows: list[set[int]] = [set(), set()]
            for part, matrix in enumerate(self._by_column):
                if matrix is None:
                    continue
                for column in frontier:
                    found = matrix.indices[matrix.indptr[column] : matrix.indptr[column + 1]]
                    new_rows[part].update(int(r) for r in found if r not in rows[part])
            frontier = set()
            for part, matrix in enumerate(self._by_row):
                rows[part] |= new_rows[part]
                for row in new_rows[part]:
                    found = matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]]
                    frontier.update(int(c) for c in found if c not in columns)
            columns |= frontier
            if not frontier:
                break
        if len(columns) == len(self.members):
            return None
        order = sorted(columns)
        position = {column: i for i, column in enumerate(order)}
        parts = []
        for part, matrix in enumerate(self._by_row):
            chosen = sorted(rows[part])
            if matrix is None or not chosen:
                parts.append((None, None, chosen))
                continue
            sub = matrix[chosen][:, order]
            rhs = (self.b_eq if part == 0 else self.b_ub)[chosen]
            parts.append((sub, rhs, chosen))
        objective = np.zeros(len(order))
        objective[position[self.column[key]]] = -1.0
        self.solved += 1
        solution = linprog(
            objective,
            A_eq=parts[0][0],
            b_eq=parts[0][1],
            A_ub=parts[1][0],
            b_ub=parts[1][1],
            bounds=[self.bounds[column] for column in order],
            method="highs",
        )
        if solution.status != 0 or -solution.fun >= k - TOLERANCE:
            return None
        found: dict[Key, None] = {}
        for equal, (marginals, chosen) in (
            (True, (solution.eqlin, parts[0][2])),
            (False, (solution.ineqlin, parts[1][2])),
        ):
            if marginals is None or len(marginals.marginals) == 0:
                continue
            for index in np.flatnonzero(np.abs(marginals.marginals) > TOLERANCE):
                found.update(dict.fromkeys(self.published[equal][chosen[index]]))
        return float(-solution.fun), list(found)

    def _binding(self, solution) -> list[Key]:
        """Published quantities in the ties whose dual value is not zero."""
        found: dict[Key, None] = {}
        for equal, part in ((True, solution.eqlin), (False, solution.ineqlin)):
            if part is None or len(part.marginals) == 0:
                continue
            for row in np.flatnonzero(np.abs(part.marginals) > TOLERANCE):
                found.update(dict.fromkeys(self.published[equal][row]))
        return list(found)

    def _batch(self, cells: list[Key], pending: set[Key], result: dict[Key, float], k: int) -> None:
        """Maximise ``Σ min(x, k)`` over ``cells``; cells reaching ``k`` are settled."""
        size = len(self.members)
        columns = np.array([self.column[key] for key in cells], dtype=int)
        extra = len(columns)
        # Unknowns x, then one t per cell with t ≤ x and t ≤ k.
        links = coo_matrix(
            (
                np.concatenate([np.ones(extra), -np.ones(extra)]),
                (
                    np.concatenate([np.arange(extra), np.arange(extra)]),
                    np.concatenate([size + np.arange(extra), columns]),
                ),
            ),
            shape=(extra, size + extra),
        )
        a_ub = links if self.a_ub is None else _stack(self.a_ub, size + extra, links)
        b_ub = (
            np.zeros(extra) if self.b_ub is None else np.concatenate([self.b_ub, np.zeros(extra)])
        )
        a_eq = self.a_eq
        if a_eq is not None:
            a_eq = coo_matrix(
                (a_eq.data, (a_eq.row, a_eq.col)), shape=(a_eq.shape[0], size + extra)
            )
        objective = np.concatenate([np.zeros(size), -np.ones(extra)])
        solution = self._solve(
            objective, a_ub, b_ub, a_eq, self.bounds + [(None, float(k))] * extra
        )
        if solution.status == 2:
            raise ValueError("the published numbers contradict each other (infeasible audit)")
        if solution.status == 0:
            self._witness(solution.x[:size], pending, result, k)

    def _witness(self, x: np.ndarray, pending: set[Key], result: dict[Key, float], k: int) -> None:
        for key in list(pending):
            if x[self.column[key]] >= k - TOLERANCE:
                result[key] = float(x[self.column[key]])  # a lower bound of the maximum
                pending.discard(key)

    def lower_bounds(self, cells: list[Key]) -> dict[Key, float]:
        """The smallest value of each cell consistent with the relations."""
        result = {}
        for key in cells:
            objective = np.zeros(len(self.members))
            objective[self.column[key]] = 1.0
            solution = self._solve(objective)
            self.solved -= 1  # counted by the caller
            result[key] = float(solution.fun) if solution.status == 0 else -np.inf
        return result


def _matrix(parts: tuple[list, list, list, list], size: int):
    rows, cols, data, rhs = parts
    if not rhs:
        return None
    return coo_matrix((data, (rows, cols)), shape=(len(rhs), size))


def _stack(matrix, width: int, below):
    widened = coo_matrix((matrix.data, (matrix.row, matrix.col)), shape=(matrix.shape[0], width))
    return vstack([widened, below]).tocoo()


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
