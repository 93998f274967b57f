"""Events: list, create, edit, close and reopen; QR codes and the printable poster."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import segno
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from analysis.i18n import translator
from survey_app.coordinator import bp
from survey_app.coordinator.access import requires
from survey_app.coordinator.downloads import file_download
from survey_app.coordinator.forms import ActionForm, EventForm
from survey_app.coordinator.page_context import ui_text
from survey_app.i18n import current_language, text_direction
from survey_app.library import get_library
from survey_app.public_links import only_reachable_here, public_url_for
from survey_app.questionnaire import Questionnaire
from survey_app.storage import event_store as events
from survey_app.storage.db import get_engine, write_transaction
from survey_app.storage.user_store import COORDINATOR
from survey_app.ui_languages import ui_language_for

#: Error correction level of the poster QR code: M survives a crease or a smudge.
QR_ERROR = "m"
QR_SVG_SCALE = 8
QR_PNG_SCALE = 10
QR_BORDER = 4


@dataclass(frozen=True)
class EventLinks:
    """The addresses of an event, absolute, as put on posters."""

    kiosk: str
    own_device: str

    @property
    def only_reachable_here(self) -> bool:
        """True when phones cannot reach these addresses (localhost, 127.x)."""
        return only_reachable_here(self.own_device)

    @property
    def host(self) -> str:
        """The host the addresses name (for the warning)."""
        return self.own_device.split("://", 1)[-1].split("/", 1)[0]

    @property
    def short(self) -> str:
        """The own-device address without ``https://``, for typing from a poster."""
        return self.own_device.split("://", 1)[-1]


def event_links(code: str) -> EventLinks:
    """Kiosk URL (``/k/CODE``) and own-device URL (``/e/CODE``), on ``PUBLIC_URL``."""
    return EventLinks(
        kiosk=public_url_for("respondent.kiosk", code=code),
        own_device=public_url_for("respondent.own_device", code=code),
    )


def public_warning() -> str | None:
    """The host posters would name when phones cannot reach it (else None)."""
    links = event_links("CODE")
    return links.host if links.only_reachable_here else None


def qr_code(url: str) -> segno.QRCode:
    """The QR code for ``url`` as posters show it (never a Micro QR code)."""
    return segno.make(url, error=QR_ERROR, micro=False, boost_error=False)


def _get_event_or_404(code: str) -> events.Event:
    with get_engine().connect() as conn:
        event = events.get_event(conn, code)
    if event is None:
        abort(404)
    return event


def _district_names() -> dict[str, str]:
    """The districts of the site files the questionnaires use, by id."""
    lang = current_language()
    names: dict[str, str] = {}
    for questionnaire in get_library().all():
        if questionnaire.site is None:
            continue
        for district in questionnaire.site.districts:
            names.setdefault(district.id, ui_text(district.name, lang))
    return names


def _district_choices() -> list[SelectChoice]:
    return [
        SelectChoice("", _("– kein Sozialraum –")),
        *(SelectChoice(key, name) for key, name in _district_names().items()),
    ]


def _questionnaire_choices() -> list[SelectChoice]:
    lang = current_language()
    return [
        SelectChoice(questionnaire.id, f"{ui_text(questionnaire.title, lang)} ({questionnaire.id})")
        for questionnaire in get_library().all()
    ]


def _prepared_form(event: events.Event | None = None) -> EventForm:
    form = EventForm(obj=event) if event is not None and request.method == "GET" else EventForm()
    form.district.choices = _district_choices()
    form.questionnaire_ids.choices = _questionnaire_choices()
    if event is not None and request.method == "GET":
        form.district.data = event.district or ""
    elif request.method == "GET" and form.held_on.data is None:
        form.held_on.data = date.today()
    return form


@bp.get("/events")
@requires(COORDINATOR)
def events_list() -> str:
    """All events with their codes, addresses and actions."""
    with get_engine().connect() as conn:
        all_events = events.list_events(conn)
    library = get_library()
    return render_template(
        "coordinator/events.html",
        events=all_events,
        links={event.code: event_links(event.code) for event in all_events},
        public_warning=public_warning(),
        titles={q.id: ui_text(q.title, current_language()) for q in library.all()},
        districts=_district_names(),
        mode_labels={choice.value: choice.label for choice in EventForm().mode.choices},  # type: ignore[union-attr]
    )


@bp.route("/events/new", methods=["GET", "POST"])
@requires(COORDINATOR)
def event_new() -> str | Response:
    """Create an event."""
    form = _prepared_form()
    if form.validate_on_submit():
        try:
            with write_transaction() as conn:
                event = events.create_event(conn, **_form_values(form))
        except events.EventError as error:
            flash(str(error), "error")
        else:
            flash(
                _(
                    "Die Veranstaltung „%(name)s“ ist angelegt (Code %(code)s).",
                    name=event.name,
                    code=event.code,
                ),
                "success",
            )
            return redirect(url_for("coordinator.events_list") + f"#event-{event.code}")
    return render_template("coordinator/event_form.html", form=form, event=None)


