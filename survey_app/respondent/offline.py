"""Offline kiosk tablets: the service worker, the offline answering pages, the queue's inbox.

/sw.js                          the service worker (scope: the whole site, to catch
                                the respondent pages when the network is gone)
/k/CODE/offline.json            what the worker caches for this kiosk event
/k/CODE/offline/ID/LANG         every screen of a questionnaire on one page, with the
                                questions' relevance as expression trees (JSON)
/k/CODE/queued                  POST, JSON: one queued response; stored once per id

How it fits together is described in ``respondent/README.md`` ("Offline tablets").
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from typing import Any

from flask import Blueprint, current_app, jsonify, request, send_from_directory, url_for
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from survey_app.i18n import set_language
from survey_app.library import get_library
from survey_app.questionnaire.model import Questionnaire
from survey_app.respondent.flow import find_event, is_child_mode, kiosk_settings
from survey_app.respondent.offline_document import describe, screen_views
from survey_app.respondent.offline_replay import (
    Refused,
    parse_queued,
    replay,
    store_queued,
)
from survey_app.security import accepts_json
from survey_app.storage import event_store as events
from survey_app.storage.db import token_used

bp = Blueprint("offline", __name__)

#: Queued responses older than this are deleted by the tablet, sent or not.
QUEUE_LIFETIME_HOURS = 72
#: Per event, at most this many tablets' reports of waiting responses are remembered.
MAX_REPORTS_PER_EVENT = 200


def kiosk_token(code: str) -> str:
    """The event's queue token: proves a POST comes from this site's offline page.

    Derived from the app's secret key and the event code, so it needs no storage; it is
    embedded in the offline page and sent in a header, which a cross-site form cannot do.
    """
    key = current_app.config["SECRET_KEY"]
    secret = key.encode() if isinstance(key, str) else bytes(key)
    return hmac.new(secret, b"offline-queue\0" + code.encode(), hashlib.sha256).hexdigest()[:32]


def _kiosk_event(code: str) -> events.Event:
    event = find_event(code)
    if event is None or event.mode not in ("kiosk", "both") or event.closed:
        raise NotFound()
    return event


def _questionnaires(event: events.Event) -> list[Questionnaire]:
    library = get_library()
    found = (library.get(qid) for qid in event.questionnaire_ids)
    return [questionnaire for questionnaire in found if questionnaire is not None]


@bp.get("/sw.js")
def service_worker() -> Response:
    """The service worker script, never cached by the HTTP cache (updates arrive)."""
    response = send_from_directory(
        current_app.static_folder or "", "js/sw.js", mimetype="text/javascript", max_age=0
    )
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = url_for("respondent.index")
    return response


@bp.get("/k/<code>/offline.json")
def manifest(code: str) -> Response:
    """What to cache for this kiosk: the offline pages per questionnaire and language."""
    event = _kiosk_event(code)
    documents = {
        questionnaire.id: {
            tag: url_for(".document", code=event.code, questionnaire_id=questionnaire.id, lang=tag)
            for tag in questionnaire.languages
        }
        for questionnaire in _questionnaires(event)
    }
    assets = [
        url_for("static", filename=name)
        for name in (
            "css/ankommen.css",
            "js/respondent.js",
            "js/offline.js",
            "js/expressions.js",
            "js/offline-answering.js",
        )
    ]
    pictograms = sorted(
        {
            url_for("respondent.pictogram", name=image)
            for questionnaire in _questionnaires(event)
            for image in _images(questionnaire)
        }
    )
    response = jsonify(
        {
            "code": event.code,
            "kiosk": url_for("respondent.kiosk", code=event.code),
            "documents": documents,
            "defaults": {q.id: q.default_language for q in _questionnaires(event)},
            "first": next(iter(documents), None),
            "assets": assets + pictograms,
        }
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _images(questionnaire: Questionnaire) -> set[str]:
    names: set[str] = set()
    for question in questionnaire.questions():
        for choice in [*question.choices, *question.rows]:
            if choice.image:
                names.add(choice.image)
            if choice.images is not None:
                names.update(name for name in choice.images.values.values() if name)
    return names


@bp.get("/k/<code>/offline/<questionnaire_id>/<lang>")
def document(code: str, questionnaire_id: str, lang: str) -> Any:
    """Every screen of the questionnaire on one page, answered by ``offline.js``."""
    from survey_app.respondent.views import _render

    event = _kiosk_event(code)
    questionnaire = next((q for q in _questionnaires(event) if q.id == questionnaire_id), None)
    if questionnaire is None or lang not in questionnaire.languages:
        raise NotFound()
    set_language(lang, remember=False)
    screens = screen_views(questionnaire, lang, is_child_mode(questionnaire))
    data = describe(questionnaire, lang)
    data.update(
        screens=[[screen.number, [q.id for q in screen.questions]] for screen, _view in screens],
        code=event.code,
        token=kiosk_token(event.code),
        queueUrl=url_for(".queued", code=event.code),
        kioskUrl=url_for("respondent.kiosk", code=event.code),
        resetSeconds=kiosk_settings()["reset"],
        lifetimeHours=QUEUE_LIFETIME_HOURS,
        documents={
            tag: url_for(".document", code=event.code, questionnaire_id=questionnaire.id, lang=tag)
            for tag in questionnaire.languages
        },
    )
    return _render(
        "respondent/offline.html",
        questionnaire,
        None,
        mode="kiosk",
        screens=screens,
        offline_data=data,
    )


@bp.post("/k/<code>/queued")
@accepts_json
def queued(code: str) -> tuple[Response, int]:
    """Store one queued response (once per submission id) and note the tablet's queue.

    2xx names the id: ``stored`` or ``duplicate`` (stored before) — the tablet may
    delete its entry.  422 ``refused`` names the id too: the response can never be
    stored (it would not pass the online pages' checks).  Anything else: keep it.
    """
    if not request.is_json:
        return jsonify({"error": "json expected"}), 415
    token = request.headers.get("X-Kiosk-Token", "")
    event = find_event(code)
    if event is None or event.mode not in ("kiosk", "both"):
        return jsonify({"error": "no such kiosk event"}), 404
    if not hmac.compare_digest(token.encode(), kiosk_token(event.code).encode()):
        return jsonify({"error": "bad token"}), 403
    payload = request.get_json(silent=True)
    note_waiting(event.code, payload)
    try:
        queued_response = parse_queued(payload)
    except Refused as refused:
        current_app.logger.info("queued response refused: %s", refused.reason)
        return jsonify({"error": "malformed"}), 400
    answer_id = queued_response.submission_id
    if token_used(answer_id):  # stored before (even if it would not pass today's checks)
        return jsonify({"id": answer_id, "status": "duplicate"}), 200
    questionnaire_id = payload.get("questionnaire") if isinstance(payload, dict) else None
    questionnaire = next((q for q in _questionnaires(event) if q.id == questionnaire_id), None)
    try:
        if questionnaire is None:
            raise Refused("questionnaire not part of the event")
        answers = replay(questionnaire, queued_response)
    except Refused as refused:
        current_app.logger.info("queued response refused: %s", refused.reason)
        return jsonify({"id": answer_id, "status": "refused"}), 422
    stored = store_queued(questionnaire, event, queued_response, answers)
    return jsonify({"id": answer_id, "status": "stored" if stored else "duplicate"}), 200


# --- what the tablets told us --------------------------------------------------------


class _Reports:
    """Per event and tablet: the responses a tablet said were still waiting after a send.

    Kept in this process's memory only: a tablet's random queue id (never stored with
    answers, never in the database) maps to a count, nothing else.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.by_event: dict[str, dict[str, int]] = {}


def _reports() -> _Reports:
    return current_app.extensions.setdefault("ankommen_offline_reports", _Reports())


def note_waiting(code: str, payload: Any) -> None:
    """Remember how many responses a tablet says are still waiting after this one."""
    if not isinstance(payload, dict):
        return
    tablet, waiting = payload.get("queue"), payload.get("waiting")
    if not isinstance(tablet, str) or not 8 <= len(tablet) <= 64 or not tablet.isalnum():
        return
    if not isinstance(waiting, int) or isinstance(waiting, bool) or not 0 <= waiting <= 10_000:
        return
    reports = _reports()
    with reports.lock:
        per_event = reports.by_event.setdefault(code, {})
        if tablet not in per_event and len(per_event) >= MAX_REPORTS_PER_EVENT:
            return
        per_event[tablet] = waiting


def reported_waiting(code: str) -> int:
    """Responses the event's tablets last reported as still queued (0: none reported).

    Only what tablets said when they last reached this process: a tablet without
    network cannot say anything, so this is a lower bound, not a count of the queues.
    """
    reports = _reports()
    with reports.lock:
        return sum(reports.by_event.get(code, {}).values())
