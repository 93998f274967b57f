"""Routes of the respondent side.

/                      open questionnaires
/k/CODE, /e/CODE       an event in kiosk mode / on the respondent's own device
/q/ID                  language choice (``?lang=TAG`` preselects)
/q/ID/consent          information and consent; passing it starts the draft
/q/ID/page/N           screen N (GET shows, POST saves and moves on or back)
/q/ID/done             the final check; its POST stores the response
/q/ID/thanks           thank-you page (kiosk: back to the start by itself)
/q/ID/start-over       discard the answers (GET asks, POST does it)
/pictograms/NAME       pictograms of the questionnaires
/fonts/NAME            the bundled OFL fonts (the poster prints in the brief's fonts)
"""

from __future__ import annotations

import hmac
from functools import partial
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
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from analysis.pdf_engine import font_files
from survey_app import storage
from survey_app.db import get_engine, write_transaction
from survey_app.drafts import DEFAULT_MAX_REQUESTS, Draft
from survey_app.errors import render_error
from survey_app.i18n import current_language, set_language
from survey_app.library import get_library
from survey_app.questionnaire.model import Questionnaire
from survey_app.resources import font_dir
from survey_app.respondent import bp
from survey_app.respondent.flow import (
    CHOICE_KEY,
    ENTRY_KEY,
    LANG_KEY,
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
    resume_url,
    screen_url,
    start_url,
)
from survey_app.respondent.forms import attach_problems, build_form, find_tampering, model_problems
from survey_app.respondent.links import cached_url_for, draft_csrf_token
from survey_app.respondent.preview import restart_preview, staged_media_folder
from survey_app.respondent.rendering import (
    Localizer,
    choice_inputs,
    pictogram_img,
    template_gettext,
)
from survey_app.respondent.screen_cache import render_screen
from survey_app.respondent.screens import Route
from survey_app.respondent.wording import Wording

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
    set_language(tag, remember=session.get(LANG_KEY) != tag)


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
    default = questionnaire.default_language if questionnaire else "de"
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
    tag = request.args.get("lang")
    if len(questionnaires) == 1:
        return redirect(url_for(".language", questionnaire_id=questionnaires[0].id, lang=tag))
    languages = list(dict.fromkeys(lang for q in questionnaires for lang in q.languages))
    if tag in languages:
        _use_language(tag)
    return _render(
        "respondent/event.html",
        None,
        mode=mode,
        event=event,
        questionnaires=questionnaires,
        languages=languages,
        chosen=tag if tag in languages else None,
    )


