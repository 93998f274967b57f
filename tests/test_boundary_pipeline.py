"""Boundary of the questionnaire pipeline: ``convert(source)`` opens no file.

The loader reads a questionnaire (or workbook), the site file it names and the media
folders' listings into a ``Source``; ``convert`` then works on that alone. Here file
access is made impossible while ``convert`` runs (``open``, ``os.stat``, ``os.scandir``
and ``Path.read_*`` raise), and its model must equal what the loader gives for every
shipped questionnaire and for a workbook exported from each.
"""

from __future__ import annotations

import builtins
import dataclasses
import io
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import openpyxl  # noqa: F401 - imported before file access is refused
import pytest

from survey_app.questionnaire import load_questionnaire
from survey_app.questionnaire.loader import load_source
from survey_app.questionnaire.pipeline import convert
from survey_app.questionnaire.xlsform_export import export_xlsform
from survey_app.questionnaire.xlsform_import import import_xlsform

QUESTIONNAIRES = Path(__file__).resolve().parent.parent / "questionnaires"
SHIPPED = sorted(path for path in QUESTIONNAIRES.glob("*.yaml") if path.name != "site.yaml")


class FileAccess(AssertionError):
    """Raised by every file function while file access is refused."""


@contextmanager
def no_file_access() -> Iterator[None]:
    """File reading, listing and stat calls raise :class:`FileAccess` inside the block."""
    refused: list[tuple[Any, str]] = [
        (builtins, "open"),
        (io, "open"),
        (os, "open"),
        (os, "stat"),
        (os, "scandir"),
        (os, "listdir"),
        (Path, "open"),
        (Path, "read_bytes"),
        (Path, "read_text"),
        (Path, "stat"),
        (Path, "iterdir"),
    ]
    saved = [(owner, name, getattr(owner, name)) for owner, name in refused]

    def refuse(name: str) -> Callable[..., Any]:
        def refused_call(*args: Any, **kwargs: Any) -> Any:
            raise FileAccess(f"{name} called inside convert()")

        return refused_call

    try:
        for owner, name in refused:
            setattr(owner, name, refuse(name))
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


def test_the_guard_refuses_what_the_loader_does() -> None:
    with no_file_access(), pytest.raises(FileAccess):
        load_questionnaire(SHIPPED[0])


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_convert_of_a_shipped_questionnaire_opens_no_file(path: Path) -> None:
    source, problems = load_source(path)
    assert source is not None and problems == []
    assert source.sites and source.pictures, "the loader read the site and the pictograms"
    with no_file_access():
        questionnaire, found = convert(source)
    assert [p for p in found if p.is_error] == []
    assert questionnaire == load_questionnaire(path)
    assert questionnaire is not None and questionnaire.site is not None


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_convert_of_a_workbook_opens_no_file(path: Path, tmp_path: Path) -> None:
    workbook = tmp_path / f"{path.stem}.xlsx"
    export_xlsform(load_questionnaire(path), workbook)
    source, problems = load_source(workbook, base_dir=QUESTIONNAIRES)
    assert source is not None and problems == []
    with no_file_access():
        questionnaire, found = convert(source)
    imported = import_xlsform(workbook, base_dir=QUESTIONNAIRES)
    assert questionnaire is not None and questionnaire == imported.questionnaire
    assert found == imported.problems
    same_file = dataclasses.replace(questionnaire, path=str(path), content_hash="")
    assert same_file == dataclasses.replace(load_questionnaire(path), content_hash="")
