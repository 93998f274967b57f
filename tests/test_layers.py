"""Test layers stand alone: model and analysis tests run without the browser stack or
the PostgreSQL driver installed (issue #11)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ABSENT = ("playwright", "axe_playwright_python", "psycopg", "psycopg2")


def test_model_and_analysis_tests__run_without_playwright_or_postgres(tmp_path: Path) -> None:
    for name in ABSENT:
        package = tmp_path / name
        package.mkdir()
        (package / "__init__.py").write_text('raise ImportError("not installed here")\n')
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/questionnaire/test_model.py",
            "tests/analysis/test_statistics.py",
        ],
        cwd=PROJECT_ROOT,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout
