"""Pictures per language (issue #13): XLSForm ``media::image::<lang>`` and YAML
``image: {de: …, tr: …}``; the page shows the respondent's language's picture, else the
default language's; the export writes them back."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from survey_app import create_app
from survey_app.questionnaire.loader import parse_questionnaire
from survey_app.questionnaire.xlsform_export import export_xlsform
from survey_app.questionnaire.xlsform_import import import_xlsform
from tests.conftest import make_test_config
from tests.questionnaire.test_xlsform import errors, workbook
from tests.respondent.helpers import Respondent

PICTURE = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>'


def _form(folder: Path) -> Path:
    """A workbook whose first choice has a German and a Turkish picture."""
    labels = ["label::German (de)", "label::Turkish (tr)", "label::English (en)"]
    return workbook(
        folder / "bilder.xlsx",
        survey=[["type", "name", *labels], ["select_one tiere", "tier", "Tier?", "Hayvan?", "Animal?"]],
        choices=[
            ["list_name", "name", *labels, "media::image::German (de)", "media::image::Turkish (tr)",
             "ankommen_image_alt_de", "ankommen_image_alt_tr", "ankommen_image_alt_en"],
            ["tiere", "hund", "Hund", "Köpek", "Dog", "hund-de.svg", "hund-tr.svg", "Ein Hund",
             "Bir köpek", "A dog"],
            ["tiere", "katze", "Katze", "Kedi", "Cat", None, None, None, None, None],
        ],
        settings=[["form_id", "version", "default_language", "ankommen_audience"],
                  ["bilder", "1", "German (de)", "parents"]],
    )  # fmt: skip


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "questionnaires"
    (folder / "pictograms").mkdir(parents=True)
    for name in ("hund-de.svg", "hund-tr.svg"):
        (folder / "pictograms" / name).write_bytes(PICTURE)
    return folder


def test_import__a_picture_per_language_and_back(folder: Path, tmp_path: Path) -> None:
    result = import_xlsform(_form(tmp_path), base_dir=folder)
    assert result.ok, errors(result)
    dog = result.questionnaire.pages[0].questions[0].choices[0]
    assert dog.image == "hund-de.svg"
    assert dog.images is not None and dog.images.values == {
        "de": "hund-de.svg",
        "tr": "hund-tr.svg",
    }
    assert result.questionnaire.pages[0].questions[0].choices[1].images is None
    export_xlsform(result.questionnaire, tmp_path / "again.xlsx")
    again = import_xlsform(tmp_path / "again.xlsx", base_dir=folder)
    assert again.ok, errors(again)
    pictures = again.questionnaire.pages[0].questions[0].choices[0].images
    assert pictures is not None  # (English gets the German file written out)
    assert {lang: pictures.values[lang] for lang in ("de", "tr")} == dog.images.values


def test_check__undeclared_language_and_missing_file(folder: Path) -> None:
    text = """\
id: bilder
version: "1"
audience: parents
languages: [de, tr]
title: {de: Bilder, tr: Resimler}
pages:
  - id: p
    questions:
      - id: tier
        type: single_choice
        label: {de: Tier, tr: Hayvan}
        choices:
          - value: hund
            label: {de: Hund, tr: Köpek}
            image: {de: hund-de.svg, tr: fehlt.svg, fr: hund-de.svg}
            image_alt: {de: Ein Hund, tr: Bir köpek}
"""
    questionnaire, problems = parse_questionnaire(text, folder / "bilder.yaml")
    assert questionnaire is None
    codes = {(p.line, p.code) for p in problems if p.is_error}
    assert {(15, "image_missing"), (15, "audio_language_undeclared")} <= codes, codes


@pytest.fixture
def pictures_app(folder: Path, tmp_path: Path) -> Flask:
    result = import_xlsform(_form(tmp_path), base_dir=folder)
    assert result.ok, errors(result)
    (folder / "bilder.yaml").write_text(result.yaml_text, encoding="utf-8")
    return create_app(make_test_config(tmp_path, QUESTIONNAIRE_DIR=str(folder)))


@pytest.mark.parametrize(
    ("lang", "picture"), [("de", "hund-de.svg"), ("tr", "hund-tr.svg"), ("en", "hund-de.svg")]
)
def test_page__the_picture_of_the_respondents_language(
    pictures_app: Flask, lang: str, picture: str
) -> None:
    html = Respondent(pictures_app.test_client()).start("bilder", lang).html
    assert f'src="/pictograms/{picture}"' in html
    assert html.count('class="pictogram"') == 1
