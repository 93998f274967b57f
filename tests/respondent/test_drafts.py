"""The server-side draft store: expiry, the cap, thread safety."""

from __future__ import annotations

import threading

from survey_app.drafts import DraftStore


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _new(store: DraftStore, questionnaire_id: str = "kinder-6-10"):
    return store.create(questionnaire_id=questionnaire_id, language="de", mode="web")


def test_draft__random_id_and_one_time_token() -> None:
    store = DraftStore(lifetime_seconds=60)
    first, second = _new(store), _new(store)
    assert first.id != second.id and len(first.id) >= 32
    assert first.token != second.token and len(first.token) >= 32
    assert store.get(first.id) is first


def test_draft__expires_after_its_lifetime_without_use() -> None:
    clock = FakeClock()
    store = DraftStore(lifetime_seconds=60, clock=clock)
    draft = _new(store)
    clock.now += 59
    assert store.get(draft.id) is draft  # used: the lifetime starts again
    clock.now += 59
    assert store.get(draft.id) is draft
    clock.now += 61
    assert store.get(draft.id) is None
    assert len(store) == 0


def test_draft__expired_drafts_are_swept_when_new_ones_come() -> None:
    clock = FakeClock()
    store = DraftStore(lifetime_seconds=60, clock=clock)
    for _ in range(5):
        _new(store)
    clock.now += 120
    _new(store)
    assert len(store) == 1


def test_draft__cap_evicts_the_least_recently_used() -> None:
    clock = FakeClock()
    store = DraftStore(lifetime_seconds=600, max_count=3, clock=clock)
    drafts = []
    for _ in range(3):
        drafts.append(_new(store))
        clock.now += 1
    store.get(drafts[0].id)  # the oldest is in use again
    newest = _new(store)
    assert len(store) == 3
    assert store.get(drafts[1].id) is None
    assert store.get(drafts[0].id) is drafts[0] and store.get(newest.id) is newest


def test_draft__discard_and_odd_ids() -> None:
    store = DraftStore(lifetime_seconds=60)
    draft = _new(store)
    store.discard(draft.id)
    store.discard("unknown")
    store.discard(None)
    assert store.get(draft.id) is None
    assert store.get(["not", "a", "string"]) is None


def test_draft__many_threads_create_and_read_safely() -> None:
    store = DraftStore(lifetime_seconds=60, max_count=500)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(200):
                draft = _new(store)
                assert store.get(draft.id) in (draft, None)
                store.discard(draft.id)
                _new(store)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(store) == 500
