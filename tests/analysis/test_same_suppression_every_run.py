"""The same data gives the same brief in every process.

Sets iterate in an order that changes with ``PYTHONHASHSEED``. If the disclosure audit's
linear programs saw their unknowns and ties in that order, a program with several optima
could pick another vertex and so another cell to hide: two runs on the same responses
would publish different tables — and the two together could reveal what each hides.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from analysis.demo_data import fill_demo_data
from survey_app.questionnaire import QuestionnaireLibrary
from survey_app.storage import make_engine, migrate
from tests.conftest import PROJECT_ROOT

TABLES = """
import hashlib, sys
from analysis.i18n import translator
from analysis.loading import Filters
from analysis.report import build_report
from analysis.results import analyse_stored
from analysis.tables import aggregated_tables, tables_file
from survey_app.questionnaire import QuestionnaireLibrary
from survey_app.storage import make_engine
library = QuestionnaireLibrary(sys.argv[2])
analysis = analyse_stored(make_engine(sys.argv[1]), library.get("jugend-10-16"), Filters(), 12)
tables = aggregated_tables(build_report(analysis, translator("de")))
print(hashlib.sha256(tables_file(tables, "json", "x").content).hexdigest())
"""


def _tables_digest(url: str, hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    result = subprocess.run(
        [sys.executable, "-c", TABLES, url, str(PROJECT_ROOT / "questionnaires")],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


def test_tables_are_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    engine = make_engine(url)
    migrate(engine)
    library = QuestionnaireLibrary(PROJECT_ROOT / "questionnaires")
    fill_demo_data(engine, library.all(), 900, seed=7)
    engine.dispose()
    digests = {seed: _tables_digest(url, seed) for seed in ("1", "2", "3")}
    assert len(set(digests.values())) == 1, digests
