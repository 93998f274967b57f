"""axe-core on every page type of every shipped questionnaire, in every shipped language,
in kiosk and own-device mode, including the error state — zero violations allowed.

Page types: language choice, consent, every screen (so every question type the
questionnaire uses), a screen with errors, the final page and the thank-you page.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from survey_app.i18n import text_direction
from survey_app.questionnaire import QuestionnaireLibrary
from tests.conftest import PROJECT_ROOT
from tests.respondent.browsing import (
    choose_language,
    create_event,
    new_context,
    pass_consent,
    press_next,
    submit,
    walk_screens,
)
from tests.support.browser import assert_no_axe_violations

pytestmark = pytest.mark.browser

SHIPPED = QuestionnaireLibrary(PROJECT_ROOT / "questionnaires").all()
MODES = ("kiosk", "own_device")
SHIPPED_BY_ID = {q.id: q for q in SHIPPED}
CASES = [(q.id, lang, mode) for q in SHIPPED for lang in q.languages for mode in MODES]


@pytest.fixture(scope="module")
def event_codes(live_app: Flask) -> dict[str, str]:
    """One open event per shipped questionnaire on the live server."""
    return {q.id: create_event(live_app, [q.id], name=f"Fest {q.id}") for q in SHIPPED}


#: What makes one page a different type from another: the kinds of questions on it,
#: pictograms, a question as the heading, an error summary, the idle dialog.
PAGE_TYPE = """() => [
  location.pathname.replace(/\\/page\\/\\d+$/, '/page'),
  ...Array.from(document.querySelectorAll('.question'), q => q.className + (q.querySelector('img') ? '+img' : '')),
  document.querySelector('h1.q-text') ? 'solo' : 'several',
  document.querySelector('.error-summary') ? 'errors' : '',
  document.getElementById('idle-dialog') ? 'kiosk' : '',
].join('|')"""


def _check(page: Any, lang: str, seen: list[str]) -> None:
    """Language attributes always; axe once per page type (screens repeat types)."""
    assert page.locator("html").get_attribute("lang") == lang, page.url
    assert page.locator("html").get_attribute("dir") == text_direction(lang)
    page_type = page.evaluate(PAGE_TYPE)
    if page_type not in seen:
        assert_no_axe_violations(page)
        seen.append(page_type)


def _show_errors(page: Any) -> None:
    """Send the first screen wrong: letters for a number, or a required answer left out."""
    number = page.locator("input.input-number")
    if number.count():
        number.first.fill("abc")
    press_next(page)
    assert page.locator(".error-summary").is_visible(), page.url
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")


@pytest.mark.parametrize(("questionnaire_id", "lang", "mode"), CASES)
def test_axe__every_page_type_is_clean(
    chromium: Any,
    live_server: str,
    event_codes: dict[str, str],
    questionnaire_id: str,
    lang: str,
    mode: str,
) -> None:
    context = new_context(chromium, live_server, axe=True)
    page = context.new_page()
    seen: list[str] = []
    try:
        prefix = "k" if mode == "kiosk" else "e"
        page.goto(f"/{prefix}/{event_codes[questionnaire_id]}")
        assert page.url.endswith(f"/q/{questionnaire_id}")
        if lang == SHIPPED_BY_ID[questionnaire_id].languages[0]:
            assert_no_axe_violations(page)  # the same page for every language
        choose_language(page, lang)
        assert page.url.endswith("/consent")
        _check(page, lang, seen)
        pass_consent(page)
        _check(page, lang, seen)
        _show_errors(page)
        _check(page, lang, seen)
        walk_screens(page, on_screen=lambda current: _check(current, lang, seen))
        _check(page, lang, seen)
        submit(page)
        _check(page, lang, seen)
        kiosk_reset = page.locator("body").get_attribute("data-return-url")
        assert (kiosk_reset is not None) == (mode == "kiosk")
    finally:
        context.close()
    assert len(seen) >= 6
