"""The respondent's screens and the final check: HTTP around the answering run.

/q/ID/page/N           screen N (GET shows, POST saves and moves on or back)
/q/ID/done             the final check; its POST stores the response

Each request makes one :class:`~survey_app.answering.AnsweringRun` for the session's
draft, turns the form into a call (``save``, ``back``, ``submit``) and the run's
:class:`~survey_app.answering.Step` into a redirect or a page.
"""

from __future__ import annotations

import hmac
from functools import partial
from typing import Any

from flask import current_app, redirect, request, url_for
from flask_babel import gettext as _

from survey_app import storage
from survey_app.answering import AnsweringRun
from survey_app.errors import render_error
from survey_app.questionnaire.model import Questionnaire
from survey_app.respondent import bp
from survey_app.respondent.flow import (
    check_draft_event,
    current_draft,
    questionnaire_or_404,
    step_url,
)
from survey_app.respondent.form_plan import plan_form
from survey_app.respondent.forms import ScreenFormView, bind_form, build_form, show_problems
from survey_app.respondent.screen_cache import render_screen
from survey_app.respondent.tampering import find_tampering
from survey_app.respondent.views import Reply, _render, _use_language
from survey_app.respondent.wording import Wording
from survey_app.storage.db import store_once, token_used
from survey_app.storage.draft_store import DEFAULT_MAX_REQUESTS, Draft

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
    run = AnsweringRun(questionnaire, draft)
    with draft.lock:
        if request.method == "GET":
            if not run.reachable(number):
                return redirect(step_url(draft, run.resume()))
            draft.screen = number
            return _show_screen(run, draft, number)
        draft.requests += 1
        if draft.requests > current_app.config.get("DRAFT_MAX_REQUESTS", DEFAULT_MAX_REQUESTS):
            return render_error(429)
        if not run.reachable(number):
            return render_error(
                400, _("Diese Seite ist gerade nicht an der Reihe. Es wurde nichts gespeichert.")
            )
        return _save_screen(run, draft, number)


def _page(
    run: AnsweringRun, draft: Draft, number: int, view: ScreenFormView, status: int = 200
) -> Reply:
    """Screen ``number`` with its form ``view`` (and its messages, if any)."""
    return _render(
        "respondent/page.html",
        run.questionnaire,
        draft,
        status=status,
        view=view,
        errors=view.error_links(),
        screen=run.screen(number),
        progress=run.route.progress(number),
    )


def _show_screen(run: AnsweringRun, draft: Draft, number: int) -> Reply:
    questionnaire = run.questionnaire
    wording = Wording.for_audience(questionnaire.audience)
    plan = plan_form(questionnaire, run.questions(number), run.answers_shown(), wording)
    context = {"screen": run.screen(number), "progress": run.route.progress(number)}
    render = partial(_render, "respondent/page.html", questionnaire, draft)
    bind = partial(bind_form, plan, questionnaire, wording, draft.language)
    return render_screen(render, questionnaire, draft, plan, bind, context)


def _save_screen(run: AnsweringRun, draft: Draft, number: int) -> Reply:
    questionnaire = run.questionnaire
    questions = run.questions(number)
    earlier = run.answers_shown()
    reason = find_tampering(questionnaire, questions, earlier, request.form)
    if reason is not None:
        current_app.logger.info("respondent POST refused: %s", reason)
        return render_error(400)
    wording = Wording.for_audience(questionnaire.audience)
    language = draft.language
    view = build_form(questionnaire, questions, earlier, wording, language, formdata=request.form)
    view.form.validate()  # reads the entries; the run's check decides what is valid
    if request.form["action"] == "back":
        step = run.back(number, view.valid_answers())
    else:
        step = run.save(number, view.answers(), view.unreadable())
    if step.to == "problems":
        show_problems(view, step.problems, wording, language, questionnaire.default_language)
        return _page(run, draft, number, view, 422)
    return redirect(step_url(draft, step))


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
    run = AnsweringRun(questionnaire, draft)
    with draft.lock:
        if not run.all_reached():
            return redirect(step_url(draft, run.resume()))
        draft.screen = 0
        return _render("respondent/done.html", questionnaire, draft, last_screen=run.last_screen())


def _submit(questionnaire: Questionnaire, draft: Draft | None) -> Reply:
    token = request.form.get("token", "")
    if not isinstance(token, str) or len(token) > 64:
        return render_error(400)
    if draft is None:
        if token and token_used(token):
            # A repeated POST after the draft expired: it was stored once; say thank you.
            return _render("respondent/thanks.html", questionnaire, None, return_url=None)
        return _expired()
    _use_language(draft.language)
    with draft.lock:
        if not hmac.compare_digest(token.encode(), draft.token.encode()):
            return render_error(400)

        def store(answers: dict[str, Any]) -> bool:
            check_draft_event(draft)
            return draft.preview or _store(questionnaire, draft, answers)

        step = AnsweringRun(questionnaire, draft).submit(store)
    if step.to == "missing":
        return render_error(400, _("Es fehlen noch Seiten. Es wurde nichts gespeichert."))
    if step.to == "refused":
        return render_error(400)
    if step.to == "screen":
        return redirect(step_url(draft, step), 303)
    # A parallel tap (another worker, the same draft) that found the token used: 302.
    return redirect(
        url_for(".thanks", questionnaire_id=questionnaire.id), 303 if step.stored else 302
    )


def _store(questionnaire: Questionnaire, draft: Draft, answers: dict[str, Any]) -> bool:
    """Commit the response; a token used meanwhile (a parallel request) stores nothing.

    Returns whether this request stored it.
    """
    response = storage.NewResponse.to(
        questionnaire,
        language=draft.language,
        mode=draft.mode,
        event_code=draft.event_code,
        district=draft.district,
        answers=answers,
    )
    return store_once(response, draft.token)
