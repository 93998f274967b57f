"""Alembic's environment for ankommen: run on the connection the caller opened.

:mod:`survey_app.storage.migrations` opens one transaction and hands its connection over in
``config.attributes["connection"]``, so every step of an upgrade runs (and is
rolled back) together.  Batch mode lets SQLite change a table by copying it.
"""

from __future__ import annotations

from alembic import context

from survey_app import storage

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=storage.metadata,
    render_as_batch=True,
    compare_type=True,
    on_version_apply=config.attributes.get("on_version_apply", []),
)
with context.begin_transaction():
    context.run_migrations()
