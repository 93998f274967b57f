"""An attacker who reads only the published tables and the site file.

Written apart from :mod:`analysis.disclosure` on purpose: it rebuilds the linear
system from the aggregated tables (what JSON, CSV, XLSX, the results page and the
brief show) and what anyone knows about their structure — groups add up to totals,
counts lie between zero and their base, rated ≤ used ≤ known ≤ base, reasons add up
to those who know but do not use, and offers meant for the same life phases and
districts count the same families (latent counts per phase × district, and per
member/rest of each equity group). Then, for every hidden count, it maximises the
count with SciPy's HiGHS: a count whose maximum is below ``k`` has been worked out to
be small.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from analysis.i18n import translator
from analysis.report import build_report
from analysis.results import Analysis
from analysis.tables import aggregated_tables

ALL, NONE = "all", "_none"
# Which quantity a reach row's n and count are, per measure.
REACH = {
    "known": ("N", "K"),
    "used": ("N", "U"),
    "used_of_known": ("K", "U"),
    "helpful": ("R", "H"),
    "helped": ("N", "H"),
}


def _value(value) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


class System:
    """Quantities (known value or unknown) and linear ties ``Σ a·x (=|≤) 0``."""

    def __init__(self) -> None:
        self.known: dict[tuple, float] = {}
        self.unknown: set[tuple] = set()
        self.ties: list[tuple[list[tuple[tuple, float]], bool]] = []

    def see(self, key: tuple, value) -> None:
        value = _value(value)
        if value is None:
            if key not in self.known:
                self.unknown.add(key)
        else:
            self.known[key] = value
            self.unknown.discard(key)

    def sum(self, total: tuple, parts: Iterable[tuple]) -> None:
        self.ties.append(([(total, 1.0), *((p, -1.0) for p in parts)], True))

    def at_most(self, small: tuple, *large: tuple, minus: Iterable[tuple] = ()) -> None:
        terms = [(small, 1.0), *((k, -1.0) for k in large), *((k, 1.0) for k in minus)]
        self.ties.append((terms, False))

    def maximum(self, key: tuple) -> float:
        """The largest value of ``key`` consistent with everything (inf if unbounded)."""
        unknown = sorted(
            self.unknown | {k for t, _ in self.ties for k, _ in t if k not in self.known}, key=repr
        )
        column = {k: i for i, k in enumerate(unknown)}
        parts = {True: ([], [], [], []), False: ([], [], [], [])}
        for terms, equal in self.ties:
            rows, cols, data, rhs = parts[equal]
            row, constant = len(rhs), 0.0
            for k, a in terms:
                if k in column:
                    rows.append(row)
                    cols.append(column[k])
                    data.append(a)
                else:
                    constant += a * self.known[k]
            rhs.append(-constant)

        def matrix(part):
            rows, cols, data, rhs = part
            if not rhs:
                return None, None
            return coo_matrix((data, (rows, cols)), shape=(len(rhs), len(unknown))), np.array(rhs)

        a_eq, b_eq = matrix(parts[True])
        a_ub, b_ub = matrix(parts[False])
        objective = np.zeros(len(unknown))
        objective[column[key]] = -1.0
        result = linprog(
            objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs"
        )
        if result.status == 3:
            return math.inf
        assert result.status == 0, result.message  # the published numbers are consistent
        return -result.fun


def published_system(analysis: Analysis) -> System:
    """The linear system of everything the aggregated tables publish."""
    tables = aggregated_tables(build_report(analysis, translator("de")))
    system = System()
    reach = tables["reach"].to_dict(orient="records")
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in reach:
        first, second = REACH[row["measure"]]
        where = (row["offer"], row["dimension"], row["group"])
        system.see(("reach", first, *where), row["n"])
        system.see(("reach", second, *where), row["count"])
        if row["group"] not in groups[(row["offer"], row["dimension"])]:
            groups[(row["offer"], row["dimension"])].append(row["group"])
    measures = {m for row in reach for m in REACH[row["measure"]]}
    for (offer, dimension), names in groups.items():
        for name in names:
            where = (offer, dimension, name)
            system.at_most(("reach", "K", *where), ("reach", "N", *where))
            system.at_most(("reach", "U", *where), ("reach", "K", *where))
            if "R" in measures:
                system.at_most(("reach", "H", *where), ("reach", "R", *where))
                system.at_most(("reach", "R", *where), ("reach", "U", *where))
        if dimension != ALL:
            for measure in measures:
                system.sum(
                    ("reach", measure, offer, ALL, ALL),
                    [("reach", measure, offer, dimension, name) for name in names],
                )
    _shared_families(analysis, system, groups)
    _barriers(tables["barriers"].to_dict(orient="records"), system)
    _scores(tables["scores"].to_dict(orient="records"), system)
    scope = tables["scope"].to_dict(orient="records")
    for row in scope:
        key = ("scope", "n", "*") if row["kind"] == "total" else ("scope", row["kind"], row["id"])
        system.see(key, row["count"] if row["kind"] != "total" else row["n"])
    for kind in ("language", "event"):
        parts = [("scope", kind, row["id"]) for row in scope if row["kind"] == kind]
        if parts:
            system.sum(("scope", "n", "*"), parts)
    for row in tables["smileys"].to_dict(orient="records"):
        system.see(("smiley", row["question"], "*"), row["n"])
        system.see(("smiley", row["question"], row["answer"]), row["count"])
    for question in {row["question"] for row in tables["smileys"].to_dict(orient="records")}:
        answers = [
            r["answer"]
            for r in tables["smileys"].to_dict(orient="records")
            if r["question"] == question
        ]
        system.sum(("smiley", question, "*"), [("smiley", question, a) for a in answers])
    return system


def _shared_families(analysis: Analysis, system: System, groups) -> None:
    site = analysis.questionnaire.site
    offers = {offer.id: offer for offer in (site.offers if site else [])}
    filters = analysis.filters
    axes = {}
    for dimension, fallback in (("life_phase", filters.life_phase), ("district", filters.district)):
        seen = sorted({g for (_o, d), names in groups.items() if d == dimension for g in names})
        axes[dimension] = seen or [fallback or (ALL if dimension == "life_phase" else NONE)]
    has_phase = bool(analysis.questionnaire.questions_with_role("life_phase")) or bool(
        analysis.questionnaire.questions_with_role("child_age")
    )
    equity = sorted({d for (_o, d) in groups if d.startswith("eq:")})
    pairs = [(p, d) for p in axes["life_phase"] for d in axes["district"]]
    for dimension in equity:
        names = sorted({g for (_o, d), ns in groups.items() if d == dimension for g in ns})
        for pair in pairs:
            system.sum(("pop", *pair), [("pop", dimension, g, *pair) for g in names])
    for (offer_id, dimension), names in groups.items():
        offer = offers.get(offer_id)
        phases = offer.life_phases if offer else []
        districts = offer.districts if offer else []
        covered = [
            (p, d)
            for p, d in pairs
            if (not has_phase or not phases or p in phases)
            and (not districts or d == NONE or d in districts)
        ]
        for name in names:
            if dimension == ALL:
                parts = [("pop", *pair) for pair in covered]
            elif dimension == "life_phase":
                parts = [("pop", *pair) for pair in covered if pair[0] == name]
            elif dimension == "district":
                parts = [("pop", *pair) for pair in covered if pair[1] == name]
            else:
                parts = [("pop", dimension, name, *pair) for pair in covered]
            system.sum(("reach", "N", offer_id, dimension, name), parts)


def _barriers(rows: list[dict], system: System) -> None:
    by_offer: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        offer = row["offer"] or "*"
        system.see(("barrier", offer, "*"), row["n"])
        system.see(("barrier", offer, row["reason"]), row["count"])
        by_offer[offer].append(row["reason"])
    for offer, reasons in by_offer.items():
        if offer != "*":
            system.sum(("barrier", offer, "*"), [("barrier", offer, r) for r in reasons])
        if offer not in ("*all*", "*"):
            system.at_most(
                ("barrier", offer, "*"),
                ("reach", "K", offer, ALL, ALL),
                minus=[("reach", "U", offer, ALL, ALL)],
            )
    if "*all*" in by_offer:
        offers = [o for o in by_offer if o != "*all*"]
        system.sum(("barrier", "*all*", "*"), [("barrier", o, "*") for o in offers])
        for reason in by_offer["*all*"]:
            system.sum(("barrier", "*all*", reason), [("barrier", o, reason) for o in offers])


def _scores(rows: list[dict], system: System) -> None:
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    bands: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        where = (row["score"], row["dimension"], row["group"])
        system.see(("score", "n", *where), row["n"])
        if row["measure"].startswith("band:"):
            system.see(("score", row["measure"], *where), row["count"])
            if row["measure"] not in bands[row["score"]]:
                bands[row["score"]].append(row["measure"])
        if row["group"] not in groups[(row["score"], row["dimension"])]:
            groups[(row["score"], row["dimension"])].append(row["group"])
    for (score, dimension), names in groups.items():
        for name in names:
            where = (score, dimension, name)
            for band in bands[score]:
                system.at_most(("score", band, *where), ("score", "n", *where))
        if dimension != ALL:
            for measure in ["n", *bands[score]]:
                system.sum(
                    ("score", measure, score, ALL, ALL),
                    [("score", measure, score, dimension, name) for name in names],
                )


def small_cells_worked_out(analysis: Analysis) -> list[tuple[tuple, float, float]]:
    """Hidden counts below k (not forced by an empty base) whose maximum is below k."""
    k = analysis.min_group_size
    system = published_system(analysis)
    ledger = analysis.ledger
    found = []
    for key in sorted(system.unknown, key=repr):
        value = ledger.values.get(key)
        bases = ledger.counts.get(key)
        if value is None or bases is None or value >= k:
            continue
        if any(ledger.values[base] == 0 for base in bases):
            continue  # an empty group: nobody to protect
        high = system.maximum(key)
        if high < k - 1e-6:
            found.append((key, value, high))
    return found
