"""``ankommen demo setup`` and ``ankommen demo serve``: what ``make demo`` runs.

``setup`` is idempotent: the database is created or upgraded (``ankommen db
upgrade``, with its backup on SQLite), the shipped questionnaires are
checked, demo logins are created once (their passwords kept in the instance folder, so
a second run prints the same ones), synthetic responses are added only while there are
none, and the demo brief is rebuilt.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import socket
import subprocess
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from survey_app import storage
from survey_app.commands.instance import init_instance
from survey_app.library import get_library, reload_library
from survey_app.storage import migrations
from survey_app.storage import user_store as users
from survey_app.storage.db import get_engine
from survey_app.storage.tallies import count_responses

demo_cli = AppGroup("demo", help="Set up and serve a demo installation (used by `make demo`).")

DEMO_ACCOUNTS = (("demo", users.COORDINATOR), ("planung", users.PLANNER))
DEMO_RESPONSES = 1500
DEMO_SEED = 2026
DEMO_BRIEF_QUESTIONNAIRE = "eltern-0-10"


def _instance() -> Path:
    return Path(current_app.instance_path)


def _demo_password(name: str) -> str:
    """The demo account's password, made once and kept (owner-readable) in the instance."""
    path = _instance() / f"demo-password-{name}.txt"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(12))
    return path.read_text().strip()


def _ensure_accounts() -> list[tuple[str, str, str]]:
    engine = get_engine()
    accounts = []
    for name, role in DEMO_ACCOUNTS:
        password = _demo_password(name)
        with engine.begin() as conn:
            if users.get_user(conn, name) is None:
                users.add_user(conn, name, role, password)
        accounts.append((name, role, password))
    return accounts


def _ensure_responses(total: int) -> int:
    from analysis.demo_data import fill_demo_data

    engine = get_engine()
    with engine.connect() as conn:
        stored = count_responses(conn)
    if stored == 0:
        fill_demo_data(engine, get_library().all(), total, seed=DEMO_SEED)
        with engine.connect() as conn:
            stored = count_responses(conn)
    return int(stored or 0)


def _build_brief() -> Path | None:
    from analysis.brief import build_brief_pdf
    from analysis.results import analyse_stored

    questionnaire = get_library().get(DEMO_BRIEF_QUESTIONNAIRE)
    if questionnaire is None:
        return None
    path = _instance() / "demo-brief.pdf"
    path.write_bytes(
        build_brief_pdf(
            analyse_stored(get_engine(), questionnaire, None, current_app.config["MIN_GROUP_SIZE"]),
            "de",
            current_app.config["TRANSLATIONS_DIR"],
        )
    )
    return path


@demo_cli.command("setup")
@click.option(
    "--responses",
    default=DEMO_RESPONSES,
    show_default=True,
    help="Synthetic responses to add while the database has none.",
)
@with_appcontext
def setup_command(responses: int) -> None:
    """Create (or upgrade) the database, demo logins, demo responses and the demo brief."""
    engine = storage.make_engine(current_app.config["DATABASE_URL"])
    try:
        outcome = migrations.upgrade(engine)
    except migrations.SchemaError as error:
        raise click.ClickException(str(error)) from error
    finally:
        engine.dispose()
    if outcome.backup is not None:
        click.echo(f"Database upgraded to {outcome.revision}; backup: {outcome.backup}")
    init_instance()
    library = reload_library()
    errors = [problem for problem in library.problems if problem.severity == "error"]
    for problem in library.problems:
        click.echo(str(problem), err=True)
    click.echo(f"Questionnaires: {', '.join(q.id for q in library.all())}")
    if errors:
        click.echo(f"{len(errors)} questionnaire error(s) above; those files are not served.")
    accounts = _ensure_accounts()
    stored = _ensure_responses(responses)
    click.echo(f"Responses in the database: {stored}")
    brief = _build_brief()
    (_instance() / "demo-accounts.txt").write_text(
        "".join(f"{name} ({role}): {password}\n" for name, role, password in accounts)
    )
    if brief:
        click.echo(f"Demo brief: {brief}")


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback (for tablets on the same Wi-Fi).

    Read from the host name's addresses and, on Linux, from ``ip``; no packet is sent.
    """
    found: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        found += [str(info[4][0]) for info in infos]
    except OSError:
        pass
    if shutil.which("ip"):
        listing = subprocess.run(
            ["ip", "-o", "-4", "addr", "show", "scope", "global"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        found += [
            line.split()[3].split("/")[0] for line in listing.splitlines() if len(line.split()) > 3
        ]
    return sorted({address for address in found if not address.startswith("127.")})


def _print_where_to_look(host: str, port: int) -> None:
    base = f"http://{host}:{port}"
    library = get_library()
    lines = [
        "",
        "ankommen demo is running. Open:",
        f"  Respondent start page:   {base}/",
    ]
    lines += [f"    {q.id + ':':<22} {base}/q/{q.id}" for q in library.all()]
    lines.append(f"  Coordinator area:        {base}/admin/")
    for name, role in DEMO_ACCOUNTS:
        password = _demo_password(name)
        lines.append(f"    login {name!r} ({role}), password {password!r}")
    lines.append(
        f"  Brief (PDF, download):   {base}/admin/results/{DEMO_BRIEF_QUESTIONNAIRE}/brief.pdf"
    )
    brief = _instance() / "demo-brief.pdf"
    if brief.exists():
        lines.append(f"  Brief (file):            {brief}")
    addresses = lan_addresses()
    if addresses:
        lan = ", ".join(f"http://{address}:{port}/" for address in addresses)
        if host in ("0.0.0.0", "::") or host in addresses:
            lines.append(f"  Tablets on the same Wi-Fi: {lan}")
        else:
            lines.append(
                f"  Tablets on the same Wi-Fi: {lan} — start with "
                f"`make demo HOST=0.0.0.0` to let them in."
            )
    lines.append("Stop with Ctrl+C.")
    click.echo("\n".join(lines))


@demo_cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_appcontext
def serve_command(host: str, port: int) -> None:
    """Serve the app with waitress and print the URLs to open."""
    import waitress

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        server = waitress.create_server(app, host=host, port=port, threads=8)
    except OSError as error:
        if error.errno in (errno.EADDRINUSE, errno.EACCES, getattr(errno, "WSAEADDRINUSE", -1)):
            reason = "is in use" if error.errno != errno.EACCES else "is not allowed"
            raise click.ClickException(
                f"port {port} {reason}; try `make demo PORT={port + 1}`"
            ) from None
        raise click.ClickException(f"cannot serve on {host}:{port}: {error.strerror}") from None
    _print_where_to_look(host, port)
    server.run()


COMMANDS = [demo_cli]
