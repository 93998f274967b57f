"""Questionnaires from the browser: upload, check, preview, publish; XLSForm download;
the version history.

An upload is staged (``survey_app/uploads.py``) and shown with every problem the check
finds, what would change and which stored answers need a decision; publishing goes
through :func:`survey_app.publishing.publish`, the same function as the CLI.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from survey_app.coordinator import bp
from survey_app.coordinator.access import current_user_name, requires
from survey_app.coordinator.downloads import file_download
from survey_app.coordinator.forms import ActionForm
from survey_app.coordinator.page_context import preview_language
from survey_app.coordinator.questionnaire_views import preview_redirect
from survey_app.i18n import text_direction
from survey_app.library import get_library, questionnaire_or_404, reload_library
from survey_app.publishing import Outcome, publish
from survey_app.questionnaire import Questionnaire
from survey_app.questionnaire.xlsform_export import export_xlsform
from survey_app.respondent import preview as previews
from survey_app.respondent.preview import staging_folder
from survey_app.security import accepts_upload
from survey_app.storage import log_action
from survey_app.storage.db import get_engine, write_transaction
from survey_app.storage.user_store import COORDINATOR
from survey_app.uploads import (
    Converted,
    Staged,
    UploadError,
    convert,
    discard_staged,
    load_staged,
    stage,
)
from survey_app.versions import list_versions, response_counts, version_source

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _folder() -> Path:
    return Path(current_app.config["QUESTIONNAIRE_DIR"])


def _upload_error(error: UploadError) -> str:
    """The coordinator's message for an upload refused before staging."""
    messages = dict(
        type=_("Bitte laden Sie eine Excel-Datei (.xlsx) oder eine YAML-Datei hoch."),
        media_type=_("Bilder und Töne: nur SVG, PNG, JPG, WebP, GIF, MP3, OGG, M4A oder WAV."),
        media_name=_("Ein Dateiname enthält Zeichen, die nicht gehen."),
        zip_bad=_("Das ZIP-Archiv ist beschädigt."),
        zip_name=_("Das ZIP-Archiv enthält Pfade, die aus dem Ordner führen."),
        zip_bomb=_("Das ZIP-Archiv ist verdächtig stark gepackt und wurde abgelehnt."),
        too_many=_("Zu viele Bilder und Töne auf einmal."),
        too_big=_("Bilder und Töne sind zusammen zu groß."),
    )
    text = messages.get(error.code, messages["type"])
    return f"{text} ({error.name})" if error.name else text


@bp.post("/questionnaires/upload")
@requires(COORDINATOR)
@accepts_upload
def questionnaire_upload() -> Response | tuple[str, int]:
    """Stage an uploaded workbook or YAML file with its pictures and audio (audited)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    upload = request.files.get("questionnaire")
    if upload is None or not upload.filename:
        flash(_("Bitte wählen Sie eine Datei aus."), "error")
        return redirect(url_for("coordinator.questionnaires") + "#upload")
    content = upload.read()
    media = {
        Path(file.filename.replace("\\", "/")).name: file.read()
        for file in request.files.getlist("media")
        if file.filename
    }
    try:
        token = stage(staging_folder(), upload.filename, content, media, current_user_name())
    except UploadError as error:
        flash(_upload_error(error), "error")
        return redirect(url_for("coordinator.questionnaires") + "#upload")
    with write_transaction() as conn:
        detail = f"{Path(upload.filename).name}: {len(content)} bytes, {len(media)} media file(s)"
        log_action(conn, current_user_name(), "questionnaire_upload", detail)
    return redirect(url_for("coordinator.staged_upload", token=token))


def _staged_or_404(token: str) -> tuple[Staged, Converted]:
    staged = load_staged(staging_folder(), token)
    if staged is None:
        abort(404)
    return staged, convert(_folder(), staged.name, staged.content, staged.media)


def _decisions() -> dict[str, str | None]:
    """The form's decisions: ``decision:KEY`` = ``retire`` or ``to:NEW``."""
    decisions: dict[str, str | None] = {}
    for name, value in request.form.items():
        if name.startswith("decision:") and value:
            key = name.removeprefix("decision:")
            decisions[key] = None if value == "retire" else value.removeprefix("to:")
    return decisions


def _publish(
    staged: Staged, converted: Converted, decisions: dict[str, str | None], *, dry_run: bool = False
) -> Outcome:
    """Publish (or with ``dry_run`` only check) a staged upload as the current user."""
    return publish(
        get_engine(),
        _folder(),
        converted.file_name,
        converted.yaml_text,
        staged.media,
        current_user_name(),
        decisions,
        dry_run=dry_run,
    )


