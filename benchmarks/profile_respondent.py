"""Where a question page's time goes: CPU time per request, in-process, by part.

    .venv/bin/python benchmarks/profile_respondent.py                 # 2 000 requests each
    .venv/bin/python benchmarks/profile_respondent.py --requests 500 --top 25

No server and no sockets: the WSGI app is called directly with prepared requests (the
cookies and CSRF tokens of 16 respondents brought to the first question screen by the
Flask test client), on a temporary SQLite database.  CPU time (``time.process_time``)
is measured, not wall time, so other work on a shared machine distorts it less.

For a bare Flask "hello" (the reference of ``wrk_respondent.py``) and for the question
page GET and POST ("next" on the first screen, as in the wrk runs) it prints

- CPU microseconds per request, and the page's cost in "hellos" (its inverse is the
  best ratio to hello a server could reach with this code, before socket and HTTP
  parsing costs, which are the same for both);
- the share of that time in each part of the request (inclusive times from
  ``cProfile`` with a CPU clock; the profiler's cost per call weighs code with many
  small calls, such as templates, somewhat more): loading and saving the draft, the
  session cookie, the CSRF check, the form, the template, and so on;
- what the drafts cost, timed directly without the profiler: CPU time in loading the
  draft, comparing its stored form and saving (or touching) it, as a share of the
  request (the issue's target: at most 20 %);
- with ``--top N``, the N functions with the most own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from benchmarks.respondent import CSRF, QUESTIONNAIRE  # noqa: E402

RESPONDENTS = 16

#: Parts of a request: label -> (file name ending, function name) whose inclusive time
#: is that part.  Parts may nest (the template includes the form's rendering).
PARTS: dict[str, tuple[tuple[str, str], ...]] = {
    "draft: load": (("survey_app/respondent/flow.py", "current_draft"),),
    "draft: save or touch (after request)": (
        ("survey_app/storage/draft_store.py", "save_request_draft"),
    ),
    "session cookie: open": (("flask/sessions.py", "open_session"),),
    "session cookie: save": (("survey_app/coordinator/access.py", "save_session"),),
    "CSRF check (POST)": (("survey_app/csrf_check.py", "protect"),),
    "form built from the model": (("survey_app/respondent/forms.py", "build_form"),),
    "form read (POST)": (("wtforms/form.py", "validate"),),
    "screen checked by the model (POST)": (("survey_app/answering/run.py", "check"),),
    "relevance (Route.of)": (("survey_app/answering/screens.py", "of"),),
    "template rendered (fresh)": (("flask/templating.py", "render_template"),),
    "form planned from the model": (("survey_app/respondent/form_plan.py", "plan_form"),),
    "page filled from its skeleton": (("survey_app/respondent/screen_cache.py", "fill"),),
    "security headers": (("survey_app/security.py", "add_security_headers"),),
}


def _environ(method: str, path: str, cookie: str, body: bytes) -> dict[str, Any]:
    from werkzeug.test import EnvironBuilder

    builder = EnvironBuilder(
        path=path,
        method=method,
        base_url="http://127.0.0.1:8000/",
        headers={"Cookie": cookie} if cookie else {},
        data=body or None,
        content_type="application/x-www-form-urlencoded" if body else None,
    )
    try:
        return builder.get_environ()
    finally:
        builder.close()


class Requests:
    """Prepared requests for one WSGI app, sent in turn."""

    def __init__(
        self, app: Callable[..., Iterable[bytes]], items: list[tuple[str, str, str, bytes]]
    ):
        self.app = app
        self.items = [(_environ(*item), item[3]) for item in items]
        self.statuses: dict[str, int] = {}

    def run(self, count: int) -> None:
        """Send ``count`` requests, the prepared ones in turn."""
        statuses = self.statuses

        def start_response(status: str, headers: Any, exc_info: Any = None) -> None:
            statuses[status] = statuses.get(status, 0) + 1

        items = self.items
        for index in range(count):
            environ, body = items[index % len(items)]
            environ = dict(environ)
            environ["wsgi.input"] = io.BytesIO(body)
            result = self.app(environ, start_response)
            try:
                for _chunk in result:
                    pass
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()


def prepare_respondents(app: Any) -> tuple[list[tuple[str, str, str, bytes]], ...]:
    """Bring respondents to the first question screen; their GETs and "next" POSTs."""
    from tests.respondent.helpers import default_answers

    gets, posts = [], []
    for _ in range(RESPONDENTS):
        client = app.test_client()
        response = client.get(f"/q/{QUESTIONNAIRE}?lang=de")
        consent = urllib.parse.urlsplit(response.headers["Location"]).path
        page = client.get(consent).get_data(as_text=True)
        token = CSRF.search(page).group(1)
        response = client.post(consent, data={"csrf_token": token})
        url = urllib.parse.urlsplit(response.headers["Location"]).path
        page = client.get(url).get_data(as_text=True)
        assert "/page/" in url, url
        token = CSRF.search(page).group(1)
        cookie = "; ".join(f"{c.key}={c.value}" for c in client._cookies.values())
        form = {"csrf_token": token, **default_answers(page), "action": "next"}
        body = urllib.parse.urlencode(form, doseq=True).encode()
        gets.append(("GET", url, cookie, b""))
        posts.append(("POST", url, cookie, body))
    return gets, posts


def cpu_per_request(
    page: Requests, hello: Requests, count: int, rounds: int = 10
) -> tuple[float, float]:
    """CPU seconds per request of ``page`` and of ``hello``, measured in alternating
    rounds (``count / rounds`` page requests, as many hello requests), each the best
    of its rounds: the rounds least disturbed by other work on the machine, and hello
    measured under the same conditions as the page."""
    page.run(max(count // 10, len(page.items)))
    per_round = max(count // rounds, 1)
    best = [float("inf"), float("inf")]
    for _ in range(rounds):
        for index, requests in enumerate((page, hello)):
            began = time.process_time()
            requests.run(per_round)
            best[index] = min(best[index], (time.process_time() - began) / per_round)
    return best[0], best[1]


class DraftClock:
    """CPU time spent in the draft store, measured directly (no profiler): loading
    (``DraftStore.get``), making the stored form to compare (``Draft.state``) and
    saving or touching (``DraftStore.save``, ``DraftStore.touch``)."""

    def __init__(self) -> None:
        from survey_app.storage.draft_store import Draft, DraftStore

        self.seconds = 0.0
        self._depth = 0
        self._originals = [
            (owner, name, getattr(owner, name))
            for owner, name in ((DraftStore, "get"), (DraftStore, "save"), (DraftStore, "touch"),
                                (Draft, "state"))
        ]  # fmt: skip

    def _timed(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._depth += 1
            began = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self._depth -= 1
                if self._depth == 0:  # save() calls state(): count the outer call only
                    self.seconds += time.process_time() - began

        return timed

    def __enter__(self) -> DraftClock:
        for owner, name, function in self._originals:
            setattr(owner, name, self._timed(function))
        return self

    def __exit__(self, *_exc: object) -> None:
        for owner, name, function in self._originals:
            setattr(owner, name, function)


def draft_cost(requests: Requests, count: int) -> tuple[float, float]:
    """(CPU seconds per request in the draft store, CPU seconds per request in all)."""
    with DraftClock() as clock:
        began = time.process_time()
        requests.run(count)
        total = time.process_time() - began
    return clock.seconds / count, total / count


def profile(requests: Requests, count: int) -> pstats.Stats:
    """A cProfile of ``count`` requests."""
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    requests.run(count)
    profiler.disable()
    return pstats.Stats(profiler)


def parts(stats: pstats.Stats) -> list[tuple[str, float]]:
    """(part, share of the request's profiled time)."""
    table: Any = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = []
    for label, functions in PARTS.items():
        inclusive = 0.0
        for (filename, _line, name), (_cc, _nc, _tt, ct, _callers) in table.items():
            if any(filename.endswith(end) and name == fn for end, fn in functions):
                inclusive += ct
        if inclusive:
            rows.append((label, inclusive / total))
    return rows


def report(label: str, cpu: float, hello: float, stats: pstats.Stats) -> None:
    """Print one request kind's figures: the time, and each part's share of it."""
    print(
        f"\n{label}: {cpu * 1e6:6.0f} µs CPU per request = {cpu / hello:4.1f} hellos of"
        f" {hello * 1e6:3.0f} µs (best ratio to hello {hello / cpu:4.2f})"
    )
    for part, share in parts(stats):
        print(f"    {part:<40} {share * 100:5.1f} %  (about {share * cpu * 1e6:5.0f} µs)")


def main() -> None:
    """Profile hello and the question page GET and POST; print the breakdown."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000, help="requests per kind")
    parser.add_argument("--top", type=int, default=0, help="also print the top N functions")
    args = parser.parse_args()
    if not 10 <= args.requests <= 100_000:
        raise SystemExit("keep it bounded: 10-100 000 requests")
    from benchmarks.reference_app import create_hello_app

    hello_app = create_hello_app()
    hello = Requests(hello_app, [("GET", "/hello", "", b"")])
    hello.run(args.requests // 10)
    print(
        f"CPU time per request, in-process (no server), {args.requests} requests each;"
        " a bare Flask hello measured in rounds alternating with the page's"
    )
    with tempfile.TemporaryDirectory(prefix="ankommen-profile-") as folder:
        os.environ["ANKOMMEN_INSTANCE_PATH"] = folder
        os.environ["ANKOMMEN_DATABASE_URL"] = f"sqlite:///{folder}/profile.sqlite3"
        os.environ["ANKOMMEN_SECRET_KEY"] = "benchmark-only-" * 3
        os.environ["ANKOMMEN_DRAFT_MAX_REQUESTS"] = "100000000"
        from survey_app import create_app

        app = create_app()
        gets, posts = prepare_respondents(app)
        for label, items, expected in (
            ("question page GET", gets, "200 OK"),
            ("question page POST (next)", posts, "302 FOUND"),
        ):
            requests = Requests(app, items)
            cpu, hello_cpu = cpu_per_request(requests, hello, args.requests)
            drafts, total = draft_cost(requests, args.requests)
            stats = profile(requests, args.requests)
            report(label, cpu, hello_cpu, stats)
            print(
                f"    drafts, timed directly (load, compare, save or touch): {drafts * 1e6:4.0f}"
                f" µs of {total * 1e6:4.0f} µs = {drafts / total * 100:4.1f} % of the request"
            )
            if set(requests.statuses) != {expected}:
                print(f"    VOID: statuses {requests.statuses}, expected only {expected}")
            if args.top:
                stream = io.StringIO()
                stats.stream = stream  # type: ignore[attr-defined]
                stats.sort_stats("tottime").print_stats(args.top)
                print("\n".join(stream.getvalue().splitlines()[6:]))


if __name__ == "__main__":
    main()
