"""``ankommen questionnaire check|import|export-xlsform`` through Flask's CLI runner."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from flask.testing import FlaskCliRunner

from survey_app import create_app
from tests.conftest import make_test_config
from tests.questionnaire.conftest import QUESTIONNAIRE_YAML, write

SAMPLES = Path("/work/shared/xlsform-samples")


@pytest.fixture
def folder_runner(tmp_path: Path, folder: Path) -> FlaskCliRunner:
    """A CLI runner for an app whose questionnaire folder is the sample ``folder``."""
    return create_app(make_test_config(tmp_path, QUESTIONNAIRE_DIR=str(folder))).test_cli_runner()


def test_check__shipped_questionnaires_pass(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["questionnaire", "check"])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output


def test_check__shipped_questionnaires_pass_strict(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["questionnaire", "check", "--strict"])
    assert result.exit_code == 0, result.output


def test_check__default_folder_from_config(folder_runner: FlaskCliRunner, folder: Path) -> None:
    write(
        folder,
        "kaputt.yaml",
        QUESTIONNAIRE_YAML.replace("id: eltern", "id: kaputt").replace("type: date", "type: datum"),
    )
    result = folder_runner.invoke(args=["questionnaire", "check"])
    assert result.exit_code == 1
    assert f"{folder / 'kaputt.yaml'}:100: error: unknown question type 'datum'" in result.output
    assert "Traceback" not in result.output


def test_check__warnings_exit_0_unless_strict(folder_runner: FlaskCliRunner, folder: Path) -> None:
    path = folder / "eltern.yaml"
    path.write_text(
        QUESTIONNAIRE_YAML.replace(
            "title: {de: Elternbefragung, en: Parent survey}", "title: Elternbefragung"
        )
    )
    result = folder_runner.invoke(args=["questionnaire", "check", str(path)])
    assert result.exit_code == 0
    assert f"{path}:7: warning: title has no translation for en" in result.output
    strict = folder_runner.invoke(args=["questionnaire", "check", str(path), "--strict"])
    assert strict.exit_code == 1
    assert f"{path}:7: error: title has no translation for en" in strict.output


@pytest.mark.parametrize(
    "content",
    [b"", b"\x89PNG\r\n\x1a\n\x00\x00", "id: é".encode("latin-1"), b"id: [unclosed\n  - x: y"],
)
def test_check__junk_never_gives_a_traceback(
    folder_runner: FlaskCliRunner, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "junk.yaml"
    path.write_bytes(content)
    result = folder_runner.invoke(args=["questionnaire", "check", str(path)])
    assert result.exit_code == 1
    assert re.match(rf"{re.escape(str(path))}:[12]: error: ", result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_import__writes_yaml_next_to_the_form(
    folder_runner: FlaskCliRunner, tmp_path: Path
) -> None:
    form = tmp_path / "text_and_integer.xlsx"
    form.write_bytes((SAMPLES / "text_and_integer.xlsx").read_bytes())
    result = folder_runner.invoke(args=["questionnaire", "import", str(form)])
    assert result.exit_code == 0, result.output
    assert "id: text_and_integer" in (tmp_path / "text_and_integer.yaml").read_text()
    again = folder_runner.invoke(args=["questionnaire", "import", str(form)])
    assert again.exit_code == 1 and "exists already; choose the output with -o" in again.output


def test_import__failure_writes_nothing(folder_runner: FlaskCliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    result = folder_runner.invoke(
        args=["questionnaire", "import", str(SAMPLES / "group.xlsx"), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert f"{SAMPLES / 'group.xlsx'}:survey:4: error: unknown type 'phone number'" in result.output
    assert not out.exists()


def test_import__language_option_for_plain_columns(
    folder_runner: FlaskCliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "yes.yaml"
    result = folder_runner.invoke(
        args=[
            "questionnaire",
            "import",
            str(SAMPLES / "field-list.xlsx"),
            "-o",
            str(out),
            "--language",
            "en",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "- en\n- zh\n" in out.read_text()


def test_export__by_id_and_back(
    folder_runner: FlaskCliRunner, folder: Path, tmp_path: Path
) -> None:
    xlsx = tmp_path / "eltern.xlsx"
    result = folder_runner.invoke(
        args=["questionnaire", "export-xlsform", "eltern", "-o", str(xlsx)]
    )
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(xlsx).sheetnames[0] == "survey"
    back = folder / "back.yaml"
    imported = folder_runner.invoke(args=["questionnaire", "import", str(xlsx), "-o", str(back)])
    assert imported.exit_code == 0, imported.output
    from survey_app.questionnaire import load_questionnaire, loads_questionnaire

    assert loads_questionnaire(back.read_bytes(), folder / "eltern.yaml") == load_questionnaire(
        folder / "eltern.yaml"
    )


def test_export__by_path_and_unknown_id(
    folder_runner: FlaskCliRunner, folder: Path, tmp_path: Path
) -> None:
    by_path = folder_runner.invoke(
        args=[
            "questionnaire",
            "export-xlsform",
            str(folder / "eltern.yaml"),
            "-o",
            str(tmp_path / "a.xlsx"),
        ]
    )
    assert by_path.exit_code == 0 and (tmp_path / "a.xlsx").exists()
    unknown = folder_runner.invoke(
        args=["questionnaire", "export-xlsform", "nope", "-o", str(tmp_path / "b.xlsx")]
    )
    assert unknown.exit_code == 1
    assert "no valid questionnaire 'nope' (valid ones: eltern)" in unknown.output


# --- files from any folder (issue 13) --------------------------------------------------


@pytest.mark.parametrize("questionnaire_id", ["eltern-0-10", "kinder-6-10", "jugend-10-16"])
def test_round_trip__from_a_folder_outside_the_checkout(
    runner: FlaskCliRunner, tmp_path_factory: pytest.TempPathFactory, questionnaire_id: str
) -> None:
    """export-xlsform, import and check in a folder that has no site file or pictograms:
    both are found in the questionnaire folder."""
    folder = tmp_path_factory.mktemp("elsewhere")
    assert not (folder / "site.yaml").exists() and not (folder / "pictograms").exists()
    workbook, target = folder / "x.xlsx", folder / "x.yaml"
    exported = runner.invoke(
        args=["questionnaire", "export-xlsform", questionnaire_id, "-o", str(workbook)]
    )
    assert exported.exit_code == 0, exported.output
    imported = runner.invoke(
        args=["questionnaire", "import", str(workbook), "-o", str(target), "--lang", "en"]
    )
    assert imported.exit_code == 0, imported.output
    checked = runner.invoke(args=["questionnaire", "check", str(target), "--lang", "en"])
    assert checked.exit_code == 0, checked.output
    assert " error" not in checked.output.replace("0 error(s)", "")


def test_check__workbook_in_the_folder_is_reported(
    folder_runner: FlaskCliRunner, folder: Path
) -> None:
    """A workbook dropped into the questionnaire folder is checked and the check says
    how to convert it (it is not offered as it is)."""
    workbook = folder / "neu.xlsx"
    export = folder_runner.invoke(
        args=["questionnaire", "export-xlsform", "eltern", "-o", str(workbook)]
    )
    assert export.exit_code == 0, export.output
    result = folder_runner.invoke(args=["questionnaire", "check", "--lang", "en"])
    assert f"{workbook}:1: warning: this is a workbook" in result.output
    assert f"ankommen questionnaire import {workbook} -o {folder / 'neu.yaml'}" in result.output


def test_check__messages_in_german(folder_runner: FlaskCliRunner, folder: Path) -> None:
    broken = QUESTIONNAIRE_YAML.replace("id: eltern", "id: kaputt").replace(
        "type: date", "type: datum"
    )
    write(folder, "kaputt.yaml", broken)
    result = folder_runner.invoke(
        args=["questionnaire", "check", str(folder / "kaputt.yaml"), "--lang", "de"]
    )
    assert result.exit_code == 1
    assert f"{folder / 'kaputt.yaml'}:100: Fehler: Unbekannter Fragetyp „datum“" in result.output
    assert "1 Fehler, 0 Warnung(en)" in result.output


def test_check__language_from_the_environment(
    folder_runner: FlaskCliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(folder, "kaputt.yaml", QUESTIONNAIRE_YAML.replace("type: date", "type: datum"))
    path = str(folder / "kaputt.yaml")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert (
        "Fehler: Unbekannter Fragetyp"
        in folder_runner.invoke(args=["questionnaire", "check", path]).output
    )
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # no catalog: English, not German
    assert (
        "error: unknown question type"
        in folder_runner.invoke(args=["questionnaire", "check", path]).output
    )
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert (
        "error: unknown question type"
        in folder_runner.invoke(args=["questionnaire", "check", path]).output
    )
