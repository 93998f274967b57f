"""The respondent flow through the Flask client: start, pages, back, start over, submit."""

from __future__ import annotations

import datetime
import re
import time

import pytest
from flask import Flask

from survey_app.questionnaire import QuestionnaireLibrary
from tests.conftest import PROJECT_ROOT
from tests.respondent.helpers import Respondent, count_responses, default_answers, stored_responses

SHIPPED = QuestionnaireLibrary(PROJECT_ROOT / "questionnaires").all()
SHIPPED_IDS = [q.id for q in SHIPPED]
LANGUAGE_CASES = [(q.id, lang) for q in SHIPPED for lang in q.languages]


def test_shipped_questionnaires__are_the_three_expected() -> None:
    assert {"eltern-0-10", "kinder-6-10", "jugend-10-16"} <= set(SHIPPED_IDS)


@pytest.mark.parametrize(("questionnaire_id", "lang"), LANGUAGE_CASES)
def test_complete__every_shipped_questionnaire_in_every_language__stores_one_valid_response(
    app: Flask, client, questionnaire_id: str, lang: str
) -> None:
    respondent = Respondent(client).start(questionnaire_id, lang)
    respondent.answer_all()
    response = respondent.submit()
    assert response.status_code == 303
    assert respondent.url.endswith("/thanks") and respondent.status == 200
    rows = stored_responses(app)
    assert len(rows) == 1
    row = rows[0]
    questionnaire = next(q for q in SHIPPED if q.id == questionnaire_id)
    assert row["questionnaire_id"] == questionnaire_id
    assert row["questionnaire_version"] == questionnaire.version
    assert (
        row["questionnaire_hash"] == questionnaire.content_hash
        and len(row["questionnaire_hash"]) == 64
    )
    assert row["language"] == lang
    assert row["mode"] == "web"
    assert row["event_code"] is None and row["district"] is None
    assert row["submitted_on"] == datetime.date.today()
    assert row["answers"] and questionnaire.validate(row["answers"]) == []
    assert row["answers"] == questionnaire.clean(row["answers"])


def test_start_page__lists_every_questionnaire_with_its_languages(client) -> None:
    html = client.get("/").get_data(as_text=True)
    for questionnaire_id in SHIPPED_IDS:
        assert f'href="/q/{questionnaire_id}"' in html
    assert '<span lang="ar" dir="rtl">العربية</span>' in html
    assert '<span lang="de-x-ls" dir="ltr">Leichte Sprache</span>' in html


def test_language_page__large_buttons_named_in_their_own_script(client) -> None:
    response = client.get("/q/eltern-0-10")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for tag, name in [
        ("de", "Deutsch"),
        ("en", "English"),
        ("tr", "Türkçe"),
        ("ar", "العربية"),
        ("uk", "Українська"),
        ("ru", "Русский"),
        ("de-x-ls", "Leichte Sprache"),
    ]:
        button = re.search(
            rf'<a class="lang-button" href="/q/eltern-0-10\?lang={tag}" lang="{tag}" dir="(\w+)"[^>]*>'
            rf'<span class="lang-name">{name}</span>',
            html,
        )
        assert button, tag
        assert button.group(1) == ("rtl" if tag == "ar" else "ltr")
    assert "flag" not in html.lower()


def test_lang_parameter__preselects_the_language_and_skips_to_consent(client) -> None:
    response = client.get("/q/kinder-6-10?lang=tr")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/q/kinder-6-10/consent"
    )
    html = client.get("/q/kinder-6-10/consent").get_data(as_text=True)
    assert '<html lang="tr" dir="ltr">' in html
    assert "Merhaba! Lindenau" in html


def test_lang_parameter__unknown_language__shows_the_choice(client) -> None:
    response = client.get("/q/kinder-6-10?lang=xx")
    assert response.status_code == 200
    assert 'class="language-buttons"' in response.get_data(as_text=True)


def test_consent__without_a_language__goes_back_to_the_choice(client) -> None:
    response = client.get("/q/kinder-6-10/consent")
    assert response.status_code == 302 and response.headers["Location"].endswith("/q/kinder-6-10")


