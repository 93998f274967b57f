"""Benchmark: loading and aggregating many responses, and rendering the PDF brief.

    .venv/bin/python benchmarks/analysis.py                  # 10 000, 100 000, 1 000 000
    .venv/bin/python benchmarks/analysis.py --sizes 10000     # just one size
    .venv/bin/python benchmarks/analysis.py --keep /tmp/bench # keep the databases

For each size a SQLite database is filled with responses to ``eltern-0-10`` (a pool of
demo responses, repeated with fresh ids), then a fresh Python process loads and
aggregates them (``analyse_stored``: read, decode, build the frame, count, suppress)
and, for 100 000, also renders the brief. Each measurement runs in its own process,
so "peak memory" is that process's peak resident set size, and "added" is the peak
minus the process's size after the imports.

Targets on a 2-core machine: 100 000 responses aggregated in under 5 s and under
1 GB; the PDF in under 5 s; 1 000 000 responses without running out of memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.demo_data import generate_responses  # noqa: E402
from survey_app.questionnaire import load_questionnaire  # noqa: E402
from survey_app.storage import make_engine, migrate, responses  # noqa: E402

QUESTIONNAIRE = ROOT / "questionnaires" / "eltern-0-10.yaml"
POOL = 5_000
CHUNK = 20_000


def fill(db_path: Path, count: int) -> float:
    """Store ``count`` responses (a repeated pool of demo answers); return seconds taken."""
    started = time.perf_counter()
    questionnaire = load_questionnaire(QUESTIONNAIRE)
    pool = generate_responses(questionnaire, POOL, np.random.default_rng(7))
    texts = [json.dumps(r["answers"], ensure_ascii=False, sort_keys=True) for r in pool]
    engine = make_engine(f"sqlite:///{db_path}")
    migrate(engine)
    with engine.begin() as conn:
        for start in range(0, count, CHUNK):
            rows = []
            for i in range(start, min(start + CHUNK, count)):
                record = pool[i % POOL]
                rows.append(
                    {
                        "id": str(uuid.UUID(int=i + 1)),
                        "questionnaire_id": questionnaire.id,
                        "questionnaire_version": questionnaire.version,
                        "questionnaire_hash": questionnaire.content_hash,
                        "language": record["language"],
                        "mode": record["mode"],
                        "event_code": record["event_code"],
                        "district": record["district"],
                        "submitted_on": record["submitted_on"] + timedelta(days=(i // POOL) % 30),
                        "answers": texts[i % POOL],
                    }
                )
            conn.execute(insert(responses), rows)
    engine.dispose()
    return time.perf_counter() - started


def measure(db_path: Path, with_pdf: bool) -> dict[str, float]:
    """Run in a fresh process: aggregate (and render) and report times and memory."""
    from analysis.brief import build_brief_pdf
    from analysis.results import analyse_stored

    questionnaire = load_questionnaire(QUESTIONNAIRE)
    engine = make_engine(f"sqlite:///{db_path}")
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, cpu = time.perf_counter(), _cpu()
    analysis = analyse_stored(engine, questionnaire)
    result = {
        "responses": analysis.n,
        "aggregate_s": time.perf_counter() - started,
        "aggregate_cpu_s": _cpu() - cpu,
        "aggregate_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "baseline_mb": baseline,
    }
    if with_pdf:
        started, cpu = time.perf_counter(), _cpu()
        pdf = build_brief_pdf(analysis, "de")
        result["pdf_s"] = time.perf_counter() - started
        result["pdf_cpu_s"] = _cpu() - cpu
        result["pdf_kb"] = len(pdf) / 1024
        result["pdf_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _cpu() -> float:
    """CPU seconds used by this process (user + system): robust on a busy machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--keep", type=Path, default=None, help="Folder for the databases (kept).")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--pdf", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.pdf)))
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ankommen-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(
        f"{'responses':>10}  {'fill':>7}  {'aggregate':>9}  {'peak':>8}  {'added':>8}  {'pdf':>6}"
    )
    for size in args.sizes:
        db_path = folder / f"bench-{size}.sqlite3"
        fill_s = fill(db_path, size) if not db_path.exists() else 0.0
        command = [sys.executable, __file__, "--measure", str(db_path)]
        if size == 100_000 or len(args.sizes) == 1:
            command.append("--pdf")
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        result = json.loads(output.strip().splitlines()[-1])
        pdf = (
            f"{result['pdf_s']:5.1f}s  {result['pdf_cpu_s']:5.1f}s"
            if "pdf_s" in result
            else "     –       –"
        )
        added = result["aggregate_peak_mb"] - result["baseline_mb"]
        print(
            f"{result['responses']:>10,}  {fill_s:6.1f}s  {result['aggregate_s']:8.2f}s  "
            f"{result['aggregate_cpu_s']:6.2f}s  {result['aggregate_peak_mb']:5.0f}MB  {added:5.0f}MB  {pdf}",
            flush=True,
        )
        if args.keep is None:
            db_path.unlink()
    print(
        "Wall and CPU seconds on this machine (on a busy one CPU time is the better guide); "
        "'peak' is the measuring process's peak RSS, 'added' the part above its size after imports."
    )


if __name__ == "__main__":
    main()
