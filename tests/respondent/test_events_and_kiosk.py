"""Events, kiosk mode, the own-device link, closed events and the coordinator's preview."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask, redirect, request
from flask.testing import FlaskClient
from sqlalchemy import select

from survey_app import storage
from survey_app.respondent.preview import PreviewError, start_preview
from survey_app.storage import event_store as events
from survey_app.storage.db import get_engine
from tests.respondent.helpers import Respondent, count_responses, make_event, stored_responses


def _close(app: Flask, code: str) -> None:
    with app.app_context(), get_engine().begin() as conn:
        events.set_closed(conn, code)


def test_kiosk__response_tagged_with_event_district_and_mode(
    app: Flask, client: FlaskClient
) -> None:
    code = make_event(app, ["kinder-6-10"], district="nordviertel")
    respondent = Respondent(client).start("kinder-6-10", "ar", entry=f"/k/{code}")
    respondent.answer_all()
    respondent.submit()
    row = stored_responses(app)[0]
    assert (row["event_code"], row["district"], row["mode"], row["language"]) == (
        code,
        "nordviertel",
        "kiosk",
        "ar",
    )


def test_own_device_link__response_tagged_own_device(app: Flask, client: FlaskClient) -> None:
    code = make_event(app, ["jugend-10-16"])
    respondent = Respondent(client).start("jugend-10-16", "de", entry=f"/e/{code.lower()}")
    respondent.answer_all()
    respondent.submit()
    row = stored_responses(app)[0]
    assert (row["event_code"], row["district"], row["mode"]) == (code, "altstadt", "own_device")
    assert "data-return-url" not in respondent.html, "no kiosk reset on a phone"


def test_event_with_several_questionnaires__offers_a_choice_first(
    app: Flask, client: FlaskClient
) -> None:
    code = make_event(app, ["eltern-0-10", "kinder-6-10"])
    response = client.get(f"/k/{code}?lang=ar")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert 'href="/q/eltern-0-10?lang=ar"' in html and 'href="/q/kinder-6-10?lang=ar"' in html
    assert re.search(
        r'<a href="/k/\w+\?lang=uk" lang="uk" dir="ltr" hreflang="uk">Українська</a>', html
    )


def test_event__unknown_code_404_and_wrong_mode_404(app: Flask, client: FlaskClient) -> None:
    assert client.get("/k/NOPE99").status_code == 404
    assert client.get("/k/" + "A" * 300).status_code == 404
    kiosk_only = make_event(app, ["kinder-6-10"], mode="kiosk")
    assert client.get(f"/e/{kiosk_only}").status_code == 404
    assert client.get(f"/k/{kiosk_only}").status_code == 302


def test_closed_event__410_page_in_the_respondents_language(
    app: Flask, client: FlaskClient
) -> None:
    code = make_event(app, ["kinder-6-10"])
    _close(app, code)
    for url in (f"/k/{code}?lang=ar", f"/e/{code}?lang=ar"):
        response = client.get(url)
        html = response.get_data(as_text=True)
        assert response.status_code == 410
        assert '<html lang="ar" dir="rtl">' in html
        assert "Stadtteilfest" in html


def test_event_closed_while_answering__final_post_410_nothing_stored(
    app: Flask, client: FlaskClient
) -> None:
    code = make_event(app, ["jugend-10-16"])
    respondent = Respondent(client).start("jugend-10-16", "tr", entry=f"/e/{code}")
    respondent.answer_all()
    _close(app, code)
    response = respondent.submit()
    assert response.status_code == 410
    assert '<html lang="tr" dir="ltr">' in response.get_data(as_text=True)
    assert count_responses(app) == 0


def test_kiosk__every_page_no_store_and_kiosk_timers_in_data_attributes(
    app: Flask, client: FlaskClient
) -> None:
    app.config.update(KIOSK_IDLE_SECONDS=90, KIOSK_WARNING_SECONDS=20, KIOSK_RESET_SECONDS=7)
    code = make_event(app, ["kinder-6-10"])
    respondent = Respondent(client)
    respondent.get(f"/k/{code}")
    seen = []
    response = client.get(respondent.url)
    seen.append(response)
    respondent.start("kinder-6-10", "de", entry=f"/k/{code}")
    page = client.get(respondent.url)
    seen.append(page)
    html = page.get_data(as_text=True)
    assert 'data-kiosk-idle="90" data-kiosk-warning="20"' in html
    assert 'id="idle-dialog"' in html and 'action="/q/kinder-6-10/start-over"' in html
    assert '<a class="brand"' not in html, "no way out of the questionnaire on a kiosk"
    respondent.answer_all()
    seen.append(client.get(respondent.url))
    respondent.submit()
    thanks = client.get(respondent.url)
    seen.append(thanks)
    thanks_html = thanks.get_data(as_text=True)
    assert f'data-return-url="/k/{code}" data-return-seconds="7"' in thanks_html
    assert f'href="/k/{code}"' in thanks_html, "a link back works without JavaScript"
    for response in seen:
        assert response.headers["Cache-Control"] == "no-store"
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
        assert "<script>" not in response.get_data(as_text=True)


def test_kiosk__back_to_start_forgets_the_previous_family(app: Flask, client: FlaskClient) -> None:
    code = make_event(app, ["kinder-6-10"])
    respondent = Respondent(client).start("kinder-6-10", "ar", entry=f"/k/{code}")
    respondent.next({"alter": "9"})
    with client.session_transaction() as session:
        draft_id = session["respondent_draft"]
    copied = client.get_cookie("session")
    # The idle timer posts the start-over form: answers gone, back at the kiosk start.
    response = client.post("/q/kinder-6-10/start-over", data={"csrf_token": respondent.csrf()})
    assert response.status_code == 303 and response.headers["Location"] == f"/k/{code}"
    assert app.extensions["ankommen_drafts"].get(draft_id) is None
    with client.session_transaction() as session:
        assert "lang" not in session and "respondent_draft" not in session
    # A cookie copied before the reset reaches nothing: the draft row is gone.
    thief = app.test_client()
    thief.set_cookie("session", copied.value)
    page = thief.get("/q/kinder-6-10/page/1")
    assert page.status_code == 302 and 'value="9"' not in page.get_data(as_text=True)
    fresh = Respondent(client).get(f"/k/{code}")
    assert 'class="language-buttons"' in fresh.html
    assert '<html lang="de"' in fresh.html, "the next family starts in the tablet's language"


def test_kiosk__start_over_before_any_answer_returns_to_the_kiosk_start(
    app: Flask, client: FlaskClient
) -> None:
    code = make_event(app, ["kinder-6-10"])
    respondent = Respondent(client).get(f"/k/{code}?lang=ar")
    assert respondent.url.endswith("/consent")
    response = client.post("/q/kinder-6-10/start-over", data={"csrf_token": respondent.csrf()})
    assert response.headers["Location"] == f"/k/{code}"


def test_kiosk__after_thanks_the_kiosk_url_starts_fresh(app: Flask, client: FlaskClient) -> None:
    code = make_event(app, ["jugend-10-16"])
    respondent = Respondent(client).start("jugend-10-16", "uk", entry=f"/k/{code}")
    respondent.answer_all()
    respondent.submit()
    respondent.get(f"/k/{code}")
    assert respondent.url == "/q/jugend-10-16"
    assert client.get("/q/jugend-10-16/thanks").status_code == 302
    assert count_responses(app) == 1


@pytest.fixture
def previewing(app: Flask) -> Flask:
    """The app with a stand-in for the coordinator's preview route (login not tested here)."""

    @app.get("/test-preview/<questionnaire_id>/<lang>")
    def test_preview(questionnaire_id: str, lang: str) -> Any:
        child = {"1": True, "0": False}.get(request.args.get("child", ""))
        return redirect(
            start_preview(questionnaire_id, lang, child, kiosk=bool(request.args.get("kiosk")))
        )

    return app