def test_unknown_questionnaire__404(client) -> None:
    assert client.get("/q/no-such-thing").status_code == 404


def test_back_and_forward__keep_answers(client) -> None:
    respondent = Respondent(client).start("kinder-6-10", "de")
    assert respondent.url.endswith("/page/1")
    respondent.next({"alter": "8"})
    assert respondent.url.endswith("/page/2")
    respondent.next({"stadtteil": "lindenhof"})
    assert respondent.url.endswith("/page/3")
    respondent.back({"einrichtung": ["schule", "hort"]})
    assert respondent.url.endswith("/page/2")
    assert 'value="lindenhof" checked' in respondent.html
    respondent.back({"stadtteil": "lindenhof"})
    assert 'value="8"' in respondent.html
    respondent.next({"alter": "8"})
    respondent.next({"stadtteil": "lindenhof"})
    assert 'value="schule" checked' in respondent.html and 'value="hort" checked' in respondent.html
    assert 'value="kita" checked' not in respondent.html


def test_back_from_the_first_page__returns_to_consent_and_keeps_the_draft(client) -> None:
    respondent = Respondent(client).start("kinder-6-10", "de")
    respondent.back({"alter": "6"})
    assert respondent.url.endswith("/consent")
    respondent.post(respondent.url, {})
    assert respondent.url.endswith("/page/1") and 'value="6"' in respondent.html


def test_start_over__asks_then_discards_all_answers(app: Flask, client) -> None:
    respondent = Respondent(client).start("kinder-6-10", "de")
    respondent.next({"alter": "8"})
    respondent.get("/q/kinder-6-10/start-over")
    assert respondent.status == 200 and 'action="/q/kinder-6-10/start-over"' in respondent.html
    with client.session_transaction() as session:
        draft_id = session["respondent_draft"]
    respondent.post("/q/kinder-6-10/start-over", {})
    assert app.extensions["ankommen_drafts"].get(draft_id) is None
    assert respondent.url.endswith("/q/kinder-6-10")
    assert client.get("/q/kinder-6-10/page/1").status_code == 302
    Respondent(client).start("kinder-6-10", "de")
    html = client.get("/q/kinder-6-10/page/1").get_data(as_text=True)
    assert 'name="alter" value="8"' not in html and 'name="alter" value=""' in html
    assert count_responses(app) == 0


def test_relevance__not_relevant_screens_are_skipped_and_answers_not_stored(
    app: Flask, client
) -> None:
    respondent = Respondent(client).start("kinder-6-10", "de")
    respondent.next({"alter": "7"})
    respondent.next({"stadtteil": "altstadt"})
    respondent.next({"einrichtung": ["schule"]})
    assert respondent.url.endswith("/page/4")  # schule_gefallen
    respondent.next({"schule_gefallen": "4"})
    assert respondent.url.endswith("/page/7")  # kita (5) and hort (6) skipped
    respondent.get("/q/kinder-6-10/page/5")
    assert respondent.url.endswith("/page/7"), "a skipped screen cannot be opened"
    # Back to the question that decides, and change it: the school answer must go.
    respondent.back()
    respondent.back({"schule_gefallen": "4"})
    assert respondent.url.endswith("/page/3")
    respondent.next({"einrichtung": ["zuhause"]}, answer=False)
    assert respondent.url.endswith("/page/7")
    respondent.answer_all()
    respondent.submit()
    answers = stored_responses(app)[0]["answers"]
    assert answers["einrichtung"] == ["zuhause"]
    assert "schule_gefallen" not in answers and "schulweg_sicher" not in answers


def test_relevance__same_page_condition_splits_the_page(app: Flask, client) -> None:
    respondent = Respondent(client).start("eltern-0-10", "de")
    respondent.next({"life_phase": "3-6"})
    respondent.next()
    assert 'name="offers_known"' in respondent.html and 'name="offers_used"' not in respondent.html
    respondent.next({"offers_known": ["familienzentrum", "sprachfoerderung-kita"]}, answer=False)
    assert 'name="offers_used"' in respondent.html
    offered = set(re.findall(r'name="offers_used" value="([^"]+)"', respondent.html))
    assert offered == {"familienzentrum", "sprachfoerderung-kita"}, (
        "choice_filter applied on the server"
    )
    respondent.next({"offers_used": ["familienzentrum"]}, answer=False)
    assert 'name="offers_helpful.familienzentrum"' in respondent.html
    assert 'name="barriers.sprachfoerderung-kita"' in respondent.html
    assert 'name="barriers.familienzentrum"' not in respondent.html


