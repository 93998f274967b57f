"""``ankommen questionnaire``: check questionnaire files, import and export XLSForms."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from survey_app.questionnaire import (
    Problem,
    Questionnaire,
    QuestionnaireError,
    QuestionnaireLibrary,
    check_files,
    load_questionnaire,
)
from survey_app.questionnaire.xlsform_export import export_xlsform
from survey_app.questionnaire.xlsform_import import import_xlsform

questionnaire_cli = AppGroup(
    "questionnaire", help="Check questionnaire files; import and export XLSForm workbooks."
)


def _report(problems: Iterable[Problem]) -> int:
    """Print one line per problem and a summary; the number of errors."""
    problems = list(problems)
    errors = sum(problem.is_error for problem in problems)
    for problem in problems:
        click.echo(str(problem))
    warnings = len(problems) - errors
    click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    return errors


def _internal_error(path: str, error: Exception) -> None:
    """The last line of defence: a one-line message instead of a traceback."""
    click.echo(
        f"{path}:1: error: ankommen could not process this file ({type(error).__name__}: {error}); "
        "please report this with the file",
    )
    raise SystemExit(1)


@questionnaire_cli.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--strict", is_flag=True, help="Treat warnings (e.g. missing translations) as errors."
)
def check_command(paths: tuple[str, ...], strict: bool) -> None:
    """Check questionnaire and site files (default: the questionnaire folder).

    Prints PATH:LINE: error|warning: MESSAGE per problem; exits with 1 on any error.
    """
    targets = list(paths) or [current_app.config["QUESTIONNAIRE_DIR"]]
    try:
        problems = check_files(targets, strict=strict)
    except Exception as error:  # noqa: BLE001 - never show a traceback to a coordinator
        _internal_error(", ".join(targets), error)
    raise SystemExit(1 if _report(problems) else 0)


@questionnaire_cli.command("import")
@click.argument("form", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="The YAML file to write (default: FORM.yaml).",
)
@click.option(
    "--language",
    default="de",
    show_default=True,
    help="Language tag of label/hint columns without a language (when the settings name none).",
)
def import_command(form: str, output: str | None, language: str) -> None:
    """Convert an XLSForm workbook (.xlsx) into a questionnaire YAML file."""
    target = Path(output) if output else Path(form).with_suffix(".yaml")
    if output is None and target.exists():
        click.echo(
            f"{target}:1: error: the file exists already; choose the output with -o {target}"
        )
        raise SystemExit(1)
    try:
        result = import_xlsform(form, default_language=language, base_dir=target.parent)
    except Exception as error:  # noqa: BLE001 - never show a traceback to a coordinator
        _internal_error(form, error)
    _report(result.problems)
    if not result.ok or result.yaml_text is None:
        click.echo("Nothing was written; fix the errors above and import again.", err=True)
        raise SystemExit(1)
    target.write_text(result.yaml_text, encoding="utf-8")
    click.echo(f"Wrote {target}", err=True)


@questionnaire_cli.command("export-xlsform")
@click.argument("questionnaire")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The .xlsx file to write.",
)
def export_command(questionnaire: str, output: str) -> None:
    """Write a questionnaire (an id in the questionnaire folder, or a YAML file) as XLSForm."""
    found = _find(questionnaire)
    try:
        export_xlsform(found, output)
    except OSError as error:
        click.echo(f"{output}:1: error: cannot write the workbook: {error.strerror or error}")
        raise SystemExit(1) from None
    click.echo(f"Wrote {output}", err=True)


def _find(questionnaire: str) -> Questionnaire:
    if questionnaire.endswith((".yaml", ".yml")):
        try:
            return load_questionnaire(questionnaire)
        except QuestionnaireError as error:
            _report(error.problems)
            raise SystemExit(1) from None
    folder = current_app.config["QUESTIONNAIRE_DIR"]
    library = QuestionnaireLibrary(folder)
    found = library.get(questionnaire)
    if found is None:
        known = ", ".join(q.id for q in library.all()) or "none"
        click.echo(
            f"{folder}:1: error: no valid questionnaire '{questionnaire}' (valid ones: {known}); "
            "run 'ankommen questionnaire check'"
        )
        raise SystemExit(1)
    return found
