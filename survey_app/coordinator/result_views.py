"""Results for planners and coordinators: the PDF brief and the aggregated tables.

Both are made by :mod:`analysis` from protected numbers only (no group below
``MIN_GROUP_SIZE``, approved quotes only), so planners may download them.
"""

from __future__ import annotations

from flask import abort, current_app, render_template
from werkzeug.wrappers import Response

from analysis import tables
from analysis.brief import build_brief_pdf
from analysis.i18n import translator
from analysis.results import analyse_stored
from survey_app.coordinator import bp
from survey_app.coordinator.access import READERS, requires
from survey_app.db import get_engine
from survey_app.i18n import current_language
from survey_app.library import get_library
from survey_app.questionnaire import Questionnaire

#: Formats of the aggregated tables offered for download.
TABLE_FORMATS = ("xlsx", "csv", "json")


def _questionnaire_or_404(questionnaire_id: str) -> Questionnaire:
    questionnaire = get_library().get(questionnaire_id)
    if questionnaire is None:
        abort(404)
    return questionnaire


def _attachment(content: bytes, media_type: str, filename: str) -> Response:
    response = Response(content, mimetype=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/results")
@requires(*READERS)
def results() -> str:
    """Per questionnaire: the brief and the aggregated tables to download."""
    return render_template(
        "coordinator/results.html", questionnaires=get_library().all(), table_formats=TABLE_FORMATS
    )


@bp.get("/results/<questionnaire_id>/brief.pdf")
@requires(*READERS)
def brief_pdf(questionnaire_id: str) -> Response:
    """The PDF brief in the admin's language (German or English)."""
    questionnaire = _questionnaire_or_404(questionnaire_id)
    pdf = build_brief_pdf(
        get_engine(),
        questionnaire,
        lang=current_language(),
        min_group_size=current_app.config["MIN_GROUP_SIZE"],
        translations_dir=current_app.config["TRANSLATIONS_DIR"],
        min_quote_respondents=current_app.config["MIN_QUOTE_RESPONDENTS"],
    )
    return _attachment(pdf, "application/pdf", f"{questionnaire.id}-brief.pdf")


@bp.get("/results/<questionnaire_id>/tables.<fmt>")
@requires(*READERS)
def result_tables(questionnaire_id: str, fmt: str) -> Response:
    """The aggregated, protected tables as XLSX, a ZIP of CSV files, or JSON."""
    questionnaire = _questionnaire_or_404(questionnaire_id)
    if fmt not in TABLE_FORMATS:
        abort(404)
    analysis = analyse_stored(
        get_engine(), questionnaire, min_group_size=current_app.config["MIN_GROUP_SIZE"]
    )
    tr = translator(current_language(), current_app.config["TRANSLATIONS_DIR"])
    file = tables.tables_file(
        tables.aggregated_tables(analysis, tr),
        fmt,
        f"{questionnaire.id}-tables",
        meta={"questionnaire": questionnaire.id, "min_group_size": analysis.min_group_size},
    )
    return _attachment(file.content, file.media_type, file.name)
