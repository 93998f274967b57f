"""Respondent tests: the shipped questionnaires are parsed once per session.

Creating the app reads every questionnaire file; the tests here create an app per
test (a fresh database each), so the library of the shipped folder is shared.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from jinja2.bccache import Bucket, BytecodeCache

from survey_app import create_app
from survey_app import library as library_module
from survey_app.questionnaire import QuestionnaireLibrary
from tests.conftest import PROJECT_ROOT, make_test_config

SHIPPED_DIR = PROJECT_ROOT / "questionnaires"


@pytest.fixture(scope="session")
def shipped_library() -> QuestionnaireLibrary:
    """The shipped questionnaires, loaded once."""
    return QuestionnaireLibrary(SHIPPED_DIR)


class _SharedBytecode(BytecodeCache):
    """Compiled templates shared between the tests' apps (same files, same code)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _SharedBytecode()


@pytest.fixture
def app(
    tmp_path: Path, shipped_library: QuestionnaireLibrary, monkeypatch: pytest.MonkeyPatch
) -> Flask:
    """The app on a fresh SQLite database, sharing the session's questionnaire library."""

    def library_for(directory: str) -> QuestionnaireLibrary:
        if Path(directory).resolve() == SHIPPED_DIR.resolve():
            return shipped_library
        return QuestionnaireLibrary(directory)

    monkeypatch.setattr(library_module, "QuestionnaireLibrary", library_for)
    app = create_app(make_test_config(tmp_path))
    app.jinja_env.bytecode_cache = _BYTECODE
    return app