def test_preview__same_pages_banner_nothing_counted_nothing_stored(
    previewing: Flask, client: FlaskClient
) -> None:
    respondent = Respondent(client).get("/test-preview/eltern-0-10/ar")
    assert respondent.url == "/q/eltern-0-10/consent"
    assert '<html lang="ar" dir="rtl">' in respondent.html
    banner = re.search(
        r'<div class="preview-banner"[^>]*><div class="wrap"><strong>([^<]+)</strong>',
        respondent.html,
    )
    assert banner, "the preview banner"
    respondent.post(respondent.url, {})
    assert banner.group(0) in respondent.html
    respondent.answer_all()
    assert banner.group(0) in respondent.html
    respondent.submit()
    assert respondent.url.endswith("/thanks") and banner.group(0) in respondent.html
    german = Respondent(client).get("/test-preview/eltern-0-10/de")
    assert "Vorschau — es wird nichts gespeichert" in german.html
    assert count_responses(previewing) == 0
    with previewing.app_context(), get_engine().connect() as conn:
        assert conn.execute(select(storage.starts)).first() is None
        assert conn.execute(select(storage.submission_tokens)).first() is None


def test_preview__child_mode_forced_for_a_parents_questionnaire(
    previewing: Flask, client: FlaskClient
) -> None:
    respondent = Respondent(client).get("/test-preview/eltern-0-10/de?child=1&kiosk=1")
    respondent.post(respondent.url, {})
    assert (
        'id="progress">Frage 1' in respondent.html
        and 'class="respondent child kiosk"' in respondent.html
    )
    # Start over in a preview starts the preview again (never a real questionnaire).
    respondent.post("/q/eltern-0-10/start-over", {})
    assert respondent.url == "/q/eltern-0-10/consent" and "Vorschau" in respondent.html


def test_preview__child_mode_off_for_the_childrens_questionnaire(
    previewing: Flask, client: FlaskClient
) -> None:
    respondent = Respondent(client).get("/test-preview/kinder-6-10/de?child=0")
    respondent.post(respondent.url, {})
    assert 'id="progress">Seite 1' in respondent.html and 'name="einrichtung"' in respondent.html


def test_preview__unknown_questionnaire_or_language(app: Flask) -> None:
    with app.test_request_context():
        with pytest.raises(PreviewError, match="no-such"):
            start_preview("no-such", "de")
        with pytest.raises(PreviewError, match="fr"):
            start_preview("eltern-0-10", "fr")
