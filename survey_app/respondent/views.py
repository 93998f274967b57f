"""Routes of the respondent side.

/                      open questionnaires
/k/CODE, /e/CODE       an event in kiosk mode / on the respondent's own device
/q/ID                  language choice (``?lang=TAG`` preselects)
/q/ID/consent          information and consent; passing it starts the draft
/q/ID/page/N, /q/ID/done   the screens and the final check: answer_views.py
/q/ID/thanks           thank-you page (kiosk: back to the start by itself)
/q/ID/start-over       discard the answers (GET asks, POST does it)
/pictograms/NAME       pictograms of the questionnaires
/fonts/NAME            the bundled OFL fonts (the poster prints in the brief's fonts)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import (
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask_babel import get_translations
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from analysis.pdf_engine import font_files
from survey_app import storage
from survey_app.answering import AnsweringRun
from survey_app.errors import render_error
from survey_app.i18n import current_language, language_used_so_far, set_language
from survey_app.library import get_library
from survey_app.questionnaire.model import Questionnaire
from survey_app.resources import font_dir
from survey_app.respondent import bp
from survey_app.respondent.flow import (
    CHOICE_KEY,
    ENTRY_KEY,
    Closed,
    check_draft_event,
    closed_page,
    current_draft,
    discard_draft,
    entry_for,
    find_event,
    forget_respondent,
    is_child_mode,
    is_kiosk_session,
    kiosk_settings,
    new_draft,
    questionnaire_or_404,
    start_url,
    step_url,
)
from survey_app.respondent.links import cached_url_for, draft_csrf_token
from survey_app.respondent.preview import restart_preview, staged_media_folder
from survey_app.respondent.rendering import (
    Localizer,
    choice_inputs,
    pictogram_img,
    template_gettext,
)
from survey_app.respondent.wording import Wording
from survey_app.storage.db import write_transaction
from survey_app.storage.draft_store import Draft
from survey_app.ui_languages import SOURCE_LANGUAGE, choose

Reply = Response | str | tuple[str, int]

PICTOGRAM_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")


@bp.errorhandler(Closed)
def _closed(error: Closed) -> tuple[str, int]:
    return closed_page(error)


@bp.before_request
def _only_form_posts() -> tuple[str, int] | None:
    """Respondent forms send ``application/x-www-form-urlencoded`` and nothing else."""
    if request.method == "POST" and request.mimetype != "application/x-www-form-urlencoded":
        return render_error(400)
    return None


def _use_language(tag: str) -> None:
    """Make ``tag`` the page language; the session is written only when it changes."""
    set_language(tag)


def _pictogram_url(name: str) -> str:
    return url_for("respondent.pictogram", name=name)


def _render(
    template: str,
    questionnaire: Questionnaire | None,
    draft: Draft | None = None,
    status: int = 200,
    **context: Any,
) -> Reply:
    """Render a respondent page with the questionnaire's wording and language helpers."""
    lang = current_language()
    default = questionnaire.default_language if questionnaire else SOURCE_LANGUAGE
    wording = (
        Wording.for_audience(questionnaire.audience) if questionnaire else Wording(informal=False)
    )
    child_mode = (
        draft.child_mode if draft else (is_child_mode(questionnaire) if questionnaire else False)
    )
    mode = draft.mode if draft else context.pop("mode", "web")
    if draft is not None:
        context.setdefault("csrf_token", lambda: draft_csrf_token(draft))
    html = render_template(
        template,
        url_for=cached_url_for,
        gettext=template_gettext(get_translations()),
        questionnaire=questionnaire,
        draft=draft,
        tx=Localizer(lang, default),
        localize=Localizer,
        pictogram_img=pictogram_img,
        render_choices=choice_inputs,
        pictogram_url=_pictogram_url,
        ds=wording.pick,
        informal=wording.informal,
        child_mode=child_mode,
        kiosk=mode == "kiosk",
        kiosk_timing=kiosk_settings(),
        preview=bool(draft and draft.preview),
        **context,
    )
    return (html, status) if status != 200 else html


