"""The linear programs of the disclosure audit (see :mod:`analysis.disclosure`).

One :class:`Program` per component of unknowns: the ties as sparse equality and
inequality rows, published quantities moved to the right-hand side, every unknown at
least zero. It bounds cells from above with SciPy's HiGHS (``linprog``), cheapest
first: single ties, then a shared search for one solution in which many cells reach
``k``, then programs over nearby ties, then the whole component.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, vstack

if TYPE_CHECKING:
    from analysis.disclosure import Key, Relation

#: LP values within this distance count as equal.
TOLERANCE = 1e-6


class Program:
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
