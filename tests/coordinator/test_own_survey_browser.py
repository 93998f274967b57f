"""A coordinator's own survey, from Excel to the export, in a real browser (issue #13).

She uploads a workbook made here (choice, multiple choice, relevance, de + en, a
picture, a recording), reads the reported error, fixes it, previews, publishes, creates
an event (the poster points at the configured public address), two families answer,
she renames a choice in a new version with a mapping, adds Turkish in the browser and
exports: every earlier answer is there under its new name.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from survey_app import create_app
from tests.conftest import make_test_config
from tests.coordinator.conftest import (
    COORDINATOR_NAME,
    PASSWORD,
    add_accounts,
    write_questionnaires,
)
from tests.respondent.browsing import pass_consent, press_next
from tests.support.browser import assert_no_axe_violations, serve

pytestmark = pytest.mark.browser

PUBLIC = "https://umfrage.lindenau.example"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PICTURE = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
RECORDING = b"ID3\x03\x00\x00\x00\x00\x00\x00" + bytes(64)  # a (silent) MP3 header


def workbook(relevant: str, rucksack: str, version: str) -> bytes:
    """The coordinator's XLSForm: what the child brought (with a picture and a recording)
    and, shown only when something was brought, whether the child liked it."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    sheets: dict[str, list[list[Any]]] = {
        "survey": [
            ["type", "name", "label::Deutsch (de)", "label::English (en)", "relevant",
             "media::audio::Deutsch (de)"],
            ["select_multiple dinge", "mitgebracht", "Was hat Ihr Kind dabei?",
             "What did your child bring?", None, "frage.mp3"],
            ["select_one janein", "gefallen", "Hat es Ihrem Kind gefallen?",
             "Did your child like it?", relevant, None],
        ],
        "choices": [
            ["list_name", "name", "label::Deutsch (de)", "label::English (en)", "image",
             "ankommen_image_alt_de", "ankommen_image_alt_en"],
            ["dinge", rucksack, "Rucksack", "Backpack", "rucksack.svg", "Ein Rucksack",
             "A backpack"],
            ["dinge", "brotdose", "Brotdose", "Lunch box", None, None, None],
            ["janein", "ja", "Ja", "Yes", None, None, None],
            ["janein", "nein", "Nein", "No", None, None, None],
        ],
        "settings": [["form_id", "version", "default_language", "form_title"],
                     ["kita", version, "de", "Kita-Fest"]],
    }  # fmt: skip
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(page: Any, content: bytes) -> None:
    page.goto("/admin/questionnaires")
    page.get_by_label("Fragebogen (.xlsx oder .yaml)").set_input_files(
        {"name": "kita.xlsx", "mimeType": XLSX, "buffer": content}
    )
    page.get_by_label(re.compile("Bilder und Töne")).set_input_files(
        [
            {"name": "rucksack.svg", "mimeType": "image/svg+xml", "buffer": PICTURE},
            {"name": "frage.mp3", "mimeType": "audio/mpeg", "buffer": RECORDING},
        ]
    )
    page.get_by_role("button", name="Hochladen und prüfen").click()
    page.wait_for_url(re.compile("/admin/questionnaires/staged/"))


def answer(page: Any, path: str, brought: str) -> int:
    """A family answers on its own phone: ticks ``brought``, then 'Ja'.  Returns how many
    players of the German recording the question's screen had."""
    players = 0
    page.goto(path)
    if page.locator("a.lang-button[lang='de']").count():
        with page.expect_navigation(wait_until="domcontentloaded"):
            page.click("a.lang-button[lang='de']")
    if "/consent" in page.url:
        pass_consent(page)
    for _ in range(6):
        if page.url.endswith("/done"):
            break
        choice = page.get_by_role("checkbox", name=re.compile(brought))
        if choice.count():
            players = page.locator("audio[controls][src$='/audio/frage.mp3']").count()
            choice.check()
        yes = page.get_by_role("radio", name="Ja")
        if yes.count():
            yes.check()
        press_next(page)
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.click("form.submit-form button[type=submit]")
    assert page.url.endswith("/thanks"), page.url
    return players


