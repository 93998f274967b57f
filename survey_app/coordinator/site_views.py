"""The coordinator's own offers, districts and life phases, kept in the site file.

A new entry (an offer with its names per language, life phases and districts; a district;
a life phase with its ages) is appended to ``site.yaml`` of the questionnaire folder and
an existing one renamed, without writing YAML: the change is spliced into the file
(``survey_app.questionnaire.site_edits``), checked like any site file, written in one
step and audited.  Questionnaires using ``offers``/``districts``/``life_phases`` show the
new entry at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from survey_app.coordinator import bp
from survey_app.coordinator.access import current_user, requires
from survey_app.coordinator.forms import ActionForm
from survey_app.coordinator.translation_edits import clean_text, replace_file
from survey_app.library import reload_library
from survey_app.questionnaire import Site
from survey_app.questionnaire.nodes import parse_yaml
from survey_app.questionnaire.pipeline import site_from_tree
from survey_app.questionnaire.problems import Report
from survey_app.questionnaire.reader import SLUG
from survey_app.questionnaire.site_edits import SITE_ENTRY_LISTS, add_entry, rename_entry
from survey_app.questionnaire.text_edits import TextEditError
from survey_app.storage import log_action
from survey_app.storage.db import write_transaction
from survey_app.storage.user_store import COORDINATOR

SITE_FILE = "site.yaml"
MAX_NAME = 200


def _site_path() -> Path:
    return Path(current_app.config["QUESTIONNAIRE_DIR"]) / SITE_FILE


def _checked_site(source: str, path: Path) -> Site | None:
    report = Report()
    root = parse_yaml(source.encode("utf-8"), str(path), report)
    return site_from_tree(root, str(path), report)[0] if root is not None else None


def _current_site() -> tuple[Path, str, Site]:
    path = _site_path()
    if not path.is_file():
        abort(404)
    source = path.read_text(encoding="utf-8-sig")
    site = _checked_site(source, path)
    if site is None:
        abort(409)
    return path, source, site


def _entries(site: Site, kind: str) -> list[Any]:
    return {"offers": site.offers, "districts": site.districts, "life_phases": site.life_phases}[
        kind
    ]


def _names(site: Site) -> tuple[dict[str, str], list[str]]:
    """The submitted names per language (cleaned) and the problems with them."""
    names = {lang: clean_text(request.form.get(f"name_{lang}", "")) for lang in site.languages}
    problems = []
    if not names.get(site.default_language):
        problems.append(_("Der Name in der Standardsprache fehlt."))
    if any(len(name) > MAX_NAME or "\n" in name for name in names.values()):
        problems.append(_("Ein Name ist zu lang oder hat mehrere Zeilen."))
    return {lang: name for lang, name in names.items() if name}, problems


def _age(field: str, problems: list[str]) -> int | None:
    text = request.form.get(field, "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > 99:
        problems.append(_("Das Alter muss eine ganze Zahl von 0 bis 99 sein."))
        return None
    return int(text)


def _new_entry(site: Site, kind: str) -> tuple[dict[str, Any], list[str]]:
    entry_id = request.form.get("id", "").strip()
    names, problems = _names(site)
    if not SLUG.fullmatch(entry_id) or len(entry_id) > 60:
        problems.append(
            _("Die Kennung fehlt oder enthält andere Zeichen als Buchstaben, Ziffern, - und _.")
        )
    elif any(item.id == entry_id for item in _entries(site, kind)):
        problems.append(_("Diese Kennung gibt es schon."))
    entry: dict[str, Any] = {"id": entry_id, "name": names}
    if kind == "offers":
        phases = {phase.id for phase in site.life_phases}
        districts = {district.id for district in site.districts}
        chosen_phases = request.form.getlist("life_phases")
        chosen_districts = request.form.getlist("districts")
        if not set(chosen_phases) <= phases or not set(chosen_districts) <= districts:
            abort(400)
        entry["life_phases"] = chosen_phases
        entry["districts"] = chosen_districts or "all"
    if kind == "life_phases":
        for field in ("from_age", "to_age"):
            age = _age(field, problems)
            if age is not None:
                entry[field] = age
    return entry, problems


def _save(path: Path, source: str, detail: str) -> bool:
    site = _checked_site(source, path)
    if site is None:
        flash(_("Die Ortsdatei hätte danach Fehler; nichts wurde gespeichert."), "error")
        return False
    user = current_user()
    assert user is not None  # guaranteed by @requires
    with write_transaction() as conn:
        log_action(conn, user.name, "site", detail)
        replace_file(path, source.encode("utf-8"))
    reload_library()
    return True


@bp.get("/site")
@requires(COORDINATOR)
def site_entries(problems: list[str] | None = None, kind: str = "", status: int = 200) -> Any:
    """Offers, districts and life phases of the site file, with forms to add more."""
    _, _source, site = _current_site()
    return render_template(
        "coordinator/site.html",
        site=site,
        lists=SITE_ENTRY_LISTS,
        entries=_entries,
        form=ActionForm(),
        problems=problems or [],
        failed_kind=kind,
        values=request.form if problems else {},
    ), status


@bp.post("/site/<kind>")
@requires(COORDINATOR)
def site_add(kind: str) -> Any:
    """Append a new offer, district or life phase (checked, then saved and audited)."""
    if kind not in SITE_ENTRY_LISTS:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    path, source, site = _current_site()
    entry, problems = _new_entry(site, kind)
    if problems:
        return site_entries(problems, kind, 422)
    try:
        new_source = add_entry(source, kind, entry)
    except TextEditError:
        abort(409)
    if _save(path, new_source, f"{kind}: added {entry['id']}"):
        flash(
            _("„%(name)s“ wurde gespeichert.", name=entry["name"][site.default_language]), "success"
        )
    return redirect(url_for("coordinator.site_entries"))


@bp.route("/site/<kind>/<entry_id>", methods=["GET", "POST"])
@requires(COORDINATOR)
def site_rename(kind: str, entry_id: str) -> Any:
    """Change the names of one entry in every language (the id stays: answers use it)."""
    if kind not in SITE_ENTRY_LISTS:
        abort(404)
    path, source, site = _current_site()
    entry = next((item for item in _entries(site, kind) if item.id == entry_id), None)
    if entry is None:
        abort(404)
    problems: list[str] = []
    if request.method == "POST":
        if not ActionForm().validate_on_submit():
            abort(400)
        names, problems = _names(site)
        if not problems:
            new_source = rename_entry(source, kind, entry_id, names, site.default_language)
            if _save(path, new_source, f"{kind}: renamed {entry_id}"):
                flash(
                    _("„%(name)s“ wurde gespeichert.", name=names[site.default_language]), "success"
                )
            return redirect(url_for("coordinator.site_entries"))
    return render_template(
        "coordinator/site_rename.html",
        site=site,
        kind=kind,
        entry=entry,
        form=ActionForm(),
        problems=problems,
    ), (422 if problems else 200)
