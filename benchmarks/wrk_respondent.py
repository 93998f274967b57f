"""Respondent pages measured with wrk (a C load generator), beside a bare Flask "hello".

    apt-get install -y wrk      # Debian; gunicorn comes with ankommen (Linux)
    .venv/bin/python benchmarks/wrk_respondent.py     # everything the README's table needs
    .venv/bin/python benchmarks/wrk_respondent.py --servers waitress --rounds 1 --no-profile

For each server set-up (waitress with 8 threads in one process; gunicorn with 1, 2
and 4 sync workers, ``--preload``) a bare Flask app answering ``/hello`` and ankommen on
a demo database (SQLite, 2 000 demo responses) are started under the same server and
kept running side by side, and measured in **alternating rounds**: hello, then each
page, then hello again, then each page, … (``--rounds``, 3 by default).  Each page's
ratio to hello is taken within its round, and the table shows the median of the
rounds, so a machine whose speed drifts (as this shared one does) moves hello and the
pages alike.  Besides req/s, p50 and p99 it shows the CPU time the server used per
request (from ``/proc``, all its processes) and the CPU share wrk itself took, which
on a 2-core machine is what two workers have to share the cores with.  At the end:
each gunicorn set-up's req/s relative to one worker, the issue's targets judged on
this run, and the scaling measured once more side by side: one worker and two workers
running at the same time, measured in turn within each round (``measure_scaling``).  Every server is warmed up (2 s of unmeasured wrk) before it is measured.

Pages (``wrk -t2 -c16 -d5s --latency`` by default, loopback only):

- start page: GET ``/q/eltern-0-10`` (language buttons; no cookie);
- consent page: GET with the session cookie that carries the chosen language;
- question page GET and POST ("next" on the first screen; the POST carries the page's
  CSRF token): 16 respondents prepared by Python (real pages, real cookies), their
  requests sent in turn by ``wrk_rotate.lua``.

Drafts are kept in the database, so question pages are measured under every set-up
(``--single-process-drafts`` measures them with one process only, as when drafts
lived in one process's memory).  A response with an unexpected status voids the line
(it says so).  The load average is printed before and after each set-up (the figures
of a busy machine are noisy), and at the end ``profile_respondent.py`` shows where a
question page's CPU time goes and what the drafts cost (``--no-profile`` skips it).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from benchmarks.respondent import CSRF, HOST, QUESTIONNAIRE, Browser, free_port  # noqa: E402

LUA = Path(__file__).with_name("wrk_rotate.lua")
RESULT = re.compile(r"RESULT (.*)")
HELLO_APP = "benchmarks.reference_app:create_hello_app"
ANKOMMEN_APP = "survey_app:create_app"
RESPONDENTS = 16
DEMO_RESPONSES = 2000
WARM_UP_SECONDS = 2.0
HELLO = "bare Flask hello"


@dataclass(frozen=True)
class Server:
    """How the apps are served: ``waitress`` (threads) or ``gunicorn`` (workers)."""

    kind: str
    workers: int = 1
    threads: int = 8

    @property
    def label(self) -> str:
        """For the printed table."""
        if self.kind == "waitress":
            return f"waitress, 1 process, {self.threads} threads"
        return f"gunicorn, {self.workers} sync workers"

    def command(self, app: str, port: int) -> list[str]:
        """The command line that serves ``app`` (``module:factory``) on ``port``."""
        if self.kind == "waitress":
            module, factory = app.split(":")
            code = (
                "import importlib, logging, waitress;"
                "logging.getLogger('waitress').setLevel(logging.ERROR);"
                f"app = importlib.import_module('{module}').{factory}();"
                f"waitress.serve(app, host='{HOST}', port={port}, threads={self.threads},"
                " connection_limit=200, ident=None)"
            )
            return [sys.executable, "-c", code]
        return [
            sys.executable, "-m", "gunicorn", f"--workers={self.workers}",
            f"--bind={HOST}:{port}", "--log-level=warning", "--preload", f"{app}()",
        ]  # fmt: skip


class NotPrepared(RuntimeError):
    """Respondents could not be brought to the page to be measured."""


@dataclass(frozen=True)
class Figure:
    """One wrk run."""

    rate: float
    p50_ms: float
    p99_ms: float
    unexpected: int
    first_status: int
    socket_errors: int
    #: CPU microseconds the server's processes used per request, and wrk's CPU share
    #: (1.0 = one core) during the run; 0 when not measured.
    server_cpu_us: float = 0.0
    wrk_cores: float = 0.0


def parse_servers(text: str) -> list[Server]:
    """``waitress,gunicorn2,gunicorn4`` -> server set-ups."""
    servers = []
    for name in text.split(","):
        if name == "waitress":
            servers.append(Server("waitress"))
        elif name.startswith("gunicorn") and name[8:].isdigit():
            servers.append(Server("gunicorn", workers=int(name[8:])))
        else:
            raise SystemExit(f"unknown server {name!r}: use waitress or gunicornN")
    return servers


def environment(instance: Path) -> dict[str, str]:
    """ankommen's settings for the benchmark (one secret key for every worker)."""
    return {
        **os.environ,
        "ANKOMMEN_INSTANCE_PATH": str(instance),
        "ANKOMMEN_DATABASE_URL": f"sqlite:///{instance / 'bench.sqlite3'}",
        "ANKOMMEN_SECRET_KEY": "benchmark-only-" * 3,
        "ANKOMMEN_DRAFT_MAX_REQUESTS": "100000000",
        "PYTHONPATH": str(PROJECT_ROOT),
    }