def test_double_submit__stores_exactly_one(app: Flask, client) -> None:
    respondent = Respondent(client).start("jugend-10-16", "en")
    respondent.answer_all()
    token, csrf = respondent.submission_token(), respondent.csrf()
    first = client.post("/q/jugend-10-16/done", data={"csrf_token": csrf, "token": token})
    second = client.post("/q/jugend-10-16/done", data={"csrf_token": csrf, "token": token})
    assert first.status_code == 303 and second.status_code in (302, 303)
    assert second.headers["Location"].endswith("/q/jugend-10-16/thanks")
    assert client.get("/q/jugend-10-16/thanks").status_code == 200
    assert count_responses(app) == 1


def test_double_submit__after_the_draft_expired__thanks_again_stores_nothing(
    app: Flask, client
) -> None:
    respondent = Respondent(client).start("jugend-10-16", "de")
    respondent.answer_all()
    token, csrf = respondent.submission_token(), respondent.csrf()
    assert (
        client.post("/q/jugend-10-16/done", data={"csrf_token": csrf, "token": token}).status_code
        == 303
    )
    with app.test_request_context():
        store = app.extensions["ankommen_drafts"]
        store.clock = lambda: time.time() + 24 * 3600  # every draft is expired now
    replay = client.post("/q/jugend-10-16/done", data={"csrf_token": csrf, "token": token})
    assert replay.status_code == 200
    assert "Vielen Dank" in replay.get_data(as_text=True) or "Danke" in replay.get_data(
        as_text=True
    )
    assert count_responses(app) == 1


def test_thanks__not_shown_without_a_submission(client) -> None:
    Respondent(client).start("jugend-10-16", "de")
    response = client.get("/q/jugend-10-16/thanks")
    assert response.status_code == 302


def test_answers_after_submission__are_gone_from_the_draft(app: Flask, client) -> None:
    respondent = Respondent(client).start("kinder-6-10", "de")
    respondent.answer_all()
    respondent.submit()
    with client.session_transaction() as session:
        draft_id = session["respondent_draft"]
    draft = app.extensions["ankommen_drafts"].get(draft_id)
    assert draft.submitted and draft.answers == {}
    # The back button after thanks shows no answers.
    response = client.get("/q/kinder-6-10/page/1")
    assert response.status_code == 302


def test_start__counted_once_when_consent_is_passed_without_answers(app: Flask, client) -> None:
    from sqlalchemy import select

    from survey_app import storage
    from survey_app.storage.db import get_engine

    respondent = Respondent(client)
    respondent.get("/q/kinder-6-10?lang=uk")
    respondent.post(respondent.url, {})
    respondent.back()
    respondent.post(respondent.url, {})  # consent again: same draft, no second start
    with app.app_context(), get_engine().connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(select(storage.starts))]
    assert len(rows) == 1
    assert (
        rows[0]["count"] == 1
        and rows[0]["language"] == "uk"
        and rows[0]["questionnaire_id"] == "kinder-6-10"
    )
    assert set(rows[0]) == {"id", "questionnaire_id", "event_code", "language", "day", "count"}


def test_done__with_pages_not_reached__goes_to_the_first_missing_page(client) -> None:
    Respondent(client).start("eltern-0-10", "de")
    response = client.get("/q/eltern-0-10/done")
    assert response.status_code == 302 and response.headers["Location"].endswith("/page/1")


