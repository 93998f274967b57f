"""The analysis package imports no Flask, directly or indirectly."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import analysis

ROOT = Path(__file__).resolve().parents[2]


def test_analysis__imports_no_flask():
    modules = [f"analysis.{m.name}" for m in pkgutil.iter_modules(analysis.__path__)]
    assert "analysis.brief" in modules and "analysis.demo_data" in modules
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules)
    code += "bad = sorted(m for m in sys.modules if m == 'flask' or m.startswith(('flask.', 'flask_')))\n"
    code += "print(','.join(bad))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