def _staged_page(
    token: str, decisions: dict[str, str | None], status: int = 200
) -> tuple[str, int]:
    staged, converted = _staged_or_404(token)
    outcome: Outcome | None = None
    if converted.yaml_text is not None and converted.questionnaire is not None:
        outcome = _publish(staged, converted, decisions, dry_run=True)
    page = render_template(
        "coordinator/staged.html",
        staged=staged,
        converted=converted,
        outcome=outcome,
        decisions=decisions,
        form=ActionForm(),
        text_direction=text_direction,
    )
    return page, status


@bp.get("/questionnaires/staged/<token>")
@requires(COORDINATOR)
def staged_upload(token: str) -> tuple[str, int]:
    """An uploaded questionnaire: check result, changes, decisions, preview, publish."""
    return _staged_page(token, {})


@bp.get("/questionnaires/staged/<token>/preview")
@requires(COORDINATOR)
def staged_preview(token: str) -> Response:
    """The respondent's view of a staged upload (nothing is stored)."""
    questionnaire = staged_upload_questionnaire(token)
    language = preview_language(questionnaire)
    return preview_redirect(questionnaire, language, staged=token)


def staged_upload_questionnaire(token: str) -> Questionnaire:
    """The staged questionnaire (without errors), or a 404 page."""
    if load_staged(staging_folder(), token) is None:
        abort(404)
    questionnaire = previews.staged_upload(token)
    if questionnaire is None:
        abort(404)
    return questionnaire


@bp.post("/questionnaires/staged/<token>/publish")
@requires(COORDINATOR)
def staged_publish(token: str) -> Response | tuple[str, int]:
    """Publish a staged upload with the coordinator's decisions (or show what is missing)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    staged, converted = _staged_or_404(token)
    decisions = _decisions()
    if converted.yaml_text is None or converted.questionnaire is None:
        return _staged_page(token, decisions, 422)
    outcome = _publish(staged, converted, decisions)
    if outcome.status != "published":
        return _staged_page(token, decisions, 422)
    reload_library()
    discard_staged(staging_folder(), token)
    current_app.extensions.get("ankommen_staged", {}).pop(token, None)
    flash(
        _("Version %(version)s ist veröffentlicht.", version=converted.questionnaire.version),
        "success",
    )
    return redirect(
        url_for("coordinator.questionnaire_versions", questionnaire_id=converted.questionnaire.id)
    )


@bp.get("/questionnaires/<questionnaire_id>/xlsform")
@requires(COORDINATOR)
def questionnaire_xlsform(questionnaire_id: str) -> Response:
    """The questionnaire as an XLSForm workbook, to edit in Excel and upload again."""
    questionnaire = questionnaire_or_404(questionnaire_id)
    with tempfile.TemporaryDirectory(prefix="ankommen-xlsform-") as temporary:
        target = Path(temporary) / f"{questionnaire.id}.xlsx"
        export_xlsform(questionnaire, target)
        content = target.read_bytes()
    return file_download(content, XLSX_TYPE, f"{questionnaire.id}-{questionnaire.version}.xlsx")


@bp.get("/questionnaires/<questionnaire_id>/versions")
@requires(COORDINATOR)
def questionnaire_versions(questionnaire_id: str) -> str:
    """Who published which version when, what changed, how many responses each has."""
    questionnaire = get_library().get(questionnaire_id)
    with get_engine().connect() as conn:
        versions = list_versions(conn, questionnaire_id)
        counts = response_counts(conn, questionnaire_id)
    if questionnaire is None and not versions:
        abort(404)
    known = {version.content_hash for version in versions}
    earlier = sum(count for content_hash, count in counts.items() if content_hash not in known)
    return render_template(
        "coordinator/versions.html",
        questionnaire=questionnaire,
        questionnaire_id=questionnaire_id,
        versions=list(reversed(versions)),
        counts=counts,
        earlier=earlier,
    )


@bp.get("/questionnaires/<questionnaire_id>/versions/<int:version_id>.yaml")
@requires(COORDINATOR)
def questionnaire_version_source(questionnaire_id: str, version_id: int) -> Response:
    """The YAML text a version was published with."""
    with get_engine().connect() as conn:
        versions = {version.id for version in list_versions(conn, questionnaire_id)}
        source = version_source(conn, version_id) if version_id in versions else None
    if source is None:
        abort(404)
    return file_download(source, "text/plain", f"{questionnaire_id}-{version_id}.yaml")
