"""Set-up that fails loudly and clearly: catalogs, busy ports, example questionnaires."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from survey_app import create_app
from survey_app.commands.instance import copy_examples
from survey_app.resources import MissingCatalogs, examples_dir, missing_catalogs, translations_dir
from tests.conftest import make_test_config

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_missing_catalog__app_refuses_to_start_and_says_what_to_run(tmp_path: Path) -> None:
    catalogs = tmp_path / "translations"
    shutil.copytree(translations_dir(), catalogs)
    (catalogs / "ar" / "LC_MESSAGES" / "messages.mo").unlink()
    assert missing_catalogs(catalogs) == ["ar"]
    with pytest.raises(MissingCatalogs) as refused:
        create_app(make_test_config(tmp_path, TRANSLATIONS_DIR=str(catalogs)))
    assert "ar" in str(refused.value) and "make compile-translations" in str(refused.value)


def test_complete_catalogs__app_starts(tmp_path: Path) -> None:
    catalogs = tmp_path / "translations"
    shutil.copytree(translations_dir(), catalogs)
    assert create_app(make_test_config(tmp_path, TRANSLATIONS_DIR=str(catalogs)))


def test_init__copies_the_examples_once_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "questionnaires"
    copied, kept = copy_examples(target)
    assert (target / "site.yaml").is_file() and (target / "pictograms").is_dir()
    assert len(copied) == sum(1 for p in examples_dir().rglob("*") if p.is_file()) and not kept
    (target / "site.yaml").write_text("# the coordinator's own\n")
    copied, kept = copy_examples(target)
    assert not copied and target / "site.yaml" in kept
    assert (target / "site.yaml").read_text() == "# the coordinator's own\n"


def test_demo_serve__busy_port__one_clear_line_no_traceback(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "from survey_app.cli import main; main()",
                "demo",
                "serve",
                "--port",
                str(port),
            ],
            cwd=PROJECT_ROOT,
            env={
                "PATH": "/usr/bin:/bin",
                "ANKOMMEN_INSTANCE_PATH": str(tmp_path / "instance"),
                "HOME": str(tmp_path),
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 1
    assert result.stderr.strip() == f"Error: port {port} is in use; try `make demo PORT={port + 1}`"
    assert "Traceback" not in result.stderr and "is running" not in result.stdout
