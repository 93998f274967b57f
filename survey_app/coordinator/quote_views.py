"""Quotes: a coordinator approves children's wishes before a brief may quote them.

The wishes are raw free text, so only coordinators see this page.  Decisions are
recorded by :mod:`analysis.quotes` (which also writes the audit log).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from analysis.quotes import Quote, QuoteError, all_quotes, decide_quote
from survey_app.coordinator import bp
from survey_app.coordinator.access import current_user, requires
from survey_app.library import get_library
from survey_app.storage.db import get_engine, write_transaction
from survey_app.storage.user_store import COORDINATOR

DECISIONS = {"approve": True, "reject": False}


@bp.get("/quotes")
@requires(COORDINATOR)
def quotes() -> str:
    """Every wish per questionnaire: undecided first, then the decided ones."""
    questionnaires = [q for q in get_library().all() if q.questions_with_role("wish")]
    groups: dict[str, list[tuple[str, list[Quote]]]] = {}
    # The first group (undecided) is shown open, the decided ones folded away.
    with get_engine().connect() as conn:
        for questionnaire in questionnaires:
            wishes = all_quotes(conn, questionnaire)
            groups[questionnaire.id] = [
                (_("Noch nicht entschieden"), [w for w in wishes if w.approved is None]),
                (_("Freigegeben"), [w for w in wishes if w.approved is True]),
                (_("Abgelehnt"), [w for w in wishes if w.approved is False]),
            ]
    return render_template("coordinator/quotes.html", questionnaires=questionnaires, groups=groups)


@bp.post("/quotes/decide")
@requires(COORDINATOR)
def quote_decide() -> Response:
    """Approve or reject one wish (a new decision replaces the old one)."""
    decision = request.form.get("decision", "")
    response_id = request.form.get("response_id", "")
    question_id = request.form.get("question_id", "")
    if decision not in DECISIONS or not response_id or not question_id:
        abort(400)
    user = current_user()
    assert user is not None  # guaranteed by @requires
    try:
        with write_transaction() as conn:
            decide_quote(
                conn, response_id, question_id, approved=DECISIONS[decision], user_name=user.name
            )
    except QuoteError:
        abort(404)
    if DECISIONS[decision]:
        flash(_("Der Wunsch ist für Berichte freigegeben."), "success")
    else:
        flash(_("Der Wunsch wird in keinem Bericht zitiert."), "success")
    return redirect(url_for("coordinator.quotes") + f"#quote-{response_id}-{question_id}")
