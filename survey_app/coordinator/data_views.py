"""Raw data (coordinators only): exports, retention and the audit log."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from survey_app.coordinator import bp
from survey_app.coordinator.access import current_user, requires
from survey_app.coordinator.forms import ActionForm, PurgeConfirmForm, PurgeForm
from survey_app.coordinator.retention import (
    count_older_than,
    cutoff_date,
    parse_months,
    purge_responses,
)
from survey_app.exports import FORMATS, export_responses, zip_files
from survey_app.library import get_library
from survey_app.storage.db import get_engine, write_transaction
from survey_app.storage.tallies import (
    audit_entries,
    count_responses,
    oldest_submission,
    responses_per_questionnaire,
)
from survey_app.storage.user_store import COORDINATOR

AUDIT_PAGE_SIZE = 100
#: Pages beyond this are refused (404): an offset must stay a small integer.
AUDIT_MAX_PAGE = 100_000


def _user_name() -> str:
    user = current_user()
    assert user is not None  # guaranteed by @requires
    return user.name


@bp.get("/exports")
@requires(COORDINATOR)
def exports() -> str:
    """The questionnaires with their number of responses and export buttons."""
    with get_engine().connect() as conn:
        counts = responses_per_questionnaire(conn)
    return render_template(
        "coordinator/exports.html",
        questionnaires=get_library().all(),
        counts=counts,
        form=ActionForm(),
    )


@bp.post("/exports/<questionnaire_id>/<fmt>")
@requires(COORDINATOR)
def export_download(questionnaire_id: str, fmt: str) -> Response:
    """Download the raw responses (CSV files in a ZIP, or XLSX); logged in the audit log."""
    questionnaire = get_library().get(questionnaire_id)
    if questionnaire is None or fmt not in FORMATS:
        abort(404)
    with write_transaction() as conn:
        export = export_responses(conn, questionnaire, fmt, _user_name())
    files = export.files
    file = files[0] if len(files) == 1 else zip_files(f"{export.stem}.zip", files)
    response = Response(file.content, mimetype=file.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{file.name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/retention", methods=["GET", "POST"])
@requires(COORDINATOR)
def retention() -> str:
    """Step 1: choose the age; step 2 (after POST) shows how many would go and asks to confirm."""
    form = PurgeForm()
    if request.method == "GET":
        form.months.data = current_app.config["RETENTION_MONTHS"]
    if form.validate_on_submit():
        months = int(form.months.data or 0)
        cutoff = cutoff_date(months)
        with get_engine().connect() as conn:
            count = count_older_than(conn, cutoff)
        confirm = PurgeConfirmForm(formdata=None, months=str(months))
        return render_template(
            "coordinator/retention_confirm.html",
            months=months,
            cutoff=cutoff,
            count=count,
            form=confirm,
        )
    with get_engine().connect() as conn:
        total = count_responses(conn)
        oldest = oldest_submission(conn)
    return render_template(
        "coordinator/retention.html",
        form=form,
        total=total,
        oldest=oldest,
        default_months=current_app.config["RETENTION_MONTHS"],
    )


@bp.post("/retention/purge")
@requires(COORDINATOR)
def purge() -> Response:
    """Step 3: delete, log in the audit log, report how many were deleted."""
    form = PurgeConfirmForm()
    months = parse_months(form.months.data) if form.validate_on_submit() else None
    if months is None:
        abort(400)
    with write_transaction() as conn:
        result = purge_responses(conn, months, _user_name())
    flash(
        _(
            "%(n)d Antworten gelöscht, die vor dem %(date)s abgegeben wurden.",
            n=result.deleted,
            date=format_date(result.cutoff),
        ),
        "success",
    )
    return redirect(url_for("coordinator.retention"))


@bp.get("/audit", endpoint="audit_log")
@requires(COORDINATOR)
def audit_log_page() -> str:
    """Who did what with the data, newest first, one page at a time."""
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    if page > AUDIT_MAX_PAGE:
        abort(404)
    with get_engine().connect() as conn:
        total, entries = audit_entries(
            conn, limit=AUDIT_PAGE_SIZE, offset=(page - 1) * AUDIT_PAGE_SIZE
        )
    return render_template(
        "coordinator/audit.html",
        entries=entries,
        page=page,
        has_next=page * AUDIT_PAGE_SIZE < total,
        action_names={
            "export": _("Export"),
            "purge": _("Löschung alter Antworten"),
            "quote_approve": _("Zitat freigegeben"),
            "quote_reject": _("Zitat abgelehnt"),
            "translations": _("Übersetzungen gespeichert"),
            "site": _("Ortsdatei geändert"),
        },
    )
