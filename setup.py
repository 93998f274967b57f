"""Build hook: a wheel carries the compiled UI catalogs and the example questionnaires.

Metadata and dependencies are in ``setup.cfg``. The ``.mo`` files are build products
(never committed): ``build_py`` compiles ``translations/*.po`` with Babel into
``survey_app/bundled/translations`` and copies ``questionnaires/`` to
``survey_app/bundled/questionnaires`` inside the build, so an installed ankommen needs
nothing from the source tree (see ``survey_app/resources.py``).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithBundledData(build_py):
    """``build_py`` plus the compiled catalogs and the example questionnaires."""

    def run(self) -> None:
        """Build the packages, then add ``survey_app/bundled/`` to the build."""
        super().run()
        if self.editable_mode:
            return  # an editable install reads the checkout's own folders
        sys.path.insert(0, str(ROOT))
        from survey_app.resources import compile_catalogs

        bundled = Path(self.build_lib) / "survey_app" / "bundled"
        compiled = compile_catalogs(ROOT / "translations", bundled / "translations")
        if not compiled:
            raise SystemExit(
                "No UI catalogs found in translations/: the wheel would be German only."
            )
        shutil.copytree(
            ROOT / "questionnaires",
            bundled / "questionnaires",
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("__pycache__"),
        )


setup(cmdclass={"build_py": BuildWithBundledData})
