"""The draft store in the database: expiry, the cap, purge, threads, several processes."""

from __future__ import annotations

import gc
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from survey_app import create_app, storage
from survey_app.storage.db import get_engine, kept_connections
from survey_app.storage.draft_store import Draft, DraftStore
from tests.conftest import make_test_config
from tests.respondent.helpers import Respondent


class FakeClock:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def _closed(connection: Any) -> bool:
    """True when a DB-API connection (sqlite3 or psycopg) has been closed."""
    if hasattr(connection, "closed"):
        return bool(connection.closed)
    try:
        connection.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return True
    return False


def _new(store: DraftStore, questionnaire_id: str = "kinder-6-10") -> Draft:
    return store.create(questionnaire_id=questionnaire_id, language="de", mode="web")


@pytest.fixture
def db_apps(tmp_path: Path, db_url: str) -> Iterator[tuple[Flask, Flask]]:
    """Two apps (two processes, as far as drafts go) on one database."""
    apps = (
        create_app(make_test_config(tmp_path / "one", DATABASE_URL=db_url)),
        create_app(make_test_config(tmp_path / "two", DATABASE_URL=db_url)),
    )
    yield apps
    for app in apps:
        get_engine(app).dispose()


def test_draft__random_id_one_time_token_and_a_stored_state(db_apps: tuple[Flask, Flask]) -> None:
    store = DraftStore(db_apps[0], lifetime_seconds=60)
    first, second = _new(store), _new(store)
    assert first.id != second.id and len(first.id) >= 32
    assert first.token != second.token and len(first.token) >= 32
    first.answers = {"alter": 7, "wunsch": "Ein Baumhaus"}
    first.visited = {1, 2}
    first.screen = 2
    store.save(first)
    # Another store on the same database (another process) sees the same draft.
    again = DraftStore(db_apps[1], lifetime_seconds=60).get(first.id)
    assert again is not None and again.state() == first.state()
    assert again.answers == {"alter": 7, "wunsch": "Ein Baumhaus"} and again.visited == {1, 2}


def test_draft__threads_save_and_load_their_own_drafts_side_by_side(
    db_apps: tuple[Flask, Flask],
) -> None:
    """Eight threads (waitress's) save and read their drafts at once, each on its own
    kept connection: every read returns what that thread saved last, another process
    sees it, and a thread's connection closes when the thread ends."""
    app = db_apps[0]
    store = DraftStore(app, lifetime_seconds=60)
    drafts = [_new(store) for _ in range(8)]
    used: list[Any] = []  # the threads' DB-API connections
    failures: list[BaseException] = []
    start = threading.Barrier(len(drafts))

    def answer(draft: Draft) -> None:
        try:
            start.wait()
            with app.app_context():
                used.append(kept_connections(app)._connection().connection)
                for step in range(40):
                    draft.answers = {"alter": step}
                    store.save(draft)
                    loaded = store.get(draft.id)
                    assert loaded is not None and loaded.answers == {"alter": step}
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)

    threads = [threading.Thread(target=answer, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    assert len({id(connection) for connection in used}) == len(drafts)
    gc.collect()
    assert all(_closed(connection) for connection in used)
    other = DraftStore(db_apps[1], lifetime_seconds=60)
    for draft in drafts:
        loaded = other.get(draft.id)
        assert loaded is not None and loaded.answers == {"alter": 39}


def test_draft__expires_after_its_lifetime_without_use(app: Flask) -> None:
    clock = FakeClock()
    store = DraftStore(app, lifetime_seconds=600, clock=clock)
    draft = _new(store)
    clock.now += 540
    loaded = store.get(draft.id)
    assert loaded is not None
    store.touch(loaded)  # used: the lifetime starts again
    clock.now += 540
    assert store.get(draft.id) is not None
    clock.now += 180
    assert store.get(draft.id) is None
    assert len(store) == 0


def test_draft__expired_drafts_are_swept_and_purged(app: Flask) -> None:
    clock = FakeClock()
    store = DraftStore(app, lifetime_seconds=60, clock=clock)
    for _ in range(5):
        _new(store)
    clock.now += 180
    assert store.purge() == 5
    for _ in range(3):
        _new(store)
    clock.now += 180
    _new(store)
    assert len(store) == 1


def test_draft__cap_evicts_the_least_recently_used(app: Flask) -> None:
    clock = FakeClock()
    store = DraftStore(app, lifetime_seconds=600, max_count=3, clock=clock)
    drafts = []
    for _ in range(3):
        drafts.append(_new(store))
        clock.now += 60
    oldest = store.get(drafts[0].id)
    assert oldest is not None
    store.touch(oldest)  # the oldest is in use again
    newest = _new(store)
    assert len(store) == 3
    assert store.get(drafts[1].id) is None
    assert store.get(drafts[0].id) is not None and store.get(newest.id) is not None


def test_draft__discard_and_odd_ids(app: Flask) -> None:
    store = DraftStore(app, lifetime_seconds=60)
    draft = _new(store)
    store.discard(draft.id)
    store.discard("unknown")
    store.discard(None)
    assert store.get(draft.id) is None
    assert store.get(["not", "a", "string"]) is None
    assert store.get("x" * 500) is None


def test_draft__row_holds_no_time_of_day_and_no_device(app: Flask) -> None:
    store = DraftStore(app, lifetime_seconds=3600)
    draft = _new(store)
    assert [c.name for c in storage.drafts.columns] == ["id", "state", "expires_at"]
    with app.app_context(), get_engine().connect() as conn:
        row = conn.execute(select(storage.drafts)).one()
    assert row.expires_at % 1 == 0 and row.id == draft.id
    assert "ip" not in row.state.lower().split('"') and "agent" not in row.state.lower()


def test_draft__many_threads_create_and_read_safely(app: Flask) -> None:
    store = DraftStore(app, lifetime_seconds=60, max_count=100)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(30):
                draft = _new(store)
                loaded = store.get(draft.id)
                assert loaded is None or loaded.id == draft.id
                store.discard(draft.id)
                _new(store)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(store) == 100


def test_drafts_purge_command__deletes_only_expired(app: Flask, runner) -> None:
    store = app.extensions["ankommen_drafts"]
    live = _new(store)
    store.clock = lambda: 1_000_000_000.0  # long ago: this one expired long ago
    _new(store)
    store.clock = __import__("time").time
    result = runner.invoke(args=["drafts", "purge"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 expired draft(s); 1 unfinished remain." in result.output
    assert store.get(live.id) is not None


def test_draft__kept_connection_closes_with_the_engine_and_is_made_again(app: Flask) -> None:
    store = DraftStore(app, lifetime_seconds=60)
    draft = _new(store)
    assert store.get(draft.id) is not None
    kept = kept_connections(app)
    first = kept._connection()
    get_engine(app).dispose()
    assert first.closed
    assert store.get(draft.id) is not None and kept._connection() is not first


def test_draft__a_page_shown_again_writes_nothing_a_screen_answered_one_row(app: Flask) -> None:
    respondent = Respondent(app.test_client()).start("eltern-0-10", "de")
    assert "/page/" in respondent.url
    # The test client runs the app in this thread: this is the connection it writes on.
    connection = kept_connections(app)._connection().connection
    before = connection.total_changes
    for _ in range(5):
        assert respondent.get(respondent.url).status == 200
    assert connection.total_changes - before <= 1  # at most the once-a-minute expiry
    before = connection.total_changes
    respondent.next()
    assert "/page/" in respondent.url
    assert 1 <= connection.total_changes - before <= 2  # the save (+ a minute's expiry)
