"""Benchmark: the planner's results page on many stored responses, with and without filters.

    .venv/bin/python benchmarks/results_page.py                     # 100 000 responses
    .venv/bin/python benchmarks/results_page.py --size 10000 --keep /tmp/bench

Fills a SQLite database as ``benchmarks/analysis.py`` does (responses to
``eltern-0-10``), starts the app on it, logs a planner in and times GET requests
through Flask's test client (the whole request: selection, cache, analysis, template):

* the first page without filters (cold: decodes every response),
* the same page again (the analysis is cached),
* a district, a district plus a choice question ("only single parents"), a date range,
  and two districts side by side (each a new selection: cut from the cached responses,
  then analysed and protected),
* the brief PDF for a selection already on the page.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from survey_app import admin_sessions, create_app, storage  # noqa: E402
from survey_app.coordinator import access  # noqa: E402
from survey_app.storage.db import get_engine  # noqa: E402
from survey_app.storage.user_store import get_user  # noqa: E402

# benchmarks/analysis.py fills the database (its name is taken by the analysis package).
_spec = importlib.util.spec_from_file_location(
    "bench_analysis", ROOT / "benchmarks" / "analysis.py"
)
assert _spec is not None and _spec.loader is not None
bench_analysis = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_analysis)
fill = bench_analysis.fill

PAGE = "/admin/results/eltern-0-10"
REQUESTS = [
    ("no filter (cold: decode all)", PAGE),
    ("no filter (again, cached)", PAGE),
    ("district", PAGE + "?district=nordviertel"),
    ("district + single parents", PAGE + "?district=nordviertel&answer=single_parent:yes"),
    ("life phase + language", PAGE + "?life_phase=3-6&language=de"),
    (
        "two districts side by side",
        PAGE + "?compare_a=district=altstadt&compare_b=district=nordviertel",
    ),
    ("brief PDF for the district", PAGE + "/brief.pdf?district=nordviertel"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, default=None, help="Folder for the database (kept).")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ankommen-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / f"bench-{args.size}.sqlite3"
    if not db_path.exists():
        print(f"filling {args.size:,} responses: {fill(db_path, args.size):.1f}s", flush=True)
    app = create_app(
        {
            "SECRET_KEY": "bench",
            "INSTANCE_PATH": str(folder / "instance"),
            "DATABASE_URL": f"sqlite:///{db_path}",
            "QUESTIONNAIRE_DIR": str(ROOT / "questionnaires"),
            "LIBRARY_REFRESH_SECONDS": 0,
        }
    )
    with app.app_context(), get_engine().begin() as conn:
        if get_user(conn, "bench-planner") is None:
            conn.execute(
                insert(storage.users).values(
                    name="bench-planner", role="planner", password_hash="-", failed_logins=0
                )
            )
        user = get_user(conn, "bench-planner")
        token = admin_sessions.open_session(conn, user)
    client = app.test_client()
    with client.session_transaction() as session:
        session[access.SESSION_TOKEN] = token
    print(f"{'request':<34} {'status':>6} {'wall':>8} {'cpu':>8}")
    for name, path in REQUESTS:
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        wall, used = time.perf_counter() - started, time.process_time() - cpu
        print(f"{name:<34} {response.status_code:>6} {wall:7.2f}s {used:7.2f}s", flush=True)
        assert response.status_code == 200, response.get_data(as_text=True)[:500]
    print(f"{args.size:,} stored responses; wall and CPU seconds of this process.")


if __name__ == "__main__":
    main()
