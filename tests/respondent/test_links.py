"""URLs and CSRF tokens that respondent pages reuse instead of building them anew."""

from __future__ import annotations

import re

import flask_wtf.csrf as flask_wtf_csrf
import pytest
from flask import Flask, session
from flask.testing import FlaskClient

from survey_app.respondent.links import cached_url_for, draft_csrf_token
from survey_app.storage.draft_store import Draft
from tests.respondent.helpers import Respondent

FORM_ACTION = re.compile(r'<form method="post" action="([^"]+)"[^>]*class="screen-form"')


def test_urls__each_script_root_gets_its_own_links(client: FlaskClient) -> None:
    """Behind a proxy prefix the links carry it; without one they do not (same app)."""
    plain = Respondent(client).start("eltern-0-10", "de")
    action = FORM_ACTION.search(plain.html)
    assert action and action.group(1) == plain.url

    prefixed = client.get(plain.url, environ_overrides={"SCRIPT_NAME": "/umfrage"})
    html = prefixed.get_data(as_text=True)
    prefixed_action = FORM_ACTION.search(html)
    assert prefixed_action and prefixed_action.group(1) == "/umfrage" + plain.url
    assert 'href="/umfrage/static/css/ankommen.css"' in html

    again = client.get(plain.url).get_data(as_text=True)
    assert 'href="/static/css/ankommen.css"' in again
    assert "/umfrage" not in again


def test_urls__arguments_are_part_of_the_key(app: Flask) -> None:
    with app.test_request_context("/"):
        first = cached_url_for("respondent.page", questionnaire_id="eltern-0-10", number=1)
        second = cached_url_for("respondent.page", questionnaire_id="eltern-0-10", number=2)
        other = cached_url_for("respondent.page", questionnaire_id="kinder-6-10", number=1)
    assert (first, second, other) == (
        "/q/eltern-0-10/page/1",
        "/q/eltern-0-10/page/2",
        "/q/kinder-6-10/page/1",
    )


def test_csrf__signed_once_per_draft_and_accepted(client: FlaskClient) -> None:
    respondent = Respondent(client).start("eltern-0-10", "de")
    token = respondent.csrf()
    respondent.get(respondent.url)
    assert respondent.csrf() == token
    respondent.next()
    assert respondent.status == 200
    assert respondent.url.endswith("/page/2")


def test_csrf__reused_while_the_session_token_is_the_same(app: Flask) -> None:
    draft = Draft(id="d", questionnaire_id="eltern-0-10", language="de", mode="web")
    with app.test_request_context("/"):
        session["csrf_token"] = "a" * 40
        first = draft_csrf_token(draft)
    assert draft.csrf is not None and draft.csrf[:2] == ("a" * 40, first)
    draft.csrf = ("a" * 40, "signed-before", draft.csrf[2])
    with app.test_request_context("/"):
        session["csrf_token"] = "a" * 40
        assert draft_csrf_token(draft) == "signed-before"
    with app.test_request_context("/"):
        session["csrf_token"] = "b" * 40
        second = draft_csrf_token(draft)
    assert second != "signed-before"
    assert draft.csrf[:2] == ("b" * 40, second)


def test_csrf__with_a_time_limit_an_old_signature_is_renewed(app: Flask) -> None:
    app.config["WTF_CSRF_TIME_LIMIT"] = 3600
    draft = Draft(id="d", questionnaire_id="eltern-0-10", language="de", mode="web")
    with app.test_request_context("/"):
        session["csrf_token"] = "a" * 40
        draft_csrf_token(draft)
    assert draft.csrf is not None
    raw, _signed, minted = draft.csrf
    draft.csrf = (raw, "signed-long-ago", minted - 901)  # older than a quarter of the limit
    with app.test_request_context("/"):
        session["csrf_token"] = "a" * 40
        renewed = draft_csrf_token(draft)
    assert renewed != "signed-long-ago"
    assert draft.csrf == (raw, renewed, draft.csrf[2])
    draft.csrf = (raw, "signed-recently", draft.csrf[2] - 60)
    with app.test_request_context("/"):
        session["csrf_token"] = "a" * 40
        assert draft_csrf_token(draft) == "signed-recently"


def _counting_signature_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Flask-WTF's signature checks from now on (the token each was given)."""
    checked: list[str] = []
    validate = flask_wtf_csrf.validate_csrf
    monkeypatch.setattr(
        flask_wtf_csrf,
        "validate_csrf",
        lambda data, *a, **k: checked.append(data) or validate(data, *a, **k),
    )
    return checked


def test_csrf__the_draft_s_own_token_is_accepted_without_a_new_signature_check(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    respondent = Respondent(client).start("eltern-0-10", "de")
    checked = _counting_signature_checks(monkeypatch)
    respondent.next()
    assert respondent.status == 200 and respondent.url.endswith("/page/2")
    assert checked == []
    respondent.next({"csrf_token": "forged"}, answer=False)
    assert respondent.status == 400 and checked == ["forged"]


def test_csrf__another_session_s_raw_token_or_an_expired_one_goes_the_long_way(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Respondent(app.test_client()).start("eltern-0-10", "de")
    token = first.csrf()
    other = Respondent(app.test_client()).start("eltern-0-10", "de")
    checked = _counting_signature_checks(monkeypatch)
    # Another session (its own raw token and draft) sending the first one's token.
    response = other.client.post(other.url, data={"csrf_token": token, "action": "next"})
    assert response.status_code == 400 and checked == [token]
    # With a time limit, a token signed longer ago than the limit is checked in full.
    app.config["WTF_CSRF_TIME_LIMIT"] = 60
    store = app.extensions["ankommen_drafts"]
    with store._csrf_lock:
        for key, (raw, signed, minted) in list(store._csrf.items()):
            store._csrf[key] = (raw, signed, minted - 61)
    first.next()
    assert checked[-1] == token


def test_csrf__over_https_the_referer_is_still_checked(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    respondent = Respondent(client).start("eltern-0-10", "de")
    checked = _counting_signature_checks(monkeypatch)
    data = {"csrf_token": respondent.csrf(), "action": "next"}
    https = {"base_url": "https://localhost"}
    refused = client.post(
        respondent.url, data=data, headers={"Referer": "https://evil.example/"}, **https
    )
    assert refused.status_code == 400
    missing = client.post(respondent.url, data=data, **https)
    assert missing.status_code == 400
    assert checked == []  # the short way was taken, and its Referer check refused both
