"""Flask's side of storage: one engine per app, migrated on first use."""

from __future__ import annotations

import threading

from flask import Flask, current_app
from sqlalchemy import Engine

from survey_app import storage

_lock = threading.Lock()


def init_app(app: Flask) -> None:
    """Remember the database URL; the engine is made (and migrated) on first use."""
    app.extensions["ankommen_engine"] = None


def get_engine(app: Flask | None = None) -> Engine:
    """The app's engine; the first call creates it and brings the schema up to date."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    engine = app.extensions.get("ankommen_engine")
    if engine is None:
        with _lock:
            engine = app.extensions.get("ankommen_engine")
            if engine is None:
                engine = storage.make_engine(app.config["DATABASE_URL"])
                storage.migrate(engine)
                app.extensions["ankommen_engine"] = engine
    return engine