def test_default_answers_helper__answers_every_group_once() -> None:
    html = (
        '<input type="radio" name="a" value="1"><input type="radio" name="a" value="2">'
        '<input type="checkbox" name="b" value="x"><input type="number" name="d.x">'
        '<input type="number" name="d.y"><textarea name="t"></textarea>'
    )
    assert default_answers(html) == {
        "a": "1",
        "b": "x",
        "d.x": "1",
        "d.y": "",
        "t": "Mehr Spielplätze im Viertel",
    }


def test_requests_per_draft__are_limited(app: Flask, client) -> None:
    app.config["DRAFT_MAX_REQUESTS"] = 5
    respondent = Respondent(client).start("kinder-6-10", "de")
    statuses = [respondent.next({"alter": "99"}, answer=False).status_code for _ in range(6)]
    assert statuses[:5] == [422] * 5 and statuses[5] == 429
    assert count_responses(app) == 0


def test_submit__on_sqlite_and_postgresql__double_post_stores_one(db_url: str, tmp_path) -> None:
    from survey_app import create_app
    from tests.conftest import make_test_config

    app = create_app(make_test_config(tmp_path, DATABASE_URL=db_url))
    client = app.test_client()
    respondent = Respondent(client).start("kinder-6-10", "uk")
    respondent.answer_all()
    token, csrf = respondent.submission_token(), respondent.csrf()
    for _ in range(3):
        response = client.post("/q/kinder-6-10/done", data={"csrf_token": csrf, "token": token})
        assert response.status_code in (302, 303)
    rows = stored_responses(app)
    assert len(rows) == 1 and rows[0]["language"] == "uk"
    with app.app_context():
        from survey_app.storage.db import get_engine

        get_engine().dispose()


def test_double_tap__two_simultaneous_final_posts_store_one(app: Flask, client) -> None:
    import threading

    respondent = Respondent(client).start("eltern-0-10", "de")
    respondent.answer_all()
    token, csrf = respondent.submission_token(), respondent.csrf()
    cookie = client.get_cookie("session")
    taps = []
    for _ in range(4):
        tap = app.test_client()
        tap.set_cookie("session", cookie.value)
        taps.append(tap)
    barrier = threading.Barrier(len(taps))
    statuses: list[int] = []

    def press(tap) -> None:
        barrier.wait()
        statuses.append(
            tap.post("/q/eltern-0-10/done", data={"csrf_token": csrf, "token": token}).status_code
        )

    threads = [threading.Thread(target=press, args=(tap,)) for tap in taps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302, 302, 302, 303], (
        "one stored (303), the others only see thanks (302)"
    )
    assert count_responses(app) == 1


def test_back__keeps_valid_answers_but_not_wrong_ones(client) -> None:
    respondent = Respondent(client).start("kinder-6-10", "de")
    respondent.next({"alter": "7"})
    respondent.back({"stadtteil": "altstadt"})
    assert 'value="7"' in respondent.html
    respondent.back({"alter": "99"})
    respondent.post(respondent.url, {})
    assert 'name="alter" value=""' in respondent.html, "an out-of-range age is not kept"


def test_multiple_choice__shown_with_nothing_ticked__stored_as_empty_list(
    app: Flask, client
) -> None:
    # "I know none of these offers" is an answer: the analysis counts it in the base.
    respondent = Respondent(client).start("eltern-0-10", "de")
    respondent.next({"life_phase": "3-6"})
    respondent.next()
    assert 'name="offers_known"' in respondent.html
    respondent.next({}, answer=False)
    respondent.answer_all()
    respondent.submit()
    answers = stored_responses(app)[0]["answers"]
    assert answers["offers_known"] == []
    assert "offers_used" not in answers and "barriers" not in answers


def test_two_respondents_on_the_same_screen__the_second_sees_nothing_of_the_first(
    app: Flask,
) -> None:
    # Form classes are cached per questionnaire and screen; answers must never be.
    first = Respondent(app.test_client()).start("eltern-0-10", "de")
    first.next({"life_phase": "3-6", "district": "am-hafen"}, answer=False)
    first.back()
    assert re.search(r'value="am-hafen"[^>]*checked', first.html)
    second = Respondent(app.test_client()).start("eltern-0-10", "de")
    assert 'name="life_phase"' in second.html
    assert "checked" not in second.html