@bp.get("/q/<questionnaire_id>")
def language(questionnaire_id: str) -> Reply:
    """The language buttons; ``?lang=TAG`` (or a single language) goes straight on."""
    questionnaire = questionnaire_or_404(questionnaire_id)
    entry = entry_for(questionnaire)
    draft = current_draft(questionnaire_id)
    if draft is not None and draft.submitted:
        draft = None
    tag = request.args.get("lang")
    if tag is not None and tag not in questionnaire.languages:
        # Not offered: show the choice, in the language used so far (not in ``tag``).
        remembered = session.get(LANG_KEY)
        set_language(
            remembered if remembered in questionnaire.languages else questionnaire.default_language,
            remember=False,
        )
        tag = None
    if tag is None and len(questionnaire.languages) == 1:
        tag = questionnaire.languages[0]
    if tag is not None:
        _use_language(tag)
        if draft is not None:
            with draft.lock:
                draft.language = tag
                if draft.consented:
                    return redirect(
                        resume_url(draft, Route.of(questionnaire, draft.child_mode, draft.answers))
                    )
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
        return redirect(resume_url(draft, Route.of(questionnaire, draft.child_mode, draft.answers)))
    if draft is None:
        choice = session.get(CHOICE_KEY)
        if (
            not isinstance(choice, dict)
            or choice.get("q") != questionnaire_id
            or choice.get("lang") not in questionnaire.languages
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
        return redirect(resume_url(draft, Route.of(questionnaire, draft.child_mode, draft.answers)))


# --- the questions --------------------------------------------------------------------


def _expired() -> tuple[str, int]:
    return render_error(
        400,
        _(
            "Die Sitzung ist abgelaufen. Aus Datenschutzgründen werden unfertige Antworten nach einer Weile gelöscht. Bitte beginnen Sie neu."
        ),
    )


@bp.route("/q/<questionnaire_id>/page/<int:number>", methods=["GET", "POST"])
def page(questionnaire_id: str, number: int) -> Reply:
    """A screen of questions: GET shows it, POST saves it and goes on (or back)."""
    questionnaire = questionnaire_or_404(questionnaire_id)
    draft = current_draft(questionnaire_id)
    if draft is None or not draft.consented or draft.submitted:
        if request.method == "POST":
            return _expired()
        return redirect(url_for(".language", questionnaire_id=questionnaire_id))
    _use_language(draft.language)
    with draft.lock:
        route = Route.of(questionnaire, draft.child_mode, draft.answers)
        reachable = number in draft.visited and route.is_shown(number)
        if request.method == "GET":
            if not reachable:
                return redirect(resume_url(draft, route))
            draft.screen = number
            return _show_screen(questionnaire, draft, route, number)
        draft.requests += 1
        if draft.requests > current_app.config.get("DRAFT_MAX_REQUESTS", DEFAULT_MAX_REQUESTS):
            return render_error(429)
        if not reachable:
            return render_error(
                400, _("Diese Seite ist gerade nicht an der Reihe. Es wurde nichts gespeichert.")
            )
        return _save_screen(questionnaire, draft, route, number)


def _screen_context(
    questionnaire: Questionnaire, draft: Draft, route: Route, number: int
) -> dict[str, Any]:
    screen = route.screen(number)
    assert screen is not None
    return {
        "screen": screen,
        "progress": route.progress(number),
    }


def _show_screen(questionnaire: Questionnaire, draft: Draft, route: Route, number: int) -> Reply:
    context = _screen_context(questionnaire, draft, route, number)
    questions = context["screen"].shown_questions(route.shown)
    wording = Wording.for_audience(questionnaire.audience)
    answers = questionnaire.clean(draft.answers, route.shown)
    view = build_form(questionnaire, questions, answers, wording, draft.language)
    return render_screen(partial(_render, "respondent/page.html", questionnaire, draft), questionnaire, draft, view, context)  # fmt: skip


def _save_screen(questionnaire: Questionnaire, draft: Draft, route: Route, number: int) -> Reply:
    screen = route.screen(number)
    assert screen is not None
    questions = screen.shown_questions(route.shown)
    earlier = questionnaire.clean(draft.answers, route.shown)
    reason = find_tampering(questionnaire, questions, earlier, request.form)
    if reason is not None:
        current_app.logger.info("respondent POST refused: %s", reason)
        return render_error(400)
    wording = Wording.for_audience(questionnaire.audience)
    view = build_form(
        questionnaire, questions, earlier, wording, draft.language, formdata=request.form
    )
    valid = view.form.validate()
    own_ids = {question.id for question in screen.questions}
    kept = {key: value for key, value in draft.answers.items() if key not in own_ids}

    if request.form["action"] == "back":
        draft.answers = {**kept, **view.valid_answers()}
        route = Route.of(questionnaire, draft.child_mode, draft.answers)
        previous = route.previous_before(number, draft.visited)
        if previous is None:
            draft.consented = False
            return redirect(url_for(".consent", questionnaire_id=questionnaire.id))
        draft.screen = previous.number
        return redirect(screen_url(draft, previous.number))

    merged = {**kept, **view.answers()}
    if valid:
        problems = model_problems(questionnaire, merged, {q.id for q in questions})
        attach_problems(view, problems, wording, draft.language, questionnaire.default_language)
        valid = not problems
    if not valid:
        context = _screen_context(questionnaire, draft, route, number)
        return _render(
            "respondent/page.html",
            questionnaire,
            draft,
            status=422,
            view=view,
            errors=view.error_links(),
            **context,
        )
    draft.answers = merged
    route = Route.of(questionnaire, draft.child_mode, merged)
    following = route.next_after(number)
    if following is None:
        draft.screen = 0
        return redirect(url_for(".done", questionnaire_id=questionnaire.id))
    draft.visited.add(following.number)
    draft.screen = following.number
    return redirect(screen_url(draft, following.number))


# --- the end --------------------------------------------------------------------------


@bp.route("/q/<questionnaire_id>/done", methods=["GET", "POST"])
def done(questionnaire_id: str) -> Reply:
    """All questions seen: GET asks to send, POST stores the response (once)."""
    questionnaire = questionnaire_or_404(questionnaire_id)
    draft = current_draft(questionnaire_id)
    if request.method == "POST":
        return _submit(questionnaire, draft)
    if draft is None or not draft.consented:
        return redirect(url_for(".language", questionnaire_id=questionnaire_id))
    if draft.submitted:
        return redirect(url_for(".thanks", questionnaire_id=questionnaire_id))
    _use_language(draft.language)
    with draft.lock:
        route = Route.of(questionnaire, draft.child_mode, draft.answers)
        if route.first_unvisited(draft.visited) is not None:
            return redirect(resume_url(draft, route))
        last = route.shown_screens()[-1].number if route.shown_screens() else None
        draft.screen = 0
        return _render("respondent/done.html", questionnaire, draft, last_screen=last)


def _token_used(token: str) -> bool:
    table = storage.submission_tokens
    with get_engine().connect() as conn:
        return conn.execute(select(table.c.token).where(table.c.token == token)).first() is not None


def _submit(questionnaire: Questionnaire, draft: Draft | None) -> Reply:
    token = request.form.get("token", "")
    if not isinstance(token, str) or len(token) > 64:
        return render_error(400)
    if draft is None:
        if token and _token_used(token):
            # A repeated POST after the draft expired: it was stored once; say thank you.
            return _render("respondent/thanks.html", questionnaire, None, return_url=None)
        return _expired()
    _use_language(draft.language)
    with draft.lock:
        if not hmac.compare_digest(token.encode(), draft.token.encode()):
            return render_error(400)
        if draft.submitted:
            return redirect(url_for(".thanks", questionnaire_id=questionnaire.id))
        route = Route.of(questionnaire, draft.child_mode, draft.answers)
        if not draft.consented or route.first_unvisited(draft.visited) is not None:
            return render_error(400, _("Es fehlen noch Seiten. Es wurde nichts gespeichert."))
        answers = questionnaire.clean(draft.answers, route.shown)
        problems = questionnaire.validate(answers)
        if problems:
            screen = route.screen_of(problems[0].question_id)
            if screen is not None and screen.number in draft.visited:
                draft.screen = screen.number
                return redirect(screen_url(draft, screen.number), 303)
            return render_error(400)
        check_draft_event(draft)
        stored = draft.preview or _store(questionnaire, draft, answers)
        draft.submitted = True
        draft.answers = {}
        draft.visited = set()
    # A parallel tap (another worker, the same draft) that found the token used: 302.
    return redirect(url_for(".thanks", questionnaire_id=questionnaire.id), 303 if stored else 302)


def _store(questionnaire: Questionnaire, draft: Draft, answers: dict[str, Any]) -> bool:
    """Commit the response; a token used meanwhile (a parallel request) stores nothing.

    Returns whether this request stored it.
    """
    try:
        with write_transaction() as conn:
            return storage.store_response(
                conn,
                token=draft.token,
                questionnaire_id=questionnaire.id,
                questionnaire_version=questionnaire.version,
                questionnaire_hash=questionnaire.content_hash,
                language=draft.language,
                mode=draft.mode,
                event_code=draft.event_code,
                district=draft.district,
                answers=answers,
            )
    except IntegrityError:
        if not _token_used(draft.token):
            raise
        return False


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
            route = Route.of(questionnaire, draft.child_mode, draft.answers)
            back_url = (
                resume_url(draft, route)
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