# --- start pages ----------------------------------------------------------------------


@bp.get("/")
def index() -> Reply:
    """List the open questionnaires, each with the languages it is offered in."""
    return _render("respondent/index.html", None, questionnaires=get_library().all())


@bp.get("/k/<code>")
def kiosk(code: str) -> Reply:
    """Kiosk mode for an event: a fresh start for the next family on a shared tablet."""
    forget_respondent()
    return _event_entry(code, "kiosk")


@bp.get("/e/<code>")
def own_device(code: str) -> Reply:
    """The short link of an event's QR code, for the respondent's own phone."""
    return _event_entry(code, "own_device")


def _event_entry(code: str, mode: str) -> Reply:
    event = find_event(code)
    allowed = ("kiosk", "both") if mode == "kiosk" else ("own_device", "both")
    if event is None or event.mode not in allowed:
        raise NotFound()
    if event.closed:
        raise Closed(event)
    session[ENTRY_KEY] = {"mode": mode, "event": event.code}
    library = get_library()
    questionnaires = [
        q for q in (library.get(qid) for qid in event.questionnaire_ids) if q is not None
    ]
    if not questionnaires:
        raise Closed(None)
    asked = request.args.get("lang")
    if len(questionnaires) == 1:
        return redirect(url_for(".language", questionnaire_id=questionnaires[0].id, lang=asked))
    languages = list(dict.fromkeys(lang for q in questionnaires for lang in q.languages))
    tag = choose(asked, None, languages, None)
    if tag is not None:
        _use_language(tag)
    return _render(
        "respondent/event.html",
        None,
        mode=mode,
        event=event,
        questionnaires=questionnaires,
        languages=languages,
        chosen=tag,
    )


@bp.get("/q/<questionnaire_id>")
def language(questionnaire_id: str) -> Reply:
    """The language buttons; ``?lang=TAG`` (or a single language) goes straight on."""
    questionnaire = questionnaire_or_404(questionnaire_id)
    entry = entry_for(questionnaire)
    draft = current_draft(questionnaire_id)
    if draft is not None and draft.submitted:
        draft = None
    asked = request.args.get("lang")
    only = questionnaire.languages[0] if len(questionnaire.languages) == 1 else None
    tag = choose(asked, None, questionnaire.languages, only)
    if tag is None and asked is not None:
        # Not offered: show the choice, in the language used so far (not in ``asked``).
        set_language(
            language_used_so_far(questionnaire.languages, questionnaire.default_language),
            remember=False,
        )
    if tag is not None:
        _use_language(tag)
        if draft is not None:
            with draft.lock:
                draft.language = tag
                if draft.consented:
                    return redirect(step_url(draft, AnsweringRun(questionnaire, draft).resume()))
        session[CHOICE_KEY] = {"q": questionnaire_id, "lang": tag}
        return redirect(url_for(".consent", questionnaire_id=questionnaire_id))
    return _render(
        "respondent/language.html",
        questionnaire,
        draft,
        mode=entry.mode,
        continuing=draft is not None and draft.consented,
    )


