"""Writes take turns on SQLite (no sleeping in its busy handler); not on PostgreSQL."""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select

from survey_app import create_app, storage
from survey_app.storage.db import get_engine, write_transaction
from tests.conftest import make_test_config


def _second_writer_waits(app: Flask) -> tuple[bool, bool]:
    """Hold a write transaction; does a second thread get in before it ends? And after?"""
    entered = threading.Event()
    holding = threading.Event()
    release = threading.Event()

    def first() -> None:
        with app.app_context(), write_transaction() as conn:
            storage.count_start(conn, questionnaire_id="q", event_code=None, language="de")
            holding.set()
            release.wait(10)

    def second() -> None:
        holding.wait(10)
        with app.app_context(), write_transaction() as conn:
            entered.set()
            conn.execute(select(func.count()).select_from(storage.starts))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    holding.wait(10)
    got_in_early = entered.wait(0.5)
    release.set()
    got_in_later = entered.wait(10)
    for thread in threads:
        thread.join(10)
    return got_in_early, got_in_later


def test_sqlite__a_second_write_waits_for_the_first(app: Flask) -> None:
    assert app.config["DATABASE_URL"].startswith("sqlite")
    assert _second_writer_waits(app) == (False, True)


def test_postgresql__writes_do_not_take_turns(postgres_url: str, tmp_path: Path) -> None:
    app = create_app(make_test_config(tmp_path, DATABASE_URL=postgres_url))
    try:
        assert _second_writer_waits(app) == (True, True)
    finally:
        get_engine(app).dispose()


def test_an_error_rolls_back_and_frees_the_turn(app: Flask) -> None:
    with app.app_context():
        try:
            with write_transaction() as conn:
                storage.count_start(conn, questionnaire_id="q", event_code=None, language="de")
                raise RuntimeError("stop")
        except RuntimeError:
            pass
        with write_transaction() as conn:
            count = conn.execute(select(func.count()).select_from(storage.starts)).scalar()
    assert count == 0
