"""The planner's results page in the browser: filter, read, compare, take the brief along.

A planner logs in, opens the parents' questionnaire, filters by a district and by a
choice question ("only single parents") and reads the reach table; the PDF brief for
that selection prints exactly those numbers (pdftotext). Two districts side by side;
a bad value gives a 400 page in the UI language. The page is axe-clean in German,
English and Arabic and has no sideways scrolling at 320 px.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from analysis.demo_data import fill_demo_data
from survey_app import create_app
from survey_app.library import get_library
from survey_app.storage.db import get_engine
from tests.conftest import make_test_config
from tests.coordinator.conftest import PASSWORD, PLANNER_NAME, add_accounts
from tests.support.browser import assert_no_axe_violations, serve
from tests.support.pdf_glyphs import pdf_text

pytestmark = pytest.mark.browser

PAGE = "/admin/results/eltern-0-10"


@pytest.fixture(scope="module")
def results_url(tmp_path_factory: pytest.TempPathFactory, password_hash: str) -> Iterator[str]:
    app: Flask = create_app(make_test_config(Path(tmp_path_factory.mktemp("results"))))
    add_accounts(app, password_hash)
    with app.app_context():
        fill_demo_data(get_engine(), get_library().all(), 900, seed=11)
    with serve(app) as url:
        yield url


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("(", "").replace(")", "")).strip()


def _reach_rows(page: Any, group: int = 1) -> list[list[str]]:
    table = page.locator(f"#group-{group} ~ .table-scroll table").first
    assert table.locator("caption").inner_text().startswith("Tabelle 1: Reichweite")
    return [
        [_plain(cell) for cell in row.locator("th, td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]


def test_planner__filters_compares_and_gets_the_brief_with_the_same_numbers(
    chromium: Any, results_url: str, tmp_path: Path
) -> None:
    context = chromium.new_context(base_url=results_url, locale="de-DE", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(120_000)  # each new selection is analysed and audited (LP)
    page.goto("/admin/login")
    page.get_by_label("Benutzername").fill(PLANNER_NAME)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.goto("/admin/results")
    page.get_by_role("link", name=re.compile(r"^Elternbefragung")).click()
    assert page.url.endswith(PAGE)
    everyone = page.locator(".result-scope").inner_text()

    # Filter by district and by a choice question, with the form (no JavaScript needed).
    page.get_by_label("Stadtteil").select_option("lindenhof")
    page.get_by_label("Antwort auf eine Frage").select_option("single_parent:yes")
    page.get_by_role("button", name="Anzeigen").click()
    assert "district=lindenhof" in page.url and "answer=single_parent" in page.url
    scope = page.locator(".result-scope").inner_text()
    assert "Lindenhof" in scope and "Sind Sie alleinerziehend?" in scope and scope != everyone
    responses = _plain(page.locator(".result-scope dd").last.inner_text())
    rows = _reach_rows(page)
    assert len(rows) >= 5 and any("•" in cell for row in rows for cell in row)
    assert page.locator("figure svg[role=img] title").count() >= 2  # charts, each with a text
    assert_no_axe_violations(page)

    # The brief for this selection prints exactly these numbers.
    with page.expect_download() as download:
        page.get_by_role("link", name="Kurzbericht für diese Auswahl (PDF)").click()
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(Path(download.value.path()).read_bytes())
    text = _plain(pdf_text(pdf))
    assert f"Antworten {responses}" in text and "Lindenhof" in text
    # pdftotext may put a row's label between its cells (a label vertically centred
    # beside a two-line cell): compare the numbers with the labels taken out.
    for label, *_numbers in rows:
        text = text.replace(label, " ")
    text = " ".join(text.split())
    position = 0
    for label, *numbers in rows:
        found = text.find(" ".join(numbers), position)
        assert found > 0, (label, numbers)
        position = found  # and in the same order

    # Two districts side by side; the same page in English and Arabic; 320 px wide.
    page.get_by_label("Gruppe A").select_option("district=lindenhof")
    page.get_by_label("Gruppe B").select_option("district=altstadt")
    page.get_by_role("button", name="Anzeigen").click()
    assert page.locator(".result-group h2").all_inner_texts() == ["Gruppe A", "Gruppe B"]
    assert _reach_rows(page, 1) == rows  # A: Lindenhof and single parents, as above
    assert _reach_rows(page, 2) != rows
    compared = page.url
    for lang in ("en", "ar"):
        page.goto(f"{compared}&lang={lang}")
        assert page.locator("html").get_attribute("lang") == lang
        assert_no_axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 800})
    for url in (compared, f"{compared}&lang=de"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320

    # A tampered value: a 400 page in the UI language, naming the value.
    response = page.goto(f"{PAGE}?district=mars&lang=en")
    assert response.status == 400
    assert "Unknown value for “district”: mars" in page.content()
    context.close()
