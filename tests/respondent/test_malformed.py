"""Tampered and malformed requests: a clear 4xx page in the respondent's language,
never a 500, never a stored (partial or invalid) response.

Each case brings a respondent (in Arabic) to a point of a questionnaire, sends one bad
request, and then checks: the status, the page language, an unchanged responses
table — and that finishing the questionnaire normally afterwards stores one valid
response without any trace of the bad request.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from survey_app.questionnaire import QuestionnaireLibrary
from tests.conftest import PROJECT_ROOT
from tests.respondent.helpers import Respondent, count_responses, stored_responses

LIBRARY = QuestionnaireLibrary(PROJECT_ROOT / "questionnaires")
JUNK = "Xjunk"


def _post(r: Respondent, data: dict[str, Any], url: str | None = None, **kwargs: Any) -> Any:
    return r.client.post(url or r.url, data={"csrf_token": r.csrf(), **data}, **kwargs)


def _kinder_to_smiley(r: Respondent) -> None:
    r.next({"alter": "7"})
    r.next({"stadtteil": "altstadt"})
    r.next({"einrichtung": ["schule"]}, answer=False)
    assert r.url.endswith("/page/4")


def _kinder_to_dot_vote(r: Respondent) -> None:
    _kinder_to_smiley(r)
    for _ in range(20):
        if 'class="dot-vote"' in r.html:
            return
        r.next()
    raise AssertionError("no dot vote reached")


def _kinder_to_text(r: Respondent) -> None:
    _kinder_to_dot_vote(r)
    r.next()
    assert 'name="wunsch"' in r.html


def _eltern_to_offers_used(r: Respondent) -> None:
    r.next({"life_phase": "3-6"})
    r.next()
    r.next({"offers_known": ["familienzentrum"]}, answer=False)
    assert 'name="offers_used"' in r.html


def _done_with_unreached_page(r: Respondent) -> Any:
    r.next({"alter": "7"})
    r.next({"stadtteil": "altstadt"})
    r.next({"einrichtung": ["zuhause"]}, answer=False)
    r.answer_all()
    token = r.submission_token()
    r.get("/q/kinder-6-10/page/3")
    r.back({"einrichtung": ["schule"]})  # school questions are relevant now, and unseen
    return _post(r, {"token": token}, "/q/kinder-6-10/done")


def _raw(
    r: Respondent, body: bytes, content_type: str = "application/x-www-form-urlencoded"
) -> Any:
    return r.client.post(r.url, data=body, content_type=content_type)


@dataclass(frozen=True)
class Case:
    """One kind of bad request."""

    id: str
    questionnaire: str
    status: int
    send: Callable[[Respondent], Any]
    #: Without a session cookie the language is unknown: the page is in German.
    lang: str = "ar"


CASES = [
    Case(
        "unknown_choice",
        "eltern-0-10",
        400,
        lambda r: _post(r, {"life_phase": "mars", "action": "next"}),
    ),
    Case(
        "choice_filtered_out",
        "eltern-0-10",
        400,
        lambda r: (
            _eltern_to_offers_used(r),
            _post(r, {"offers_used": ["jugendclub"], "action": "next"}),
        )[1],
    ),
    Case(
        "two_values_for_one_choice",
        "eltern-0-10",
        400,
        lambda r: _post(r, {"life_phase": ["3-6", "0-1"], "action": "next"}),
    ),
    Case(
        "repeated_checkbox",
        "eltern-0-10",
        400,
        lambda r: (
            r.next({"life_phase": "3-6"}),
            _post(r, {"home_languages": ["de", "de"], "action": "next"}),
        )[1],
    ),
    Case(
        "unknown_field",
        "eltern-0-10",
        400,
        lambda r: _post(r, {"life_phase": "3-6", "is_admin": "1", "action": "next"}),
    ),
    Case(
        "unknown_action",
        "eltern-0-10",
        400,
        lambda r: _post(r, {"life_phase": "3-6", "action": "jump"}),
    ),
    Case("missing_action", "eltern-0-10", 400, lambda r: _post(r, {"life_phase": "3-6"})),
    Case(
        "number_out_of_range",
        "kinder-6-10",
        422,
        lambda r: _post(r, {"alter": "99", "action": "next"}),
    ),
    Case(
        "not_a_number", "kinder-6-10", 422, lambda r: _post(r, {"alter": "zwölf", "action": "next"})
    ),
    Case(
        "huge_number",
        "kinder-6-10",
        422,
        lambda r: _post(r, {"alter": "9" * 400, "action": "next"}),
    ),
    Case(
        "smiley_not_offered",
        "kinder-6-10",
        400,
        lambda r: (_kinder_to_smiley(r), _post(r, {"schule_gefallen": "9", "action": "next"}))[1],
    ),
    Case(
        "constraint_violated",
        "kinder-6-10",
        422,
        lambda r: (
            r.next({"alter": "7"}),
            r.next({"stadtteil": "altstadt"}),
            _post(r, {"einrichtung": ["zuhause", "schule"], "action": "next"}),
        )[2],
    ),
    Case(
        "too_many_points",
        "kinder-6-10",
        422,
        lambda r: (
            _kinder_to_dot_vote(r),
            _post(
                r,
                {"besser_werden.spielplaetze": "3", "besser_werden.schule": "2", "action": "next"},
            ),
        )[1],
    ),
    Case(
        "negative_points",
        "kinder-6-10",
        422,
        lambda r: (
            _kinder_to_dot_vote(r),
            _post(r, {"besser_werden.spielplaetze": "-1", "action": "next"}),
        )[1],
    ),
    Case(
        "points_for_unknown_choice",
        "kinder-6-10",
        400,
        lambda r: (_kinder_to_dot_vote(r), _post(r, {"besser_werden.mond": "1", "action": "next"}))[
            1
        ],
    ),
    Case(
        "text_too_long",
        "kinder-6-10",
        422,
        lambda r: (_kinder_to_text(r), _post(r, {"wunsch": "a" * 600, "action": "next"}))[1],
    ),
    Case(
        "control_characters",
        "kinder-6-10",
        400,
        lambda r: (_kinder_to_text(r), _post(r, {"wunsch": f"{JUNK}\x00\x1b", "action": "next"}))[
            1
        ],
    ),
    Case(
        "skipped_page",
        "eltern-0-10",
        400,
        lambda r: _post(r, {"action": "next"}, "/q/eltern-0-10/page/5"),
    ),
    Case(
        "page_that_does_not_exist",
        "eltern-0-10",
        400,
        lambda r: _post(r, {"action": "next"}, "/q/eltern-0-10/page/99"),
    ),
    Case(
        "missing_csrf_token",
        "eltern-0-10",
        400,
        lambda r: r.client.post(r.url, data={"life_phase": "3-6", "action": "next"}),
    ),
    Case(
        "wrong_csrf_token",
        "eltern-0-10",
        400,
        lambda r: r.client.post(
            r.url, data={"csrf_token": "forged", "life_phase": "3-6", "action": "next"}
        ),
    ),
    Case(
        "oversized_body",
        "kinder-6-10",
        413,
        lambda r: _post(r, {"alter": "7", "action": "next", "pad": "x" * (300 * 1024)}),
    ),
    Case(
        "too_many_fields",
        "kinder-6-10",
        400,
        lambda r: _post(r, {**{f"f{i}": "1" for i in range(1200)}, "action": "next"}),
    ),
    Case(
        "invalid_utf8",
        "kinder-6-10",
        400,
        lambda r: _raw(
            r, b"csrf_token=" + r.csrf().encode() + b"&action=next&alter=%FF%FE" + JUNK.encode()
        ),
    ),
    Case(
        "invalid_utf8_key",
        "kinder-6-10",
        400,
        lambda r: _raw(r, b"csrf_token=" + r.csrf().encode() + b"&action=next&%C3%28=1"),
    ),
    Case(
        "json_body",
        "kinder-6-10",
        400,
        lambda r: _raw(r, json.dumps({"alter": 7, "action": "next"}).encode(), "application/json"),
    ),
    Case(
        "multipart_body",
        "kinder-6-10",
        400,
        lambda r: r.client.post(
            r.url,
            data={"csrf_token": r.csrf(), "alter": "7", "action": "next"},
            content_type="multipart/form-data",
        ),
    ),
    Case(
        "final_post_wrong_token",
        "jugend-10-16",
        400,
        lambda r: (r.answer_all(), _post(r, {"token": "x" * 32}, "/q/jugend-10-16/done"))[1],
    ),
    Case(
        "final_post_missing_token",
        "jugend-10-16",
        400,
        lambda r: (r.answer_all(), _post(r, {}, "/q/jugend-10-16/done"))[1],
    ),
    Case("final_post_with_unreached_page", "kinder-6-10", 400, _done_with_unreached_page),
    Case(
        "final_post_without_session",
        "jugend-10-16",
        400,
        lambda r: (
            r.answer_all(),
            r.client.application.test_client().post(
                "/q/jugend-10-16/done", data={"csrf_token": r.csrf(), "token": r.submission_token()}
            ),
        )[1],
        "de",
    ),
    Case(
        "page_post_after_draft_expired",
        "kinder-6-10",
        400,
        lambda r: (
            r.client.application.extensions["ankommen_drafts"].discard(_draft_id(r.client)),
            _post(r, {"alter": "7", "action": "next"}),
        )[1],
    ),
]


def _draft_id(client: FlaskClient) -> str:
    with client.session_transaction() as session:
        return session["respondent_draft"]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_malformed_request__clear_4xx_in_the_respondents_language__nothing_stored(
    app: Flask, client: FlaskClient, case: Case
) -> None:
    respondent = Respondent(client).start(case.questionnaire, "ar")
    response = case.send(respondent)
    html = response.get_data(as_text=True)
    assert response.status_code == case.status, html[:3000]
    direction = "rtl" if case.lang == "ar" else "ltr"
    assert f'<html lang="{case.lang}" dir="{direction}">' in html
    assert "<h1" in html
    assert count_responses(app) == 0

    # Finishing normally afterwards stores one valid response, without the junk.
    if case.id in ("page_post_after_draft_expired", "final_post_without_session"):
        respondent.get(f"/q/{case.questionnaire}?lang=ar")
        if respondent.url.endswith("/consent"):
            respondent.post(respondent.url, {})
    else:
        respondent.get(f"/q/{case.questionnaire}/done")
    respondent.answer_all()
    respondent.submit()
    rows = stored_responses(app)
    assert len(rows) == 1
    questionnaire = LIBRARY.get(case.questionnaire)
    assert questionnaire.validate(rows[0]["answers"]) == []
    stored_text = json.dumps(rows[0]["answers"], ensure_ascii=False)
    for trace in (JUNK, "mars", "is_admin", "\\u0000", "99", "zwölf", "aaaa"):
        assert trace not in stored_text


def test_malformed__every_kind_named_in_the_brief_is_covered() -> None:
    kinds = {case.id for case in CASES}
    assert {
        "unknown_choice",
        "number_out_of_range",
        "skipped_page",
        "missing_csrf_token",
        "wrong_csrf_token",
        "oversized_body",
        "invalid_utf8",
    } <= kinds


def test_error_page__uses_the_respondents_language_for_a_csrf_failure_in_english(
    client: FlaskClient,
) -> None:
    respondent = Respondent(client).start("jugend-10-16", "en")
    response = client.post(respondent.url, data={"action": "next"})
    assert response.status_code == 400
    assert '<html lang="en" dir="ltr">' in response.get_data(as_text=True)
