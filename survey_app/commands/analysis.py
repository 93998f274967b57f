"""``ankommen brief``, ``ankommen analyse``, ``ankommen demo-data`` and ``ankommen quotes``.

Thin wrappers: the work is done in the Flask-free ``analysis`` package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext

from analysis.brief import build_brief_pdf
from analysis.demo_data import fill_demo_data
from analysis.i18n import BRIEF_LANGUAGES, translator
from analysis.loading import Filters
from analysis.quotes import QuoteError, all_quotes, decide_quote, pending_quotes
from analysis.report import build_report
from analysis.result_cache import ResultCache
from analysis.results import Analysis, analyse_stored
from analysis.selection import TOO_SMALL, SelectionError, parse_selection, refusal, selection_args
from analysis.tables import FORMATS, aggregated_tables, write_tables
from survey_app.library import get_library
from survey_app.questionnaire.model import Questionnaire
from survey_app.storage.db import get_engine, write_transaction

#: The audit log's user name for decisions taken in the terminal.
CLI_USER = "cli"


def _questionnaire(questionnaire_id: str) -> Questionnaire:
    library = get_library()
    questionnaire = library.get(questionnaire_id)
    if questionnaire is None:
        known = ", ".join(q.id for q in library.all()) or "none"
        raise click.ClickException(f"No questionnaire {questionnaire_id!r} (known: {known}).")
    return questionnaire


def _filters(questionnaire: Questionnaire, options: dict[str, Any]) -> Filters:
    """The selection from the CLI options, parsed as the results page parses its query."""
    try:
        return parse_selection(questionnaire, options)
    except SelectionError as error:
        raise click.ClickException(error.message(translator("en"))) from error


def _analyse(
    questionnaire: Questionnaire, filters: Filters, min_group_size: int | None
) -> Analysis:
    k = min_group_size or int(current_app.config["MIN_GROUP_SIZE"])
    if k < 1:
        raise click.ClickException("The minimum group size must be at least 1.")
    quotes = int(current_app.config["MIN_QUOTE_RESPONDENTS"])
    cache = ResultCache()
    if filters.active:
        reason = refusal(cache.data(get_engine(), questionnaire), filters, k)
        if reason == TOO_SMALL:
            raise click.ClickException(
                f"Fewer than {k} responses in this selection: no numbers are shown."
            )
        if reason is not None:
            raise click.ClickException(
                f"This selection differs from a wider one by fewer than {k} responses: "
                "comparing the two would show a small group, so no numbers are shown."
            )
    return cache.analysis(get_engine(), questionnaire, filters, k, quotes)


def _filter_meta(filters: Filters) -> dict[str, Any]:
    """The selection for a tables file's metadata (answers as a list)."""
    meta: dict[str, Any] = {}
    for key, value in selection_args(filters):
        if key == "answer":
            meta.setdefault(key, []).append(value)
        else:
            meta[key] = value
    return meta


def _filter_options(function):
    """The selection options of ``brief`` and ``analyse`` (see analysis/selection.py)."""
    options = [
        click.option("--district", default=None, help="Only this district (id from site.yaml)."),
        click.option(
            "--life-phase", default=None, help="Only this life phase (id from site.yaml)."
        ),
        click.option("--event", default=None, help="Only responses from this event (code)."),
        click.option("--language", default=None, help="Only responses in this language (tag)."),
        click.option("--since", default=None, help="Only responses from this day on (YYYY-MM-DD)."),
        click.option("--until", default=None, help="Only responses up to this day (YYYY-MM-DD)."),
        click.option(
            "--answer",
            multiple=True,
            help="Only responses with this answer, QUESTION=VALUE (a choice question; repeatable).",
        ),
        click.option(
            "--min-group-size", type=int, default=None, help="Override MIN_GROUP_SIZE (k)."
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@click.command("brief")
@click.argument("questionnaire_id")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("brief.pdf"),
    show_default=True,
)
@click.option("--lang", type=click.Choice(BRIEF_LANGUAGES), default="de", show_default=True)
@_filter_options
@with_appcontext
def brief_command(
    questionnaire_id: str,
    output: Path,
    lang: str,
    min_group_size: int | None,
    **selection: Any,
) -> None:
    """Write the PDF brief for QUESTIONNAIRE_ID (tagged, accessible PDF/UA)."""
    questionnaire = _questionnaire(questionnaire_id)
    analysis = _analyse(questionnaire, _filters(questionnaire, selection), min_group_size)
    pdf = build_brief_pdf(analysis, lang, current_app.config.get("TRANSLATIONS_DIR"))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(pdf)
    click.echo(f"Wrote {output.resolve()} ({analysis.n} responses, k = {analysis.min_group_size}).")


@click.command("analyse")
@click.argument("questionnaire_id")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="xlsx", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The file to write; for csv a folder (one file per table) or a .zip file.",
)
@click.option("--lang", type=click.Choice(BRIEF_LANGUAGES), default="de", show_default=True)
@_filter_options
@with_appcontext
def analyse_command(
    questionnaire_id: str,
    fmt: str,
    output: Path,
    lang: str,
    min_group_size: int | None,
    **selection: Any,
) -> None:
    """Write the aggregated tables of QUESTIONNAIRE_ID (small groups already hidden)."""
    questionnaire = _questionnaire(questionnaire_id)
    filters = _filters(questionnaire, selection)
    analysis = _analyse(questionnaire, filters, min_group_size)
    tr = translator(lang, current_app.config.get("TRANSLATIONS_DIR"))
    tables = aggregated_tables(build_report(analysis, tr))
    meta = {
        "questionnaire": questionnaire.id,
        "version": questionnaire.version,
        "responses": analysis.n if not analysis.too_small else None,
        "min_group_size": analysis.min_group_size,
        "filters": _filter_meta(filters),
    }
    for path in write_tables(tables, fmt, output, meta):
        click.echo(f"Wrote {path}")


