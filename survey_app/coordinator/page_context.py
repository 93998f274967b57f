"""What every admin page needs: the navigation for the user's role and text helpers."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import abort, request, session
from flask_babel import lazy_gettext as _l

from survey_app.coordinator import bp
from survey_app.coordinator.access import current_user
from survey_app.coordinator.forms import ActionForm
from survey_app.i18n import set_language
from survey_app.problem_text import problem_place, problem_text
from survey_app.questionnaire import Questionnaire, Text
from survey_app.storage.user_store import COORDINATOR, PLANNER
from survey_app.ui_languages import SOURCE_LANGUAGE, choose

#: The admin UI is offered in these languages (German is the source; Arabic for planners
#: who read it, right to left).  The admin's choice is kept apart from the respondent
#: side's, so a preview in Arabic does not turn the admin pages Arabic.
ADMIN_LANGUAGES = ("de", "en", "ar")
#: Endpoints whose ``lang`` argument names a respondent language, not the admin's.
_RESPONDENT_LANG_ENDPOINTS = ("coordinator.preview", "coordinator.staged_preview")
ADMIN_LANGUAGE_KEY = "admin_lang"


@dataclass(frozen=True)
class NavItem:
    """A link in the admin navigation and the roles that see it."""

    endpoint: str
    label: object
    roles: tuple[str, ...]
    #: Other endpoints under this item (the item is marked current on them too).
    section: tuple[str, ...] = ()


NAVIGATION = (
    NavItem("coordinator.dashboard", _l("Übersicht"), (COORDINATOR, PLANNER)),
    NavItem("coordinator.results", _l("Ergebnisse"), (COORDINATOR, PLANNER)),
    NavItem(
        "coordinator.questionnaires",
        _l("Fragebögen"),
        (COORDINATOR,),
        ("coordinator.translations",),
    ),
    NavItem(
        "coordinator.events_list",
        _l("Veranstaltungen"),
        (COORDINATOR,),
        ("coordinator.event_new", "coordinator.event_edit"),
    ),
    NavItem("coordinator.live", _l("Live-Zahlen"), (COORDINATOR,)),
    NavItem("coordinator.exports", _l("Export"), (COORDINATOR,)),
    NavItem("coordinator.quotes", _l("Zitate"), (COORDINATOR,)),
    NavItem("coordinator.retention", _l("Löschfristen"), (COORDINATOR,), ("coordinator.purge",)),
    NavItem("coordinator.audit_log", _l("Protokoll"), (COORDINATOR,)),
)


@bp.before_request
def use_admin_language() -> None:
    """The admin pages' language: ``?lang=de|en|ar`` (remembered), else the remembered
    choice, else the browser's preference among :data:`ADMIN_LANGUAGES`.

    A preview's ``lang`` names the respondent's language, not the admin's: it is neither
    the admin page's choice nor remembered for the admin pages."""
    preview = request.endpoint in _RESPONDENT_LANG_ENDPOINTS
    explicit = None if preview else request.args.get("lang")
    tag = choose(
        explicit,
        session.get(ADMIN_LANGUAGE_KEY),
        ADMIN_LANGUAGES,
        ADMIN_LANGUAGES[0],
        list(request.accept_languages),
    )
    if tag == explicit:
        session[ADMIN_LANGUAGE_KEY] = tag
    set_language(tag, remember=False)


def preview_language(questionnaire: Questionnaire) -> str:
    """The respondent language a preview asks for (``?lang=``, else the questionnaire's
    default); a 400 page for a language the questionnaire is not offered in."""
    asked = request.args.get("lang")
    language = choose(asked, None, questionnaire.languages, questionnaire.default_language)
    if asked is not None and language != asked:
        abort(400)
    return language


def ui_text(text: Text | None, lang: str) -> str:
    """A questionnaire text in the admin's language, else in any language it has."""
    if text is None:
        return ""
    return text.get(lang, SOURCE_LANGUAGE)


@bp.context_processor
def admin_context() -> dict[str, object]:
    """The user, the navigation for the role, and a form for the logout button."""
    user = current_user()
    items = [item for item in NAVIGATION if user is not None and user.role in item.roles]
    current = next(
        (
            item.endpoint
            for item in items
            if request.endpoint == item.endpoint or request.endpoint in item.section
        ),
        None,
    )
    return {
        "admin_user": user,
        "navigation": items,
        "current_nav": current,
        # formdata=None: the button only needs a token; reading the body here would
        # fail again inside the error page of a body that was too large or malformed.
        "logout_form": ActionForm(formdata=None),
        "admin_languages": ADMIN_LANGUAGES,
        "ui_text": ui_text,
        "problem_text": problem_text,
        "problem_place": problem_place,
        "language_url": language_url,
    }


def language_url(tag: str) -> str:
    """This page in the admin language ``tag``, keeping its other query arguments
    (a results page keeps its selection)."""
    kept = [(key, value) for key, value in request.args.items(multi=True) if key != "lang"]
    return f"{request.path}?{urlencode([*kept, ('lang', tag)])}"
