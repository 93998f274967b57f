"""Translating and maintaining offers in the browser: keyboard, axe-clean, 320 px, no script."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import expect

from survey_app import create_app
from survey_app.questionnaire import load_questionnaire
from tests.conftest import make_test_config
from tests.coordinator.conftest import (
    COORDINATOR_NAME,
    PASSWORD,
    add_accounts,
    write_questionnaires,
)
from tests.support.browser import assert_no_axe_violations, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def translation_app(tmp_path_factory: pytest.TempPathFactory, password_hash: str) -> Flask:
    root = Path(tmp_path_factory.mktemp("translate"))
    folder = write_questionnaires(root / "questionnaires")
    app = create_app(make_test_config(root, QUESTIONNAIRE_DIR=str(folder)))
    add_accounts(app, password_hash)
    return app


@pytest.fixture
def page(chromium: Any, translation_app: Flask) -> Iterator[Any]:
    with serve(translation_app) as url:
        context = chromium.new_context(
            base_url=url, locale="de-DE", viewport={"width": 320, "height": 640}
        )
        yield context.new_page()
        context.close()


def _fits(page: Any) -> None:
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_translate_a_missing_text_by_keyboard(page: Any, translation_app: Flask) -> None:
    # No script on these pages: the form works as plain HTML.
    page.goto("/admin/login")
    page.get_by_label("Benutzername").fill(COORDINATOR_NAME)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_label("Passwort").press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto("/admin/questionnaires/translations")
    _fits(page)
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("^Übersetzen.*العربية")).click()
    page.wait_for_url(re.compile(r"/translations/ar$"))
    _fits(page)
    assert page.locator("script").count() == 0
    assert_no_axe_violations(page)
    field = page.get_by_label("Größe")  # the label names the key and the German text
    field.focus()
    page.keyboard.type("الطول")
    page.keyboard.press("Tab")  # the next control is the first "Speichern" button
    assert page.evaluate("document.activeElement.textContent") == "Speichern"
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 Text gespeichert.")).to_be_visible()
    assert_no_axe_violations(page)
    saved = load_questionnaire(Path(translation_app.config["QUESTIONNAIRE_DIR"]) / "familie.yaml")
    assert saved.pages[0].questions[5].label.values["ar"] == "الطول"


def test_add_an_offer_in_the_browser(page: Any, translation_app: Flask) -> None:
    page.goto("/admin/login")
    page.get_by_label("Benutzername").fill(COORDINATOR_NAME)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_label("Passwort").press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto("/admin/site")
    page.get_by_text("Angebot hinzufügen", exact=True).first.click()  # opens the <details>
    _fits(page)
    assert_no_axe_violations(page)
    page.locator("#offers-id").fill("familienzentrum-lindenhof")
    page.locator("#offers-name-de").fill("Familienzentrum Lindenhof")
    page.get_by_label("Nordviertel").check()
    page.get_by_role("button", name="Angebot hinzufügen").click()
    expect(page.get_by_text("„Familienzentrum Lindenhof“ wurde gespeichert.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Umbenennen.*Familienzentrum Lindenhof")).click()
    _fits(page)
    assert_no_axe_violations(page)
