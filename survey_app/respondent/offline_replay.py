"""Storing a response that a kiosk tablet answered offline and queued.

The tablet does not send answers in stored form: it sends, screen by screen, the form
fields its offline pages collected — exactly what the online pages would have POSTed.
The server replays them through the same code as the online path (``find_tampering``,
``build_form``, the screen's ``validate_answers(…, only)``, then ``Questionnaire.validate``
of the whole response), so type conversion and checks exist once.  A replay that the online
pages would have refused is refused as a whole: nothing of it is stored.

The client's submission id is the one-time token (``submission_tokens``): the same id
sent twice stores one row, inside the same transaction as the response.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from werkzeug.datastructures import MultiDict

from survey_app import storage
from survey_app.answering.screens import Route
from survey_app.questionnaire.answers import validate_answers
from survey_app.questionnaire.model import Questionnaire
from survey_app.respondent.flow import is_child_mode
from survey_app.respondent.forms import build_form
from survey_app.respondent.tampering import find_tampering
from survey_app.respondent.wording import Wording
from survey_app.storage.db import store_once
from survey_app.storage.event_store import Event

#: ``crypto.randomUUID()`` (36 characters), or the one-time token of the online draft
#: when the network failed on the final "Absenden" (``storage.new_token``, 32
#: characters): then a response the server did store before the network went is
#: not stored a second time from the queue.
SUBMISSION_ID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|[A-Za-z0-9_-]{32}"
)
MAX_FIELDS_PER_SCREEN = 500


class Refused(Exception):
    """The queued response cannot be stored (``reason`` is for the log, not the user)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class QueuedResponse:
    """A queued response as the tablet sent it (shape checked, content not yet)."""

    submission_id: str
    language: str
    started_offline: bool
    screens: list[tuple[int, list[tuple[str, str]]]]


def parse_queued(payload: Any) -> QueuedResponse:
    """Check the JSON's shape; raise :class:`Refused` for anything a tablet cannot send."""
    if not isinstance(payload, dict):
        raise Refused("not an object")
    submission_id = payload.get("id")
    if not isinstance(submission_id, str) or not SUBMISSION_ID.fullmatch(submission_id):
        raise Refused("bad submission id")
    language = payload.get("language")
    if not isinstance(language, str) or len(language) > 35:
        raise Refused("bad language")
    raw_screens = payload.get("screens")
    if not isinstance(raw_screens, list) or len(raw_screens) > 1000:
        raise Refused("bad screens")
    screens: list[tuple[int, list[tuple[str, str]]]] = []
    for item in raw_screens:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], list)):
            raise Refused("bad screen")
        number, fields = item
        if not isinstance(number, int) or isinstance(number, bool):
            raise Refused("bad screen number")
        if len(fields) > MAX_FIELDS_PER_SCREEN:
            raise Refused("too many fields")
        pairs: list[tuple[str, str]] = []
        for pair in fields:
            if not (
                isinstance(pair, list)
                and len(pair) == 2
                and all(isinstance(part, str) for part in pair)
            ):
                raise Refused("bad field")
            pairs.append((pair[0], pair[1]))
        screens.append((number, pairs))
    return QueuedResponse(submission_id, language, payload.get("started_offline") is True, screens)


def replay(questionnaire: Questionnaire, queued: QueuedResponse) -> dict[str, Any]:
    """The cleaned, validated answers of a queued response (raises :class:`Refused`)."""
    if queued.language not in questionnaire.languages:
        raise Refused("language not offered")
    child_mode = is_child_mode(questionnaire)
    wording = Wording.for_audience(questionnaire.audience)
    answers: dict[str, Any] = {}
    visited: set[int] = set()
    numbers = [number for number, _fields in queued.screens]
    if numbers != sorted(set(numbers)):
        raise Refused("screens out of order or repeated")
    for number, fields in queued.screens:
        route = Route.of(questionnaire, child_mode, answers)
        screen = route.screen(number)
        if screen is None:
            raise Refused("no such screen")
        if not route.is_shown(number):
            continue  # answered, then skipped by a later change: as online, not kept
        questions = screen.shown_questions(route.shown)
        earlier = questionnaire.clean(answers, route.shown)
        formdata = MultiDict([*fields, ("action", "next")])
        reason = find_tampering(questionnaire, questions, earlier, formdata)
        if reason is not None:
            raise Refused(reason)
        view = build_form(
            questionnaire, questions, earlier, wording, queued.language, formdata=formdata
        )
        if not view.form.validate():
            raise Refused(f"screen {number} not valid")
        own_ids = {question.id for question in screen.questions}
        kept = {key: value for key, value in answers.items() if key not in own_ids}
        merged = {**kept, **view.answers()}
        if validate_answers(questionnaire, questionnaire.clean(merged), {q.id for q in questions}):
            raise Refused(f"screen {number} not valid for the model")
        answers = merged
        visited.add(number)
    route = Route.of(questionnaire, child_mode, answers)
    if route.first_unvisited(visited) is not None:
        raise Refused("screens missing")
    cleaned = questionnaire.clean(answers, route.shown)
    if questionnaire.validate(cleaned):
        raise Refused("response not valid")
    return cleaned


def store_queued(
    questionnaire: Questionnaire, event: Event, queued: QueuedResponse, answers: dict[str, Any]
) -> bool:
    """Store once per submission id; True when stored now, False when it was stored before.

    A response begun offline also counts its start (the online consent page counts
    starts; offline there was no server to count it), in the same transaction.
    """
    response = storage.NewResponse.to(
        questionnaire,
        language=queued.language,
        mode="kiosk",
        event_code=event.code,
        district=event.district,
        answers=answers,
    )
    return store_once(response, queued.submission_id, count_start=queued.started_offline)