@click.command("demo-data")
@click.option("--responses", "count", type=click.IntRange(min=1), default=2000, show_default=True)
@click.option("--seed", type=int, default=None, help="Seed for reproducible data.")
@click.option(
    "--replace",
    is_flag=True,
    help="First remove earlier demo responses (those of the demo events).",
)
@click.option(
    "--brief",
    "brief_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the parents' brief from the demo data to this PDF.",
)
@with_appcontext
def demo_data_command(count: int, seed: int | None, replace: bool, brief_path: Path | None) -> None:
    """Fill the database with synthetic responses to the shipped questionnaires.

    The data has planted effects (see analysis/demo_data.py) that the brief finds.
    Running it again adds more responses unless --replace is given.
    """
    questionnaires = get_library().all()
    if not questionnaires:
        raise click.ClickException(
            "No valid questionnaires; check QUESTIONNAIRE_DIR with 'ankommen questionnaire check'."
        )
    summary = fill_demo_data(get_engine(), questionnaires, count, seed=seed, replace=replace)
    if summary.removed:
        click.echo(f"Removed {summary.removed} earlier demo responses.")
    for questionnaire_id, stored in sorted(summary.responses.items()):
        click.echo(f"Stored {stored} demo responses to {questionnaire_id}.")
    click.echo(
        f"Demo events: {', '.join(summary.events)}; {summary.approved_quotes} wishes approved as quotes."
    )
    target = next(
        (q for q in questionnaires if q.questions_with_role("offer_awareness")), questionnaires[0]
    )
    if brief_path is not None:
        analysis = analyse_stored(
            get_engine(), target, None, int(current_app.config["MIN_GROUP_SIZE"])
        )
        brief_path.parent.mkdir(parents=True, exist_ok=True)
        brief_path.write_bytes(
            build_brief_pdf(analysis, "de", current_app.config.get("TRANSLATIONS_DIR"))
        )
        click.echo(f"Brief: {brief_path.resolve()}")
    else:
        click.echo(f"Next: ankommen brief {target.id} -o brief.pdf")


@click.group("quotes")
def quotes_group() -> None:
    """Children's wishes: approve or reject them for quoting in briefs."""


@quotes_group.command("list")
@click.argument("questionnaire_id")
@click.option("--all", "show_all", is_flag=True, help="Also show wishes already decided.")
@with_appcontext
def quotes_list(questionnaire_id: str, show_all: bool) -> None:
    """List the wishes waiting for a decision (RESPONSE_ID QUESTION_ID: text)."""
    questionnaire = _questionnaire(questionnaire_id)
    with get_engine().connect() as conn:
        quotes = (
            all_quotes(conn, questionnaire) if show_all else pending_quotes(conn, questionnaire)
        )
    if not quotes:
        click.echo("No wishes waiting for a decision." if not show_all else "No wishes.")
        return
    marks = {None: "?", True: "approved", False: "rejected"}
    for quote in quotes:
        state = f" [{marks[quote.approved]}]" if show_all else ""
        click.echo(f"{quote.response_id} {quote.question_id}{state}: {quote.text}")


def _decide(response_id: str, question_id: str, approved: bool, user: str) -> None:
    try:
        with write_transaction() as conn:
            decide_quote(conn, response_id, question_id, approved=approved, user_name=user)
    except QuoteError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{'Approved' if approved else 'Rejected'} {response_id} {question_id}.")


def _decision_command(name: str, approved: bool, doc: str) -> None:
    """Register ``ankommen quotes NAME RESPONSE_ID QUESTION_ID`` deciding one wish."""

    @quotes_group.command(name, help=doc)
    @click.argument("response_id")
    @click.argument("question_id")
    @click.option("--user", default=CLI_USER, show_default=True, help="Name for the audit log.")
    @with_appcontext
    def decide(response_id: str, question_id: str, user: str) -> None:
        _decide(response_id, question_id, approved, user)


_decision_command("approve", True, "Approve one wish for quoting in briefs.")
_decision_command("reject", False, "Reject one wish: it never appears in a brief.")


COMMANDS = [brief_command, analyse_command, demo_data_command, quotes_group]
