"""The upload, decision and version history pages in a real browser: axe-clean and no
sideways scrolling at 320 px (one lean test)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from survey_app import create_app
from survey_app.library import get_library
from tests.conftest import make_test_config
from tests.coordinator.conftest import (
    COORDINATOR_NAME,
    PASSWORD,
    add_accounts,
    store,
    write_questionnaires,
)
from tests.coordinator.test_upload import PICTURE, kita_form
from tests.support.browser import assert_no_axe_violations, serve

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _fits_320(page: Any) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    page.set_viewport_size({"width": 1024, "height": 800})
    assert overflow <= 0, f"{page.url} scrolls sideways at 320 px by {overflow} px"


def _upload(page: Any, form: bytes) -> None:
    page.goto("/admin/questionnaires")
    page.get_by_label("Fragebogen (.xlsx oder .yaml)").set_input_files(
        {"name": "kita.xlsx", "mimeType": XLSX, "buffer": form}
    )
    page.get_by_label(re.compile("Bilder und Töne")).set_input_files(
        {"name": "rucksack.svg", "mimeType": "image/svg+xml", "buffer": PICTURE}
    )
    page.get_by_role("button", name="Hochladen und prüfen").click()
    page.wait_for_url(re.compile("/admin/questionnaires/staged/"))


def test_upload_decide_publish_history__accessible(
    chromium: Any, tmp_path: Path, password_hash: str
) -> None:
    folder = write_questionnaires(tmp_path / "questionnaires")
    app = create_app(make_test_config(tmp_path, QUESTIONNAIRE_DIR=str(folder)))
    add_accounts(app, password_hash)
    with serve(app) as url:
        context = chromium.new_context(base_url=url, locale="de-DE")
        page = context.new_page()
        page.goto("/admin/login")
        page.get_by_label("Benutzername").fill(COORDINATOR_NAME)
        page.get_by_label("Passwort").fill(PASSWORD)
        page.get_by_label("Passwort").press("Enter")
        page.wait_for_url(re.compile(r"/admin/$"))

        page.goto("/admin/questionnaires")
        assert_no_axe_violations(page)
        _upload(page, kita_form())
        page.get_by_role("button", name="Veröffentlichen").click()
        page.wait_for_url(re.compile("/kita/versions"))

        with app.app_context():
            content_hash = get_library().get("kita").content_hash
        for _ in range(2):
            store(app, questionnaire_id="kita", questionnaire_hash=content_hash,
                  answers={"mitgebracht": ["rucksack"]})  # fmt: skip
        _upload(page, kita_form(rucksack="rucksack_kita"))
        assert_no_axe_violations(page)  # check result, preview table, decision form
        _fits_320(page)
        page.get_by_label(re.compile("mitgebracht:rucksack")).select_option("to:rucksack_kita")
        page.get_by_role("button", name="Veröffentlichen").click()
        page.wait_for_url(re.compile("/kita/versions"))
        assert "rucksack_kita" in page.locator("main").inner_text()
        assert_no_axe_violations(page)
        _fits_320(page)
        context.close()
