"""Login, logout and the start page of the admin area."""

from __future__ import annotations

import time

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from survey_app.coordinator import bp
from survey_app.coordinator.access import (
    READERS,
    current_user,
    end_session,
    requires,
    safe_next,
    start_session,
)
from survey_app.coordinator.forms import ActionForm, LoginForm
from survey_app.coordinator.live import live_overview
from survey_app.coordinator.login_guard import (
    failures,
    is_trusted_device,
    over_global_cap,
    remember_device,
)
from survey_app.errors import render_error
from survey_app.library import get_library
from survey_app.storage.db import get_engine, write_transaction
from survey_app.storage.user_store import authenticate, get_user, wait_before_check


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int, dict[str, str]]:
    """The login form; one generic message for every kind of failure.

    Guessing is slowed down without a lockout (see :mod:`login_guard`): a short wait
    after failures on the account, and a cap on failures of all accounts together
    that a browser which logged into the account before is exempt from.
    """
    if current_user() is not None:
        return redirect(url_for("coordinator.dashboard"))
    form = LoginForm()
    failed = False
    if form.validate_on_submit():
        name, password = form.name.data or "", form.password.data or ""
        with get_engine().connect() as conn:
            account = get_user(conn, name)
            wait = wait_before_check(conn, name)
        if over_global_cap() and not is_trusted_device(account):
            page, code = render_error(429)
            return page, code, {"Retry-After": "60"}
        time.sleep(wait)
        with write_transaction() as conn:
            user = authenticate(conn, name, password)
        if user is not None:
            start_session(user)
            if user.failed_logins:
                flash(
                    _(
                        "Seit Ihrer letzten Anmeldung gab es %(n)d fehlgeschlagene "
                        "Anmeldeversuche mit Ihrem Benutzernamen.",
                        n=user.failed_logins,
                    ),
                    "error",
                )
            response = redirect(
                safe_next(request.args.get("next")) or url_for("coordinator.dashboard")
            )
            remember_device(response, user)
            return response
        failures().note_failure()
        failed = True
    expired = request.args.get("expired") == "1" and request.method == "GET"
    return render_template("coordinator/login.html", form=form, failed=failed, expired=expired)


@bp.post("/logout")
def logout() -> Response:
    """End the session (POST with CSRF token, so no page can log a user out)."""
    form = ActionForm()
    if current_user() is None:
        return redirect(url_for("coordinator.login"))
    if form.validate_on_submit():
        end_session()
        flash(_("Sie sind abgemeldet."), "success")
    return redirect(url_for("coordinator.login"))


@bp.get("/")
@requires(*READERS)
def dashboard() -> str:
    """The start page: the questionnaires at a glance and what the role can do."""
    user = current_user()
    completed: dict[str, int] = {}
    if user is not None and user.is_coordinator:
        with get_engine().connect() as conn:
            overview = live_overview(conn)
        completed = {str(count.key): count.completed for count in overview.groups["questionnaire"]}
    return render_template(
        "coordinator/dashboard.html", questionnaires=get_library().all(), completed=completed
    )
