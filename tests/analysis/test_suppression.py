"""Never a group too small: primary and secondary suppression."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.cells import Key
from analysis.suppression import Ledger, Partition


def determined_by_rank(partitions: list[Partition], hidden: set[Key]) -> set[Key]:
    """Independent check: x is determined iff adding e_x does not raise the rank."""
    unknowns = sorted({k for p in partitions for k in (p.total, *p.parts) if k in hidden}, key=repr)
    if not unknowns:
        return set()
    index = {k: i for i, k in enumerate(unknowns)}
    matrix = np.zeros((len(partitions), len(unknowns)))
    for row, p in enumerate(partitions):
        if p.total in index:
            matrix[row, index[p.total]] += 1
        for part in p.parts:
            if part in index:
                matrix[row, index[part]] -= 1
    rank = np.linalg.matrix_rank(matrix)
    result = set()
    for key in unknowns:
        unit = np.zeros(len(unknowns))
        unit[index[key]] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            result.add(key)
    return result


def one_way(ledger: Ledger, name: str, counts: list[int], bases: list[int]):
    """Register shares count_i/base_i and their totals, with the sums."""
    cells = [
        ledger.share(c, b, (name, "c", str(i)), (name, "n", str(i)))
        for i, (c, b) in enumerate(zip(counts, bases, strict=True))
    ]
    total = ledger.share(sum(counts), sum(bases), (name, "c", "all"), (name, "n", "all"))
    ledger.partition((name, "c", "all"), [c.count_key for c in cells])
    ledger.partition((name, "n", "all"), [c.base_key for c in cells])
    return cells, total


def test_primary__count_below_k__is_hidden_and_base_still_shown():
    ledger = Ledger()
    share = ledger.share(3, 40, ("c",), ("n",))
    ledger.protect(5)
    assert share.hidden and not share.base_hidden


def test_primary__base_below_k__hides_base_and_value():
    ledger = Ledger()
    share = ledger.share(2, 4, ("c",), ("n",))
    ledger.protect(5)
    assert share.hidden and share.base_hidden


def test_primary__empty_group__is_not_a_gap():
    ledger = Ledger()
    share = ledger.share(0, 0, ("c",), ("n",))
    ledger.protect(5)
    assert not share.hidden and share.empty and not share.shown


def test_primary__zero_of_a_real_base__counts_as_below_k():
    ledger = Ledger()
    share = ledger.share(0, 50, ("c",), ("n",))
    ledger.protect(5)
    assert share.hidden


def test_secondary__single_hidden_group__hides_the_smallest_sibling_too():
    ledger = Ledger()
    cells, total = one_way(ledger, "x", [3, 30, 12, 40], [50, 60, 50, 70])
    ledger.protect(5)
    assert [c.hidden for c in cells] == [True, False, True, False]
    assert not total.hidden


def test_secondary__only_sibling_hidden__then_the_total_goes():
    ledger = Ledger()
    cells, total = one_way(ledger, "x", [2, 30], [20, 40])
    ledger.protect(5)
    assert [c.hidden for c in cells] == [True, True]
    assert not total.hidden  # two unknowns, one equation: neither can be worked out
    assert determined_by_rank(ledger.partitions, ledger.hidden) == set()


def test_secondary__hidden_base__hides_what_is_measured_against_it():
    ledger = Ledger()
    known = ledger.share(40, 100, ("K",), ("N",))
    used = ledger.share(4, 40, ("U",), ("K",))
    used_of_all = ledger.share(4, 100, ("U",), ("N",))
    ledger.protect(5)
    assert not known.hidden and used.hidden and used_of_all.hidden


def test_secondary__two_way_table__no_hidden_cell_is_determined():
    ledger = Ledger()
    rows, cols = 3, 4
    counts = [[20, 3, 30, 25], [15, 18, 2, 40], [22, 19, 31, 28]]
    for r in range(rows):
        for c in range(cols):
            ledger.share(counts[r][c], 100, ("cell", str(r), str(c)), ("base",))
        ledger.share(sum(counts[r]), 400, ("row", str(r)), ("base4",))
        ledger.partition(("row", str(r)), [("cell", str(r), str(c)) for c in range(cols)])
    for c in range(cols):
        ledger.share(sum(counts[r][c] for r in range(rows)), 300, ("col", str(c)), ("base3",))
        ledger.partition(("col", str(c)), [("cell", str(r), str(c)) for r in range(rows)])
    hidden = ledger.protect(5)
    assert ("cell", "0", "1") in hidden and ("cell", "1", "2") in hidden
    assert determined_by_rank(ledger.partitions, hidden) == set()
    # Each row and column with a hidden cell has at least two.
    for r in range(rows):
        assert sum(("cell", str(r), str(c)) in hidden for c in range(cols)) != 1
    for c in range(cols):
        assert sum(("cell", str(r), str(c)) in hidden for r in range(rows)) != 1


small_counts = st.integers(0, 30)


@st.composite
def tables(draw):
    """A random two-way table of counts with margins, like groups × answers."""
    rows = draw(st.integers(1, 4))
    cols = draw(st.integers(2, 5))
    counts = [[draw(small_counts) for _ in range(cols)] for _ in range(rows)]
    k = draw(st.integers(2, 10))
    return counts, k


@settings(max_examples=150, deadline=None)
@given(tables())
def test_property__no_small_cell_survives_and_nothing_hidden_can_be_recomputed(table):
    counts, k = table
    rows, cols = len(counts), len(counts[0])
    ledger = Ledger()
    row_totals = [sum(row) for row in counts]
    grand = sum(row_totals)
    cells = {}
    for r in range(rows):
        for c in range(cols):
            cells[r, c] = ledger.share(
                counts[r][c], row_totals[r], ("cell", str(r), str(c)), ("row", str(r))
            )
        ledger.partition(("row", str(r)), [("cell", str(r), str(c)) for c in range(cols)])
    for c in range(cols):
        col_total = sum(counts[r][c] for r in range(rows))
        ledger.share(col_total, grand, ("col", str(c)), ("all",))
        ledger.partition(("col", str(c)), [("cell", str(r), str(c)) for r in range(rows)])
    ledger.share(grand, grand, ("all",), ("all",))
    ledger.partition(("all",), [("row", str(r)) for r in range(rows)])
    ledger.partition(("all",), [("col", str(c)) for c in range(cols)])
    hidden = ledger.protect(k)
    for cell in ledger.cells:
        if cell.shown:
            assert cell.count >= k and cell.n >= k
        if not cell.base_hidden and not cell.empty:
            assert cell.n >= k
    assert determined_by_rank(ledger.partitions, hidden) == set()
