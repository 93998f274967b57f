"""The admin area keeps its own language: a preview in a respondent language (of a
published or a staged questionnaire) does not change it, and a poster's hints in the
questionnaire's languages leave the page's language alone (issue #11)."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.coordinator.test_events import CODE, event  # noqa: F401 - a fixture
from tests.coordinator.test_upload import PICTURE, kita_form, staged_path, upload


def test_staged_preview_in_english__admin_pages_stay_german(coordinator: FlaskClient) -> None:
    html = upload(coordinator, kita_form(), media={"rucksack.svg": PICTURE}).get_data(as_text=True)
    preview = coordinator.get(f"{staged_path(html)}/preview?lang=en&mode=adult")
    assert preview.status_code == 302
    page = coordinator.get("/admin/").get_data(as_text=True)
    assert '<html lang="de" dir="ltr"' in page


def test_poster__hints_in_each_language__page_stays_in_the_admin_language(
    coordinator: FlaskClient,
    event,  # noqa: F811 - the fixture
) -> None:
    page = coordinator.get(f"/admin/events/{CODE}/poster?lang=en").get_data(as_text=True)
    assert '<html lang="en" dir="ltr"' in page
    assert '<li lang="de" dir="ltr"><strong>Mit der Handy-Kamera scannen</strong>' in page
    assert '<li lang="ar" dir="rtl"><strong>' in page
    assert "Mit der Handy-Kamera scannen" not in page.split('<li lang="ar"')[1].split("</li>")[0]
    assert "The poster is designed for A4 paper." in page
