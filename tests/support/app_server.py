"""ankommen as a real server process (waitress or gunicorn) that tests can kill -9.

The process gets its instance folder, database URL and secret key through ``ANKOMMEN_*``
variables, exactly as a deployment does.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.postgres import free_port

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class AppServer:
    """One server process on a fixed loopback port; ``kill`` and ``start`` again."""

    instance: Path
    database_url: str
    kind: str = "waitress"
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def _command(self) -> list[str]:
        if self.kind == "gunicorn":
            return [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                "1",
                "--threads",
                "4",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "survey_app:create_app()",
            ]
        return [
            sys.executable,
            "-m",
            "waitress",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--threads",
            "8",
            "--call",
            "survey_app:create_app",
        ]

    def start(self, wait: bool = True) -> None:
        """Start the process (and wait until it answers)."""
        env = {
            **os.environ,
            "ANKOMMEN_INSTANCE_PATH": str(self.instance),
            "ANKOMMEN_DATABASE_URL": self.database_url,
            "ANKOMMEN_SECRET_KEY": "crash-test-secret",
            "ANKOMMEN_QUESTIONNAIRE_DIR": str(PROJECT_ROOT / "questionnaires"),
        }
        self.process = subprocess.Popen(
            self._command(),
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if wait:
            self.wait_ready()

    def wait_ready(self, seconds: float = 60) -> None:
        """Wait until ``/`` answers."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process is not None and self.process.poll() is None, "server died"
            try:
                urllib.request.urlopen(self.base + "/", timeout=2).read()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("server did not start")

    def kill(self) -> None:
        """``kill -9`` the server (no clean-up of any kind)."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """End the server if it runs."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
