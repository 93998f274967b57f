"""Kiosk timers in Chromium: "are you still there?", discarding, and back to the start."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from survey_app import create_app, storage
from survey_app.storage.db import get_engine
from survey_app.storage.draft_store import Draft
from tests.conftest import make_test_config
from tests.respondent.browsing import (
    FILL_SCREEN,
    choose_language,
    create_event,
    new_context,
    pass_consent,
    press_next,
    submit,
    walk_screens,
)
from tests.support import browser
from tests.support.browser import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def quick_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """An app whose kiosk timers run in seconds."""
    folder: Path = tmp_path_factory.mktemp("kiosk")
    return create_app(
        make_test_config(
            folder, KIOSK_IDLE_SECONDS=2, KIOSK_WARNING_SECONDS=5, KIOSK_RESET_SECONDS=1
        )
    )


@pytest.fixture(scope="module")
def quick_server(quick_app: Flask) -> Iterator[str]:
    """``quick_app`` on a loopback port."""
    with browser.serve(quick_app) as url:
        yield url


def _draft_answers(app: Flask) -> list[dict[str, Any]]:
    with app.app_context(), get_engine().connect() as conn:
        rows = conn.execute(select(storage.drafts.c.id, storage.drafts.c.state)).all()
    return [dict(Draft.from_state(row.id, row.state).answers) for row in rows]


def test_kiosk_idle__warns_accessibly_then_continue_keeps_the_answers(
    chromium: Any, quick_server: str, quick_app: Flask
) -> None:
    code = create_event(quick_app, ["kinder-6-10"])
    context = new_context(chromium, quick_server)
    page = context.new_page()
    try:
        page.goto(f"/k/{code}")
        choose_language(page, "de")
        pass_consent(page)
        page.fill("#q-alter", "9")
        press_next(page)
        dialog = page.locator("dialog#idle-dialog")
        dialog.wait_for(state="visible", timeout=6000)
        assert page.get_by_role("dialog", name="Bist du noch da?").is_visible()
        assert page.evaluate("document.activeElement.id") == "idle-continue"
        assert_no_axe_violations(page)
        page.click("#idle-continue")
        assert not dialog.is_visible()
        assert "/page/2" in page.url
        assert {"alter": 9} in _draft_answers(quick_app)
    finally:
        context.close()


def test_kiosk_idle__without_an_answer_discards_and_returns_to_the_start(
    chromium: Any, quick_server: str, quick_app: Flask
) -> None:
    code = create_event(quick_app, ["kinder-6-10"])
    context = new_context(chromium, quick_server)
    page = context.new_page()
    try:
        page.goto(f"/k/{code}")
        choose_language(page, "ar")
        pass_consent(page)
        page.fill("#q-alter", "11")
        press_next(page)
        page.locator("dialog#idle-dialog").wait_for(state="visible", timeout=6000)
        page.wait_for_url("**/q/kinder-6-10", timeout=10000)
        assert page.locator("a.lang-button").count() == 7, "the language choice for the next family"
        assert page.locator("html").get_attribute("lang") == "de"
        assert {"alter": 11} not in _draft_answers(quick_app)
        for _ in range(3):
            page.go_back()
            assert page.locator('input[value="11"]').count() == 0, (
                "the back button shows nothing of the last family"
            )
    finally:
        context.close()


def test_kiosk_thanks__returns_to_the_start_by_itself(
    chromium: Any, quick_server: str, quick_app: Flask
) -> None:
    code = create_event(quick_app, ["jugend-10-16"])
    quick_app.config["KIOSK_IDLE_SECONDS"] = 300  # no warning while the test fills in the pages
    context = new_context(chromium, quick_server)
    page = context.new_page()
    try:
        page.goto(f"/k/{code}")
        choose_language(page, "uk")
        pass_consent(page)
        page.evaluate(FILL_SCREEN)
        walk_screens(page)
        submit(page)
        assert page.locator(".return-note").is_visible()
        page.wait_for_url("**/q/jugend-10-16", timeout=5000)
        assert page.locator("a.lang-button").count() == 7
    finally:
        context.close()
        quick_app.config["KIOSK_IDLE_SECONDS"] = 2
