"""The queue's inbox (POST /k/CODE/queued) and the offline pages, without a browser.

A queued response is the offline page's form fields, screen by screen; the server
replays them through the online pages' checks and stores them once per submission id.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from survey_app import storage
from survey_app.answering.screens import plan_screens
from survey_app.library import get_library
from survey_app.respondent.offline import reported_waiting
from survey_app.storage.db import get_engine
from tests.respondent.browsing import create_event

QUESTIONNAIRE = "kinder-6-10"


def _offline_data(client: FlaskClient, code: str, lang: str = "de") -> dict[str, Any]:
    response = client.get(f"/k/{code}/offline/{QUESTIONNAIRE}/{lang}")
    assert response.status_code == 200
    found = re.search(r'id="offline-data">(.*?)</script>', response.get_data(as_text=True), re.S)
    assert found is not None
    return dict(json.loads(found.group(1)))


def _screens(app: Flask) -> list[list[Any]]:
    """Fields for every screen, as a respondent might fill them in."""
    with app.app_context():
        questionnaire = get_library().get(QUESTIONNAIRE)
        assert questionnaire is not None
        screens = []
        for screen in plan_screens(questionnaire, child_mode=True):
            fields: list[list[str]] = []
            for question in screen.questions:
                if question.type == "dot_vote":
                    fields.append([f"{question.id}.{question.choices[0].value}", "2"])
                elif question.type == "integer":
                    fields.append([question.id, "9"])
                elif question.type == "text":
                    fields.append([question.id, " Mehr Bänke "])
                elif question.type == "multiple_choice":
                    fields.append([question.id, "schule"])
                elif question.choices:
                    fields.append([question.id, question.choices[0].value])
            screens.append([screen.number, fields])
        return screens


def _entry(app: Flask, **changes: Any) -> dict[str, Any]:
    entry = {
        "id": str(uuid.uuid4()),
        "questionnaire": QUESTIONNAIRE,
        "language": "de",
        "started_offline": True,
        "screens": _screens(app),
        "waiting": 2,
        "queue": "a1b2c3d4e5f6a7b8",
    }
    entry.update(changes)
    return entry


def _post(client: FlaskClient, code: str, token: str, entry: Any) -> Any:
    return client.post(f"/k/{code}/queued", json=entry, headers={"X-Kiosk-Token": token})


def _rows(app: Flask) -> list[Any]:
    with app.app_context(), get_engine().connect() as conn:
        return list(conn.execute(select(storage.responses)))


def _started(app: Flask) -> int:
    with app.app_context(), get_engine().connect() as conn:
        return int(
            conn.execute(select(func.coalesce(func.sum(storage.starts.c.count), 0))).scalar()
        )


def test_queued__stores_once_per_submission_id(app: Flask, client: FlaskClient) -> None:
    code = create_event(app, [QUESTIONNAIRE])
    token = _offline_data(client, code)["token"]
    entry = _entry(app)

    first = _post(client, code, token, entry)
    again = _post(client, code, token, entry)

    assert first.status_code == 200 and first.json == {"id": entry["id"], "status": "stored"}
    assert again.status_code == 200 and again.json == {"id": entry["id"], "status": "duplicate"}
    rows = _rows(app)
    assert len(rows) == 1
    answers = json.loads(rows[0].answers)
    assert answers["alter"] == 9 and answers["einrichtung"] == ["schule"]
    assert "kita_gefallen" not in answers  # its screen was sent, but it is not relevant
    assert answers["wunsch"] == "Mehr Bänke"  # cleaned as the online form cleans it
    assert (rows[0].mode, rows[0].event_code, rows[0].language) == ("kiosk", code, "de")
    assert _started(app) == 1  # begun offline: its start is counted once, with the response
    with app.app_context():
        assert reported_waiting(code) == 2


def test_queued__a_draft_token_stores_nothing_when_the_draft_was_stored(
    app: Flask, client: FlaskClient
) -> None:
    """ "Absenden" reached the server, its answer did not: the queue sends the draft's token."""
    code = create_event(app, [QUESTIONNAIRE])
    token = _offline_data(client, code)["token"]
    draft_token = storage.new_token()
    with app.app_context(), get_engine().begin() as conn:
        storage.store_response(
            conn,
            storage.NewResponse(
                questionnaire_id=QUESTIONNAIRE,
                questionnaire_version="1",
                questionnaire_hash="x",
                language="de",
                mode="kiosk",
                event_code=code,
                district=None,
                answers={"alter": 9},
            ),
            token=draft_token,
        )
    entry = _entry(app, id=draft_token, started_offline=False)
    response = _post(client, code, token, entry)
    assert response.json == {"id": draft_token, "status": "duplicate"}
    assert len(_rows(app)) == 1