@bp.route("/q/<questionnaire_id>/consent", methods=["GET", "POST"])
def consent(questionnaire_id: str) -> Reply:
    """The information and consent text; its button starts the questionnaire."""
    questionnaire = questionnaire_or_404(questionnaire_id)
    draft = current_draft(questionnaire_id)
    if draft is not None and draft.submitted:
        discard_draft()
        draft = None
    if draft is not None and draft.consented:
        return redirect(step_url(draft, AnsweringRun(questionnaire, draft).resume()))
    if draft is None:
        choice = session.get(CHOICE_KEY)
        if (
            not isinstance(choice, dict)
            or choice.get("q") != questionnaire_id
            or choose(None, choice.get("lang"), questionnaire.languages, None) is None
        ):
            return redirect(url_for(".language", questionnaire_id=questionnaire_id))
        lang = choice["lang"]
        entry = entry_for(questionnaire)
    else:
        lang = draft.language
        check_draft_event(draft)
        entry = None
    _use_language(lang)
    if request.method == "GET":
        return _render(
            "respondent/consent.html",
            questionnaire,
            draft,
            mode=entry.mode if entry else "web",
        )
    if draft is None:
        assert entry is not None
        discard_draft()  # a draft of another questionnaire in this session
        draft = new_draft(
            questionnaire_id=questionnaire_id,
            language=lang,
            mode=entry.mode,
            event_code=entry.event_code,
            district=entry.event.district if entry.event else None,
            child_mode=is_child_mode(questionnaire),
        )
        session.pop(CHOICE_KEY, None)
    with draft.lock:
        if not draft.preview and not draft.start_counted:
            with write_transaction() as conn:
                storage.count_start(
                    conn,
                    questionnaire_id=questionnaire_id,
                    event_code=draft.event_code,
                    language=draft.language,
                )
            draft.start_counted = True
        draft.consented = True
        return redirect(step_url(draft, AnsweringRun(questionnaire, draft).resume()))


@bp.get("/q/<questionnaire_id>/thanks")
def thanks(questionnaire_id: str) -> Reply:
    """Thank you — shown only after the response was committed."""
    questionnaire = questionnaire_or_404(questionnaire_id)
    draft = current_draft(questionnaire_id)
    if draft is None or not draft.submitted:
        return redirect(url_for(".language", questionnaire_id=questionnaire_id))
    _use_language(draft.language)
    return_url = start_url(draft, questionnaire_id) if draft.mode == "kiosk" else None
    return _render("respondent/thanks.html", questionnaire, draft, return_url=return_url)


@bp.route("/q/<questionnaire_id>/start-over", methods=["GET", "POST"])
def start_over(questionnaire_id: str) -> Reply:
    """Discard the answers: GET asks first, POST (also the kiosk timer's) does it."""
    questionnaire = questionnaire_or_404(questionnaire_id)
    draft = current_draft(questionnaire_id)
    if request.method == "GET":
        if draft is None or draft.submitted:
            return redirect(url_for(".language", questionnaire_id=questionnaire_id))
        _use_language(draft.language)
        with draft.lock:
            back_url = (
                step_url(draft, AnsweringRun(questionnaire, draft).resume())
                if draft.consented
                else url_for(".consent", questionnaire_id=questionnaire_id)
            )
        return _render("respondent/start_over.html", questionnaire, draft, back_url=back_url)
    if draft is not None and draft.preview:
        return redirect(restart_preview(draft))
    target = start_url(draft, questionnaire_id)
    if is_kiosk_session(draft):
        forget_respondent()
    else:
        discard_draft()
    return redirect(target, 303)


# --- pictograms -----------------------------------------------------------------------


@bp.get("/pictograms/<path:name>")
def pictogram(name: str) -> Response:
    """A pictogram from the questionnaire folder (images only, cached for an hour)."""
    if not name.lower().endswith(PICTOGRAM_SUFFIXES):
        raise NotFound()
    folder = Path(current_app.config["QUESTIONNAIRE_DIR"]) / "pictograms"
    staged = staged_media_folder()  # the pictures of an upload this session previews
    if staged is not None and "/" not in name and (staged / name).is_file():
        return send_from_directory(staged, name, max_age=0)
    return send_from_directory(folder, name, max_age=3600)


@bp.get("/fonts/<name>")
def bundled_font(name: str) -> Response:
    """One of the bundled font files (cached for a day); nothing else from that folder."""
    if name not in {path.name for path in font_files()}:
        raise NotFound()
    return send_from_directory(font_dir(), name, mimetype="font/ttf", max_age=86400)
