"""Never a group too small: primary and secondary suppression.

The rule (minimum group size ``k``, default 5):

* **Primary.** A count below ``k`` is hidden, and so is every share or mean whose
  base is below ``k``. A count of zero out of a base of zero is an empty group: there
  is nobody to protect, and the cell says "no answers" instead of a number.
* **Secondary.** Published quantities are tied together by sums: a total is the sum
  of its groups (districts, life phases, members and non-members of an equity group,
  the reasons given for not using an offer, the bands of a score). Whenever a hidden
  quantity could be worked out from the published ones through these sums, a further
  quantity is hidden, the smallest published group first. "Worked out" is meant in
  the strict linear-algebra sense, so combinations of several sums count too.
* **Bases.** When a base is hidden, everything measured against it is hidden as well.
* **Audit.** Finally :mod:`analysis.disclosure` bounds every hidden small cell by
  linear programming over everything published and the known structure (counts
  within their bases, offers sharing families through :meth:`Ledger.latent` counts,
  :meth:`Ledger.relate` for further ties); while one could be shown to be below
  ``k``, a further quantity near it is hidden.

Work with one :class:`Ledger` per analysis: register every cell and every sum, then
call :meth:`Ledger.protect` once; it marks the cells in place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from analysis.cells import Key, Mean, Portion, Share
from analysis.disclosure import Audit, Relation, at_most, audit, total_of

#: Default minimum group size k (config ``MIN_GROUP_SIZE`` reads it from here).
DEFAULT_MIN_GROUP_SIZE = 5
#: Approved quotes appear only in selections with at least this many respondents
#: (config ``MIN_QUOTE_RESPONDENTS``): a quote in a small selection can point at a person.
DEFAULT_MIN_QUOTE_RESPONDENTS = 20

_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Partition:
    """``total`` is the sum of ``parts`` (a complete breakdown)."""

    total: Key
    parts: tuple[Key, ...]


class Ledger:
    """All quantities one analysis publishes, the sums between them, and their cells."""

    def __init__(self) -> None:
        self.values: dict[Key, float] = {}
        #: Counts of people: they fall under the primary rule.  Maps each count to
        #: the bases it is measured against (empty for a base of its own).
        self.counts: dict[Key, set[Key]] = {}
        #: For each quantity, the quantities measured against it.
        self.measured_against: dict[Key, set[Key]] = defaultdict(set)
        self.partitions: list[Partition] = []
        self.cells: list[Share | Mean | Portion] = []
        self.hidden: set[Key] = set()
        #: Further known ties between quantities (and latent counts), for the audit.
        self.relations: list[Relation] = []
        #: Counts that are never published but tie published ones together.
        self.latent: dict[Key, float] = {}
        #: The last disclosure audit (set by :meth:`protect`).
        self.audit: Audit | None = None

    def _value(self, key: Key, value: float) -> None:
        known = self.values.get(key)
        if known is not None and abs(known - value) > _TOLERANCE:
            raise ValueError(f"quantity {key} registered as {known} and as {value}")
        self.values[key] = value

    def _count(self, key: Key, value: int, base: Key | None) -> None:
        self._value(key, value)
        bases = self.counts.setdefault(key, set())
        if base is not None:
            bases.add(base)

    def share(self, count: int, n: int, count_key: Key, base_key: Key) -> Share:
        """Register and return the cell ``count`` out of ``n``."""
        self._count(base_key, n, None)
        self._count(count_key, count, base_key)
        self.measured_against[base_key].add(count_key)
        cell = Share(count=count, n=n, count_key=count_key, base_key=base_key)
        self.cells.append(cell)
        return cell

    def mean(
        self, total: float, n: int, total_key: Key, base_key: Key, sd: float | None = None
    ) -> Mean:
        """Register and return the cell ``total / n`` (the total is not a count)."""
        self._count(base_key, n, None)
        self._value(total_key, total)
        self.measured_against[base_key].add(total_key)
        cell = Mean(total=total, n=n, total_key=total_key, base_key=base_key, sd=sd)
        self.cells.append(cell)
        return cell

    def amount(self, key: Key, value: float, base_key: Key) -> None:
        """Register a quantity that is not a count of people (e.g. dot-vote points).

        It is hidden whenever ``base_key`` (the people it stems from) is hidden.
        """
        self._value(key, value)
        self.measured_against[base_key].add(key)

    def portion(self, amount: float, total: float, amount_key: Key, total_key: Key) -> Portion:
        """Register and return the cell ``amount / total``; both must be registered."""
        for key in (amount_key, total_key):
            if key not in self.values:
                raise KeyError(f"quantity {key} is not registered")
        cell = Portion(amount=amount, total=total, amount_key=amount_key, total_key=total_key)
        self.cells.append(cell)
        return cell

    def partition(self, total: Key, parts: Iterable[Key]) -> None:
        """Declare that ``total`` is the sum of ``parts``; all must be registered."""
        parts = tuple(parts)
        for key in (total, *parts):
            if key not in self.values:
                raise KeyError(f"quantity {key} is not registered")
        self.partitions.append(Partition(total, parts))

    def latent_count(self, key: Key, value: int) -> None:
        """Register a count that is never published (e.g. families per phase and district)."""
        self.latent[key] = value

    def relate(self, relation: Relation) -> None:
        """Declare a further known tie (see :mod:`analysis.disclosure`)."""
        self.relations.append(relation)

    def all_relations(self) -> list[Relation]:
        """Sums, counts within their bases, and the declared ties."""
        result = [total_of(p.total, p.parts) for p in self.partitions]
        for key, bases in self.counts.items():
            result.extend(at_most(key, base) for base in bases if base != key)
        result.extend(self.relations)
        return result

    def sensitive(self, k: int, hidden: set[Key]) -> list[Key]:
        """Hidden counts of people below ``k`` (a zero included, unless a base is zero)."""
        result = []
        for key in hidden:
            bases = self.counts.get(key)
            if bases is None:
                continue
            value = self.values[key]
            # A zero out of an empty base is an empty group: nobody to protect.
            if 0 < value < k or (value == 0 and all(self.values[b] > 0 for b in bases)):
                result.append(key)
        return sorted(result, key=repr)

    def run_audit(
        self,
        k: int,
        hidden: set[Key] | None = None,
        extra: Iterable[Relation] = (),
        ranges: bool = False,
        near: set[Key] | None = None,
        skip: set[Key] | None = None,
    ) -> Audit:
        """Audit the quantities not in ``hidden`` (default: the ledger's) as published,
        with the ``extra`` ties; ``near`` limits it to the components of those keys,
        ``skip`` leaves out cells already known to be safe."""
        hidden = self.hidden if hidden is None else hidden
        values = {**self.values, **self.latent}
        return audit(
            values,
            hidden | set(self.latent),
            [*self.all_relations(), *extra],
            [key for key in self.sensitive(k, hidden) if not skip or key not in skip],
            k,
            ranges=ranges,
            near=near,
        )

    def protect(self, k: int = DEFAULT_MIN_GROUP_SIZE, extra: Iterable[Relation] = ()) -> set[Key]:
        """Hide what must be hidden for minimum group size ``k``; mark the cells.

        ``extra`` are further published ties (e.g. what findings state). Returns the
        hidden quantities.
        """
        hidden = self._primary(k)
        self._hide_dependents(hidden)
        self._secondary(hidden)
        extra = list(extra)
        seconds, rounds = 0.0, 0
        # Hiding more only widens what the published numbers allow, so a cell that
        # reached k once keeps reaching it: later rounds check only the others.
        settled: dict[Key, float] = {}
        while True:
            result = self.run_audit(k, hidden, extra, skip=set(settled))
            seconds += result.seconds
            rounds += 1
            settled.update((key, high) for key, high in result.upper.items() if high >= k)
            if not result.exposed or not self._hide_for(result, hidden, extra):
                break
            self._hide_dependents(hidden)
            self._secondary(hidden)
        result.upper = {**settled, **result.upper}
        result.seconds, result.rounds = seconds, rounds
        self.audit = result
        self.hidden = hidden
        for cell in self.cells:
            cell.base_hidden = cell.base_key in hidden
            cell.hidden = cell.base_hidden or cell.value_key in hidden
        return hidden

    def _hide_for(self, result: Audit, hidden: set[Key], extra: list[Relation]) -> int:
        """Hide, for each exposed cell, one published quantity of a tie that bounds it
        (parts before totals, then the smallest non-zero value); return how many."""
        totals = {p.total for p in self.partitions}
        added = 0
        ties: dict[Key, list[Relation]] | None = None
        chosen_now: set[Key] = set()
        for start in result.exposed:
            binding = result.binding.get(start, [])
            candidates = [key for key in binding if key not in hidden]
            if binding and (not candidates or chosen_now.intersection(binding)):
                continue  # a tie that bounds it was just opened for another cell
            if not candidates:
                if ties is None:
                    ties = defaultdict(list)
                    for relation in [*self.all_relations(), *extra]:
                        for key, _ in relation.terms:
                            ties[key].append(relation)
                candidates = self._neighbours(start, hidden, ties)
            if candidates:
                chosen = min(
                    candidates,
                    key=lambda key: (
                        key in totals,
                        self.values[key] <= 0,
                        self.values[key],
                        repr(key),
                    ),
                )
                hidden.add(chosen)
                chosen_now.add(chosen)
                added += 1
        return added

    def _neighbours(
        self, start: Key, hidden: set[Key], ties: dict[Key, list[Relation]]
    ) -> list[Key]:
        """Published quantities tied to ``start`` directly or through hidden ones."""
        seen, frontier, found = {start}, [start], []
        while frontier and not found:
            following = []
            for key in frontier:
                for relation in ties.get(key, ()):
                    for other, _ in relation.terms:
                        if other in seen:
                            continue
                        seen.add(other)
                        if other in hidden or other in self.latent:
                            following.append(other)
                        else:
                            found.append(other)
            frontier = following
        return found

    def _primary(self, k: int) -> set[Key]:
        hidden: set[Key] = set()
        for key, bases in self.counts.items():
            value = self.values[key]
            if not bases:
                small = 0 < value < k
            else:
                small = value < k and any(self.values[base] > 0 for base in bases)
            if small:
                hidden.add(key)
        return hidden

    def _hide_dependents(self, hidden: set[Key]) -> None:
        todo = list(hidden)
        while todo:
            key = todo.pop()
            for dependent in self.measured_against.get(key, ()):
                if dependent not in hidden:
                    hidden.add(dependent)
                    todo.append(dependent)

    def _secondary(self, hidden: set[Key]) -> None:
        components = _components(self.partitions)
        changed = True
        # Hiding a base hides what is measured against it, possibly in a component
        # already checked: repeat until a whole pass hides nothing more.
        while changed:
            changed = False
            for partitions in components:
                while exposed := recomputable(partitions, hidden):
                    key = min(exposed, key=repr)
                    hidden.add(self._next_to_hide(partitions, key, hidden))
                    self._hide_dependents(hidden)
                    changed = True

    def _next_to_hide(self, partitions: Sequence[Partition], key: Key, hidden: set[Key]) -> Key:
        """The published quantity to hide so that ``key`` is protected again."""
        candidates: list[tuple[int, int, float, str, Key]] = []
        for partition in partitions:
            members = (partition.total, *partition.parts)
            if key not in members:
                continue
            for rank, other in enumerate(members):
                if other in hidden:
                    continue
                value = self.values[other]
                is_total = 1 if rank == 0 else 0
                # Smallest non-zero part first; a total only when no part is left.
                candidates.append((is_total, 0 if value > 0 else 1, value, repr(other), other))
        if not candidates:
            # Every sum containing the key is fully hidden; widen to the component.
            for partition in partitions:
                for other in (partition.total, *partition.parts):
                    if other not in hidden:
                        value = self.values[other]
                        candidates.append((0, 0 if value > 0 else 1, value, repr(other), other))
        return min(candidates)[-1]


def _components(partitions: Sequence[Partition]) -> list[list[Partition]]:
    """Group partitions that share quantities (directly or through others)."""
    parent: dict[Key, Key] = {}

    def find(key: Key) -> Key:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for partition in partitions:
        root = find(partition.total)
        for part in partition.parts:
            other = find(part)
            if other != root:
                parent[other] = root
    groups: dict[Key, list[Partition]] = defaultdict(list)
    for partition in partitions:
        groups[find(partition.total)].append(partition)
    return list(groups.values())


def recomputable(partitions: Sequence[Partition], hidden: set[Key]) -> set[Key]:
    """Hidden quantities whose value follows from the published ones through the sums.

    With the hidden quantities as unknowns, each sum is a linear equation; a hidden
    quantity is determined exactly when every solution of the homogeneous system is
    zero in its coordinate, i.e. when its row of the null-space basis vanishes.
    """
    unknowns = sorted(
        {key for p in partitions for key in (p.total, *p.parts) if key in hidden}, key=repr
    )
    if not unknowns:
        return set()
    column = {key: i for i, key in enumerate(unknowns)}
    matrix = np.zeros((len(partitions), len(unknowns)))
    for row, partition in enumerate(partitions):
        if partition.total in column:
            matrix[row, column[partition.total]] += 1.0
        for part in partition.parts:
            if part in column:
                matrix[row, column[part]] -= 1.0
    _, singular, vt = np.linalg.svd(matrix, full_matrices=True)
    rank = int((singular > _TOLERANCE).sum())
    null_space = vt[rank:]
    if null_space.shape[0] == 0:
        return set(unknowns)
    free = np.abs(null_space).max(axis=0) > 1e-7
    return {key for key, is_free in zip(unknowns, free, strict=True) if not is_free}
