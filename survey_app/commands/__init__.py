"""The ``ankommen`` command groups, one module per domain.

Each module here exports ``COMMANDS`` (a list of click commands/groups); modules
without it contribute their click groups.  Adding a module is all it takes.
"""

from __future__ import annotations

import importlib
import pkgutil

import click
from flask import Flask


def _commands_of(module: object) -> list[click.Command]:
    explicit = getattr(module, "COMMANDS", None)
    if explicit is not None:
        return list(explicit)
    return [value for value in vars(module).values() if isinstance(value, click.Group)]


def init_app(app: Flask) -> None:
    """Register every command group found in this package."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda item: item.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for command in _commands_of(module):
            app.cli.add_command(command)