def test_own_survey__excel_to_export_nothing_lost(
    chromium: Any, tmp_path: Path, password_hash: str
) -> None:
    folder = write_questionnaires(tmp_path / "questionnaires")
    app = create_app(make_test_config(tmp_path, QUESTIONNAIRE_DIR=str(folder), PUBLIC_URL=PUBLIC))
    add_accounts(app, password_hash)
    with serve(app) as url:
        context = chromium.new_context(base_url=url, locale="de-DE", accept_downloads=True)
        page = context.new_page()
        page.goto("/admin/login")
        page.get_by_label("Benutzername").fill(COORDINATOR_NAME)
        page.get_by_label("Passwort").fill(PASSWORD)
        page.get_by_label("Passwort").press("Enter")
        page.wait_for_url(re.compile(r"/admin/$"))

        # A typo in the relevance column: reported in the workbook's terms, nothing to publish.
        upload(page, workbook("${mitgebrachtx} != ''", "rucksack", "1"))
        problems = page.locator(".problem-error").all_inner_texts()
        assert any("Blatt „survey“, Zeile 3, Spalte „relevant“" in p for p in problems), problems
        assert any("mitgebrachtx" in p and "meinten Sie „mitgebracht“" in p for p in problems)
        assert page.get_by_role("button", name="Veröffentlichen").count() == 0

        # Fixed: preview in English, then publish.
        upload(page, workbook("${mitgebracht} != ''", "rucksack", "1"))
        staged = page.url
        page.locator("a[href*='/preview?lang=en']").first.click()
        if "/consent" in page.url:
            pass_consent(page)
        assert "What did your child bring?" in page.locator("main").inner_text()
        # Only a German recording: English speakers hear it too, beside the English text.
        assert page.locator("audio[controls][src$='/audio/frage.mp3']").count() == 1
        page.goto(staged)  # the admin pages are still German after the English preview
        page.get_by_role("button", name="Veröffentlichen").click()
        page.wait_for_url(re.compile("/kita/versions"))

        # An event for it; the poster's QR code and address are the public ones.
        page.goto("/admin/events/new")
        page.get_by_label("Name der Veranstaltung").fill("Kita-Fest Altstadt")
        page.get_by_label("Sozialraum").select_option("altstadt")
        page.get_by_role("checkbox", name=re.compile("Kita-Fest")).check()
        page.get_by_role("button", name="Veranstaltung anlegen").click()
        page.wait_for_url(re.compile(r"/admin/events#event-"))
        code = page.url.rsplit("#event-", 1)[1]
        page.goto(f"/admin/events/{code}/poster")
        assert page.get_by_role("img", name=f"QR-Code für die Adresse {PUBLIC}/e/{code}").count()
        assert page.locator(".poster-url").inner_text() == f"umfrage.lindenau.example/e/{code}"

        # Two families answer on their phones (the German recording plays beside the text).
        for _ in range(2):
            family = chromium.new_context(base_url=url, locale="de-DE")
            assert answer(family.new_page(), f"/e/{code}", "Rucksack") == 1
            family.close()

        # Version 2 renames the choice; publishing asks what happens to the 2 answers.
        upload(page, workbook("${mitgebracht} != ''", "rucksack_kita", "2"))
        assert "2 gespeicherte Antworten" in page.locator("main").inner_text()
        page.get_by_label(re.compile("mitgebracht:rucksack")).select_option("to:rucksack_kita")
        page.get_by_role("button", name="Veröffentlichen").click()
        page.wait_for_url(re.compile("/kita/versions"))
        history = page.locator("main").inner_text()
        assert "rucksack_kita" in history
        assert_no_axe_violations(page)

        # Turkish, added in the browser.
        page.goto("/admin/questionnaires/translations")
        page.locator("a[href$='/questionnaires/kita/translations/tr']").click()
        page.get_by_label(re.compile("question mitgebracht / label")).fill("Çocuğunuz ne getirdi?")
        page.get_by_role("button", name=re.compile("Speichern")).first.click()
        assert "1 Text gespeichert." in page.locator(".flash-messages").inner_text()
        assert_no_axe_violations(page)

        # The export: both earlier answers under the new name, none turned into "not ticked".
        page.goto("/admin/exports")
        with page.expect_download() as download:
            page.locator("form[action$='/exports/kita/xlsx'] button").click()
        book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
        header, *rows = list(book["responses"].iter_rows(values_only=True))
        assert len(rows) == 2
        column = header.index("mitgebracht__rucksack_kita")
        assert [row[column] for row in rows] == [1, 1]
        assert "mitgebracht__rucksack" not in header
        context.close()
