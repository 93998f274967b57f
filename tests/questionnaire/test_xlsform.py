"""XLSForm import (real third-party samples and forms built here) and the export round trip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from survey_app.questionnaire import Questionnaire, load_questionnaire, loads_questionnaire
from survey_app.questionnaire.loader import is_site_file
from survey_app.questionnaire.xlsform_export import export_xlsform
from survey_app.questionnaire.xlsform_import import ImportResult, import_xlsform
from tests.questionnaire.conftest import write

SAMPLES = Path("/work/shared/xlsform-samples")
PROJECT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(
    path
    for path in (PROJECT / "questionnaires").glob("*.yaml")
    if not is_site_file(str(path), None)
)


def workbook(path: Path, **sheets: list[list[Any]]) -> Path:
    """Write an XLSForm with the given sheets (each a list of rows, the first the header)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def errors(result: ImportResult) -> list[str]:
    return [str(problem) for problem in result.problems if problem.is_error]


def error_codes(result: ImportResult) -> list[tuple[str, int, str, str]]:
    """(file:sheet, row, column, code) of each error."""
    return [(Path(p.path).name, p.line, p.column, p.code) for p in result.problems if p.is_error]


# --- third-party samples -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "questions"),
    [
        ("text_and_integer.xlsx", {"your_name": "text", "your_age": "integer"}),
        ("yes_or_no_question.xlsx", {"good_day": "single_choice"}),
        ("field-list.xlsx", {"table_list_question": "single_choice"}),
    ],
)
def test_import__samples_that_ankommen_supports(name: str, questions: dict[str, str]) -> None:
    result = import_xlsform(SAMPLES / name, default_language="en")
    assert result.ok, errors(result)
    assert {q.id: q.type for q in result.questionnaire.questions()} == questions
    assert (
        loads_questionnaire(result.yaml_text, SAMPLES / f"{result.questionnaire.id}.yaml")
        == result.questionnaire
    )


def test_import__old_style_headers_and_second_language_on_choices() -> None:
    result = import_xlsform(SAMPLES / "field-list.xlsx", default_language="en")
    questionnaire = result.questionnaire
    assert questionnaire.languages == ["en", "zh"]
    question = questionnaire.question("table_list_question")
    assert question.label.get("en") == "table list question" and question.hint.get("en") == "hint"
    assert [c.label.get("zh") for c in question.choices] == ["是", "没有"]
    assert questionnaire.pages[0].id == "name"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("group.xlsx", [("group.xlsx:survey", 4, "type", "unknown_xls_type")]),
        ("specify_other.xlsx", [("specify_other.xlsx:survey", 2, "type", "or_other")]),
        (
            "choice_filter_test.xlsx",
            [("choice_filter_test.xlsx:choices", 6, "name", "duplicate_choice")],
        ),
    ],
)
def test_import__samples_with_unsupported_features_fail_per_row(
    name: str, expected: list[tuple[str, int, str, str]]
) -> None:
    result = import_xlsform(SAMPLES / name, default_language="en")
    assert not result.ok and result.yaml_text is None and result.questionnaire is None
    found = error_codes(result)
    for place in expected:
        assert place in found, found


# --- forms built here ----------------------------------------------------------------


