"""The respondent's way through a questionnaire: session keys, drafts, events.

The session cookie holds only small, non-personal state: the draft id, the entry
(kiosk or own-device link of an event), the chosen language.  Answers live in the
draft (server memory, :mod:`survey_app.storage.draft_store`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort, current_app, session
from flask_babel import gettext as _

from survey_app.answering import Step
from survey_app.errors import render_error
from survey_app.i18n import LANGUAGE_KEY
from survey_app.library import get_library
from survey_app.questionnaire.model import Questionnaire
from survey_app.respondent.links import cached_url_for as url_for
from survey_app.storage import event_store as events
from survey_app.storage.db import get_engine
from survey_app.storage.draft_store import Draft, get_drafts, track

DRAFT_KEY = "respondent_draft"
ENTRY_KEY = "respondent_entry"
CHOICE_KEY = "respondent_choice"
#: Event codes are short; anything longer is not looked up.
MAX_CODE_LENGTH = 20


class Closed(Exception):
    """The event this respondent came through is closed (or gone)."""

    def __init__(self, event: events.Event | None) -> None:
        super().__init__("closed")
        self.event = event


def questionnaire_or_404(questionnaire_id: str) -> Questionnaire:
    """The questionnaire with this id, or a 404 page (a staged upload in its preview)."""
    from survey_app.respondent.preview import previewed_staged

    questionnaire = previewed_staged(questionnaire_id) or get_library().get(questionnaire_id)
    if questionnaire is None:
        abort(404)
    return questionnaire


def is_child_mode(questionnaire: Questionnaire) -> bool:
    """Child mode (one question per screen, large) for the audience ``children``."""
    return questionnaire.audience == "children"


def current_draft(questionnaire_id: str | None = None) -> Draft | None:
    """The session's draft (for this questionnaire, when given), or None."""
    draft = get_drafts().get(session.get(DRAFT_KEY))
    if draft is None or (
        questionnaire_id is not None and draft.questionnaire_id != questionnaire_id
    ):
        return None
    return track(draft)


def new_draft(**fields: Any) -> Draft:
    """A new draft for this session; its changes during the request are saved after it."""
    draft = track(get_drafts().create(**fields))
    session[DRAFT_KEY] = draft.id
    return draft


def discard_draft() -> None:
    """Forget the session's draft and its answers."""
    get_drafts().discard(session.pop(DRAFT_KEY, None))


def forget_respondent() -> None:
    """Forget everything of the previous respondent on a shared tablet (not an admin login)."""
    discard_draft()
    for key in (ENTRY_KEY, CHOICE_KEY, LANGUAGE_KEY):
        session.pop(key, None)


def find_event(code: str) -> events.Event | None:
    """The event with this code, or None (codes too long or odd are not looked up)."""
    if not code or len(code) > MAX_CODE_LENGTH or not code.isalnum() or not code.isascii():
        return None
    with get_engine().connect() as conn:
        return events.get_event(conn, code)


@dataclass(frozen=True)
class Entry:
    """How the respondent came: ``mode`` and, for an event, its code and district."""

    mode: str = "web"
    event: events.Event | None = None

    @property
    def event_code(self) -> str | None:
        """The event's code, or None."""
        return self.event.code if self.event else None


def session_entry() -> tuple[str, str] | None:
    """``(mode, event code)`` of the kiosk or own-device link this session came through."""
    stored = session.get(ENTRY_KEY)
    if not isinstance(stored, dict) or not isinstance(stored.get("event"), str):
        return None
    mode = stored.get("mode") if stored.get("mode") in ("kiosk", "own_device") else "own_device"
    return mode, stored["event"]


def entry_for(questionnaire: Questionnaire) -> Entry:
    """The entry that applies to this questionnaire (raises :class:`Closed`).

    A kiosk or own-device entry counts only for the event's own questionnaires; any
    other questionnaire is answered as ``web``.
    """
    stored = session_entry()
    if stored is None:
        return Entry()
    mode, code = stored
    event = find_event(code)
    if event is None:
        raise Closed(None)
    if questionnaire.id not in event.questionnaire_ids:
        return Entry()
    if event.closed:
        raise Closed(event)
    return Entry(mode=mode, event=event)


def check_draft_event(draft: Draft) -> None:
    """Raise :class:`Closed` when the draft's event was closed meanwhile."""
    if draft.event_code is None or draft.preview:
        return
    event = find_event(draft.event_code)
    if event is None or event.closed:
        raise Closed(event)


def closed_page(error: Closed) -> tuple[str, int]:
    """The 410 page for a closed event, in the respondent's language."""
    if error.event is not None:
        detail = _(
            "Die Befragung „%(name)s“ ist beendet. Vielen Dank an alle, die mitgemacht haben!",
            name=error.event.name,
        )
    else:
        detail = _("Diese Befragung gibt es nicht mehr.")
    return render_error(410, detail)


def start_url(draft: Draft | None, questionnaire_id: str) -> str:
    """Where a respondent starts again: the kiosk or own-device link, else the questionnaire."""
    if draft is not None:
        entry = (draft.mode, draft.event_code) if draft.event_code else None
    else:
        entry = session_entry()
    if entry is not None:
        endpoint = "respondent.kiosk" if entry[0] == "kiosk" else "respondent.own_device"
        return url_for(endpoint, code=entry[1])
    return url_for("respondent.language", questionnaire_id=questionnaire_id)


def is_kiosk_session(draft: Draft | None) -> bool:
    """True when the respondent uses a kiosk tablet (by the draft, else the entry link)."""
    if draft is not None:
        return draft.mode == "kiosk"
    entry = session_entry()
    return entry is not None and entry[0] == "kiosk"


def screen_url(draft: Draft, number: int) -> str:
    """The URL of screen ``number`` of the draft's questionnaire."""
    return url_for("respondent.page", questionnaire_id=draft.questionnaire_id, number=number)


def step_url(draft: Draft, step: Step) -> str:
    """The URL of where a step of the answering run leads (changes nothing)."""
    if step.to == "screen":
        return screen_url(draft, step.screen)
    endpoint = {"consent": "respondent.consent", "thanks": "respondent.thanks"}
    return url_for(
        endpoint.get(step.to, "respondent.done"), questionnaire_id=draft.questionnaire_id
    )


def kiosk_settings() -> dict[str, Any]:
    """The kiosk timings for the page's ``data-`` attributes."""
    config = current_app.config
    return {
        "idle": int(config["KIOSK_IDLE_SECONDS"]),
        "warning": int(config["KIOSK_WARNING_SECONDS"]),
        "reset": int(config["KIOSK_RESET_SECONDS"]),
    }
