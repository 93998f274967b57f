"""The "done when" story in the browser, and a planner who sees no raw data.

Coordinator, in the browser only: log in (by keyboard), see that a questionnaire file
has an error and where, preview a questionnaire in Arabic, create an event, print its
poster, watch a response arrive, export the responses as XLSX with a codebook, purge
old responses.  axe-core checks every admin page type on the way.

The app serves a copy of the shipped questionnaires plus one broken file, so it is
built here (the shared ``live_app`` serves the shipped folder unchanged).
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pypdf
import pytest
from flask import Flask
from playwright.sync_api import expect
from sqlalchemy import select

from survey_app import create_app, storage
from survey_app.storage.db import get_engine
from tests.conftest import PROJECT_ROOT, make_test_config
from tests.coordinator.conftest import COORDINATOR_NAME, PASSWORD, PLANNER_NAME, add_accounts
from tests.coordinator.test_questionnaires import BROKEN_YAML
from tests.support.browser import assert_no_axe_violations, serve

pytestmark = pytest.mark.browser

OLD_ANSWER = "Antwort von vor drei Jahren"
NEW_ANSWER = "Antwort von heute am Fest"


@pytest.fixture(scope="module")
def story_app(tmp_path_factory: pytest.TempPathFactory, password_hash: str) -> Flask:
    root = Path(tmp_path_factory.mktemp("story"))
    folder = root / "questionnaires"
    shutil.copytree(PROJECT_ROOT / "questionnaires", folder)
    (folder / "kaputt.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    app = create_app(make_test_config(root, QUESTIONNAIRE_DIR=str(folder)))
    add_accounts(app, password_hash)
    _store(app, OLD_ANSWER, None, date.today() - timedelta(days=3 * 365))
    return app


@pytest.fixture(scope="module")
def story_url(story_app: Flask) -> Iterator[str]:
    with serve(story_app) as url:
        yield url


@pytest.fixture
def admin_page(chromium: Any, story_url: str) -> Iterator[Any]:
    context = chromium.new_context(base_url=story_url, locale="de-DE", accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def _store(app: Flask, text: str, event_code: str | None, day: date) -> None:
    with app.app_context(), get_engine().begin() as conn:
        storage.store_response(
            conn,
            storage.NewResponse(
                questionnaire_id="eltern-0-10",
                questionnaire_version="1",
                questionnaire_hash="0" * 64,
                language="de",
                mode="own_device",
                event_code=event_code,
                district="altstadt",
                answers={"helps_most": text},
            ),
            token=storage.new_token(),
            today=day,
        )


def _stored_texts(app: Flask) -> list[str]:
    with app.app_context(), get_engine().connect() as conn:
        return sorted(conn.execute(select(storage.responses.c.answers)).scalars())


def _log_in_by_keyboard(page: Any, name: str) -> None:
    page.goto("/admin/")
    assert page.url.endswith("/admin/login?next=/admin/")
    assert_no_axe_violations(page)
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.get_by_label("Benutzername").focus()
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^[^?]*/admin/$"))


def test_story__coordinator_does_everything_in_the_browser(admin_page, story_app) -> None:
    page = admin_page
    _log_in_by_keyboard(page, COORDINATOR_NAME)
    assert_no_axe_violations(page)

    # A questionnaire file has an error, and the page says where.
    page.get_by_role("link", name="Fragebögen", exact=True).click()
    problem = page.locator(".problem-error")
    assert "kaputt.yaml:11" in problem.inner_text() and "multiple_choise" in problem.inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Übersetzungsstand ansehen").click()
    assert page.locator("h1").inner_text() == "Übersetzungsstand"
    assert_no_axe_violations(page)

    # Preview in Arabic, right to left, as respondents see it.
    page.go_back()
    page.locator("a[href$='/eltern-0-10/preview?lang=ar&mode=adult']").click()
    page.wait_for_url(re.compile(r"/q/eltern-0-10/"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"

    # Create an event.
    page.goto("/admin/events/new")
    assert_no_axe_violations(page)
    page.get_by_label("Name der Veranstaltung").fill("Stadtteilfest Altstadt")
    page.get_by_label("Sozialraum").select_option("altstadt")
    page.get_by_role("checkbox", name=re.compile(r"^Elternbefragung")).check()
    page.get_by_role("button", name="Veranstaltung anlegen").click()
    page.wait_for_url(re.compile(r"/admin/events#event-"))
    code = page.url.rsplit("#event-", 1)[1]
    own_device = page.locator(f"#event-{code} a.url[href$='/e/{code}']").inner_text()
    assert own_device == f"{page.url.split('/admin')[0]}/e/{code}"
    assert_no_axe_violations(page)

    # Its poster: titles in their languages, the QR code, the short URL; one A4 page.
    page.get_by_role("link", name=re.compile(r"^Plakat drucken")).click()
    page.wait_for_load_state("load")  # the QR image is loaded
    assert page.locator(".poster-titles li[lang='ar'][dir='rtl']").count() == 1
    assert page.evaluate("document.querySelector('.poster-qr').naturalWidth") > 0
    assert page.locator(".poster-url").inner_text() == own_device.split("://", 1)[1]
    assert page.get_by_role("button", name="Drucken").is_visible()
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    assert len(pypdf.PdfReader(io.BytesIO(page.pdf(format="A4"))).pages) == 1
    page.emulate_media(media="screen")

    # A response arrives while the live overview is open (it refreshes by itself).
    page.goto("/admin/live")
    assert_no_axe_violations(page)
    assert (
        page.locator("[data-live-total]").inner_text() == "Insgesamt: 1 abgeschlossen, 0 begonnen."
    )
    _store(story_app, NEW_ANSWER, code, date.today())
    expect(page.locator("[data-live-total]")).to_contain_text("2 abgeschlossen", timeout=12_000)
    assert "Stadtteilfest Altstadt" in page.locator("table[data-dimension='event']").inner_text()
    assert page.locator("#live-announcer").inner_text().startswith("Insgesamt: 2 abgeschlossen")

    # Export as XLSX with the codebook.
    page.get_by_role("link", name="Export", exact=True).click()
    assert_no_axe_violations(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile(r"^Excel \(XLSX\).*Elternbefragung")).click()
    download = download_info.value
    assert download.suggested_filename.startswith(
        "eltern-0-10-"
    ) and download.suggested_filename.endswith(".xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert workbook.sheetnames == ["responses", "codebook"]
    values = {cell.value for row in workbook["responses"].iter_rows() for cell in row}
    assert {OLD_ANSWER, NEW_ANSWER, code} <= values
    assert "helps_most" in {cell.value for cell in workbook["codebook"]["B"]}

    # Purge responses older than 24 months, with a confirmation step.
    page.get_by_role("link", name="Löschfristen").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name=re.compile("^Weiter")).click()
    assert "1 Antwort wurde vor dem" in page.locator(".notice").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Endgültig löschen").click()
    assert "1 Antworten gelöscht" in page.locator(".flash-messages").inner_text()
    assert [NEW_ANSWER in text for text in _stored_texts(story_app)] == [True]

    # The audit log shows the export and the purge; quotes and results pages are clean too.
    page.get_by_role("link", name="Protokoll").click()
    log = page.locator("table").inner_text()
    assert "Export" in log and "Löschung alter Antworten" in log and COORDINATOR_NAME in log
    assert_no_axe_violations(page)
    for path in ("/admin/quotes", "/admin/results"):
        page.goto(path)
        assert_no_axe_violations(page)

    page.get_by_role("button", name="Abmelden").click()
    assert "Sie sind abgemeldet." in page.locator(".flash-messages").inner_text()


def test_planner__sees_results_but_none_of_the_raw_data(admin_page, story_app) -> None:
    _store(story_app, "Planer dürfen das nie sehen", None, date.today())
    page = admin_page
    _log_in_by_keyboard(page, PLANNER_NAME)
    navigation = page.get_by_role("navigation", name="Bereiche").inner_text()
    assert navigation.split() == ["Übersicht", "Ergebnisse"]
    assert "Planer dürfen das nie sehen" not in page.content()
    assert_no_axe_violations(page)
    for path in ("/admin/exports", "/admin/live", "/admin/quotes", "/admin/events", "/admin/audit"):
        response = page.goto(path)
        assert response.status == 403, path
        assert "Planer dürfen das nie sehen" not in page.content()
    page.goto("/admin/results")
    assert page.get_by_role("link", name=re.compile(r"^Kurzbericht \(PDF\)")).count() == 3
    assert_no_axe_violations(page)