def prepare_database(instance: Path) -> None:
    """Migrate the database and fill it with demo responses (once per run)."""
    code = (
        "from survey_app import create_app; from survey_app.storage.db import get_engine;"
        "from survey_app.library import get_library;"
        "from analysis.demo_data import fill_demo_data;"
        "app = create_app(); ctx = app.app_context(); ctx.push();"
        f"fill_demo_data(get_engine(), get_library().all(), {DEMO_RESPONSES}, seed=1)"
    )
    subprocess.run([sys.executable, "-c", code], env=environment(instance), check=True)


def start(
    server: Server, app: str, instance: Path, warm_path: str, args: argparse.Namespace
) -> tuple[subprocess.Popen[bytes], int]:
    """Serve ``app``; return the process and port once ``warm_path`` answers 200 and a
    short unmeasured wrk run has warmed every worker up."""
    port = free_port()
    process = subprocess.Popen(
        server.command(app, port), env=environment(instance), cwd=PROJECT_ROOT
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped: {' '.join(server.command(app, port))}")
        try:
            browser = Browser(port)
            status = browser.get(warm_path)
            browser.close()
        except (OSError, http.client.HTTPException):
            status = 0
        if status == 200:
            run_wrk(port, [("GET", warm_path, "", "")], 200, args, seconds=WARM_UP_SECONDS)
            return process, port
        time.sleep(0.2)
    stop(process)
    raise SystemExit("the server did not start within 90 s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a server this script started (and its workers)."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def lua_text(value: str) -> str:
    """A Lua long string literal (cookies and bodies never contain ``]==]``)."""
    assert "]==]" not in value
    return f"[==[{value}]==]"


def server_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) used so far by process ``pid`` and its children
    (gunicorn's workers; waitress's threads are in its own figure)."""
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]
    ticks = 0
    for each in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def run_wrk(
    port: int,
    items: list[tuple[str, str, str, str]],
    expected: int,
    args: argparse.Namespace,
    seconds: float | None = None,
    server_pid: int | None = None,
) -> Figure:
    """One wrk run sending ``items`` (method, path, cookie, body) in turn; with
    ``server_pid``, also the server's CPU time per request and wrk's CPU share."""
    seconds = seconds or args.seconds
    cpu_before = server_cpu_seconds(server_pid) if server_pid else 0.0
    wrk_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.monotonic()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as data:
        rows = ",\n".join("{" + ", ".join(lua_text(part) for part in item) + "}" for item in items)
        data.write(f"return {{ expected = {expected}, items = {{\n{rows}\n}} }}\n")
    try:
        output = subprocess.run(
            [
                "wrk",
                f"-t{args.wrk_threads}",
                f"-c{args.connections}",
                f"-d{seconds:g}s",
                "--timeout=10s",
                "--latency",
                "-s",
                str(LUA),
                f"http://{HOST}:{port}/",
                "--",
                data.name,
            ],  # fmt: skip
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(data.name)
    elapsed = time.monotonic() - began
    wrk_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_used = server_cpu_seconds(server_pid) - cpu_before if server_pid else 0.0
    match = RESULT.search(output)
    if match is None:
        raise SystemExit(f"wrk printed no result:\n{output}")
    values = dict(part.split("=") for part in match.group(1).split())
    requests = int(values["requests"])
    wrk_cpu = (wrk_after.ru_utime + wrk_after.ru_stime) - (
        wrk_before.ru_utime + wrk_before.ru_stime
    )
    return Figure(
        rate=requests / (int(values["duration_us"]) / 1e6),
        p50_ms=int(values["p50_us"]) / 1000,
        p99_ms=int(values["p99_us"]) / 1000,
        unexpected=int(values["unexpected"]),
        first_status=int(values["first"]),
        socket_errors=int(values["socket_errors"]),
        server_cpu_us=cpu_used / requests * 1e6 if requests and server_pid else 0.0,
        wrk_cores=wrk_cpu / elapsed if elapsed else 0.0,
    )


def cookie_header(browser: Browser) -> str:
    """The browser's cookies as one ``Cookie`` header."""
    return "; ".join(f"{name}={value}" for name, value in browser.cookies.items())


def consent_items(port: int) -> list[tuple[str, str, str, str]]:
    """Respondents who chose German: GET of the consent page with their cookie."""
    items = []
    for _ in range(RESPONDENTS):
        browser = Browser(port)
        browser.get(f"/q/{QUESTIONNAIRE}?lang=de")
        assert browser.url.endswith("/consent"), browser.url
        items.append(("GET", browser.url, cookie_header(browser), ""))
        browser.close()
    return items


def question_items(port: int) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Respondents on the first question screen: their GETs and their "next" POSTs."""
    gets, posts = [], []
    for _ in range(RESPONDENTS):
        browser = Browser(port)
        browser.start()
        if "/page/" not in browser.url:
            raise NotPrepared(
                f"a respondent who gave consent was sent to {browser.url}, not to the first "
                "question page: the worker that served the next request did not know the "
                "draft (drafts are not shared between workers yet)"
            )
        token = CSRF.search(browser.page)
        assert token, "no CSRF token on the question page"
        form = [("csrf_token", token.group(1)), *browser.answers(), ("action", "next")]
        cookie = cookie_header(browser)
        gets.append(("GET", browser.url, cookie, ""))
        posts.append(("POST", browser.url, cookie, urllib.parse.urlencode(form)))
        browser.close()
    return gets, posts


@dataclass
class Line:
    """One page's figures over the rounds of a set-up, and its ratio to hello in each."""

    figures: list[Figure] = field(default_factory=list)
    #: req/s over the req/s of hello measured in the same round
    ratios: list[float] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        """The median over the rounds of one :class:`Figure` attribute."""
        return statistics.median(getattr(figure, attribute) for figure in self.figures)

    @property
    def rate(self) -> float:
        """Median req/s."""
        return self.median("rate")

    @property
    def ratio(self) -> float | None:
        """Median ratio to hello of the same round (None for hello itself)."""
        return statistics.median(self.ratios) if self.ratios else None

    @property
    def server_cores(self) -> float:
        """How many cores the server kept busy (median over the rounds)."""
        return statistics.median(f.rate * f.server_cpu_us / 1e6 for f in self.figures)

    def void(self) -> Figure | None:
        """A round with unexpected responses or socket errors, if any."""
        return next((f for f in self.figures if f.unexpected or f.socket_errors), None)


def line(label: str, page: Line, hello: Line | None) -> str:
    """One table row: median figures and, beside them, their ratio to hello."""

    def ratio(value: float, reference: float | None) -> str:
        return f"({value / reference:4.2f})" if reference else "      "

    text = (
        f"  {label:<30} {page.rate:7.0f} {f'({page.ratio:4.2f})' if page.ratio else '      '}"
        f"  {page.median('p50_ms'):6.1f} {ratio(page.median('p50_ms'), hello and hello.median('p50_ms'))}"
        f"  {page.median('p99_ms'):6.1f} {ratio(page.median('p99_ms'), hello and hello.median('p99_ms'))}"
        f"  {page.median('server_cpu_us'):7.0f} {page.server_cores:6.2f} {page.median('wrk_cores'):5.2f}"
    )
    bad = page.void()
    if bad is not None:
        text += (
            f"  VOID: {bad.unexpected} unexpected responses (e.g. {bad.first_status}),"
            f" {bad.socket_errors} socket errors"
        )
    if len(page.ratios) > 1:
        text += "  rounds: " + " ".join(f"{value:.2f}" for value in page.ratios)
    return text


def measure(server: Server, instance: Path, args: argparse.Namespace) -> dict[str, Line]:
    """Hello and ankommen's pages under ``server``, in alternating rounds; print the
    table, return each page's figures."""
    print(f"\n{server.label}  (wrk -t{args.wrk_threads} -c{args.connections} "
          f"-d{args.seconds:g}s, {args.rounds} rounds, medians; ratio to hello of the same "
          f"round in brackets; {load_average()})")  # fmt: skip
    print(
        f"  {'page':<30} {'req/s':>7} {'':6}  {'p50 ms':>6} {'':6}  {'p99 ms':>6} {'':6}"
        f"  {'CPU µs':>7} {'cores':>6} {'wrk':>5}   (server CPU per request, server cores, wrk cores)"
    )
    hello_process, hello_port = start(server, HELLO_APP, instance, "/hello", args)
    try:
        app_process, app_port = start(server, ANKOMMEN_APP, instance, f"/q/{QUESTIONNAIRE}", args)
    except BaseException:
        stop(hello_process)
        raise
    try:
        runs: list[tuple[str, list[tuple[str, str, str, str]], int]] = [
            ("start page (language) GET", [("GET", f"/q/{QUESTIONNAIRE}", "", "")], 200),
            ("consent page GET", consent_items(app_port), 200),
        ]
        note = "question pages: not measured with several workers (--single-process-drafts)"
        if server.workers == 1 or not args.single_process_drafts:
            try:
                gets, posts = question_items(app_port)
                runs += [
                    ("question page GET", gets, 200),
                    ("question page POST (next)", posts, 302),
                ]
                note = ""
            except NotPrepared as error:
                note = f"question pages: not measured: {error}"
        lines = {HELLO: Line(), **{label: Line() for label, _items, _expected in runs}}
        for _round in range(args.rounds):
            hello = run_wrk(
                hello_port, [("GET", "/hello", "", "")], 200, args, server_pid=hello_process.pid
            )
            lines[HELLO].figures.append(hello)
            for label, items, expected in runs:
                figure = run_wrk(app_port, items, expected, args, server_pid=app_process.pid)
                lines[label].figures.append(figure)
                lines[label].ratios.append(figure.rate / hello.rate if hello.rate else 0.0)
    finally:
        stop(app_process)
        stop(hello_process)
    for label, page in lines.items():
        print(line(label, page, None if label == HELLO else lines[HELLO]))
    if note:
        print(f"  {note}")
    print(f"  ({load_average()} after this set-up)")
    return lines


def load_average() -> str:
    """The machine's load average (1, 5, 15 minutes), as ``uptime`` shows it."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def measure_scaling(instance: Path, args: argparse.Namespace) -> dict[str, list[float]]:
    """Two gunicorn workers against one, measured side by side in alternating rounds.

    Hello and ankommen run under one worker and under two at the same time (idle
    servers take no CPU); each round measures hello, the question page GET and its
    POST on the one-worker server and at once on the two-worker server, and takes
    the ratio within the round.  Returns each line's ratios, one per round.
    """
    one, two = Server("gunicorn", workers=1), Server("gunicorn", workers=2)
    started: list[subprocess.Popen[bytes]] = []
    ports: dict[tuple[Server, str], int] = {}
    try:
        for server in (one, two):
            for app, path in ((HELLO_APP, "/hello"), (ANKOMMEN_APP, f"/q/{QUESTIONNAIRE}")):
                process, port = start(server, app, instance, path, args)
                started.append(process)
                ports[(server, app)] = port
        items: dict[Server, dict[str, tuple[list[tuple[str, str, str, str]], int]]] = {}
        for server in (one, two):
            gets, posts = question_items(ports[(server, ANKOMMEN_APP)])
            items[server] = {
                HELLO: ([("GET", "/hello", "", "")], 200),
                "question page GET": (gets, 200),
                "question page POST (next)": (posts, 302),
            }
        ratios: dict[str, list[float]] = {label: [] for label in items[one]}
        for _round in range(args.rounds):
            for label in ratios:
                rates = []
                for server in (one, two):
                    app = HELLO_APP if label == HELLO else ANKOMMEN_APP
                    page, expected = items[server][label]
                    figure = run_wrk(ports[(server, app)], page, expected, args)
                    if figure.unexpected or figure.socket_errors:
                        raise SystemExit(f"scaling: {label}: unexpected responses ({figure})")
                    rates.append(figure.rate)
                ratios[label].append(rates[1] / rates[0] if rates[0] else 0.0)
    finally:
        for process in started:
            stop(process)
    print(f"\nscaling, side by side: 2 gunicorn workers / 1, req/s in the same round ({args.rounds}"
          f" rounds; {load_average()})")  # fmt: skip
    for label, values in ratios.items():
        rounds = " ".join(f"{value:.2f}" for value in values)
        median = statistics.median(values)
        verdict = "met" if median >= 1.7 else "NOT met"
        print(f"  {label:<30} {median:4.2f} (>= 1.7: {verdict})  rounds: {rounds}")
    return ratios


def print_targets(results: dict[Server, dict[str, Line]]) -> None:
    """The issue's targets, judged on this run's figures."""
    print("\ntargets (issue 14), this run (medians of the rounds):")
    for server, lines in results.items():
        per_page = [
            (label.removeprefix("question page "), page.ratio)
            for label, page in lines.items()
            if label.startswith("question page") and page.ratio is not None
        ]
        if per_page:
            shown = ", ".join(
                f"{label} {ratio:4.2f} ({'met' if ratio >= 0.3 else 'NOT met'})"
                for label, ratio in per_page
            )
            print(f"  {server.label}: question page / hello >= 0.3: {shown}")
    one, two = (
        results.get(Server("gunicorn", workers=1)),
        results.get(Server("gunicorn", workers=2)),
    )
    if one and two:
        for label in (HELLO, "question page GET", "question page POST (next)"):
            if label in one and label in two and one[label].rate:
                ratio = two[label].rate / one[label].rate
                verdict = "met" if ratio >= 1.7 else "NOT met"
                print(
                    f"  2 workers / 1 worker >= 1.7 (set-ups one after the other), {label}:"
                    f" {ratio:4.2f} ({verdict});"
                    f" server cores {one[label].server_cores:.2f} -> {two[label].server_cores:.2f},"
                    f" wrk {one[label].median('wrk_cores'):.2f} -> {two[label].median('wrk_cores'):.2f}"
                )
    print("  (wrk runs on the same cores as the server: 2 workers on a 2-core machine share"
          " them with wrk)")  # fmt: skip


def print_scaling(results: dict[Server, dict[str, Line]]) -> None:
    """req/s of each gunicorn set-up relative to one gunicorn worker (same run)."""
    single = results.get(Server("gunicorn", workers=1))
    if not single:
        return
    print("\nscaling: req/s relative to 1 gunicorn worker (same run, medians)")
    for server, lines in results.items():
        if server.kind != "gunicorn" or server.workers == 1:
            continue
        ratios = [
            f"{label.split(' (')[0].removesuffix(' GET')} {page.rate / single[label].rate:4.2f}"
            for label, page in lines.items()
            if label in single and single[label].rate
        ]
        print(f"  {server.workers} workers: " + ", ".join(ratios))


def main() -> None:
    """Run the benchmark and print one table per server set-up."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--servers",
        default="waitress,gunicorn1,gunicorn2,gunicorn4",
        help="comma-separated: waitress (8 threads) and gunicornN (N sync workers)",
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of each wrk run")
    parser.add_argument(
        "--rounds", type=int, default=3, help="alternating rounds of hello and the pages"
    )
    parser.add_argument("--connections", type=int, default=16, help="wrk -c")
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk -t")
    parser.add_argument(
        "--single-process-drafts",
        action="store_true",
        help="measure question pages with one process only (as when drafts lived in memory)",
    )
    parser.add_argument(
        "--shared-drafts", action="store_true", help="accepted for old commands: the default now"
    )
    parser.add_argument(
        "--no-profile", action="store_true", help="skip profile_respondent.py at the end"
    )
    args = parser.parse_args()
    if not 1 <= args.seconds <= 120 or not 1 <= args.connections <= 256:
        raise SystemExit("keep it bounded: 1-120 s per run, 1-256 connections")
    if not 1 <= args.rounds <= 20:
        raise SystemExit("keep it bounded: 1-20 rounds")
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    servers = parse_servers(args.servers)
    if any(server.kind == "gunicorn" for server in servers):
        try:
            import gunicorn  # noqa: F401
        except ImportError:
            raise SystemExit("gunicorn is not installed: .venv/bin/pip install gunicorn") from None
    print(
        f"ankommen respondent pages under wrk, {os.cpu_count()} CPUs (shared with wrk "
        f"itself), SQLite with {DEMO_RESPONSES} demo responses, questionnaire {QUESTIONNAIRE}"
    )
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {load_average()}")
    with tempfile.TemporaryDirectory(prefix="ankommen-wrk-") as folder:
        instance = Path(folder)
        prepare_database(instance)
        results = {server: measure(server, instance, args) for server in servers}
        print_scaling(results)
        print_targets(results)
        if {Server("gunicorn", workers=1), Server("gunicorn", workers=2)} <= set(servers):
            measure_scaling(instance, args)
    if not args.no_profile:
        print("\nwhere the time goes (benchmarks/profile_respondent.py, in-process, CPU time):")
        sys.stdout.flush()
        subprocess.run(
            [sys.executable, str(Path(__file__).with_name("profile_respondent.py"))], check=True
        )
    print(f"\n{load_average()} at the end")


if __name__ == "__main__":
    main()
