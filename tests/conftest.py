"""Shared fixtures: the app on a throwaway database, the CLI runner, PostgreSQL and
headless Chromium.

Missing system packages skip their tests with a message saying what to install —
except under ``CI=true``, where they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from survey_app import create_app
from tests.support import browser, postgres

IN_CI = os.environ.get("CI", "").lower() == "true"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def unavailable(reason: str) -> None:
    """Skip outside CI, fail in CI: CI must run every test."""
    if IN_CI:
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def make_test_config(tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    """A test configuration with its own instance folder and SQLite file."""
    config: dict[str, Any] = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "QUESTIONNAIRE_DIR": str(PROJECT_ROOT / "questionnaires"),
        "LIBRARY_REFRESH_SECONDS": 0,
    }
    config.update(overrides)
    return config


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """The app with the shipped questionnaires on a fresh SQLite database."""
    return create_app(make_test_config(tmp_path))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for :func:`app`."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A CLI runner for :func:`app`."""
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[postgres.PostgresServer]:
    """One throwaway PostgreSQL server for the whole session."""
    try:
        server = postgres.start_server()
    except postgres.PostgresUnavailable as error:
        unavailable(str(error))
        return
    yield server
    server.stop()


_database_counter = iter(range(1_000_000))


@pytest.fixture
def postgres_url(postgres_server: postgres.PostgresServer) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    import sqlalchemy

    name = f"test_{os.getpid()}_{next(_database_counter)}"
    admin = sqlalchemy.create_engine(postgres_server.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    yield postgres_server.url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright."""
    if not Path(browser.CHROMIUM).exists():
        unavailable(
            "Chromium not found at /usr/bin/chromium. Install: sudo apt-get install -y chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=browser.CHROMIUM, headless=True, args=browser.CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """An app for browser tests, with its own database (shared by the session)."""
    return create_app(make_test_config(tmp_path_factory.mktemp("live")))


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> Iterator[str]:
    """The browser-test app served on a free loopback port; yields the base URL."""
    with browser.serve(live_app) as url:
        yield url


@pytest.fixture
def page(chromium: Any, live_server: str) -> Iterator[Any]:
    """A fresh browser page (own cookies) with ``base_url`` set to the live server."""
    context = chromium.new_context(base_url=live_server, locale="de-DE")
    page = context.new_page()
    yield page
    context.close()
