"""Driving the respondent pages in Chromium: fill a screen, go on, walk to the end."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from flask import Flask

from survey_app.storage import event_store as events
from survey_app.storage.db import get_engine
from tests.support.browser import axe_source

#: Answers whatever the screen asks: the first choice of each group, a number that
#: fits every shipped age question, one point of a dot vote, a sentence for text.
FILL_SCREEN = """() => {
  const seen = new Set();
  for (const el of document.querySelectorAll('form.screen-form input, form.screen-form textarea')) {
    if (el.type === 'hidden') continue;
    if (el.type === 'radio' || el.type === 'checkbox') {
      if (!seen.has(el.name)) { el.checked = true; seen.add(el.name); }
    } else if (el.classList.contains('input-number')) { el.value = '12'; }
    else if (el.classList.contains('input-points')) {
      const group = el.name.split('.')[0];
      if (!seen.has(group)) { el.value = '1'; seen.add(group); }
    } else if (el.type === 'date') { el.value = '2020-05-01'; }
    else { el.value = 'Mehr Spielplätze'; }
  }
}"""


def new_context(chromium: Any, base_url: str, axe: bool = False, **options: Any) -> Any:
    """A fresh browser context (own cookies); with ``axe`` preloaded on every page."""
    context = chromium.new_context(base_url=base_url, locale="de-DE", **options)
    if axe:
        context.add_init_script(axe_source())
    return context


def press_next(page: Any) -> None:
    """Press "Weiter" and wait for the next page."""
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.click("button[value=next]")


def choose_language(page: Any, lang: str) -> None:
    """Press the language button for ``lang`` on the language page."""
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.click(f'a.lang-button[lang="{lang}"]')


def pass_consent(page: Any) -> None:
    """Press the start button on the consent page."""
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.click("main form button[type=submit]")


def walk_screens(
    page: Any, on_screen: Callable[[Any], None] | None = None, limit: int = 40
) -> None:
    """Answer every screen until the final page, calling ``on_screen`` on each first."""
    for _ in range(limit):
        if page.url.endswith("/done"):
            return
        assert "/page/" in page.url, page.url
        if on_screen is not None:
            on_screen(page)
        page.evaluate(FILL_SCREEN)
        press_next(page)
    raise AssertionError("the questionnaire did not end")


def submit(page: Any) -> None:
    """Press the final button and wait for the thank-you page."""
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.click("form.submit-form button[type=submit]")
    assert page.url.endswith("/thanks"), page.url


def create_event(app: Flask, questionnaire_ids: list[str], name: str = "Stadtteilfest") -> str:
    """A new open event for both kiosk and own devices; its code."""
    with app.app_context(), get_engine().begin() as conn:
        event = events.create_event(
            conn,
            name=name,
            questionnaire_ids=questionnaire_ids,
            district="altstadt",
            held_on=datetime.date.today(),
            mode="both",
        )
    return event.code
