"""The application factory: configuration, extensions, blueprints, CLI commands."""

from __future__ import annotations

from typing import Any

from flask import Flask

from survey_app import commands, config, errors, i18n, library, proxy, resources, security
from survey_app.csrf_check import RespondentCSRFProtect
from survey_app.storage import db

csrf = RespondentCSRFProtect()


def create_app(test_config: dict[str, Any] | None = None, *, check_database: bool = True) -> Flask:
    """Create the app: defaults → instance config → ``ANKOMMEN_*`` env → ``test_config``.

    The database is checked at once (an empty one is created): on a database that
    needs ``ankommen db upgrade``, or that a newer ankommen upgraded, the app does not
    start (:class:`survey_app.storage.migrations.SchemaError`).  The CLI passes
    ``check_database=False`` so that ``ankommen db upgrade`` can run; its other
    commands check on first use.
    """
    app = Flask(__name__, instance_relative_config=True)
    config.load(app, test_config)
    # Never declare a language the app cannot show: refuse to start instead.
    resources.require_catalogs(app.config["TRANSLATIONS_DIR"])
    proxy.init_app(app)
    db.init_app(app)
    if check_database:
        db.get_engine(app)
    i18n.init_app(app)
    library.init_app(app)
    security.init_uploads(app)  # before CSRFProtect, which reads (and so bounds) the form
    csrf.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    _register_blueprints(app)
    commands.init_app(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from survey_app.coordinator import bp as coordinator_bp
    from survey_app.respondent import bp as respondent_bp
    from survey_app.respondent.offline import bp as offline_bp

    app.register_blueprint(respondent_bp)
    app.register_blueprint(offline_bp)
    csrf.exempt(offline_bp)  # its one POST is JSON with a kiosk token (see offline.py)
    app.register_blueprint(coordinator_bp, url_prefix="/admin")
