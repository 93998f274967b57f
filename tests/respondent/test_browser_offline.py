"""A kiosk tablet that loses the network: answering goes on, the queue is sent later.

Chromium with the service worker: the tablet goes offline after the first screen
(Playwright's offline mode), three respondents finish, the network returns, three rows
are stored and the queue is empty; sending the same entries again stores nothing more.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from survey_app import storage
from survey_app.storage.db import get_engine
from tests.respondent.browsing import (
    FILL_SCREEN,
    choose_language,
    create_event,
    new_context,
    pass_consent,
    press_next,
)
from tests.support.browser import assert_no_axe_violations

pytestmark = pytest.mark.browser

FILL_OFFLINE_SCREEN = FILL_SCREEN.replace(
    "form.screen-form input, form.screen-form textarea",
    ".offline-screen:not([hidden]) input:not([disabled]),"
    " .offline-screen:not([hidden]) textarea:not([disabled])",
)

QUEUED_ENTRIES = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open('ankommen-queue', 1);
  open.onsuccess = () => {
    const request = open.result.transaction('responses').objectStore('responses').getAll();
    request.onsuccess = () => { open.result.close(); resolve(request.result); };
    request.onerror = () => reject(request.error);
  };
  open.onerror = () => reject(open.error);
})"""

PUT_EXPIRED_COPY = """(entry) => new Promise((resolve, reject) => {
  const open = indexedDB.open('ankommen-queue', 1);
  open.onsuccess = () => {
    const copy = Object.assign({}, entry, {id: crypto.randomUUID(), expires: Date.now() - 1});
    const request = open.result.transaction('responses', 'readwrite').objectStore('responses').put(copy);
    request.onsuccess = () => { open.result.close(); resolve(copy.id); };
    request.onerror = () => reject(request.error);
  };
  open.onerror = () => reject(open.error);
})"""

RESEND = """async (entries) => {
  const replies = [];
  for (const entry of entries) {
    const response = await fetch(entry.queueUrl, {
      method: 'POST', headers: {'Content-Type': 'application/json', 'X-Kiosk-Token': entry.token},
      body: JSON.stringify(entry)});
    replies.push([response.status, await response.json()]);
  }
  return replies;
}"""


def _stored(app: Flask, code: str) -> int:
    with app.app_context(), get_engine().connect() as conn:
        table = storage.responses
        query = select(func.count()).select_from(table).where(table.c.event_code == code)
        return int(conn.execute(query).scalar_one())


def _answer_offline(page: Any, check_required: bool = False) -> None:
    """Answer the visible offline screens until the final one, then send."""
    for _ in range(40):
        if page.locator("#offline-done").is_visible():
            break
        if check_required and page.locator("#question-einrichtung").is_visible():
            page.click(".offline-screen:not([hidden]) button[value=next]")
            summary = page.locator(".offline-screen:not([hidden]) .error-summary")
            assert summary.is_visible() and "Bitte tippe ein Bild an." in summary.inner_text()
            check_required = False
        page.evaluate(FILL_OFFLINE_SCREEN)
        page.click(".offline-screen:not([hidden]) button[value=next]")
    else:
        raise AssertionError("the offline questionnaire did not end")
    page.click("#offline-submit")
    page.locator("#offline-thanks").wait_for(state="visible")


def test_offline_kiosk__three_respondents_queue_and_are_stored_once(
    chromium: Any, live_server: str, live_app: Flask
) -> None:
    code = create_event(live_app, ["kinder-6-10"], name="Offline-Fest")
    context = new_context(chromium, live_server)
    page = context.new_page()
    try:
        page.goto(f"/k/{code}")
        choose_language(page, "de")
        page.locator("html[data-offline-ready]").wait_for(state="attached", timeout=15000)
        pass_consent(page)
        page.evaluate(FILL_SCREEN)
        press_next(page)  # the first screen reached the server
        assert "/page/" in page.url

        context.set_offline(True)
        page.evaluate(FILL_SCREEN)
        with page.expect_navigation(wait_until="domcontentloaded"):
            page.click("button[value=next]")  # this POST fails: the offline page takes over
        assert "/offline/" in page.url
        assert page.locator(".offline-screen:not([hidden])").count() == 1
        assert_no_axe_violations(page)
        _answer_offline(page, check_required=True)  # a required answer is asked for offline
        assert_no_axe_violations(page)  # the thank-you part, with the count of the queue

        for _ in range(2):  # the next two families start while the network is still gone
            assert page.evaluate("sessionStorage.getItem('ankommen-offline-respondent')") is None
            with page.expect_navigation(wait_until="domcontentloaded"):
                page.click("#offline-thanks a")
            page.click("#offline-begin")
            assert page.input_value("#q-alter") == ""  # nothing of the previous family
            _answer_offline(page)

        page.locator("html[data-queue-length='3']").wait_for(state="attached")
        assert page.locator("#queue-count").inner_text() == "Noch nicht gesendet: 3"
        entries = page.evaluate(QUEUED_ENTRIES)
        assert len(entries) == 3 and len({entry["id"] for entry in entries}) == 3
        assert _stored(live_app, code) == 0
        page.evaluate(PUT_EXPIRED_COPY, entries[0])  # past its lifetime: deleted unsent

        context.set_offline(False)
        assert page.evaluate("window.AnkommenQueue.send()") == 0
        assert _stored(live_app, code) == 3
        assert page.evaluate(QUEUED_ENTRIES) == []
        assert page.locator("#queue-count").inner_text() == ""

        replies = page.evaluate(RESEND, entries)
        assert [status for status, _reply in replies] == [200, 200, 200]
        assert {reply["status"] for _status, reply in replies} == {"duplicate"}
        assert _stored(live_app, code) == 3
    finally:
        context.close()
