"""Results for planners and coordinators: the results page, the PDF brief, the tables.

All are made by :mod:`analysis` from protected numbers only (no group below
``MIN_GROUP_SIZE``, approved quotes only), so planners may see them. Each takes the
same selection from the query (:mod:`analysis.selection`); a bad value gives a 400
page in the UI language, a selection that could expose a small group (too small, or
differing from a wider one by fewer than k) is refused.
"""

from __future__ import annotations

from flask import abort, current_app, render_template, request
from werkzeug.wrappers import Response

from analysis import tables
from analysis.brief import build_brief_pdf
from analysis.i18n import Translator, translator
from analysis.loading import Filters
from analysis.report import build_report
from analysis.result_cache import ResultCache
from analysis.results import Analysis
from analysis.results_page import GroupResult, group_result, refused_group
from analysis.selection import (
    SelectionError,
    choice_options,
    merged,
    parse_selection,
    refusal,
    selection_args,
)
from survey_app.coordinator import bp
from survey_app.coordinator.access import READERS, requires
from survey_app.errors import render_error
from survey_app.i18n import current_language
from survey_app.library import get_library, questionnaire_or_404
from survey_app.questionnaire import Questionnaire
from survey_app.storage.db import get_engine

#: The two groups of a side-by-side comparison: ``field=value`` each.
COMPARE_FIELDS = ("compare_a", "compare_b")
#: What a comparison group may restrict.
COMPARE_DIMENSIONS = ("district", "life_phase", "language", "answer")

#: Formats of the aggregated tables offered for download.
TABLE_FORMATS = ("xlsx", "csv", "json")


def _attachment(content: bytes, media_type: str, filename: str) -> Response:
    response = Response(content, mimetype=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _cache() -> ResultCache:
    """The app's cache of decoded responses and analyses (see analysis/result_cache.py)."""
    return current_app.extensions.setdefault("ankommen_results", ResultCache())


def _tr(lang: str | None = None) -> Translator:
    return translator(lang or current_language(), current_app.config["TRANSLATIONS_DIR"])


def _group(questionnaire: Questionnaire, filters: Filters, tr: Translator) -> GroupResult:
    """One selection's part of the results page, or the reason it is not shown."""
    k = current_app.config["MIN_GROUP_SIZE"]
    cache = _cache()
    reason = refusal(cache.data(get_engine(), questionnaire), filters, k)
    if reason is not None:
        return refused_group(filters, reason)
    analysis = cache.analysis(
        get_engine(), questionnaire, filters, k, current_app.config["MIN_QUOTE_RESPONDENTS"]
    )
    return group_result(filters, build_report(analysis, tr))


def _shown_analysis(questionnaire: Questionnaire, filters: Filters) -> Analysis | None:
    """The analysis of ``filters``, None when the selection is refused.

    Without filters a brief is always made (with fewer than k responses it shows no
    number); a selection is refused when it, or its difference to a wider one, is small.
    """
    k = current_app.config["MIN_GROUP_SIZE"]
    cache = _cache()
    if filters.active and refusal(cache.data(get_engine(), questionnaire), filters, k):
        return None
    return cache.analysis(
        get_engine(), questionnaire, filters, k, current_app.config["MIN_QUOTE_RESPONDENTS"]
    )


def _query() -> dict[str, list[str]]:
    return {key: request.args.getlist(key) for key in request.args}


@bp.get("/results")
@requires(*READERS)
def results() -> str:
    """Per questionnaire: the results page, the brief and the aggregated tables."""
    return render_template(
        "coordinator/results.html", questionnaires=get_library().all(), table_formats=TABLE_FORMATS
    )


@bp.get("/results/<questionnaire_id>")
@requires(*READERS)
def results_page(questionnaire_id: str) -> str | tuple[str, int]:
    """One questionnaire's numbers for a selection, optionally two groups side by side."""
    questionnaire = questionnaire_or_404(questionnaire_id)
    tr = _tr()
    query = _query()
    try:
        filters = parse_selection(questionnaire, query)
        compared = []
        for name in COMPARE_FIELDS:
            spec = (query.get(name) or [""])[0].strip()
            if spec:
                field, _sep, value = spec.partition("=")
                if field not in COMPARE_DIMENSIONS:
                    raise SelectionError(
                        "Unbekannter Wert für „%(field)s“: %(value)s (möglich: %(known)s)",
                        {"field": name, "value": spec, "known": ", ".join(COMPARE_DIMENSIONS)},
                    )
                extra = parse_selection(questionnaire, {field: value})
                compared.append(merged(filters, extra.conditions()))
    except SelectionError as error:
        return render_error(400, error.message(tr))
    groups = [_group(questionnaire, filters, tr)]
    if len(compared) == 2:
        groups = [_group(questionnaire, group, tr) for group in compared]
    site = questionnaire.site
    return render_template(
        "coordinator/results_page.html",
        questionnaire=questionnaire,
        filters=filters,
        groups=groups,
        comparing=len(compared) == 2,
        selected_compare={name: (query.get(name) or [""])[0] for name in COMPARE_FIELDS},
        districts=site.districts if site else [],
        life_phases=site.life_phases if site else [],
        choice_options=choice_options(questionnaire, tr),
        group_query=[selection_args(group.filters) for group in groups],
        table_formats=TABLE_FORMATS,
        k=current_app.config["MIN_GROUP_SIZE"],
    )


@bp.get("/results/<questionnaire_id>/brief.pdf")
@requires(*READERS)
def brief_pdf(questionnaire_id: str) -> Response | tuple[str, int]:
    """The PDF brief for the selection in the query, in German or English."""
    questionnaire = questionnaire_or_404(questionnaire_id)
    try:
        filters = parse_selection(questionnaire, _query())
    except SelectionError as error:
        return render_error(400, error.message(_tr()))
    analysis = _shown_analysis(questionnaire, filters)
    if analysis is None:
        return render_error(400, _tr().gettext("Diese Auswahl wird nicht gezeigt."))
    pdf = build_brief_pdf(analysis, current_language(), current_app.config["TRANSLATIONS_DIR"])
    return _attachment(pdf, "application/pdf", f"{questionnaire.id}-brief.pdf")


@bp.get("/results/<questionnaire_id>/tables.<fmt>")
@requires(*READERS)
def result_tables(questionnaire_id: str, fmt: str) -> Response | tuple[str, int]:
    """The aggregated, protected tables as XLSX, a ZIP of CSV files, or JSON."""
    questionnaire = questionnaire_or_404(questionnaire_id)
    if fmt not in TABLE_FORMATS:
        abort(404)
    tr = _tr()
    try:
        filters = parse_selection(questionnaire, _query())
    except SelectionError as error:
        return render_error(400, error.message(tr))
    analysis = _shown_analysis(questionnaire, filters)
    if analysis is None:
        return render_error(400, tr.gettext("Diese Auswahl wird nicht gezeigt."))
    file = tables.tables_file(
        tables.aggregated_tables(build_report(analysis, tr)),
        fmt,
        f"{questionnaire.id}-tables",
        meta={"questionnaire": questionnaire.id, "min_group_size": analysis.min_group_size},
    )
    return _attachment(file.content, file.media_type, file.name)
