"""Check messages: codes and values, worded in the terms of the file, in any language."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from babel.messages.pofile import read_po

from survey_app.questionnaire import message_texts
from survey_app.questionnaire.messages import describe, english_translate, place, text
from survey_app.questionnaire.problems import Problem
from survey_app.questionnaire.xlsform_import import import_xlsform
from tests.conftest import PROJECT_ROOT
from tests.questionnaire.conftest import QUESTIONNAIRE_YAML, SITE_YAML, write


def german(message_id: str) -> str:
    """German is the source language: the msgids are the German texts."""
    return message_id


def three_mistakes(path: Path) -> Path:
    """A workbook with three typical mistakes: a choice list with no rows on the choices
    sheet, a typo in a relevant expression, a missing label translation."""
    workbook = openpyxl.Workbook()
    survey = workbook.active
    survey.title = "survey"
    for row in [
        ["type", "name", "label::Deutsch (de)", "label::English (en)", "relevant"],
        ["select_one farbe", "lieblingsfarbe", "Lieblingsfarbe?", "Favourite colour?", None],
        ["integer", "alter", "Wie alt ist Ihr Kind?", "How old is your child?", None],
        ["text", "grund", "Warum?", None, "${alte} > 3"],
    ]:
        survey.append(row)
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name", "label::Deutsch (de)", "label::English (en)"])
    choices.append(["farben", "rot", "rot", "red"])
    settings = workbook.create_sheet("settings")
    settings.append(
        [
            "form_id",
            "ankommen_title::Deutsch (de)",
            "ankommen_title::English (en)",
            "ankommen_audience",
        ]
    )
    settings.append(["farben", "Farben", "Colours", "parents"])
    workbook.save(path)
    return path


def test_workbook_mistakes__codes_rows_and_columns(tmp_path: Path) -> None:
    result = import_xlsform(three_mistakes(tmp_path / "farben.xlsx"))
    found = [(p.severity, p.line, p.column, p.code) for p in result.problems]
    assert found == [
        ("error", 2, "type", "no_such_list"),
        ("error", 4, "relevant", "ref_not_question"),
        ("warning", 4, "label", "translation_missing"),
    ]


def test_workbook_mistakes__german_in_sheet_row_and_column_terms(tmp_path: Path) -> None:
    result = import_xlsform(three_mistakes(tmp_path / "farben.xlsx"))
    lines = [f"{place(p, german)}: {text(p, german)}" for p in result.problems]
    assert lines == [
        "Blatt „survey“, Zeile 2, Spalte „type“: Die Antwortliste „farbe“ hat keine Zeilen "
        "auf dem Blatt choices (meinten Sie „farben“?); ergänzen Sie dort Zeilen mit "
        "list_name „farbe“ oder berichtigen Sie den Namen in der Spalte type",
        "Blatt „survey“, Zeile 4, Spalte „relevant“: relevant der Frage „grund“: ${alte} ist "
        "keine Frage (meinten Sie „alter“?); berichtigen Sie den Namen in dieser Zelle (die "
        "Namen stehen in der Spalte name)",
        "Blatt „survey“, Zeile 4, Spalte „label“: label der Frage „grund“ hat keinen Text in "
        "en; füllen Sie in dieser Zeile die Spalte „label::English (en)“ aus (gibt es sie "
        "nicht, fügen Sie sie hinzu)",
    ]
    # never a YAML key or a character position for a workbook
    for line in lines:
        assert "choice_lists" not in line and "site:" not in line and "column" not in line


def test_yaml_problem__file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "site.yaml", SITE_YAML)
    write(tmp_path, "eltern.yaml", QUESTIONNAIRE_YAML.replace("type: date", "type: datum"))
    from survey_app.questionnaire import check_files

    problem = next(p for p in check_files([tmp_path / "eltern.yaml"]) if p.is_error)
    assert (problem.code, problem.line) == ("unknown_type", 100)
    assert place(problem, german) == "eltern.yaml:100"
    assert describe(problem, german).startswith(f"{tmp_path / 'eltern.yaml'}:100: Fehler: ")
    assert str(problem).startswith(f"{tmp_path / 'eltern.yaml'}:100: error: unknown question")


def test_str__stays_english_and_equals_the_english_rendering(tmp_path: Path) -> None:
    result = import_xlsform(three_mistakes(tmp_path / "farben.xlsx"))
    for problem in result.problems:
        assert problem.message == text(problem, english_translate)


def test_problem_without_code__shown_as_written() -> None:
    problem = Problem("x.yaml", 3, "error", "a free text")
    assert text(problem, german) == "a free text" and place(problem, german) == "x.yaml:3"


@pytest.mark.parametrize("codes", [message_texts.MESSAGES, message_texts.WORKBOOK])
def test_every_message_has_english(codes: dict[str, str]) -> None:
    assert all(german_text in message_texts.ENGLISH for german_text in codes.values())


def test_english_catalog__matches_the_english_beside_the_msgids() -> None:
    """The UI's en catalog and str(problem) say the same."""
    with (PROJECT_ROOT / "translations/en/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle)
    ui_words = {message_texts.PLACES["error"], message_texts.PLACES["warning"]}  # "Error"
    for german_text, english_text in message_texts.ENGLISH.items():
        if german_text in ui_words:
            continue
        message = catalog.get(german_text)
        assert message is not None and message.string == english_text, german_text


def test_broken_catalog_placeholder__falls_back_to_english(tmp_path: Path) -> None:
    """A page never fails on a problem: a translation with a wrong placeholder gives
    the English message instead of an error."""
    result = import_xlsform(three_mistakes(tmp_path / "farben.xlsx"))
    problem = result.problems[0]

    def broken(message_id: str) -> str:
        return "%(nope)s"

    assert text(problem, broken) == problem.message


def test_without_prefix__keeps_the_code_and_drops_a_temporary_folder(tmp_path: Path) -> None:
    result = import_xlsform(three_mistakes(tmp_path / "farben.xlsx"))
    moved = [p.without_prefix(f"{tmp_path}/") for p in result.problems]
    assert [p.path for p in moved] == ["farben.xlsx:survey"] * 3
    assert [p.code for p in moved] == [p.code for p in result.problems]
    assert place(moved[0], german) == "Blatt „survey“, Zeile 2, Spalte „type“"
    assert str(tmp_path) not in repr(moved)
