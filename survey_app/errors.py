"""Error pages in the visitor's language: a clear 4xx page, never a traceback."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from survey_app.migrations import SchemaError


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
    return messages.get(
        code,
        (_("Ein Fehler ist aufgetreten"), _("Bitte versuchen Sie es später noch einmal.")),
    )


def render_error(code: int, detail: str | None = None) -> tuple[str, int]:
    """Render the error page for ``code`` with an optional extra sentence."""
    title, text = _message(code)
    return render_template("error.html", code=code, title=title, text=text, detail=detail), code


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
