"""Boundaries of the analysis (issue #11): compute → report structure → render.

* The renderers (the PDF brief, the tables export, the results page) receive the
  report structure (:mod:`analysis.report`): they import no findings or compute
  module at run time (imports for type hints only are allowed). Read with ``ast``.
* ``analysis`` imports no Flask: every module imports in a process where Flask
  cannot be imported at all.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import analysis

ROOT = Path(__file__).resolve().parent.parent
ANALYSIS = ROOT / "analysis"

#: The modules that draw a report: brief, tables export, results page (and their parts).
RENDERERS = (
    "brief",
    "brief_view",
    "brief_reach",
    "brief_groups",
    "brief_voice",
    "brief_summaries",
    "brief_parts",
    "summary_charts",
    "charts",
    "tables",
    "results_page",
)
#: The modules that load, count, protect, word or audit — never a renderer's import.
COMPUTE = (
    "answer_columns",
    "barriers",
    "breakdowns",
    "demo_data",
    "disclosure",
    "equity",
    "finding_words",
    "findings",
    "findings_reach",
    "findings_voice",
    "linear_programs",
    "loading",
    "question_summaries",
    "quotes",
    "reach",
    "result_cache",
    "results",
    "roles",
    "scores",
    "selection",
    "statistics",
    "suppression",
    "voice",
)


def _type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def runtime_imports(path: Path) -> set[str]:
    """The modules ``path`` imports when it runs (``if TYPE_CHECKING:`` blocks left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if _type_checking_block(node)
        for inner in ast.walk(node)
    }
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if node.module == "analysis":  # from analysis import findings
                names.update(f"analysis.{alias.name}" for alias in node.names)
    return names


def test_renderers__import_no_findings_or_compute_module():
    present = {module.name for module in pkgutil.iter_modules(analysis.__path__)}
    assert set(RENDERERS) <= present and set(COMPUTE) <= present
    forbidden = {f"analysis.{name}" for name in COMPUTE}
    wrong = {
        name: sorted(runtime_imports(ANALYSIS / f"{name}.py") & forbidden) for name in RENDERERS
    }
    assert {name: found for name, found in wrong.items() if found} == {}


def test_runtime_imports__see_a_compute_import__not_a_type_hint(tmp_path: Path):
    module = tmp_path / "renderer.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "from analysis import findings\n"
        "if TYPE_CHECKING:\n"
        "    from analysis.results import Analysis\n",
        encoding="utf-8",
    )
    assert runtime_imports(module) == {"typing", "analysis", "analysis.findings"}


def test_analysis__imports_with_flask_unimportable(tmp_path: Path):
    blocked = tmp_path / "flask"
    blocked.mkdir()
    (blocked / "__init__.py").write_text('raise ImportError("flask is not installed here")\n')
    modules = sorted(f"analysis.{m.name}" for m in pkgutil.iter_modules(analysis.__path__))
    assert "analysis.report" in modules and "analysis.results_page" in modules
    code = "".join(f"import {module}\n" for module in modules) + "print('imported')\n"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "imported"
