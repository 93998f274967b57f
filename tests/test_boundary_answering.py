"""Boundary: the answering run, the questionnaire model and the analysis import no web
stack — every module of ``survey_app.answering``, ``survey_app.questionnaire`` and
``analysis`` imports with Flask, Werkzeug, WTForms and Flask-Babel unimportable
(issue #11)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
WEB_STACK = ("flask", "werkzeug", "wtforms", "flask_babel", "flask_wtf")
PACKAGES = ("survey_app.answering", "survey_app.questionnaire", "analysis")

#: Imports every module of PACKAGES; prints the modules and checks the blocker works.
_IMPORT_ALL = """
import importlib, pkgutil, sys
names = []
for package_name in sys.argv[1:]:
    package = importlib.import_module(package_name)
    names.append(package_name)
    for module in pkgutil.walk_packages(package.__path__, package_name + "."):
        importlib.import_module(module.name)
        names.append(module.name)
try:
    import flask
except ImportError:
    pass
else:
    raise SystemExit("the web stack was importable: the check proves nothing")
print(len(names), "modules")
"""


def _import_without_web_stack(
    tmp_path: Path, packages: tuple[str, ...]
) -> subprocess.CompletedProcess:
    blocked = tmp_path / "blocked"
    for name in WEB_STACK:
        package = blocked / name
        package.mkdir(parents=True)
        (package / "__init__.py").write_text(f'raise ImportError("{name} is not for this layer")\n')
    return subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, *packages],
        cwd=PROJECT_ROOT,
        env={
            "PYTHONPATH": f"{blocked}:{PROJECT_ROOT}",
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_answering_model_and_analysis__import_without_the_web_stack(tmp_path: Path) -> None:
    result = _import_without_web_stack(tmp_path, PACKAGES)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " modules" in result.stdout


def test_the_check__fails_for_a_module_that_imports_flask(tmp_path: Path) -> None:
    """The same check refuses the web side (so a Flask import in the run would show)."""
    result = _import_without_web_stack(tmp_path, ("survey_app.respondent",))
    assert result.returncode != 0
    assert "flask is not for this layer" in result.stderr
