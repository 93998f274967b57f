"""Each top-level folder's README shows the pipeline it holds in five lines or fewer
(issue #11): a newcomer finds the way in from there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("survey_app", "questionnaires", "translations", "analysis", "tests")


def pipeline_lines(readme: str) -> list[str]:
    """The indented block under the README's "## The pipeline" heading."""
    match = re.search(r"^## The pipeline\n\n((?:    .*\n)+)", readme, flags=re.MULTILINE)
    return match.group(1).splitlines() if match else []


@pytest.mark.parametrize("folder", FOLDERS)
def test_readme_shows_the_pipeline_in_five_lines(folder: str) -> None:
    lines = pipeline_lines((PROJECT_ROOT / folder / "README.md").read_text(encoding="utf-8"))
    assert 1 <= len(lines) <= 5, (folder, lines)


def test_a_long_pipeline_is_noticed() -> None:
    long = "# x\n\n## The pipeline\n\n" + "    step\n" * 6 + "\ntext\n"
    assert len(pipeline_lines(long)) == 6
    assert pipeline_lines("# x\n\nno pipeline here\n") == []
