"""Hostile files are refused by the readers themselves: fast, with bounded memory, and
with a clear Problem (never a traceback). The files are built here."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest

from survey_app.questionnaire import check_files
from survey_app.questionnaire.limits import MAX_WORKBOOK_UNPACKED_BYTES
from survey_app.questionnaire.loader import parse_questionnaire
from survey_app.questionnaire.problems import Problem
from survey_app.questionnaire.xlsform_import import import_xlsform

#: Each file must be refused within this many seconds ...
SECONDS = 3.0
#: ... and while holding at most this much memory at a time.
PEAK_BYTES = 40 * 1024 * 1024


@contextmanager
def bounded() -> Iterator[None]:
    """Fail when the block takes longer than SECONDS or allocates more than PEAK_BYTES."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        yield
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert elapsed < SECONDS, f"took {elapsed:.1f} s"
    assert peak < PEAK_BYTES, f"peak memory {peak / 1e6:.0f} MB"


def only_error(problems: list[Problem], code: str) -> Problem:
    """The one error, which must have ``code``."""
    errors = [problem for problem in problems if problem.is_error]
    assert [problem.code for problem in errors] == [code], errors
    return errors[0]


def small_workbook(path: Path) -> Path:
    """A valid XLSForm to tamper with."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label"])
    sheet.append(["text", "name", "Wie heißen Sie?"])
    workbook.save(path)
    return path


def rewrite_part(path: Path, part: str, change: Callable[[bytes], bytes]) -> None:
    """Replace one part of the zip at ``path`` by ``change(old content)``."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


def test_yaml_alias_bomb__refused_without_expanding(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    with bounded():
        questionnaire, problems = parse_questionnaire("\n".join(lines), tmp_path / "bomb.yaml")
    assert questionnaire is None
    assert only_error(problems, "yaml_too_large").line == 1


def test_workbook_with_xml_entities__refused_before_parsing(tmp_path: Path) -> None:
    path = small_workbook(tmp_path / "entities.xlsx")
    doctype = (
        b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    )

    def add_doctype(xml: bytes) -> bytes:
        assert b"<worksheet" in xml
        return xml.replace(b"<worksheet", doctype + b"<worksheet", 1)

    rewrite_part(path, "xl/worksheets/sheet1.xml", add_doctype)
    with bounded():
        result = import_xlsform(path)
    problem = only_error(result.problems, "workbook_xml_entities")
    assert dict(problem.params)["part"] == "xl/worksheets/sheet1.xml" and result.yaml_text is None


def test_workbook_zip_bomb__refused_by_declared_size(tmp_path: Path) -> None:
    path = small_workbook(tmp_path / "bomb.xlsx")
    block = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/zeros.bin", "w", force_zip64=True) as part,
    ):
        for _ in range(MAX_WORKBOOK_UNPACKED_BYTES // len(block) + 1):
            part.write(block)
    assert path.stat().st_size < 1024 * 1024  # small on disk, huge unpacked
    with bounded():
        result = import_xlsform(path)
    only_error(result.problems, "workbook_too_large_unpacked")


def test_workbook_packed_too_densely__refused(tmp_path: Path) -> None:
    path = small_workbook(tmp_path / "dense.xlsx")
    rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml + b" " * (4 * 1024 * 1024))
    with bounded():
        result = import_xlsform(path)
    only_error(result.problems, "workbook_packed_too_densely")


@pytest.mark.parametrize("name", ["big.yaml", "big.xlsx"])
def test_fifty_megabyte_file__refused_unread(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with bounded():
        problems = import_xlsform(path).problems if name.endswith(".xlsx") else check_files([path])
    assert only_error(problems, "file_too_large").line == 1


def test_fifty_megabyte_upload__refused_from_bytes(tmp_path: Path) -> None:
    data = b"id: x\n" + b"#" * (50 * 1024 * 1024)
    with bounded():
        questionnaire, problems = parse_questionnaire(data, tmp_path / "upload.yaml")
    assert questionnaire is None
    only_error(problems, "file_too_large")