@bp.route("/events/<code>/edit", methods=["GET", "POST"])
@requires(COORDINATOR)
def event_edit(code: str) -> str | Response:
    """Change an event's details; its code and addresses stay."""
    event = _get_event_or_404(code)
    form = _prepared_form(event)
    if form.validate_on_submit():
        try:
            with write_transaction() as conn:
                events.update_event(conn, event.code, **_form_values(form))
        except events.EventError as error:
            flash(str(error), "error")
        else:
            flash(_("Die Änderungen sind gespeichert."), "success")
            return redirect(url_for("coordinator.events_list") + f"#event-{event.code}")
    return render_template("coordinator/event_form.html", form=form, event=event)


def _form_values(form: EventForm) -> dict[str, object]:
    return {
        "name": form.name.data or "",
        "questionnaire_ids": list(form.questionnaire_ids.data or []),
        "district": form.district.data or None,
        "held_on": form.held_on.data,
        "mode": form.mode.data,
    }


@bp.post("/events/<code>/close")
@requires(COORDINATOR)
def event_close(code: str) -> Response:
    """Close an event: from now on it accepts no responses."""
    return _set_closed(code, True)


@bp.post("/events/<code>/reopen")
@requires(COORDINATOR)
def event_reopen(code: str) -> Response:
    """Reopen a closed event."""
    return _set_closed(code, False)


def _set_closed(code: str, closed: bool) -> Response:
    event = _get_event_or_404(code)
    if ActionForm().validate_on_submit():
        with write_transaction() as conn:
            events.set_closed(conn, event.code, closed)
        if closed:
            flash(
                _("„%(name)s“ ist geschlossen und nimmt keine Antworten mehr an.", name=event.name),
                "success",
            )
        else:
            flash(_("„%(name)s“ ist wieder geöffnet.", name=event.name), "success")
    return redirect(url_for("coordinator.events_list") + f"#event-{event.code}")


@bp.get("/events/<code>/qr.svg")
@requires(COORDINATOR)
def event_qr_svg(code: str) -> Response:
    """The QR code of the own-device URL as SVG."""
    return _qr_download(
        code,
        "svg",
        "image/svg+xml",
        scale=QR_SVG_SCALE,
        xmldecl=False,
        svgclass=None,
        lineclass=None,
    )


@bp.get("/events/<code>/qr.png")
@requires(COORDINATOR)
def event_qr_png(code: str) -> Response:
    """The QR code of the own-device URL as PNG (one module = 10 pixels)."""
    return _qr_download(code, "png", "image/png", scale=QR_PNG_SCALE)


def _qr_download(code: str, kind: str, media_type: str, **options: object) -> Response:
    """The QR code of the event's own-device URL as a ``kind`` file (segno's options)."""
    event = _get_event_or_404(code)
    buffer = io.BytesIO()
    qr_code(event_links(event.code).own_device).save(buffer, kind=kind, border=QR_BORDER, **options)
    inline = request.args.get("download") != "1"
    return file_download(buffer.getvalue(), media_type, f"qr-{event.code}.{kind}", inline=inline)


@dataclass(frozen=True)
class PosterTitle:
    """A questionnaire title in one language, with the hints in that language."""

    lang: str
    dir: str
    title: str


def _poster_titles(questionnaire: Questionnaire) -> list[PosterTitle]:
    return [
        PosterTitle(lang, text_direction(lang), questionnaire.title.values[lang])
        for lang in questionnaire.languages
        if questionnaire.title.has(lang)
    ]


def _poster_hints(languages: list[str]) -> list[dict[str, str]]:
    """The "scan me / or type" hints in each language that has a UI catalog, each text once
    (each from its language's translator; the page keeps its own language)."""
    hints: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for lang in languages:
        ui_lang = ui_language_for(lang).tag
        tr = translator(ui_lang, current_app.config["TRANSLATIONS_DIR"])
        scan = tr.gettext("Mit der Handy-Kamera scannen")
        type_in = tr.gettext("oder diese Adresse eingeben:")
        if (scan, type_in) not in seen:
            seen.add((scan, type_in))
            hints.append(
                {"lang": ui_lang, "dir": text_direction(ui_lang), "scan": scan, "type_in": type_in}
            )
    return hints


@bp.get("/events/<code>/poster")
@requires(COORDINATOR)
def event_poster(code: str) -> str:
    """A printable A4 poster: titles in all languages, the QR code, the short address."""
    event = _get_event_or_404(code)
    library = get_library()
    questionnaires = [
        q for q in (library.get(qid) for qid in event.questionnaire_ids) if q is not None
    ]
    languages = list(dict.fromkeys(lang for q in questionnaires for lang in q.languages))
    return render_template(
        "coordinator/poster.html",
        event=event,
        links=event_links(event.code),
        public_warning=public_warning(),
        titles=[title for q in questionnaires for title in _poster_titles(q)],
        hints=_poster_hints(languages or [current_language()]),
    )
