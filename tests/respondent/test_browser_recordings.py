"""Recorded audio in child mode: the player beside the text, and "Vorlesen" plays it."""

from __future__ import annotations

import io
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from survey_app import create_app
from tests.conftest import make_test_config
from tests.respondent.browsing import new_context, pass_consent
from tests.support.browser import assert_no_axe_violations, serve

pytestmark = pytest.mark.browser

CHILDREN = """\
id: hoeren
version: "1"
audience: children
languages: [de, ar]
title: {de: Hören, ar: استماع}
pages:
  - id: p
    questions:
      - id: alter
        type: integer
        label: {de: "Wie alt bist du?", ar: "كم عمرك؟"}
        audio: {ar: alter-ar.wav}
"""


def _silence() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\x00\x00" * 8000 * 2)  # two seconds
    return buffer.getvalue()


@pytest.fixture(scope="module")
def recording_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = Path(tmp_path_factory.mktemp("recordings"))
    folder = root / "questionnaires"
    (folder / "audio").mkdir(parents=True)
    (folder / "audio" / "alter-ar.wav").write_bytes(_silence())
    (folder / "hoeren.yaml").write_text(CHILDREN, encoding="utf-8")
    app: Flask = create_app(make_test_config(root, QUESTIONNAIRE_DIR=str(folder)))
    with serve(app) as url:
        yield url


def test_read_aloud_plays_the_recording_in_child_mode(chromium: Any, recording_url: str) -> None:
    context = new_context(chromium, recording_url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto("/q/hoeren?lang=ar")
        pass_consent(page)
        page.wait_for_load_state("load")
        player = page.locator("main audio.recorded")
        assert player.get_attribute("src") == "/audio/alter-ar.wav"
        assert page.get_by_text("كم عمرك؟").is_visible()  # the text is always shown
        assert page.evaluate("document.documentElement.scrollWidth <= 320")
        assert_no_axe_violations(page)
        button = page.locator("button.read-aloud")
        assert button.is_visible()  # offered for the recording, with or without a voice
        button.click()
        page.wait_for_function("!document.querySelector('main audio.recorded').paused")
        assert button.get_attribute("aria-pressed") == "true"
    finally:
        context.close()
