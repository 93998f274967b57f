"""The admin area keeps its own language: a preview in a respondent language (of a
published or a staged questionnaire) does not change it (issue #11)."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.coordinator.test_upload import PICTURE, kita_form, staged_path, upload


def test_staged_preview_in_english__admin_pages_stay_german(coordinator: FlaskClient) -> None:
    html = upload(coordinator, kita_form(), media={"rucksack.svg": PICTURE}).get_data(as_text=True)
    preview = coordinator.get(f"{staged_path(html)}/preview?lang=en&mode=adult")
    assert preview.status_code == 302
    page = coordinator.get("/admin/").get_data(as_text=True)
    assert '<html lang="de" dir="ltr"' in page
