"""Error pages in the visitor's language: a clear 4xx page, never a traceback.

The error page is rendered with the normal layout; if even that fails (a request so
broken that no URL can be built for it, e.g. an invalid ``Host`` header), a bare page
with the same translated text is sent instead, so an error never becomes a 500.
"""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

from survey_app.security import is_upload_view
from survey_app.storage.migrations import SchemaError
from survey_app.ui_languages import SOURCE_LANGUAGE


def _message(code: int) -> tuple[str, str]:
    """Title and explanation for an HTTP status, translated."""
    messages = {
        400: (
            _("Das hat nicht geklappt"),
            _("Die Anfrage war unvollständig oder beschädigt. Es wurde nichts gespeichert."),
        ),
        403: (_("Kein Zugriff"), _("Sie dürfen diese Seite nicht sehen.")),
        404: (_("Seite nicht gefunden"), _("Diese Adresse gibt es nicht (mehr).")),
        405: (_("Das geht so nicht"), _("Diese Seite kann so nicht aufgerufen werden.")),
        410: (_("Nicht mehr verfügbar"), _("Diese Umfrage ist beendet.")),
        413: (
            _("Zu viele Daten"),
            _(
                "Die Eingabe war zu groß. Bitte kürzen Sie Ihre Antwort. Es wurde nichts gespeichert."
            ),
        ),
        429: (
            _("Zu viele Versuche"),
            _("Bitte warten Sie einen Moment und versuchen Sie es erneut."),
        ),
    }
    if code not in messages and 400 <= code < 500:
        code = 400
    return messages.get(
        code,
        (_("Ein Fehler ist aufgetreten"), _("Bitte versuchen Sie es später noch einmal.")),
    )


def _bare_page(code: int, title: str, text: str, detail: str | None) -> str:
    """The error page without layout, URLs or session: for requests the layout cannot serve."""
    try:
        locale = get_locale()
        lang = str(locale).replace("_", "-") if locale else SOURCE_LANGUAGE
        direction = locale.character_order if locale else "left-to-right"
    except Exception:  # noqa: BLE001
        lang, direction = SOURCE_LANGUAGE, "left-to-right"
    rtl = ' dir="rtl"' if direction == "right-to-left" else ""
    parts = [f"<h1>{escape(title)}</h1>", f"<p>{escape(text)}</p>"]
    if detail:
        parts.append(f"<p>{escape(detail)}</p>")
    return (
        '<!doctype html><html lang="'
        + str(escape(lang))
        + '"'
        + rtl
        + '><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} – ankommen</title></head>"
        f"<body><main>{''.join(parts)}<p>{code}</p></main></body></html>"
    )


def render_error(code: int, detail: str | None = None) -> tuple[str, int]:
    """Render the error page for ``code`` with an optional extra sentence."""
    try:
        title, text = _message(code)
    except Exception:  # noqa: BLE001 - no usable locale for this request
        title, text = "Fehler", "Die Anfrage konnte nicht bearbeitet werden."
    try:
        page = render_template("error.html", code=code, title=title, text=text, detail=detail)
    except Exception:  # noqa: BLE001 - the last line of defence against a 500 page
        page = _bare_page(code, title, text, detail)
    return page, code


def init_app(app: Flask) -> None:
    """Register handlers for HTTP errors, CSRF failures and unexpected errors."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_error(
            400,
            _("Die Sitzung ist abgelaufen oder das Formular war ungültig. Bitte beginnen Sie neu."),
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        if error.code == 413 and is_upload_view(app):
            megabytes = int(app.config["UPLOAD_MAX_BYTES"]) // (1024 * 1024)
            return render_error(
                413,
                _(
                    "Die Dateien sind zusammen größer als %(mb)d MB. Bitte laden Sie "
                    "kleinere Bilder oder weniger Dateien hoch.",
                    mb=megabytes,
                ),
            )
        return render_error(error.code or 500)

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError) -> tuple[str, int]:
        return render_error(500)

    @app.errorhandler(SchemaError)
    def schema_error(error: SchemaError) -> tuple[str, int]:
        # Only when the app was made without the start-up check (``ankommen run``):
        # no page is served from a database whose schema this code does not know.
        app.logger.error("%s", error)
        return render_error(503)
