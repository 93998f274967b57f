"""``ankommen questionnaire``: check questionnaire files, import and export XLSForms."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from survey_app.problem_text import catalog_translate, cli_line
from survey_app.questionnaire import (
    Problem,
    Questionnaire,
    QuestionnaireError,
    QuestionnaireLibrary,
    check_files,
    load_questionnaire,
)
from survey_app.questionnaire.message_texts import PLACES
from survey_app.questionnaire.messages import english_translate
from survey_app.questionnaire.xlsform_export import export_xlsform
from survey_app.questionnaire.xlsform_import import import_xlsform

Translate = Callable[[str], str]

questionnaire_cli = AppGroup(
    "questionnaire", help="Check questionnaire files; import and export XLSForm workbooks."
)


def environment_language() -> str:
    """The language of ``LANG``/``LC_ALL``/``LC_MESSAGES`` (``de_DE.UTF-8`` → ``de``),
    English when unset or ``C``/``POSIX``."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        tag = value.split(".")[0].split("@")[0].replace("_", "-")
        if tag and tag not in ("C", "POSIX"):
            return tag.split("-")[0].lower()
    return "en"


def _language_option(function: Callable[..., None]) -> Callable[..., None]:
    return click.option(
        "--lang",
        "lang",
        default=None,
        help="Language of the messages (de, en, tr, ar, uk, ru, de-x-ls); "
        "default: from LANG, else English.",
    )(function)


def _translator(lang: str | None) -> Translate | None:
    """None for English (the messages as they are), else a catalog's translate."""
    translate = catalog_translate(
        lang or environment_language(), current_app.config.get("TRANSLATIONS_DIR")
    )
    return None if translate is english_translate else translate


def _say(key: str, translate: Translate | None, **values: object) -> str:
    return (translate or catalog_translate("en"))(PLACES[key]) % values


def _report(problems: Iterable[Problem], translate: Translate | None = None) -> int:
    """Print one line per problem and a summary; the number of errors."""
    problems = list(problems)
    errors = sum(problem.is_error for problem in problems)
    for problem in problems:
        click.echo(str(problem) if translate is None else cli_line(problem, translate))
    warnings = len(problems) - errors
    click.echo(_say("summary", translate, errors=errors, warnings=warnings), err=True)
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
@_language_option
def check_command(paths: tuple[str, ...], strict: bool, lang: str | None) -> None:
    """Check questionnaire and site files (default: the questionnaire folder).

    Prints PATH:LINE: error|warning: MESSAGE per problem; exits with 1 on any error.
    A site file or pictogram not beside a file is looked for in the questionnaire folder.
    """
    folder = Path(current_app.config["QUESTIONNAIRE_DIR"])
    targets = list(paths) or [str(folder)]
    translate = _translator(lang)
    try:
        problems = check_files(targets, strict=strict, fallback_dir=folder)
    except Exception as error:  # noqa: BLE001 - never show a traceback to a coordinator
        _internal_error(", ".join(targets), error)
    raise SystemExit(1 if _report(problems, translate) else 0)


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
@_language_option
def import_command(form: str, output: str | None, language: str, lang: str | None) -> None:
    """Convert an XLSForm workbook (.xlsx) into a questionnaire YAML file.

    The site file and pictograms are looked for beside the output, then in the
    questionnaire folder.
    """
    translate = _translator(lang)
    target = Path(output) if output else Path(form).with_suffix(".yaml")
    if output is None and target.exists():
        click.echo(
            f"{target}:1: error: the file exists already; choose the output with -o {target}"
        )
        raise SystemExit(1)
    try:
        result = import_xlsform(
            form,
            default_language=language,
            base_dir=target.parent,
            fallback_dir=current_app.config["QUESTIONNAIRE_DIR"],
        )
    except Exception as error:  # noqa: BLE001 - never show a traceback to a coordinator
        _internal_error(form, error)
    _report(result.problems, translate)
    if not result.ok or result.yaml_text is None:
        click.echo(_say("nothing_written", translate), err=True)
        raise SystemExit(1)
    target.write_text(result.yaml_text, encoding="utf-8")
    click.echo(_say("wrote", translate, path=target), err=True)


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
            return load_questionnaire(questionnaire, Path(current_app.config["QUESTIONNAIRE_DIR"]))
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


def _decisions(renames: tuple[str, ...], retires: tuple[str, ...]) -> dict[str, str | None]:
    """``--rename OLD=NEW`` and ``--retire OLD`` as publishing decisions."""
    decisions: dict[str, str | None] = {key: None for key in retires}
    for entry in renames:
        old, sep, new = entry.partition("=")
        if not sep or not old or not new:
            raise click.BadParameter(f"write OLD=NEW, not {entry!r}", param_hint="--rename")
        decisions[old] = new
    return decisions


@questionnaire_cli.command("publish")
@click.argument("form", type=click.Path(dir_okay=False, exists=True))
@click.option(
    "--media",
    multiple=True,
    type=click.Path(dir_okay=False, exists=True),
    help="A picture or audio file, or a .zip of them, for pictograms/ (repeatable).",
)
@click.option(
    "--rename",
    multiple=True,
    metavar="OLD=NEW",
    help="Count the answers of question OLD (or choice QUESTION:OLD) as NEW (repeatable).",
)
@click.option(
    "--retire",
    multiple=True,
    metavar="OLD",
    help="Keep the answers of question OLD (or choice QUESTION:OLD) in their own column.",
)
def publish_command(
    form: str, media: tuple[str, ...], rename: tuple[str, ...], retire: tuple[str, ...]
) -> None:
    """Publish a questionnaire (.xlsx or .yaml) into the questionnaire folder as a new version.

    Refused while a question or choice that has stored answers would disappear without
    --rename or --retire; nothing is written then.
    """
    from survey_app.publishing import publish
    from survey_app.storage.db import get_engine
    from survey_app.uploads import UploadError, convert, unpack_media

    folder = Path(current_app.config["QUESTIONNAIRE_DIR"])
    try:
        files = unpack_media({Path(path).name: Path(path).read_bytes() for path in media})
    except UploadError as error:
        click.echo(f"{error.name or 'media'}:1: error: media refused ({error.code})")
        raise SystemExit(1) from None
    converted = convert(folder, Path(form).name, Path(form).read_bytes(), files)
    if converted.yaml_text is None or converted.questionnaire is None:
        _report(converted.problems)
        raise SystemExit(1)
    outcome = publish(
        get_engine(),
        folder,
        converted.file_name,
        converted.yaml_text,
        files,
        "cli",
        _decisions(rename, retire),
    )
    _report([*converted.problems, *outcome.notes])
    for loss in outcome.losses:
        decided = "" if loss.key not in _decisions(rename, retire) else " (decided)"
        click.echo(
            f"{loss.key}: {loss.count} stored answer(s); --rename {loss.key}=NEW "
            f"(one of: {', '.join(loss.candidates) or 'none'}) or --retire {loss.key}{decided}"
        )
    for wrong in outcome.decision_problems:
        click.echo(f"{wrong}: the new version has no such question or choice")
    if outcome.status != "published":
        click.echo(f"Not published ({outcome.status}); nothing was written.", err=True)
        raise SystemExit(0 if outcome.status == "unchanged" else 1)
    click.echo(f"Published {outcome.path} (version {converted.questionnaire.version})", err=True)
