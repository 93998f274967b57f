"""The application factory: configuration, extensions, blueprints, CLI commands."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from survey_app import commands, config, db, errors, i18n, library, proxy, security

csrf = CSRFProtect()


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the app: defaults → instance config → ``ANKOMMEN_*`` env → ``test_config``."""
    app = Flask(__name__, instance_relative_config=True)
    config.load(app, test_config)
    proxy.init_app(app)
    db.init_app(app)
    i18n.init_app(app)
    library.init_app(app)
    csrf.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    _register_blueprints(app)
    commands.init_app(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from survey_app.coordinator import bp as coordinator_bp
    from survey_app.respondent import bp as respondent_bp

    app.register_blueprint(respondent_bp)
    app.register_blueprint(coordinator_bp, url_prefix="/admin")
