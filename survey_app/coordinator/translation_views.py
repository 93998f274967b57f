"""Translating in the browser (per questionnaire and language) and the translators' workbook."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response

from survey_app.coordinator import bp
from survey_app.coordinator.access import current_user_name, requires
from survey_app.coordinator.downloads import file_download
from survey_app.coordinator.forms import ActionForm
from survey_app.coordinator.translation_edits import (
    MAX_TEXT_LENGTH,
    TranslationSaveError,
    can_translate_into,
    clean_text,
    editable_texts,
    file_hash,
    save_translations,
)
from survey_app.coordinator.translator_sheet import SheetProblem, read_workbook, workbook_bytes
from survey_app.i18n import text_direction
from survey_app.library import questionnaire_or_404
from survey_app.questionnaire import Questionnaire
from survey_app.storage.user_store import COORDINATOR

FIELD_PREFIX = "text:"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _editable_texts(questionnaire: Questionnaire, language: str) -> list[tuple[str, str, str]]:
    """(key, source text, text in ``language``) for every text, the missing ones first."""
    default = questionnaire.default_language
    rows = [
        (key, text.values.get(default, ""), text.values.get(language, ""))
        for key, text in editable_texts(questionnaire)
    ]
    return [row for row in rows if not row[2]] + [row for row in rows if row[2]]


def _save_failed(error: TranslationSaveError) -> None:
    if error.reason == "stale":
        flash(
            _(
                "Die Datei wurde inzwischen geändert; nichts wurde gespeichert. "
                "Bitte laden Sie die Seite neu und tragen Sie Ihre Texte erneut ein."
            ),
            "error",
        )
    else:
        flash(
            _("Mit diesen Texten wäre der Fragebogen fehlerhaft; nichts wurde gespeichert."),
            "error",
        )


def _translatable_or_404(questionnaire_id: str, language: str) -> Questionnaire:
    """The questionnaire, if texts may be written in ``language``; else a 404 page."""
    questionnaire = questionnaire_or_404(questionnaire_id)
    if not can_translate_into(questionnaire, language):
        abort(404)
    return questionnaire


@bp.get("/questionnaires/<questionnaire_id>/translations/<language>")
@requires(COORDINATOR)
def translation_edit(questionnaire_id: str, language: str) -> str:
    """All texts of one questionnaire in one language, editable; missing texts first."""
    questionnaire = _translatable_or_404(questionnaire_id, language)
    rows = _editable_texts(questionnaire, language)
    return render_template(
        "coordinator/translation_edit.html",
        q=questionnaire,
        language=language,
        missing=[row for row in rows if not row[2]],
        done=[row for row in rows if row[2]],
        form=ActionForm(),
        file_hash=file_hash(questionnaire),
        text_direction=text_direction,
        max_length=MAX_TEXT_LENGTH,
    )


@bp.post("/questionnaires/<questionnaire_id>/translations/<language>")
@requires(COORDINATOR)
def translation_save(questionnaire_id: str, language: str) -> Response:
    """Save the changed texts of the form as a new file version; empty fields change nothing."""
    questionnaire = _translatable_or_404(questionnaire_id, language)
    if not ActionForm().validate_on_submit():
        abort(400)
    current = {key: text.values.get(language, "") for key, text in editable_texts(questionnaire)}
    edits: dict[str, str] = {}
    for name, value in request.form.items():
        if not name.startswith(FIELD_PREFIX):
            continue
        key = name.removeprefix(FIELD_PREFIX)
        text = clean_text(value)
        if key not in current or len(text) > MAX_TEXT_LENGTH:
            abort(400)
        if text and text != current[key]:
            edits[key] = text
    back = url_for(
        "coordinator.translation_edit", questionnaire_id=questionnaire.id, language=language
    )
    if not edits:
        flash(_("Keine Änderung."), "success")
        return redirect(back)
    try:
        save_translations(
            questionnaire, {language: edits}, current_user_name(), request.form.get("file_hash", "")
        )
    except TranslationSaveError as error:
        _save_failed(error)
        return redirect(back)
    flash(
        ngettext("%(num)d Text gespeichert.", "%(num)d Texte gespeichert.", len(edits)), "success"
    )
    return redirect(back)


@bp.get("/questionnaires/<questionnaire_id>/translations.xlsx")
@requires(COORDINATOR)
def translator_workbook(questionnaire_id: str) -> Response:
    """The translators' workbook: id, the source language, one column per other language."""
    questionnaire = questionnaire_or_404(questionnaire_id)
    return file_download(
        workbook_bytes(questionnaire), XLSX, f"{questionnaire.id}-translations.xlsx"
    )


def problem_message(problem: SheetProblem) -> str:
    """A workbook problem in the admin's language, by sheet, row and column."""
    messages = {
        "not_xlsx": _("Die Datei ist keine Excel-Arbeitsmappe (.xlsx), die gelesen werden kann."),
        "too_large": _("Die Datei ist zu groß."),
        "no_sheet": _("Das Blatt fehlt. Laden Sie die Tabelle neu herunter."),
        "no_id_column": _("Die erste Spalte muss „id“ heißen. Laden Sie die Tabelle neu herunter."),
        "unknown_language": _("Diese Sprache hat der Fragebogen nicht."),
        "unknown_id": _("Diese id gibt es im Fragebogen nicht. Ändern Sie die Spalte „id“ nicht."),
        "duplicate_id": _("Diese id steht doppelt in der Tabelle."),
        "source_changed": _(
            "Der Ausgangstext ist anders als im Fragebogen. Ändern Sie ihn nicht, "
            "oder laden Sie die Tabelle neu herunter."
        ),
        "formula": _("Hier steht eine Formel. Schreiben Sie den Text ohne „=“ am Anfang."),
        "too_long": _("Der Text ist zu lang."),
    }
    message = messages.get(problem.code, problem.code)
    if problem.row is None:
        return message
    return _(
        "Blatt „%(sheet)s“, Zeile %(row)d, Spalte „%(column)s“: %(message)s",
        sheet=problem.sheet,
        row=problem.row,
        column=problem.column or "",
        message=message,
    )


@bp.post("/questionnaires/<questionnaire_id>/translations.xlsx")
@requires(COORDINATOR)
def translator_upload(questionnaire_id: str) -> Response | str:
    """Read a filled-in translators' workbook; save everything, or nothing and every problem."""
    questionnaire = questionnaire_or_404(questionnaire_id)
    form = ActionForm()
    upload = request.files.get("workbook")
    if not form.validate_on_submit() or upload is None:
        abort(400)
    result = read_workbook(upload.read(), questionnaire)
    back = url_for("coordinator.translations")
    if result.problems:
        return render_template(
            "coordinator/translator_problems.html",
            q=questionnaire,
            problems=[problem_message(problem) for problem in result.problems],
        ), 422
    if not result.texts:
        flash(_("Keine Änderung."), "success")
        return redirect(back)
    try:
        save_translations(questionnaire, result.texts, current_user_name())
    except TranslationSaveError as error:
        _save_failed(error)
        return redirect(back)
    count = sum(len(texts) for texts in result.texts.values())
    flash(ngettext("%(num)d Text gespeichert.", "%(num)d Texte gespeichert.", count), "success")
    return redirect(back)