def test_queued__refuses_what_the_online_pages_would_refuse(
    app: Flask, client: FlaskClient
) -> None:
    code = create_event(app, [QUESTIONNAIRE])
    token = _offline_data(client, code)["token"]
    screens = _screens(app)
    too_old = [[n, [[k, "200"] if k == "alter" else [k, v] for k, v in f]] for n, f in screens]
    unknown_choice = [
        [n, [[k, "mond"] if k == "einrichtung" else [k, v] for k, v in f]] for n, f in screens
    ]
    unknown_field = [[n, [*f, ["admin", "1"]]] for n, f in screens]
    missing_required = [[n, f] for n, f in screens if not any(k == "einrichtung" for k, _ in f)]

    for bad in (too_old, unknown_choice, unknown_field, missing_required):
        entry = _entry(app, screens=bad)
        response = _post(client, code, token, entry)
        assert response.status_code == 422, bad
        assert response.json == {"id": entry["id"], "status": "refused"}
    assert _post(client, code, token, _entry(app, language="xx")).status_code == 422
    assert _post(client, code, token, _entry(app, questionnaire="eltern-0-10")).status_code == 422
    assert _post(client, code, token, _entry(app, id="not-a-uuid")).status_code == 400
    assert _post(client, code, token, _entry(app, screens=[[1, [["alter", 9]]]])).status_code == 400
    assert _post(client, code, token, [1, 2]).status_code == 400
    assert _rows(app) == [] and _started(app) == 0


def test_queued__needs_json_and_the_kiosk_token(app: Flask, client: FlaskClient) -> None:
    code = create_event(app, [QUESTIONNAIRE])
    token = _offline_data(client, code)["token"]
    entry = _entry(app)

    assert _post(client, code, "0" * 32, entry).status_code == 403
    assert client.post(f"/k/{code}/queued", json=entry).status_code == 403
    as_form = client.post(
        f"/k/{code}/queued", data={"id": entry["id"]}, headers={"X-Kiosk-Token": token}
    )
    assert as_form.status_code == 415
    other = create_event(app, [QUESTIONNAIRE], name="Anderes Fest")
    assert _post(client, other, token, entry).status_code == 403  # a token is per event
    assert _post(client, "NOPE42", token, entry).status_code == 404
    assert _rows(app) == []


def test_offline_pages__only_for_open_kiosk_events(app: Flask, client: FlaskClient) -> None:
    code = create_event(app, [QUESTIONNAIRE])
    manifest = client.get(f"/k/{code}/offline.json").json
    assert manifest["first"] == QUESTIONNAIRE
    assert manifest["documents"][QUESTIONNAIRE]["de"] == f"/k/{code}/offline/{QUESTIONNAIRE}/de"
    assert "/static/js/offline-answering.js" in manifest["assets"]

    data = _offline_data(client, code)
    assert data["screens"][0] == [1, ["alter"]]
    relevant = data["questions"]["kita_gefallen"]["relevant"]
    assert relevant == ["call", "selected", ["ref", "einrichtung"], ["lit", "kita"]]
    assert data["queueUrl"] == f"/k/{code}/queued"

    worker = client.get("/sw.js")
    assert worker.status_code == 200 and worker.mimetype == "text/javascript"
    assert worker.headers["Service-Worker-Allowed"] == "/"
    worker.close()
    assert client.get(f"/k/{code}/offline/{QUESTIONNAIRE}/xx").status_code == 404
    assert client.get(f"/k/{code}/offline/eltern-0-10/de").status_code == 404
    assert client.get("/k/NOPE42/offline.json").status_code == 404


def test_offline_page__renders_every_choice_and_sends_the_filter(
    app: Flask, client: FlaskClient
) -> None:
    """Choices are filtered in the browser: the page has them all, and the filter's tree."""
    code = create_event(app, ["eltern-0-10"])
    response = client.get(f"/k/{code}/offline/eltern-0-10/de")
    html = response.get_data(as_text=True)
    with app.app_context():
        questionnaire = get_library().get("eltern-0-10")
        assert questionnaire is not None
        offers = questionnaire.question("offers_used")
        assert offers is not None and len(offers.choice_values) > 3
    for value in offers.choice_values:
        assert f'name="offers_used" value="{value}"' in html
    found = re.search(r'id="offline-data">(.*?)</script>', html, re.S)
    assert found is not None
    data = json.loads(found.group(1))
    assert data["questions"]["offers_used"]["filter"] == [
        "call",
        "selected",
        ["ref", "offers_known"],
        ["attr", "name"],
    ]
    assert "<script>" not in html  # the JSON is data, never script (the CSP forbids it)
