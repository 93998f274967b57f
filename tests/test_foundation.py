"""The app factory, configuration order, CLI and module boundaries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from survey_app import create_app, security
from tests.conftest import PROJECT_ROOT, make_test_config


def test_config__order_defaults_instance_env_test(tmp_path: Path, monkeypatch) -> None:
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        "MIN_GROUP_SIZE = 7\nKIOSK_IDLE_SECONDS = 90\nRETENTION_MONTHS = 6\n"
    )
    monkeypatch.setenv("ANKOMMEN_KIOSK_IDLE_SECONDS", "60")
    monkeypatch.setenv("ANKOMMEN_RETENTION_MONTHS", "12")
    app = create_app(make_test_config(tmp_path, RETENTION_MONTHS=3))
    assert app.config["MIN_GROUP_SIZE"] == 7  # instance file over default
    assert app.config["KIOSK_IDLE_SECONDS"] == 60  # environment over instance file
    assert app.config["RETENTION_MONTHS"] == 3  # test config over environment
    assert app.config["KIOSK_RESET_SECONDS"] == 10  # default


def test_config__toml_in_instance_folder(tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.toml").write_text("MIN_GROUP_SIZE = 11\n")
    assert create_app(make_test_config(tmp_path)).config["MIN_GROUP_SIZE"] == 11


def test_secret_key__generated_once_into_instance_folder(tmp_path: Path) -> None:
    config = make_test_config(tmp_path)
    del config["SECRET_KEY"]
    first = create_app(config).config["SECRET_KEY"]
    second = create_app(config).config["SECRET_KEY"]
    key_file = tmp_path / "instance" / "secret_key"
    assert first == second == key_file.read_text().strip()
    assert len(first) == 64
    assert key_file.stat().st_mode & 0o077 == 0


def test_default_database__sqlite_file_in_instance_folder(tmp_path: Path) -> None:
    config = make_test_config(tmp_path)
    del config["DATABASE_URL"]
    app = create_app(config)
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'instance' / 'ankommen.sqlite3'}"


def test_console_script__help_lists_command_groups() -> None:
    ankommen = Path(sys.executable).parent / "ankommen"
    result = subprocess.run(
        [str(ankommen), "--help"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "ANKOMMEN_INSTANCE_PATH": str(PROJECT_ROOT / "instance")},
    )
    assert result.returncode == 0, result.stderr
    for group in ("run", "routes", "questionnaire"):
        assert f"  {group}" in result.stdout


@pytest.mark.parametrize(
    "module",
    [
        "analysis",
        "survey_app.questionnaire",
        "survey_app.storage",
        "survey_app.storage.migrations",
        "survey_app.bundles",
        "survey_app.bundle_import",
    ],
)
def test_module_boundary__imports_no_flask(module: str) -> None:
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'flask_babel', 'flask_wtf')))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_security_headers__on_every_page(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


def test_security_headers__once_each_and_a_view_s_own_value_is_kept(app) -> None:
    @app.get("/own-frame-policy")
    def own_frame_policy():
        return "x", 200, {"x-frame-options": "SAMEORIGIN", "Content-Type": "text/plain"}

    response = app.test_client().get("/own-frame-policy")
    headers = response.headers
    assert headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    for name, value in security.SECURITY_HEADERS:
        if name != "X-Frame-Options":
            assert headers.getlist(name) == [value]
    assert "Cache-Control" not in headers  # only HTML is marked no-store


def test_unknown_page__404_in_chosen_language(client) -> None:
    response = client.get("/no-such-page?lang=en")
    assert response.status_code == 404
    assert b"Page not found" in response.data
    assert b'lang="en"' in response.data


@pytest.mark.parametrize(("refresh_seconds", "sees_new_file"), [(0, True), (3600, False)])
def test_library__looks_for_edited_files_at_most_every_refresh_seconds(
    tmp_path: Path, refresh_seconds: int, sees_new_file: bool
) -> None:
    import shutil

    from survey_app.library import get_library

    folder = tmp_path / "questionnaires"
    shutil.copytree(
        PROJECT_ROOT / "questionnaires", folder, ignore=shutil.ignore_patterns("jugend-*")
    )
    app = create_app(
        make_test_config(
            tmp_path, QUESTIONNAIRE_DIR=str(folder), LIBRARY_REFRESH_SECONDS=refresh_seconds
        )
    )
    with app.app_context():
        assert "jugend-10-16" not in [q.id for q in get_library().all()]
        shutil.copy(PROJECT_ROOT / "questionnaires" / "jugend-10-16.yaml", folder)
        ids = [q.id for q in get_library().all()]
    assert ("jugend-10-16" in ids) is sees_new_file
