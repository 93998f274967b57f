"""Benchmark: the disclosure audit for the full brief of ``eltern-0-10``.

    .venv/bin/python benchmarks/disclosure.py                          # 3 000 and 100 000
    .venv/bin/python benchmarks/disclosure.py --sizes 20 60 300 3000 --attack
    .venv/bin/python benchmarks/disclosure.py --sizes 300 --district altstadt --attack

Builds generated demo responses in memory (a pool of 5 000, repeated with fresh ids),
then measures in this process:

* **analyse** — ``analysis.results.analyse`` (counting, suppression and the audit);
* **audit** — the part of it spent in the linear programs of the audit (all rounds:
  audit, hide more, audit again), with the number of rounds' final programs and the
  largest component;
* **findings** — ``brief_html`` (findings with their claims audited, tables, charts:
  everything of the brief but the PDF engine).

With ``--attack`` the independent attacker of ``tests/analysis/attacker.py`` solves
its own linear programs over the published tables and reports how many hidden small
cells it can work out (the goal is 0).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.brief import brief_html  # noqa: E402
from analysis.demo_data import generate_responses  # noqa: E402
from analysis.i18n import translator  # noqa: E402
from analysis.loading import Filters, responses_from_records  # noqa: E402
from analysis.report import build_report  # noqa: E402
from analysis.results import analyse  # noqa: E402
from survey_app.questionnaire import load_questionnaire  # noqa: E402

QUESTIONNAIRE = ROOT / "questionnaires" / "eltern-0-10.yaml"
POOL = 5_000


def records(questionnaire, count: int, seed: int) -> list[dict]:
    """``count`` demo records (a repeated pool of at most 5 000) with fresh ids."""
    pool = generate_responses(questionnaire, min(count, POOL), np.random.default_rng(seed))
    return [{**pool[i % len(pool)], "id": f"b{i}"} for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[3_000, 100_000])
    parser.add_argument("--district", default=None)
    parser.add_argument("--life-phase", default=None)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--attack", action="store_true")
    args = parser.parse_args()
    questionnaire = load_questionnaire(QUESTIONNAIRE)
    filters = Filters(district=args.district, life_phase=args.life_phase)
    tr = translator("de")
    print(
        f"{'responses':>10} {'selected':>8} {'analyse':>8} {'audit':>7} {'rounds':>6} "
        f"{'largest':>7} {'hidden':>6} {'brief html':>10} {'worked out':>10}"
    )
    for size in args.sizes:
        data = responses_from_records(records(questionnaire, size, seed=size), questionnaire)
        if filters.active:
            data = data.filtered(filters)
        started = time.perf_counter()
        analysis = analyse(data, min_group_size=args.k)
        analysed = time.perf_counter() - started
        audit = analysis.ledger.audit
        started = time.perf_counter()
        brief_html(build_report(analysis, tr))
        html = time.perf_counter() - started
        worked_out = "–"
        if args.attack:
            sys.path.insert(0, str(ROOT))
            from tests.analysis.attacker import small_cells_worked_out

            worked_out = str(len(small_cells_worked_out(analysis)))
        print(
            f"{size:>10,} {analysis.n:>8,} {analysed:7.2f}s {audit.seconds:6.2f}s "
            f"{audit.rounds:>6} {audit.largest:>7} {len(analysis.ledger.hidden):>6} "
            f"{html:9.2f}s {worked_out:>10}",
            flush=True,
        )


if __name__ == "__main__":
    main()
