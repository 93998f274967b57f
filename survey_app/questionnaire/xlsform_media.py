"""XLSForm media columns ankommen reads beyond ``image``: recorded audio per language.

``media::audio::German (de)`` (or plain ``media::audio``, the default language) on a
survey or choices row becomes ``audio: {de: FILE}`` of the question or choice; the files
are checked against the questionnaire folder's ``audio/`` like any YAML (``media.py``).
"""

from __future__ import annotations

from typing import Any


def add_audio(target: dict[str, Any], files: dict[str, str] | None) -> None:
    """Put the row's recordings (language → file name) into a question or choice."""
    if files:
        target["audio"] = dict(files)
