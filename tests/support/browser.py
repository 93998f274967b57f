"""Serve the app on loopback and drive Debian's Chromium headless with axe-core."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@functools.cache
def axe_source() -> str:
    """axe-core's script, read on first use (so tests without a browser need no Playwright)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


@contextmanager
def serve(app: Flask) -> Iterator[str]:
    """Run ``app`` in a thread on a free loopback port; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (all WCAG 2.x A/AA rules and best practices) on the page."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html,
                                          summary: n.failureSummary}))
            }));
        }"""
    )
    return list(result)


def format_violations(violations: list[dict[str, Any]]) -> str:
    """One block per violated rule: id, impact, help and the offending nodes."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
            if node.get("summary"):
                lines.append("      " + node["summary"].replace("\n", "\n      "))
    return "\n".join(lines)


def assert_no_axe_violations(page: Any) -> None:
    """Fail listing rule id, impact and the offending nodes of every axe violation."""
    violations = axe_violations(page)
    assert not violations, f"axe-core violations on {page.url}:\n" + format_violations(violations)
