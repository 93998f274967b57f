"""Configuration in one clear order.

1. built-in defaults (:data:`DEFAULTS`; questionnaires in the checkout's
   ``questionnaires/``, or for an installed wheel in ``<instance>/questionnaires``),
2. ``instance/config.py`` or ``instance/config.toml``,
3. environment variables prefixed ``ANKOMMEN_`` (``ANKOMMEN_DATABASE_URL`` sets
   ``DATABASE_URL``; values are read as JSON where they parse, e.g. numbers),
4. the ``test_config`` mapping given to ``create_app``.

A secret key that none of these set is generated once into ``instance/secret_key``.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from pathlib import Path
from typing import Any

from flask import Flask

from analysis.suppression import DEFAULT_MIN_GROUP_SIZE, DEFAULT_MIN_QUOTE_RESPONDENTS
from survey_app import resources

DEFAULTS: dict[str, Any] = {
    "TRANSLATIONS_DIR": str(resources.translations_dir()),
    # A response in the analysis, a brief or an aggregated export needs at least
    # this many respondents in every cell and denominator.
    "MIN_GROUP_SIZE": DEFAULT_MIN_GROUP_SIZE,
    # Approved quotes appear in a brief only when its selection has at least this
    # many respondents.
    "MIN_QUOTE_RESPONDENTS": DEFAULT_MIN_QUOTE_RESPONDENTS,
    # Kiosk mode: back to the start this long after the thank-you page, and the
    # "are you still there?" warning after this much inactivity.
    "KIOSK_RESET_SECONDS": 10,
    "KIOSK_IDLE_SECONDS": 120,
    "KIOSK_WARNING_SECONDS": 30,
    # Unfinished answers are kept in server memory this long without activity; at most
    # this many drafts at once (the least recently used goes first), and at most this
    # many POSTs per draft (abuse limits that do not depend on IP addresses).
    "DRAFT_LIFETIME_MINUTES": 60,
    "DRAFT_MAX_COUNT": 5000,
    "DRAFT_MAX_REQUESTS": 600,
    # How often (seconds) the questionnaire folder is looked at for edited files.
    "LIBRARY_REFRESH_SECONDS": 2,
    # Coordinator sessions end after this much inactivity, and this long after the
    # login whatever the activity.
    "ADMIN_IDLE_MINUTES": 30,
    "ADMIN_SESSION_HOURS": 12,
    # Failed logins (all accounts together) per minute above which logins from
    # browsers that never logged into the account are refused for a while (429).
    "LOGIN_MAX_FAILURES_PER_MINUTE": 20,
    # How many reverse proxies in front of the app set X-Forwarded-For/-Proto/-Host/
    # -Prefix (0: none; trust no such header).  See survey_app/proxy.py.
    "TRUSTED_PROXIES": 0,
    "RETENTION_MONTHS": 24,
    "MAX_CONTENT_LENGTH": 256 * 1024,
    # The largest questionnaire upload (workbook or YAML with its pictures and audio).
    "UPLOAD_MAX_BYTES": 25 * 1024 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,
    "DEMO_LOGIN": None,
    # The address phones use (QR codes, posters, printed URLs), e.g.
    # "https://umfrage.lindenau.de"; unset: the address of the current request.
    "PUBLIC_URL": None,
    # Shared key for signed bundles (event laptop -> central installation); the same
    # value on both, made with `ankommen bundle key`. None: bundles are refused.
    "BUNDLE_KEY": None,
}

INSTANCE_ENV = "ANKOMMEN_INSTANCE_PATH"


def load(app: Flask, test_config: dict[str, Any] | None = None) -> None:
    """Fill ``app.config`` in the documented order and make the instance folder."""
    if os.environ.get(INSTANCE_ENV):
        app.instance_path = os.environ[INSTANCE_ENV]
    if test_config and test_config.get("INSTANCE_PATH"):
        app.instance_path = str(test_config["INSTANCE_PATH"])
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)

    app.config.from_mapping(DEFAULTS)
    app.config["DATABASE_URL"] = f"sqlite:///{instance / 'ankommen.sqlite3'}"
    app.config["QUESTIONNAIRE_DIR"] = str(default_questionnaire_dir(instance))
    app.config.from_pyfile(str(instance / "config.py"), silent=True)
    if (instance / "config.toml").exists():
        app.config.from_file(str(instance / "config.toml"), load=tomllib.load, text=False)
    app.config.from_prefixed_env("ANKOMMEN")
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(instance)


def default_questionnaire_dir(instance: Path) -> Path:
    """The checkout's ``questionnaires/``; for an installed wheel the instance's own.

    ``ankommen init`` puts the shipped examples into the latter.
    """
    if resources.is_checkout():
        return resources.examples_dir()
    return instance / "questionnaires"


def _instance_secret(instance: Path) -> str:
    """Read the instance's secret key, creating it (readable by the owner only) once."""
    path = instance / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()
