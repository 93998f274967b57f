"""Questionnaires: check status of every file, previews, translation table."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from flask import abort, current_app, redirect, render_template, request
from werkzeug.wrappers import Response

from survey_app.coordinator import bp
from survey_app.coordinator.access import requires
from survey_app.coordinator.coverage import translation_coverage
from survey_app.coordinator.forms import ActionForm
from survey_app.coordinator.page_context import preview_language
from survey_app.coordinator.translation_edits import addable_languages
from survey_app.i18n import text_direction
from survey_app.library import get_library, questionnaire_or_404
from survey_app.questionnaire import Problem, Questionnaire, check_files
from survey_app.questionnaire.messages import file_name
from survey_app.respondent.preview import PreviewError, start_preview
from survey_app.storage.user_store import COORDINATOR

#: Preview modes: as the audience gets it, or with child mode switched on or off.
PREVIEW_MODES = {"child": True, "adult": False}


@dataclass
class FileStatus:
    """The checker's findings for one file of the questionnaire folder."""

    name: str
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        """Errors first, then warnings, each by line."""
        return self.errors + self.warnings


def folder_status(folder: Path) -> list[FileStatus]:
    """Every YAML file (and workbook) of ``folder`` with its problems."""
    statuses = {
        path.name: FileStatus(path.name)
        for path in sorted(folder.iterdir())
        if path.suffix in (".yaml", ".yml", ".xlsx") and path.is_file()
    }
    for problem in check_files([folder]):
        name = file_name(problem.path)
        status = statuses.setdefault(name, FileStatus(name))
        shown = problem.without_prefix(str(folder) + os.sep)  # not the server's folder
        (status.errors if problem.is_error else status.warnings).append(shown)
    return list(statuses.values())


@bp.get("/questionnaires")
@requires(COORDINATOR)
def questionnaires() -> str:
    """The questionnaires with their check status and preview links."""
    folder = Path(current_app.config["QUESTIONNAIRE_DIR"])
    library = get_library()
    return render_template(
        "coordinator/questionnaires.html",
        files=folder_status(folder),
        questionnaires=library.all(),
        folder=folder,
        text_direction=text_direction,
    )


@bp.get("/questionnaires/translations")
@requires(COORDINATOR)
def translations() -> str:
    """For each questionnaire and language: texts translated, and which are missing."""
    library = get_library()
    return render_template(
        "coordinator/translations.html",
        coverage=[(q, translation_coverage(q)) for q in library.all()],
        form=ActionForm(),
        addable_languages=addable_languages,
    )


@bp.get("/questionnaires/<questionnaire_id>/preview")
@requires(COORDINATOR)
def preview(questionnaire_id: str) -> Response:
    """Open the respondent's view of a questionnaire in a language and mode; nothing is stored."""
    questionnaire = questionnaire_or_404(questionnaire_id)
    language = preview_language(questionnaire)
    return preview_redirect(questionnaire, language)


def preview_redirect(
    questionnaire: Questionnaire, language: str, staged: str | None = None
) -> Response:
    """To the respondent's view of ``questionnaire`` (of the staged upload ``staged``)
    in ``language`` and the query's ``mode``: 400 for a language or mode it does not
    offer, 404 when the preview cannot start."""
    mode = request.args.get("mode")
    if mode is not None and mode not in PREVIEW_MODES:
        abort(400)
    child_mode = PREVIEW_MODES[mode] if mode is not None else None
    try:
        url = start_preview(questionnaire.id, language, child_mode=child_mode, staged=staged)
    except PreviewError:
        abort(404)
    return redirect(url)
