"""Every page type at 320 px and 640 px: no sideways scrolling, every target >= 44 × 44 px.

320 CSS px is a 1280 px window at 400 % zoom (WCAG 1.4.10) and a small phone; 640 px a
large phone held sideways.  The respondent pages are walked in every shipped language
and mode (child mode on a kiosk tablet, parents on their own phone through the event
link, young people on the web, right-to-left in Arabic); every admin page listed in
the app's URL map is visited as coordinator and as planner.  One browser context, one
server, one ``page.evaluate`` per page and width.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from analysis.demo_data import fill_demo_data
from survey_app import create_app
from survey_app.library import get_library
from survey_app.storage.db import get_engine
from survey_app.storage.user_store import hash_password
from tests.conftest import make_test_config
from tests.coordinator.conftest import COORDINATOR_NAME, PASSWORD, PLANNER_NAME, add_accounts
from tests.respondent.browsing import (
    FILL_SCREEN,
    choose_language,
    create_event,
    pass_consent,
    press_next,
    submit,
)
from tests.support.browser import serve

pytestmark = pytest.mark.browser

WIDTHS = (320, 640)
#: Admin GET routes that are files (XLSForm, a version's YAML) or need a staged upload
#: (its page and preview are measured in tests/coordinator/test_upload_browser.py).
NOT_CRAWLED = (
    "coordinator.questionnaire_xlsform",
    "coordinator.questionnaire_version_source",
    "coordinator.staged_upload",
    "coordinator.staged_preview",
)
TARGET = 44

#: One measurement of a laid-out page: how far the document is wider than the window
#: (with the elements sticking out), and every visible target under 44 × 44 CSS px.
#: A radio button or checkbox is measured by its label (the label is what a finger
#: taps), an input that is visually hidden or transparent likewise.
MEASURE = """(target) => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    ' "' + (el.textContent || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40) + '"';
  const sticking = [];
  if (root.scrollWidth > width) {
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width && (box.right > width + 0.5 || box.left < -0.5) &&
          ![...el.children].some(child => { const b = child.getBoundingClientRect();
            return b.width && (b.right > width + 0.5 || b.left < -0.5); })) {
        sticking.push(name(el) + ' ' + Math.round(box.left) + '..' + Math.round(box.right));
      }
    }
  }
  const small = [];
  const targets = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]';
  for (const el of document.querySelectorAll(targets)) {
    const style = getComputedStyle(el);
    let box = el.getBoundingClientRect();
    if (style.visibility === 'hidden' || (box.width === 0 && box.height === 0)) continue;
    if (el.tagName === 'INPUT') {
      const hidden = box.width <= 2 || box.height <= 2 || style.opacity === '0';
      const label = el.closest('label') || (el.id && document.querySelector('label[for="' + el.id + '"]'));
      if (label && (hidden || el.type === 'radio' || el.type === 'checkbox')) box = label.getBoundingClientRect();
    }
    if (box.width < target - 0.5 || box.height < target - 0.5) {
      small.push(name(el) + ' ' + Math.round(box.width) + '×' + Math.round(box.height));
    }
  }
  return {overflow: root.scrollWidth - width, sticking: sticking.slice(0, 8), small: small};
}"""


class Fit:
    """Measures pages at both widths and collects every failure with its page."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.overflow: list[str] = []
        self.small: list[str] = []
        self.pages = 0

    def check(self, what: str = "") -> None:
        """Measure the page now shown at 320 px and at 640 px."""
        self.pages += 1
        self.page.wait_for_load_state("load")
        where = f"{self.page.url.split('/', 3)[-1]} {what}".strip()
        for width in WIDTHS:
            self.page.set_viewport_size({"width": width, "height": 800})
            found = self.page.evaluate(MEASURE, TARGET)
            if found["overflow"] > 0:
                self.overflow.append(
                    f"/{where} @{width}px: {found['overflow']} px too wide: "
                    + "; ".join(found["sticking"])
                )
            if found["small"]:
                self.small.append(f"/{where} @{width}px: " + "; ".join(found["small"][:8]))

    def goto(self, url: str, what: str = "") -> Any:
        """Open ``url`` and measure it."""
        response = self.page.goto(url)
        self.check(what)
        return response


@pytest.fixture(scope="module")
def fit_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """The shipped questionnaires with demo responses, events and both accounts."""
    app = create_app(make_test_config(Path(tmp_path_factory.mktemp("fit"))))
    add_accounts(app, hash_password(PASSWORD))
    with app.app_context():
        fill_demo_data(get_engine(), get_library().all(), 80, seed=7)
    return app


