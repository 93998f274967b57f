"""Answering that survives: kill -9 and restart while 20 tablets answer; two workers.

Bounded and loopback only. 20 simulated tablets answer the children's questionnaire
twice each while the server is killed with SIGKILL and restarted three times. Every
acknowledged response must be stored exactly once, no respondent may lose a screen
(they continue where they were after the restart), and a submit sent during the
restart window succeeds on retry — on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from survey_app import storage
from tests.support.app_server import AppServer
from tests.support.http_respondent import HttpRespondent

TABLETS = 20
ROUNDS = 2
KILLS = 3


def _stored(database_url: str) -> tuple[int, int]:
    """(responses, distinct submission tokens used) in the database."""
    engine = storage.make_engine(database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(func.count()).select_from(storage.responses)).scalar()
            tokens = conn.execute(
                select(func.count()).select_from(storage.submission_tokens)
            ).scalar()
    finally:
        engine.dispose()
    return int(rows or 0), int(tokens or 0)


def test_crash__three_kill9_restarts__nothing_acknowledged_or_moved_past_is_lost(
    tmp_path: Path, db_url: str
) -> None:
    server = AppServer(tmp_path / "instance", db_url)
    server.start()
    tablets = [HttpRespondent([server.base], "kinder-6-10") for _ in range(TABLETS)]
    finished = [0] * TABLETS
    failures: list[str] = []

    def tablet(index: int) -> None:
        try:
            for _ in range(ROUNDS):
                finished[index] += tablets[index].answer_questionnaire("de")
        except AssertionError as error:
            failures.append(f"tablet {index}: {error}")

    threads = [threading.Thread(target=tablet, args=(i,)) for i in range(TABLETS)]
    for thread in threads:
        thread.start()
    rng = random.Random(14)
    try:
        for _ in range(KILLS):
            time.sleep(rng.uniform(1.5, 3.0))
            server.kill()
            time.sleep(rng.uniform(0.2, 1.0))  # tablets keep sending into the void
            server.start(wait=False)
        for thread in threads:
            thread.join(timeout=240)
    finally:
        server.stop()
    assert not failures, failures
    assert all(not thread.is_alive() for thread in threads)
    acknowledged = sum(finished)
    assert acknowledged == TABLETS * ROUNDS
    rows, tokens = _stored(db_url)
    print(  # the figures the issue asks for (shown with pytest -s)
        f"crash test ({db_url.split(':')[0]}): {KILLS} x kill -9, {acknowledged} acknowledged,"
        f" {rows} stored, {tokens} tokens, {sum(t.lost_screens for t in tablets)} screens lost,"
        f" {sum(t.expired for t in tablets)} 'session expired',"
        f" {sum(t.retries for t in tablets)} requests retried"
    )
    assert rows == acknowledged, "lost or duplicated responses"
    assert tokens == acknowledged
    assert sum(t.lost_screens for t in tablets) == 0
    assert sum(t.expired for t in tablets) == 0
    assert sum(t.retries for t in tablets) > 0, "no request met a dead server: no test"


@pytest.mark.postgres
def test_two_gunicorn_workers__serve_one_respondent_alternately(
    tmp_path: Path, postgres_url: str
) -> None:
    pytest.importorskip("gunicorn")
    servers = [
        AppServer(tmp_path / f"instance-{i}", postgres_url, kind="gunicorn") for i in range(2)
    ]
    for server in servers:
        server.start()
    try:
        respondent = HttpRespondent([s.base for s in servers], "eltern-0-10")
        assert respondent.answer_questionnaire("tr")
        assert respondent.requests >= 8 and respondent.retries == 0
    finally:
        for server in servers:
            server.stop()
    assert _stored(postgres_url) == (1, 1)
