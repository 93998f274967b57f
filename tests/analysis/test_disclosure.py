"""The disclosure audit: no hidden small cell can be worked out from what is published."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.demo_data import generate_responses
from analysis.disclosure import Relation, total_of
from analysis.loading import Filters, responses_from_records
from analysis.results import analyse
from analysis.suppression import Ledger
from tests.analysis.attacker import small_cells_worked_out


def shared_families() -> Ledger:
    """Offer A is for phases p1 and p2, offer B for p2 only: they share the p2 families.

    A in p1 has 4 families (below k = 5). A's total (15) and B's base in p2 (11) are
    published, and B's p2 base equals A's — so A in p1 = 15 − 11 = 4.
    """
    ledger = Ledger()
    ledger.share(10, 15, ("K", "A", "all"), ("N", "A", "all"))
    ledger.share(2, 4, ("K", "A", "p1"), ("N", "A", "p1"))
    ledger.share(8, 11, ("K", "A", "p2"), ("N", "A", "p2"))
    ledger.share(6, 11, ("K", "B", "all"), ("N", "B", "all"))
    ledger.share(6, 11, ("K", "B", "p2"), ("N", "B", "p2"))
    for measure in ("N", "K"):
        ledger.partition((measure, "A", "all"), [(measure, "A", "p1"), (measure, "A", "p2")])
        ledger.partition((measure, "B", "all"), [(measure, "B", "p2")])
    ledger.latent_count(("latent", "p1"), 4)
    ledger.latent_count(("latent", "p2"), 11)
    ledger.relate(total_of(("N", "A", "p1"), [("latent", "p1")]))
    ledger.relate(total_of(("N", "A", "p2"), [("latent", "p2")]))
    ledger.relate(total_of(("N", "B", "p2"), [("latent", "p2")]))
    ledger.relate(total_of(("N", "B", "all"), [("latent", "p2")]))
    return ledger


def test_audit__base_shared_across_offers__is_hidden_there_too():
    ledger = shared_families()
    hidden = ledger.protect(5)
    # Sums within offer A alone hide A's p1 and p2 bases; B's equal base would give
    # them away, so the audit hides it (and B's total, tied to the same families).
    assert {("N", "A", "p1"), ("N", "A", "p2")} <= hidden
    assert ("N", "B", "p2") in hidden or ("N", "B", "all") in hidden
    audit = ledger.run_audit(5, ranges=True)
    assert audit.exposed == []
    assert audit.upper[("N", "A", "p1")] >= 5
    assert audit.lower[("N", "A", "p1")] == pytest.approx(0)


def test_audit__inequalities_count__a_zero_below_a_small_difference_is_hidden_more():
    # 10 know, 9 use: the one who knows but does not use gave reason "cost" — the
    # reasons' base (1) is hidden, but "base ≤ know − use" would pin it.
    ledger = Ledger()
    ledger.share(10, 50, ("K",), ("N",))
    ledger.share(9, 50, ("U",), ("N",))
    ledger.share(1, 1, ("cost",), ("B",))
    ledger.share(0, 1, ("time",), ("B",))
    ledger.partition(("B",), [("cost",), ("time",)])
    ledger.relate(Relation(((("B",), 1.0), (("K",), -1.0), (("U",), 1.0)), equal=False))
    hidden = ledger.protect(5)
    assert ("B",) in hidden and (("K",) in hidden or ("U",) in hidden)
    assert ledger.run_audit(5).exposed == []


def _records(questionnaire, n: int, seed: int):
    return generate_responses(questionnaire, n, np.random.default_rng(seed))


@pytest.mark.parametrize("n", [20, 60, 300, 3000])
def test_attacker__no_small_cell_worked_out_from_the_tables(parents, n):
    data = responses_from_records(_records(parents, n, seed=n), parents)
    analysis = analyse(data, min_group_size=5)
    assert small_cells_worked_out(analysis) == []


@pytest.mark.parametrize(
    "filters", [Filters(district="nord"), Filters(district="sued"), Filters(life_phase="3-6")]
)
@pytest.mark.parametrize("n", [60, 300])
def test_attacker__selections_by_district_and_life_phase(parents, n, filters):
    data = responses_from_records(_records(parents, n, seed=7 + n), parents).filtered(filters)
    analysis = analyse(data, min_group_size=5)
    assert small_cells_worked_out(analysis) == []


def test_attacker__finds_what_suppression_by_sums_alone_leaves(parents, monkeypatch):
    """With the audit switched off the attacker does find small cells (it has teeth)."""
    data = responses_from_records(_records(parents, 60, seed=60), parents)
    original = Ledger.run_audit

    def nothing_audited(self, k, hidden=None, extra=(), ranges=False, near=None, skip=None):
        return original(self, k, hidden, extra, ranges, near=set())

    monkeypatch.setattr(Ledger, "run_audit", nothing_audited)
    assert small_cells_worked_out(analyse(data, min_group_size=5)) != []
