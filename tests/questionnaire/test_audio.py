"""Recorded audio per language: XLSForm import, YAML checks, the respondent page, serving."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from survey_app import create_app
from survey_app.questionnaire import loads_questionnaire
from survey_app.questionnaire.loader import parse_questionnaire
from survey_app.questionnaire.xlsform_export import export_xlsform
from survey_app.questionnaire.xlsform_import import import_xlsform
from tests.conftest import make_test_config
from tests.questionnaire.test_xlsform import errors, workbook
from tests.respondent.helpers import Respondent

SOUND = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 64  # an MP3 header is enough to serve


def _form(folder: Path) -> Path:
    """A workbook with audio per language on a question and on a choice."""
    return workbook(
        folder / "hoeren.xlsx",
        survey=[
            [
                "type",
                "name",
                "label::German (de)",
                "label::Turkish (tr)",
                "label::English (en)",
                "media::audio::German (de)",
                "media::audio::Turkish (tr)",
            ],
            [
                "select_one farben",
                "farbe",
                "Welche Farbe?",
                "Hangi renk?",
                "Which colour?",
                "farbe-de.mp3",
                "farbe-tr.mp3",
            ],
        ],
        choices=[
            [
                "list_name",
                "name",
                "label::German (de)",
                "label::Turkish (tr)",
                "label::English (en)",
                "media::audio::German (de)",
            ],
            ["farben", "rot", "Rot", "Kırmızı", "Red", "rot-de.mp3"],
            ["farben", "blau", "Blau", "Mavi", "Blue", None],
        ],
        settings=[
            ["form_id", "version", "default_language", "ankommen_audience"],
            ["hoeren", "1", "German (de)", "parents"],
        ],
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "questionnaires"
    (folder / "audio").mkdir(parents=True)
    for name in ("farbe-de.mp3", "farbe-tr.mp3", "rot-de.mp3"):
        (folder / "audio" / name).write_bytes(SOUND)
    (tmp_path / "secret.mp3").write_bytes(b"not for the public")
    return folder


def test_import__audio_columns_per_language(folder: Path, tmp_path: Path) -> None:
    result = import_xlsform(_form(tmp_path), base_dir=folder)
    assert result.ok, errors(result)
    question = result.questionnaire.pages[0].questions[0]
    assert question.audio.values == {"de": "farbe-de.mp3", "tr": "farbe-tr.mp3"}
    assert question.choices[0].audio.values == {"de": "rot-de.mp3"}
    assert question.choices[1].audio is None
    assert "farbe-tr.mp3" in result.yaml_text
    # Round trip: the export writes the columns back, and they import to the same.
    export_xlsform(result.questionnaire, tmp_path / "again.xlsx")
    again = import_xlsform(tmp_path / "again.xlsx", base_dir=folder)
    assert again.ok, errors(again)
    assert again.questionnaire.pages[0].questions[0].audio == question.audio


def test_check__missing_file_folder_in_name_and_picture_without_alt(folder: Path) -> None:
    yaml_text = """\
id: pruefen
version: "1"
audience: parents
languages: [de, tr]
title: {de: Prüfen, tr: Kontrol}
pages:
  - id: p
    questions:
      - id: a
        type: single_choice
        label: {de: A, tr: A}
        audio: {de: fehlt.mp3, tr: ../secret.mp3, fr: x.mp3}
        choices:
          - {value: x, label: {de: X, tr: X}, image: bild.svg, audio: notiz.txt}
"""
    (folder / "pictograms").mkdir()
    (folder / "pictograms" / "bild.svg").write_text("<svg/>")
    questionnaire, problems = parse_questionnaire(yaml_text, folder / "pruefen.yaml")
    errors = {(p.line, p.code) for p in problems if p.is_error}
    assert questionnaire is None
    assert {
        (12, "audio_missing"),
        (12, "audio_has_folder"),
        (12, "audio_language_undeclared"),
        (14, "audio_not_sound"),
        (14, "image_without_alt"),
    } <= errors, errors
    assert any(
        p.code == "audio_missing" and dict(p.params)["name"] == "fehlt.mp3" for p in problems
    )
    assert any(
        p.code == "image_without_alt" and dict(p.params)["image"] == "bild.svg" for p in problems
    )


@pytest.fixture
def audio_app(folder: Path, tmp_path: Path) -> Flask:
    result = import_xlsform(_form(tmp_path), base_dir=folder)
    assert result.ok, errors(result)
    (folder / "hoeren.yaml").write_text(result.yaml_text, encoding="utf-8")
    loads_questionnaire(result.yaml_text, folder / "hoeren.yaml")
    return create_app(make_test_config(tmp_path, QUESTIONNAIRE_DIR=str(folder)))


@pytest.mark.parametrize(
    ("lang", "question_file"),
    [("de", "farbe-de.mp3"), ("tr", "farbe-tr.mp3"), ("en", "farbe-de.mp3")],  # en: fallback
)
def test_page__audio_element_in_the_respondents_language(
    audio_app: Flask, lang: str, question_file: str
) -> None:
    respondent = Respondent(audio_app.test_client()).start("hoeren", lang)
    html = respondent.html
    assert f'<audio class="recorded" controls preload="none" src="/audio/{question_file}"' in html
    assert 'src="/audio/rot-de.mp3"' in html  # the choice's recording (German only)
    assert html.count("<audio ") == 2
    assert {"de": "Welche Farbe?", "tr": "Hangi renk?", "en": "Which colour?"}[lang] in html


def test_serving__the_recording_and_nothing_outside_the_folder(audio_app: Flask) -> None:
    client = audio_app.test_client()
    with client.get("/audio/farbe-tr.mp3") as reply:
        assert reply.status_code == 200 and reply.data == SOUND
    for path in (
        "/audio/../secret.mp3",
        "/audio/%2e%2e/secret.mp3",
        "/audio/..%2fsecret.mp3",
        "/audio/sub/farbe-de.mp3",
        "/audio/../hoeren.yaml",
        "/audio/fehlt.mp3",
    ):
        with client.get(path) as reply:
            assert reply.status_code == 404, path
