"""``ankommen export``: the raw responses of a questionnaire as CSV or XLSX."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from survey_app.exports import FORMATS, export_responses
from survey_app.library import get_library
from survey_app.storage.db import write_transaction

#: The audit log's user name for exports from the terminal.
CLI_USER = "cli"


@click.command("export")
@click.argument("questionnaire_id")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="xlsx", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="The file to write. For csv the codebook goes next to it as NAME-codebook.csv.",
)
@click.option(
    "--lang",
    default=None,
    help="Language of the SPSS/Stata labels (default: the questionnaire's default language).",
)
@with_appcontext
def export_command(questionnaire_id: str, fmt: str, output: Path, lang: str | None) -> None:
    """Export the raw responses of QUESTIONNAIRE_ID with the codebook (logged in the audit log).

    One row per response, one column per question, choices as codes; cells that a
    spreadsheet would run as a formula get a leading apostrophe. Formats: csv, csv-de
    (German Excel: semicolons, UTF-8 with BOM, decimal comma), xlsx, sav (SPSS) and
    dta (Stata), the last two with variable and value labels.
    """
    if lang is not None and questionnaire_id in {q.id for q in get_library().all()}:
        offered = get_library().get(questionnaire_id).languages  # type: ignore[union-attr]
        if lang not in offered:
            raise click.BadParameter(f"use one of {', '.join(offered)}", param_hint="--lang")
    questionnaire = get_library().get(questionnaire_id)
    if questionnaire is None:
        known = ", ".join(q.id for q in get_library().all()) or "none"
        raise click.ClickException(f"No questionnaire {questionnaire_id!r} (known: {known}).")
    with write_transaction() as conn:
        export = export_responses(conn, questionnaire, fmt, CLI_USER, lang)
    targets = [output]
    if fmt in ("csv", "csv-de"):
        targets.append(output.with_name(f"{output.stem}-codebook{output.suffix or '.csv'}"))
    for target, file in zip(targets, export.files, strict=True):
        target.write_bytes(file.content)
        click.echo(f"Wrote {target}")
    click.echo(f"{export.response_count} responses exported.")


COMMANDS = [export_command]
