"""Complete questionnaires in Chromium: by keyboard only, in Arabic, in child mode; and the
layout at 320 px and 200 % zoom, target sizes, read-aloud, the dot-vote helper."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from survey_app import storage
from survey_app.storage.db import get_engine
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

pytestmark = pytest.mark.browser


def _responses_of(app: Flask, code: str) -> list[dict[str, Any]]:
    with app.app_context(), get_engine().connect() as conn:
        rows = [
            dict(r._mapping)
            for r in conn.execute(
                select(storage.responses).where(storage.responses.c.event_code == code)
            )
        ]
    for row in rows:
        row["answers"] = json.loads(row["answers"])
    return rows


# --- keyboard only --------------------------------------------------------------------


def _tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def _focus_is_visible(page: Any) -> bool:
    """The focused element, or the label around it, shows an outline."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const box = el.closest('label') || el;
            const style = getComputedStyle(box);
            const own = getComputedStyle(el);
            return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
                || own.outlineStyle !== 'none' && parseFloat(own.outlineWidth) >= 2;
        }"""
    )


def _keyboard_next(page: Any) -> None:
    _tab_to(page, "button[value=next]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_keyboard_only__completes_the_childrens_questionnaire(
    chromium: Any, live_server: str, live_app: Flask
) -> None:
    code = create_event(live_app, ["kinder-6-10"], name="Tastatur")
    context = new_context(chromium, live_server)
    page = context.new_page()
    try:
        page.goto(f"/k/{code}")
        _tab_to(page, 'a.lang-button[lang="tr"]')
        assert _focus_is_visible(page)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        _tab_to(page, "main form button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.keyboard.press("Tab")  # from the top of the page into the form
        _tab_to(page, "#q-alter")
        page.keyboard.type("8")
        _keyboard_next(page)
        _tab_to(page, "input[name=stadtteil]")
        page.keyboard.press("ArrowDown")  # the second district, chosen with the arrow key
        assert _focus_is_visible(page)
        _keyboard_next(page)
        _tab_to(page, "input[name=einrichtung][value=hort]")
        page.keyboard.press("Space")
        assert _focus_is_visible(page)
        _keyboard_next(page)
        for _ in range(15):
            if page.url.endswith("/done"):
                break
            if page.locator("input[type=radio]").count():
                _tab_to(page, "input[type=radio]")
                page.keyboard.press(
                    "ArrowRight"
                    if page.locator("html").get_attribute("dir") == "ltr"
                    else "ArrowLeft"
                )
                assert _focus_is_visible(page)
            elif page.locator("input.input-points").count():
                _tab_to(page, "input.input-points")
                page.keyboard.type("2")
            elif page.locator("input[name=wunsch]").count():
                _tab_to(page, "input[name=wunsch]")
                page.keyboard.type("Ein Schwimmbad")
            _keyboard_next(page)
        assert page.url.endswith("/done")
        _tab_to(page, "form.submit-form button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("/thanks")
    finally:
        context.close()
    rows = _responses_of(live_app, code)
    assert len(rows) == 1
    answers = rows[0]["answers"]
    assert rows[0]["language"] == "tr" and rows[0]["mode"] == "kiosk"
    assert (
        answers["alter"] == 8
        and answers["stadtteil"] == "nordviertel"
        and answers["einrichtung"] == ["hort"]
    )
    assert answers["hort_gefallen"] == "2" and answers["wunsch"] == "Ein Schwimmbad"
    assert sum(answers["besser_werden"].values()) == 2


# --- whole questionnaires by pointer --------------------------------------------------


def test_browser__eltern_in_arabic_completed_and_stored(
    chromium: Any, live_server: str, live_app: Flask
) -> None:
    code = create_event(live_app, ["eltern-0-10"], name="Arabisch")
    context = new_context(chromium, live_server)
    page = context.new_page()
    try:
        page.goto(f"/e/{code}")
        choose_language(page, "ar")
        assert page.locator("html").get_attribute("dir") == "rtl"
        pass_consent(page)
        page.click("text=من 3 إلى 5 سنوات")
        page.click("text=ليندنهوف")
        press_next(page)
        page.evaluate(FILL_SCREEN)
        press_next(page)
        page.click("text=مركز الأسرة")
        page.click("text=حقيبة الترحيب بالمولود")
        press_next(page)
        page.click("label.choice:has-text('مركز الأسرة')")
        press_next(page)
        walk_screens(page)
        submit(page)
        assert page.locator("html").get_attribute("lang") == "ar"
    finally:
        context.close()
    rows = _responses_of(live_app, code)
    assert len(rows) == 1
    row = rows[0]
    assert (row["language"], row["mode"], row["questionnaire_id"]) == (
        "ar",
        "own_device",
        "eltern-0-10",
    )
    answers = row["answers"]
    assert answers["life_phase"] == "3-6" and answers["district"] == "lindenhof"
    assert sorted(answers["offers_known"]) == ["babybegruessung", "familienzentrum"]
    assert answers["offers_used"] == ["familienzentrum"]
    assert set(answers["offers_helpful"]) == {"familienzentrum"}
    assert set(answers["barriers"]) == {"babybegruessung"}
    from survey_app.library import get_library

    with live_app.app_context():
        assert get_library().get("eltern-0-10").validate(answers) == []


def test_browser__kinder_in_child_mode_completed_and_stored(
    chromium: Any, live_server: str, live_app: Flask
) -> None:
    code = create_event(live_app, ["kinder-6-10"], name="Kinder")
    context = new_context(
        chromium, live_server, viewport={"width": 800, "height": 1280}, has_touch=True
    )
    page = context.new_page()
    try:
        page.goto(f"/k/{code}")
        choose_language(page, "de")
        pass_consent(page)
        assert page.locator(".progress").inner_text() == "Frage 1"
        page.fill("#q-alter", "6")
        press_next(page)
        press_next(page)  # the district is not required: skipped by the child
        page.click("label.choice.tile:has-text('Kita')")
        page.click("label.choice.tile:has-text('Hort')")
        press_next(page)
        assert page.locator("h1.q-text").inner_text() == "Wie gefällt es dir in der Kita?"
        page.click("label.smiley:has-text('sehr gut')")
        press_next(page)
        page.click("label.smiley:has-text('geht so')")
        press_next(page)
        page.click("label.smiley:has-text('Manchmal')")
        press_next(page)
        walk_screens(page)
        submit(page)
    finally:
        context.close()
    rows = _responses_of(live_app, code)
    assert len(rows) == 1
    answers = rows[0]["answers"]
    assert answers["alter"] == 6 and "stadtteil" not in answers
    assert sorted(answers["einrichtung"]) == ["hort", "kita"]
    assert (
        answers["kita_gefallen"] == "5"
        and answers["hort_gefallen"] == "3"
        and answers["reden_traurig"] == "2"
    )
    assert "schule_gefallen" not in answers and "schulweg_sicher" not in answers


# --- layout: reflow, zoom, target sizes ----------------------------------------------

#: Interactive things a finger must hit; radios and checkboxes count by their label.
TARGETS = """() => {
  const small = [];
  const items = document.querySelectorAll(
    'main button, main a.button, .lang-button, .flow-nav a, .brand, label.choice, .compact > label, label.smiley, ' +
    'main input[type=text], main input[type=number], main input[type=date], main textarea, .card h2 a');
  for (const el of items) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || el.closest('[hidden]') || el.closest('dialog:not([open])')) continue;
    if (box.width < 44 || box.height < 44) small.push(el.outerHTML.slice(0, 120) + ' ' + box.width + 'x' + box.height);
  }
  for (const input of document.querySelectorAll('main input[type=radio], main input[type=checkbox]')) {
    if (!input.closest('label')) small.push('unwrapped ' + input.outerHTML.slice(0, 80));
  }
  return small;
}"""

NO_SIDEWAYS_SCROLL = (
    "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
)


def _layout_checks(page: Any, where: list[str]) -> None:
    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"horizontal scrolling on {page.url}"
    small = page.evaluate(TARGETS)
    assert not small, f"targets under 44x44 on {page.url}: {small}"
    where.append(page.url)


@pytest.mark.parametrize(
    ("width", "questionnaire_id", "lang"),
    [
        (320, "eltern-0-10", "ar"),
        (320, "kinder-6-10", "de"),
        (320, "jugend-10-16", "ru"),
        (640, "eltern-0-10", "de"),
        (640, "kinder-6-10", "ar"),
    ],
    ids=[
        "320-eltern-ar",
        "320-kinder-de",
        "320-jugend-ru",
        "zoom200-eltern-de",
        "zoom200-kinder-ar",
    ],
)
def test_layout__320px_and_200_percent_zoom_no_sideways_scrolling_and_44px_targets(
    chromium: Any, live_server: str, live_app: Flask, width: int, questionnaire_id: str, lang: str
) -> None:
    # 200 % zoom of a 1280 px wide window leaves 640 CSS pixels; 320 px is the reflow case.
    code = create_event(live_app, [questionnaire_id], name="Layout")
    context = new_context(chromium, live_server, viewport={"width": width, "height": 720})
    page = context.new_page()
    where: list[str] = []
    try:
        page.goto("/")
        _layout_checks(page, where)
        page.goto(f"/k/{code}")
        _layout_checks(page, where)
        choose_language(page, lang)
        _layout_checks(page, where)
        pass_consent(page)
        walk_screens(page, on_screen=lambda current: _layout_checks(current, where))
        _layout_checks(page, where)
        submit(page)
        _layout_checks(page, where)
    finally:
        context.close()
    assert len(where) >= 8


# --- script enhancements --------------------------------------------------------------


def test_read_aloud__offered_only_where_a_voice_for_the_language_exists(
    chromium: Any, live_server: str
) -> None:
    context = new_context(chromium, live_server)
    page = context.new_page()
    try:
        page.goto("/q/kinder-6-10?lang=ar")
        pass_consent(page)
        page.wait_for_load_state("load")
        voices = page.evaluate(
            """() => new Promise(done => {
                const list = () => speechSynthesis.getVoices().map(v => v.lang.toLowerCase());
                if (list().length) return done(list());
                setTimeout(() => done(list()), 500);
            })"""
        )
        has_arabic = any(voice.startswith("ar") for voice in voices)
        button = page.locator("button.read-aloud")
        assert button.count() == 1
        assert button.is_visible() == has_arabic
        assert page.locator("main h1.speak").count() == 1, "the question is read"
    finally:
        context.close()


def test_dot_vote__plus_minus_buttons_and_points_left(chromium: Any, live_server: str) -> None:
    context = new_context(chromium, live_server)
    page = context.new_page()
    try:
        page.goto("/q/jugend-10-16?lang=de")
        pass_consent(page)
        for _ in range(10):
            if page.locator("fieldset.dot-vote").count():
                break
            page.evaluate(FILL_SCREEN)
            press_next(page)
        left = page.locator(".points-left")
        assert left.inner_text() == "Noch 5 Punkte übrig."
        more = page.locator("fieldset.dot-vote button[aria-label^='Ein Punkt mehr']")
        assert more.count() == page.locator("input.input-points").count()
        more.first.click()
        more.first.click()
        assert page.locator("input.input-points").first.input_value() == "2"
        assert left.inner_text() == "Noch 3 Punkte übrig."
        page.locator("input.input-points").nth(1).fill("4")
        assert left.inner_text() == "1 Punkte zu viel!"
        press_next(page)
        assert page.locator(".error-summary").is_visible()
        assert (
            "Du hast 6 Punkte verteilt, du hast aber nur 5."
            in page.locator(".error-summary").inner_text()
        )
    finally:
        context.close()