def family_form(path: Path) -> Path:
    return workbook(
        path,
        survey=[
            [
                "type",
                "name",
                "label::Deutsch (de)",
                "label::English (en)",
                "hint::Deutsch (de)",
                "hint::English (en)",
                "required",
                "relevant",
                "constraint",
                "constraint_message::Deutsch (de)",
                "constraint_message::English (en)",
                "choice_filter",
                "appearance",
            ],
            [
                "begin group",
                "familie",
                "Ihre Familie",
                "Your family",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "field-list",
            ],
            [
                "integer",
                "kinder",
                "Wie viele Kinder?",
                "How many children?",
                "Zahl",
                "Number",
                "yes",
                None,
                ". >= 1 and . <= 12",
                "1 bis 12",
                "1 to 12",
                None,
                None,
            ],
            [
                "select_one land",
                "bundesland",
                "Bundesland?",
                "State?",
                None,
                None,
                "true",
                "${kinder} > 0",
                None,
                None,
                None,
                None,
                "minimal",
            ],
            [
                "select_one stadt",
                "stadt",
                "Stadt?",
                "City?",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "land = ${bundesland}",
                None,
            ],
            ["end group"],
            ["begin_group", "wuensche", "Wünsche", "Wishes", None, None, None, "${kinder} >= 2"],
            ["select_multiple hilfe", "hilfe", "Was hilft?", "What helps?"],
            [
                "text",
                "freitext",
                "Noch etwas?",
                "Anything else?",
                None,
                None,
                None,
                "not(selected(${hilfe}, 'nichts'))",
            ],
            ["end_group"],
            ["note", "danke", "Danke!", "Thank you!"],
        ],
        choices=[
            ["list_name", "name", "label::Deutsch (de)", "label::English (en)", "land"],
            ["land", "th", "Thüringen", "Thuringia", None],
            ["land", "nw", "Nordrhein-Westfalen", "North Rhine-Westphalia", None],
            ["stadt", "erfurt", "Erfurt", "Erfurt", "th"],
            ["stadt", "jena", "Jena", "Jena", "th"],
            ["stadt", "koeln", "Köln", "Cologne", "nw"],
            ["hilfe", "kita", "Kita", "Day care", None],
            ["hilfe", "nichts", "Nichts", "Nothing", None],
        ],
        settings=[
            ["form_title", "form_id", "version", "default_language"],
            ["Familienbefragung", "familie", 3, "Deutsch (de)"],
        ],
    )


def test_import__multilingual_form_with_groups_relevance_constraints_and_filter(
    tmp_path: Path,
) -> None:
    result = import_xlsform(family_form(tmp_path / "familie.xlsx"))
    assert result.ok, errors(result)
    questionnaire = result.questionnaire
    assert (questionnaire.id, questionnaire.version, questionnaire.default_language) == (
        "familie",
        "3",
        "de",
    )
    assert questionnaire.languages == ["de", "en"]
    assert questionnaire.title.values == {"de": "Familienbefragung"}
    assert [page.id for page in questionnaire.pages] == ["familie", "wuensche", "page_3"]
    assert questionnaire.pages[0].title.values == {"de": "Ihre Familie", "en": "Your family"}
    kinder = questionnaire.question("kinder")
    assert kinder.required and kinder.hint.get("en") == "Number"
    assert kinder.constraint_message.values == {"de": "1 bis 12", "en": "1 to 12"}
    assert questionnaire.constraint_holds(kinder, 3, {}) and not questionnaire.constraint_holds(
        kinder, 13, {}
    )
    stadt = questionnaire.question("stadt")
    assert [c.value for c in questionnaire.visible_choices(stadt, {"bundesland": "th"})] == [
        "erfurt",
        "jena",
    ]
    assert questionnaire.question("bundesland").appearance == "minimal"
    assert not questionnaire.is_relevant(questionnaire.pages[1], {"kinder": 1})
    assert questionnaire.is_relevant(
        questionnaire.question("freitext"), {"kinder": 2, "hilfe": ["kita"]}
    )
    problems = questionnaire.validate({"kinder": 2, "bundesland": "th", "stadt": "koeln"})
    assert [(p.question_id, p.code) for p in problems] == [("stadt", "unknown_choice")]
    assert any(
        p.code == "group_appearance" and dict(p.params)["appearance"] == "field-list"
        for p in result.problems
    )
    assert loads_questionnaire(result.yaml_text, tmp_path / "familie.yaml") == questionnaire