@pytest.fixture(scope="module")
def fit(chromium: Any, fit_app: Flask) -> Iterator[Fit]:
    with serve(fit_app) as url:
        context = chromium.new_context(base_url=url, locale="de-DE", has_touch=True)
        page = context.new_page()
        # The results page analyses and audits the demo responses on its first view
        # (the disclosure audit of 50 responses takes about 15 s of CPU).
        page.set_default_navigation_timeout(120_000)
        yield Fit(page)
        context.close()


def _walk(fit: Fit, entry: str, lang: str) -> None:
    """One questionnaire from its entry link to the thank-you page, measuring each page."""
    fit.goto(entry)
    if "/consent" not in fit.page.url:
        choose_language(fit.page, lang)
    fit.check()
    pass_consent(fit.page)
    for _ in range(60):
        if fit.page.url.endswith("/done"):
            break
        fit.check()
        fit.page.evaluate(FILL_SCREEN)
        press_next(fit.page)
    else:
        raise AssertionError("the questionnaire did not end")
    fit.check()
    submit(fit.page)
    fit.check()


def _admin_urls(app: Flask, codes: dict[str, str]) -> tuple[list[str], list[str]]:
    """The admin pages of the URL map (GET), with arguments filled in; and the others."""
    values = {
        "questionnaire_id": "eltern-0-10",
        "code": codes["eltern-0-10"],
        "language": "en",
        "kind": "offers",
        "entry_id": "familienzentrum",
    }
    pages, others = [], []
    with app.test_request_context():
        from flask import url_for

        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith("coordinator.") or "GET" not in rule.methods:
                continue
            arguments = {name: values[name] for name in rule.arguments if name in values}
            if "fmt" in rule.arguments or rule.endpoint in NOT_CRAWLED:
                others.append(rule.endpoint)  # a download, or needs an upload first
                continue
            url = url_for(rule.endpoint, **arguments)
            if url.endswith((".pdf", ".png", ".svg", ".xlsx")) or rule.endpoint.endswith(
                "_fragment"
            ):
                others.append(rule.endpoint)  # a file, or a part of the live page
            else:
                pages.append(url)
    return pages, others


@pytest.fixture(scope="module")
def crawled(fit: Fit, fit_app: Flask) -> Fit:
    """Every page type measured once: respondent pages, then admin pages per role."""
    with fit_app.app_context():
        questionnaires = {q.id: q for q in get_library().all()}
    codes = {qid: create_event(fit_app, [qid], name=f"Fest {qid}") for qid in questionnaires}
    together = create_event(fit_app, list(questionnaires), name="Schuleingangsuntersuchung")
    languages = sorted({lang for q in questionnaires.values() for lang in q.languages})
    for lang in languages:
        fit.goto(f"/?lang={lang}")
        fit.goto(f"/k/{together}?lang={lang}")
    fit.goto(f"/e/{together}")
    fit.goto("/gibt-es-nicht")
    entries = {
        "kinder-6-10": f"/k/{codes['kinder-6-10']}",  # child mode on a kiosk tablet
        "eltern-0-10": f"/e/{codes['eltern-0-10']}",  # parents on their own phone
        "jugend-10-16": "/q/jugend-10-16",  # the web link
    }
    assert set(entries) == set(questionnaires)
    for qid, questionnaire in questionnaires.items():
        for lang in questionnaire.languages:
            _walk(fit, entries[qid], lang)
        fit.goto(f"/q/{qid}/consent")
        fit.goto(f"/q/{qid}/start-over")

    pages, others = _admin_urls(fit_app, codes)
    assert set(others) == {
        "coordinator.brief_pdf",
        "coordinator.result_tables",
        "coordinator.event_qr_png",
        "coordinator.event_qr_svg",
        "coordinator.live_fragment",
        *NOT_CRAWLED,
        "coordinator.translator_workbook",
    }
    fit.goto("/admin/login")
    for name in (COORDINATOR_NAME, PLANNER_NAME):
        fit.page.goto("/admin/login")
        fit.page.fill("#name", name)
        fit.page.fill("#password", PASSWORD)
        with fit.page.expect_navigation(wait_until="domcontentloaded"):
            fit.page.click("main form button[type=submit]")
        assert "/admin/login" not in fit.page.url
        for url in pages:
            fit.goto(url, f"({name})")
        fit.page.goto("/admin/")  # the last page may be a 403 page, without the logout button
        with fit.page.expect_navigation(wait_until="domcontentloaded"):
            fit.page.click(".admin-account button[type=submit]")
    return fit


def test_fit__no_page_scrolls_sideways_at_320_or_640_px(crawled: Fit) -> None:
    print(f"{crawled.pages} page states measured at {WIDTHS} px")
    assert crawled.pages > 100
    assert not crawled.overflow, "Sideways scrolling:\n" + "\n".join(crawled.overflow)


def test_fit__every_target_is_at_least_44_px(crawled: Fit) -> None:
    assert not crawled.small, f"Targets under {TARGET} × {TARGET} px:\n" + "\n".join(crawled.small)
