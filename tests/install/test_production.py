"""The README's "Running in production", tried as written, from a wheel.

A wheel is built from the checkout's tracked files, installed into a fresh venv outside
the checkout, and the README's lines run one by one (on SQLite, and on PostgreSQL with
the README's ``ANKOMMEN_DATABASE_URL`` line). Then the consent page must come in Arabic
and in Leichte Sprache — from the catalogs compiled into the wheel.

Substitutions (and only these): the README's example paths, port and database URL are
replaced by throwaway ones, and ``pip install`` gets ``--no-deps`` — the fresh venv sees
the test venv's dependencies through a ``.pth`` file instead of downloading them again.
"""

from __future__ import annotations

import html
import os
import re
import shlex
import shutil
import site
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.support.postgres import free_port

PROJECT_ROOT = Path(__file__).resolve().parents[2]
README = PROJECT_ROOT / "README.md"
CONSENT_TEXT = "Wir speichern keine Uhrzeit, keine IP-Adresse und nichts über das Gerät."
EXAMPLE_URL = "postgresql+psycopg://ankommen:secret@db.example/ankommen"
EXAMPLE_WHEEL = "ankommen-0.1.0-py3-none-any.whl"


def readme_steps() -> list[str]:
    """The command lines of the README's production block, comments removed."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- production-steps.*?```sh\n(.*?)```", text, re.S)
    assert block, "README.md lost its production-steps block"
    lines = [line.split("  #", 1)[0].strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line]


def _source_tree(target: Path) -> Path:
    """The checkout's tracked files (what a clean clone has), copied to ``target``."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listing.split("\0")):
        source = PROJECT_ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the tracked files (no compiled catalog among them)."""
    if shutil.which("git") is None or not (PROJECT_ROOT / ".git").exists():
        pytest.skip("needs a git checkout to know the tracked files")
    source = _source_tree(tmp_path_factory.mktemp("source"))
    assert not list(source.rglob("*.mo"))
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(source),
        ],
        check=True,
        timeout=300,
    )
    (built,) = dist.glob("ankommen-*.whl")
    return built


def _translated(lang_dir: str, domain: str) -> str:
    with open(PROJECT_ROOT / "translations" / lang_dir / "LC_MESSAGES" / f"{domain}.po", "rb") as f:
        text = read_po(f).get(CONSENT_TEXT).string
    assert text and text != CONSENT_TEXT
    return text


def _wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped"
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within 60 s")


def _run_readme(
    steps: list[str], subst: dict[str, str], env: dict[str, str], cwd: Path, deps_pth: Path
) -> subprocess.Popen[bytes]:
    """Run every step but the last; start the last (the server) and return it."""
    for line in steps[:-1]:
        for old, new in subst.items():
            line = line.replace(old, new)
        words = shlex.split(line)
        if words[0] == "export":
            name, _, value = words[1].partition("=")
            if value == "DROP":
                continue
            env[name] = value
            continue
        if words[0].endswith("/pip") and words[1:2] == ["install"]:
            words.insert(2, "--no-deps")
        subprocess.run(
            words,
            cwd=cwd,
            env=env,
            check=True,
            timeout=300,
            input=b"geheim-und-lang-genug\ngeheim-und-lang-genug\n",
        )
        if words[:3] == ["python3", "-m", "venv"]:
            purelib = subprocess.run(
                [
                    words[-1] + "/bin/python",
                    "-c",
                    "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            Path(purelib, deps_pth.name).write_text(deps_pth.read_text())
    server = steps[-1]
    for old, new in subst.items():
        server = server.replace(old, new)
    return subprocess.Popen(shlex.split(server), cwd=cwd, env=env)


@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_readme_production_steps__serve_every_ui_language_from_the_wheel(
    wheel: Path, tmp_path: Path, request: pytest.FixtureRequest, database: str
) -> None:
    steps = readme_steps()
    assert any("ankommen init" in line for line in steps)
    venv, instance, work = tmp_path / "venv", tmp_path / "instance", tmp_path / "anywhere"
    work.mkdir()
    port = free_port()
    deps = tmp_path / "ankommen-test-deps.pth"
    deps.write_text("\n".join(p for p in site.getsitepackages() if "site-packages" in p) + "\n")
    url = request.getfixturevalue("postgres_url") if database == "postgresql" else "DROP"
    subst = {
        "/opt/ankommen": str(venv),
        "/var/lib/ankommen": str(instance),
        EXAMPLE_URL: url,
        EXAMPLE_WHEEL: str(wheel),
        "--port 8080": f"--port {port}",
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANKOMMEN_")}
    env.pop("PYTHONPATH", None)
    server = _run_readme(steps, subst, env, work, deps)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/", server)
        where = subprocess.run(
            [str(venv / "bin/python"), "-c", "import survey_app; print(survey_app.__file__)"],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert where.startswith(str(venv)), where  # the wheel's code, not the checkout's
        assert (instance / "questionnaires" / "eltern-0-10.yaml").is_file()
        if database == "sqlite":
            assert (instance / "ankommen.sqlite3").is_file()
        for lang, expected in (
            ("ar", _translated("ar", "messages")),
            ("de-x-ls", _translated("de", "leichte_sprache")),
        ):
            browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
            with browser.open(f"{base}/q/eltern-0-10?lang={lang}") as response:
                assert response.url.endswith("/consent")
                page = html.unescape(response.read().decode())
            assert f'lang="{lang}"' in page
            assert expected in page, lang
    finally:
        server.terminate()
        server.wait(timeout=30)