def test_import__every_unsupported_feature_is_reported_on_its_row(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "form.xlsx",
        survey=[
            ["type", "name", "label", "required", "calculation", "media::video"],
            ["start", "start", None],
            ["begin repeat", "kinder", "Kinder"],
            ["calculate", "summe", None, None, "1 + 1"],
            ["geopoint", "ort", "Wo?"],
            ["select_one_from_file orte.csv", "ort2", "Ort?"],
            ["select_one farben or_other", "farbe", "Farbe?"],
            ["integer", "alter", "Alter?", "${farbe} = 'rot'"],
            ["interger", "jahre", "Jahre?"],
            ["text", "name", "Name?", None, "concat(1)"],
            ["begin group", "g1", "G1"],
            ["begin group", "g2", "G2"],
            ["note", "hinweis", "Hinweis", None, None, "film.mp4"],
            ["time", "uhrzeit", "Uhrzeit?"],
            ["end repeat"],
        ],
        choices=[["list_name", "name", "label"], ["farben", "rot", "Rot"]],
    )
    result = import_xlsform(path)
    assert result.yaml_text is None
    found = [
        (p.line, p.column, p.code, getattr(dict(p.params).get("reason"), "code", ""))
        for p in result.problems
        if p.is_error and p.path.endswith("form.xlsx:survey")
    ]
    assert found == [
        (2, "type", "unsupported_type", "unsupported_metadata"),
        (3, "type", "unsupported_type", "unsupported_repeat"),
        (4, "calculation", "unsupported_column", ""),
        (4, "type", "unsupported_type", "unsupported_calculate"),
        (5, "type", "unsupported_type", "unsupported_location"),
        (6, "type", "type_from_file", ""),
        (7, "type", "or_other", ""),
        (8, "required", "required_unsupported", ""),
        (9, "type", "unknown_xls_type", ""),
        (10, "calculation", "unsupported_column", ""),
        (11, "", "group_not_closed", ""),
        (12, "type", "nested_groups", ""),
        (13, "media::video", "unsupported_column", ""),
        (14, "type", "unsupported_type", "unsupported_time"),
        (15, "type", "unsupported_type", "unsupported_repeat"),
    ]
    assert any(dict(p.params).get("near") == "integer" for p in result.problems if p.line == 9)


def test_import__expression_problems_name_the_row(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "form.xlsx",
        survey=[
            ["type", "name", "label", "relevant"],
            ["integer", "a", "A", "${b} > 1"],
            ["integer", "b", "B", "${a} >> 1"],
            ["integer", "c", "C", "${a} = 1 and today() > 1"],
        ],
        settings=[["form_id", "default_language"], ["form", "en"]],
    )
    result = import_xlsform(path)
    found = error_codes(result)
    assert ("form.xlsx:survey", 2, "relevant", "ref_later") in found
    assert ("form.xlsx:survey", 3, "relevant", "expression_unreadable") in found
    assert ("form.xlsx:survey", 4, "relevant", "expression_unreadable") in found
    # in a workbook the message quotes the expression, not a character position
    unreadable = [p for p in result.problems if p.code == "expression_unreadable"]
    assert [dict(p.params)["excerpt"] for p in unreadable] == ["> 1", "today() > 1"]
    assert not any("column 7" in p.message or "column 14" in p.message for p in unreadable)


def test_import__unclear_language_header(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "form.xlsx", survey=[["type", "name", "label::Klingonisch"], ["text", "a", "A"]]
    )
    assert error_codes(import_xlsform(path)) == [
        ("form.xlsx:survey", 1, "label::Klingonisch", "header_language")
    ]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("junk.xlsx", b"\x00\x01 not a workbook", "not_workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "old_xls"),
        ("missing.xlsx", None, "no_such_file"),
    ],
)
def test_import__files_that_are_not_workbooks(
    tmp_path: Path, name: str, content: bytes | None, code: str
) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    result = import_xlsform(tmp_path / name)
    assert not result.ok and error_codes(result) == [(name, 1, "", code)]


def test_import__workbook_without_survey_sheet(tmp_path: Path) -> None:
    path = workbook(tmp_path / "form.xlsx", choices=[["list_name", "name", "label"]])
    assert error_codes(import_xlsform(path)) == [("form.xlsx", 1, "", "no_survey_sheet")]


# --- export and round trip ----------------------------------------------------------


def round_trip(questionnaire: Questionnaire, tmp_path: Path) -> ImportResult:
    path = tmp_path / "export.xlsx"
    export_xlsform(questionnaire, path)
    return import_xlsform(path, base_dir=Path(questionnaire.path).parent)


@pytest.mark.parametrize("path", SHIPPED, ids=[path.name for path in SHIPPED])
def test_round_trip__shipped_questionnaires(path: Path, tmp_path: Path) -> None:
    questionnaire = load_questionnaire(path)
    result = round_trip(questionnaire, tmp_path)
    assert result.ok, errors(result)
    assert result.questionnaire == questionnaire
    assert loads_questionnaire(result.yaml_text, path) == questionnaire


