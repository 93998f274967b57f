"""Speed of the respondent pages under waitress, on loopback, with SQLite.

    .venv/bin/python benchmarks/respondent.py [--seconds 5] [--clients 1,20]

Starts the app in a subprocess (a temporary instance folder and SQLite file), then
drives it with threads using ``http.client`` keep-alive connections (each thread a
browser: own cookies, CSRF token parsed from the page).  Reports, per number of
concurrent clients, the median and 95th percentile latency and requests per second
of

- GET of a question page (the parents' first screen),
- POST of a question page (saving answers and moving on, alternately back),
- the final POST that stores a response (drafts prepared beforehand, not timed),

and whole questionnaires completed per second (every request of a respondent).
The closed-loop runs send the next request at once (full load); the paced runs let
each client pause (``--think-ms``, default 100 ms — still some 50 times the pace of
real families at real tablets).
Targets: p95 < 25 ms with 20 clients; >= 200 stored submissions per second.
Loops are bounded by time and count; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
QUESTIONNAIRE = "eltern-0-10"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
TOKEN = re.compile(r'name="token" value="([^"]+)"')
RADIO = re.compile(r'<input type="(radio|checkbox)" name="([^"]+)" value="([^"]+)"')
TEXT = re.compile(r'<(?:input type="text"|textarea) [^>]*name="([^"]+)"')
MAX_REQUESTS_PER_CLIENT = 200_000


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


APP = "from survey_app import create_app as make_app"
REFERENCE_APP = "from benchmarks.reference_app import create_reference_app as make_app"


def start_server(
    instance: Path, port: int, threads: int, app_import: str = APP
) -> subprocess.Popen[bytes]:
    """The app under waitress in a child process; returns once it answers."""
    env = {
        **os.environ,
        "ANKOMMEN_INSTANCE_PATH": str(instance),
        "ANKOMMEN_DATABASE_URL": f"sqlite:///{instance / 'bench.sqlite3'}",
        "ANKOMMEN_DRAFT_MAX_REQUESTS": "1000000",
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    code = (
        f"import logging, waitress; {app_import};"
        "logging.getLogger('waitress').setLevel(logging.ERROR);"
        f"waitress.serve(make_app(), host='{HOST}', port={port}, threads={threads},"
        " connection_limit=200, channel_timeout=60, ident=None)"
    )
    process = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=PROJECT_ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        raise SystemExit("the server did not start within 60 s")
    warm = Browser(port)
    warm.get("/plain" if app_import == REFERENCE_APP else f"/q/{QUESTIONNAIRE}")
    return process


@dataclass
class Browser:
    """One respondent's browser: a keep-alive connection and its cookies."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    page: str = ""
    url: str = ""
    forms: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.connection = http.client.HTTPConnection(HOST, self.port, timeout=30)

    def request(
        self, method: str, path: str, form: list[tuple[str, str]] | None = None
    ) -> tuple[int, str, str]:
        """One request; returns status, Location and body (cookies are kept)."""
        headers = {"Host": f"{HOST}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read().decode("utf-8")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers.get("Location", ""), data

    def close(self) -> None:
        """Close the connection (the next request opens a new one)."""
        self.connection.close()

    def get(self, path: str) -> int:
        """GET and follow redirects; the final page is kept."""
        status, location, body = self.request("GET", path)
        while status in (301, 302, 303):
            path = urllib.parse.urlsplit(location).path or location
            status, location, body = self.request("GET", path)
        self.page, self.url = body, path
        return status

    def post(self, path: str, form: list[tuple[str, str]]) -> tuple[int, str]:
        """POST with the page's CSRF token (no redirect followed)."""
        token = CSRF.search(self.page)
        status, location, _ = self.request(
            "POST", path, [("csrf_token", token.group(1) if token else ""), *form]
        )
        return status, urllib.parse.urlsplit(location).path or location

    def answers(self) -> list[tuple[str, str]]:
        """The first choice of every group and a sentence for every text field."""
        form: list[tuple[str, str]] = []
        seen: set[str] = set()
        for _kind, name, value in RADIO.findall(self.page):
            if name not in seen:
                seen.add(name)
                form.append((name, value))
        form += [(name, "Mehr Spielplätze") for name in TEXT.findall(self.page)]
        return form

    def start(self) -> None:
        """Choose German and pass the consent page."""
        self.get(f"/q/{QUESTIONNAIRE}?lang=de")
        _status, location = self.post(self.url, [])
        self.get(location)

    def to_final_page(self) -> None:
        """Answer every screen up to the final page."""
        for _ in range(40):
            if self.url.endswith("/done"):
                return
            _status, location = self.post(self.url, [*self.answers(), ("action", "next")])
            self.get(location)
        raise RuntimeError("the questionnaire did not end")

    def submit(self) -> int:
        """The final POST (stores the response)."""
        token = TOKEN.search(self.page)
        status, _ = self.post(self.url, [("token", token.group(1) if token else "")])
        return status


def measure(
    clients: int,
    seconds: float,
    setup: Callable[[Browser], None],
    step: Callable[[Browser], int],
    port: int,
    think: float = 0.0,
) -> tuple[list[float], float]:
    """Run ``step`` in ``clients`` threads for ``seconds``; latencies (s) and elapsed time.

    ``think`` is a pause after each request (a person reading the page); 0 means every
    client sends its next request at once (a closed loop at full load).
    """
    browsers = [Browser(port) for _ in range(clients)]
    for browser in browsers:
        setup(browser)
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []
    barrier = threading.Barrier(clients + 1)
    stop = time.monotonic() + seconds + 3600  # replaced once all threads are ready

    def run(index: int) -> None:
        try:
            loop(index)
        except Exception as error:  # reported after the run; the figures are void then
            errors.append(repr(error))

    def loop(index: int) -> None:
        browser = browsers[index]
        barrier.wait()
        for _ in range(MAX_REQUESTS_PER_CLIENT):
            if time.monotonic() >= stop:
                return
            began = time.perf_counter()
            status = step(browser)
            latencies[index].append(time.perf_counter() - began)
            if status >= 400:
                errors.append(f"status {status}")
                return
            if think:
                time.sleep(think)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    stop = time.monotonic() + seconds
    started = time.perf_counter()
    barrier.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    for browser in browsers:
        browser.close()
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, e.g. {errors[0]}")
    return [value for per_client in latencies for value in per_client], elapsed


def measure_submissions(clients: int, count: int, port: int) -> tuple[list[float], float]:
    """Prepare ``count`` respondents at the final page, then time their final POSTs."""
    prepared = []
    for _ in range(count):
        browser = Browser(port)
        browser.start()
        browser.to_final_page()
        browser.close()
        prepared.append(browser)
    queue = list(prepared)
    lock = threading.Lock()
    latencies: list[float] = []
    failures: list[int] = []

    def run() -> None:
        while True:
            with lock:
                if not queue:
                    return
                browser = queue.pop()
            began = time.perf_counter()
            status = browser.submit()
            spent = time.perf_counter() - began
            browser.close()
            with lock:
                latencies.append(spent)
                if status != 303:
                    failures.append(status)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{len(failures)} submissions failed, e.g. status {failures[0]}")
    return latencies, elapsed


def page_get(browser: Browser) -> int:
    """GET the current question page."""
    status, _, _ = browser.request("GET", browser.url)
    return status


def page_post(browser: Browser) -> int:
    """POST the current screen: forward from screen 1, back from screen 2."""
    action = "next" if browser.url.endswith("/page/1") else "back"
    status, location = browser.post(browser.url, [*browser.forms[browser.url], ("action", action)])
    browser.url = location
    if status != 302:
        return status if status >= 400 else 500
    return 200


def ready_on_first_screen(browser: Browser) -> None:
    """A respondent on the first question screen who has seen (and answered) the second."""
    browser.start()
    first = browser.url
    browser.forms[first] = browser.answers()
    _status, location = browser.post(first, [*browser.forms[first], ("action", "next")])
    browser.get(location)
    browser.forms[browser.url] = browser.answers()
    _status, location = browser.post(browser.url, [*browser.forms[browser.url], ("action", "back")])
    browser.get(location)
    assert browser.url == first, browser.url


def complete(browser: Browser) -> int:
    """A whole questionnaire: start, every screen, the final POST, the thank-you page."""
    browser.cookies.clear()
    browser.start()
    browser.to_final_page()
    status = browser.submit()
    return 200 if status == 303 else 500


def reference_get(path: str) -> Callable[[Browser], int]:
    """A step that GETs ``path`` of the reference app (cookies kept)."""

    def step(browser: Browser) -> int:
        status, _, _ = browser.request("GET", path)
        return status

    return step


def run_reference(folder: Path, counts: list[int], seconds: float, threads: int) -> None:
    """The two reference pages of ``reference_app.py`` under the same server and clients."""
    port = free_port()
    server = start_server(folder, port, threads, REFERENCE_APP)
    try:
        print("reference (benchmarks/reference_app.py, same server and load generator):")
        for clients in counts:
            for label, path in (
                ("Flask, constant 22 KB string", "/plain"),
                ("Flask + session + CSRF + template", "/page"),
            ):
                latencies, elapsed = measure(
                    clients, seconds, lambda browser: None, reference_get(path), port
                )
                print(report(label, clients, latencies, elapsed))
    finally:
        server.terminate()
        server.wait(timeout=10)


def report(label: str, clients: int, latencies: list[float], elapsed: float) -> str:
    """One line: median, p95, rate."""
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return (
        f"{label:<34} {clients:>3} clients  median {statistics.median(ordered) * 1000:7.2f} ms"
        f"  p95 {p95 * 1000:7.2f} ms  {len(ordered) / elapsed:8.1f} /s  (n={len(ordered)})"
    )


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of each timed run")
    parser.add_argument(
        "--clients", default="1,20", help="comma-separated numbers of concurrent clients"
    )
    parser.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    parser.add_argument(
        "--submissions", type=int, default=400, help="final POSTs timed per client count"
    )
    parser.add_argument(
        "--think-ms", type=float, default=100.0, help="pause between requests in the paced runs"
    )
    parser.add_argument(
        "--reference",
        action="store_true",
        help="also measure two minimal Flask pages (benchmarks/reference_app.py) for comparison",
    )
    args = parser.parse_args()
    counts = [int(value) for value in args.clients.split(",")]

    with tempfile.TemporaryDirectory(prefix="ankommen-bench-") as folder:
        if args.reference:
            reference_folder = Path(folder) / "reference"
            reference_folder.mkdir()
            run_reference(reference_folder, counts, args.seconds, args.threads)
        port = free_port()
        server = start_server(Path(folder), port, args.threads)
        try:
            print(
                f"ankommen respondent benchmark: waitress ({args.threads} threads), SQLite, {os.cpu_count()} CPUs, "
                f"{args.seconds:g} s per run, questionnaire {QUESTIONNAIRE}"
            )
            for clients in counts:
                latencies, elapsed = measure(
                    clients, args.seconds, ready_on_first_screen, page_get, port
                )
                print(report("GET question page", clients, latencies, elapsed))
                latencies, elapsed = measure(
                    clients, args.seconds, ready_on_first_screen, page_post, port
                )
                print(report("POST question page", clients, latencies, elapsed))
                latencies, elapsed = measure_submissions(clients, args.submissions, port)
                print(report("final POST (stores a response)", clients, latencies, elapsed))
                latencies, elapsed = measure(
                    clients, args.seconds, lambda browser: None, complete, port
                )
                print(report("whole questionnaire (~20 requests)", clients, latencies, elapsed))
            clients, think = max(counts), args.think_ms / 1000
            print(
                f"paced: {clients} clients, each pausing {args.think_ms:g} ms after every request"
            )
            for label, step in (
                ("GET question page (paced)", page_get),
                ("POST question page (paced)", page_post),
            ):
                latencies, elapsed = measure(
                    clients, args.seconds, ready_on_first_screen, step, port, think
                )
                print(report(label, clients, latencies, elapsed))
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
