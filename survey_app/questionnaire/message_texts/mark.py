"""The gettext "mark only" function for the check messages (the model imports no Flask)."""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark only"
    """Mark ``message`` for extraction; it is translated where it is shown."""
    return message