def test_round_trip__sample_with_every_question_type(
    questionnaire: Questionnaire, tmp_path: Path
) -> None:
    result = round_trip(questionnaire, tmp_path)
    assert result.ok, errors(result)
    assert result.questionnaire == questionnaire


FEATURES_YAML = """\
id: alles
version: "1.2"
audience: children
languages: [de, ar, de-x-ls]
default_language: de
title: {de: Alles, ar: كل شيء, de-x-ls: Alles}
description: {de: Eine Beschreibung, ar: وصف, de-x-ls: Beschreibung}
consent: {de: "=Einwilligung", ar: موافقة, de-x-ls: Ja sagen}
pages:
  - id: eins
    questions:
      - id: gefuehl
        type: smiley
        points: 3
        label: {de: "Wie geht es dir?", ar: كيف حالك؟, de-x-ls: "Wie geht es dir?"}
        choices:
          - value: "1"
            label: {de: schlecht, ar: سيء, de-x-ls: schlecht}
            image: sad.svg
            image_alt: {de: trauriges Gesicht, ar: وجه حزين, de-x-ls: trauriges Gesicht}
          - value: "2"
            label: {de: mittel, ar: متوسط, de-x-ls: mittel}
            attributes: {gruppe: a}
          - value: "3"
            label: {de: gut, ar: جيد, de-x-ls: gut}
        default: "2"
      - id: zahl
        type: decimal
        label: {de: Zahl, ar: رقم, de-x-ls: Zahl}
        min: 0.5
        max: 9.5
        required: true
        required_message: {de: Bitte, ar: من فضلك, de-x-ls: Bitte}
      - id: skala
        type: rating
        points: 4
        label: {de: Skala, ar: مقياس, de-x-ls: Skala}
        low_label: {de: wenig, ar: قليل, de-x-ls: wenig}
        high_label: {de: viel, ar: كثير, de-x-ls: viel}
      - id: tag
        type: date
        label: {de: Tag, ar: يوم, de-x-ls: Tag}
"""


def test_round_trip__choices_in_place_images_attributes_and_texts(tmp_path: Path) -> None:
    (tmp_path / "pictograms").mkdir()
    (tmp_path / "pictograms" / "sad.svg").write_text("<svg/>")
    questionnaire = load_questionnaire(write(tmp_path, "alles.yaml", FEATURES_YAML))
    result = round_trip(questionnaire, tmp_path)
    assert result.ok, errors(result)
    assert result.questionnaire == questionnaire
    assert result.questionnaire.question("gefuehl").choice_list is None
    assert result.questionnaire.consent.get("de") == "=Einwilligung"


def test_export__is_a_plain_xlsform(questionnaire: Questionnaire, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    export_xlsform(questionnaire, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["survey", "choices", "settings", "ankommen_scores", "ankommen_bands"]
    survey = [row for row in book["survey"].iter_rows(values_only=True)]
    header = survey[0]
    assert header[:4] == ("type", "name", "label::German (de)", "label::English (en)")
    types = [row[0] for row in survey[1:]]
    assert (
        "select_one districts" in types
        and "select_multiple offers" in types
        and "begin group" in types
    )
    rating = next(row for row in survey if row[1] == "who5_2")
    assert rating[0] == "integer" and rating[header.index("ankommen_type")] == "rating"
    settings = dict(zip(*book["settings"].iter_rows(values_only=True), strict=True))
    assert settings["form_id"] == "eltern" and settings["ankommen_site"] == "site.yaml"


def test_export__site_lists_edited_in_the_workbook_are_reported(
    questionnaire: Questionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "out.xlsx"
    export_xlsform(questionnaire, path)
    book = openpyxl.load_workbook(path)
    sheet = book["choices"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "offers" and row[1].value == "babybesuch":
            row[2].value = "Hausbesuch"
    book.save(path)
    result = import_xlsform(path, base_dir=Path(questionnaire.path).parent)
    assert result.ok
    differs = [p.path for p in result.problems if p.code == "site_list_differs"]
    assert differs == [f"{path}:choices"]
