"""A throwaway PostgreSQL server from Debian's binaries, for the storage tests.

The server lives in a temporary folder on a free loopback port and is stopped at the
end of the session.  As root it runs as the unprivileged ``nobody`` user, because
PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """Debian's PostgreSQL server binaries are not installed."""


def find_bindir() -> Path:
    """The newest ``/usr/lib/postgresql/*/bin`` that has ``initdb``."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parent.parent.name),
    )
    if not candidates:
        raise PostgresUnavailable(
            "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin. "
            "Install them with: sudo apt-get install -y postgresql"
        )
    return Path(candidates[-1]).parent


def free_port() -> int:
    """A TCP port on loopback that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PostgresServer:
    """A running throwaway server; :meth:`stop` removes it."""

    bindir: Path
    root: Path
    port: int
    run_as: str | None

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the ``postgres`` database as superuser ``postgres``."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _command(self, *args: str) -> list[str]:
        if self.run_as:
            return ["runuser", "-u", self.run_as, "--", *args]
        return list(args)

    def start(self) -> None:
        """Initialise the cluster and start the server, waiting until it accepts."""
        data = self.root / "data"
        subprocess.run(
            self._command(
                str(self.bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ),
            check=True,
            capture_output=True,
        )
        subprocess.run(
            self._command(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(self.root / "log"),
                "-o",
                f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off",
                "-w",
                "start",
            ),
            check=True,
            capture_output=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"PostgreSQL did not start; see {self.root / 'log'}")

    def stop(self) -> None:
        """Stop the server and delete its files."""
        subprocess.run(
            self._command(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.root / "data"),
                "-m",
                "immediate",
                "stop",
            ),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start_server() -> PostgresServer:
    """Start a throwaway server; raises :class:`PostgresUnavailable` without binaries."""
    bindir = find_bindir()
    root = Path(tempfile.mkdtemp(prefix="ankommen-pg-"))
    run_as = None
    if os.geteuid() == 0:
        run_as = "nobody"
        shutil.chown(root, user="nobody")
        root.chmod(0o700)
    server = PostgresServer(bindir=bindir, root=root, port=free_port(), run_as=run_as)
    server.start()
    return server
