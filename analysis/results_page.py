"""What the planner's results page shows for one selection, without Flask.

The page shows the brief's own scope rows and its reach and equity sections (charts as
inline SVG, each with its table), made by the brief's view from the same protected
:class:`~analysis.results.Analysis` — so "Brief for this selection" prints exactly the
numbers on the page. A selection :func:`analysis.selection.refusal` refuses shows only
its size class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from analysis.brief import Section, _BriefView
from analysis.brief_summaries import summary_section
from analysis.filters import Filters
from analysis.i18n import Translator
from analysis.result_cache import ResultCache
from analysis.results import Analysis
from analysis.selection import refusal
from survey_app.questionnaire.model import Questionnaire
from survey_app.storage import Engine

#: The brief's sections the page repeats; the per-question summaries follow them.
PAGE_SECTIONS = ("reach_section", "equity_section")


@dataclass
class GroupResult:
    """One selection's part of the page."""

    filters: Filters
    refused: str | None = None
    analysis: Analysis | None = None
    scope: list[tuple[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    palette: Any = None


def group_result(
    cache: ResultCache,
    engine: Engine,
    questionnaire: Questionnaire,
    filters: Filters,
    tr: Translator,
    min_group_size: int,
    min_quote_respondents: int,
) -> GroupResult:
    """The scope rows and sections for ``filters``, or the reason it is not shown."""
    reason = refusal(cache.data(engine, questionnaire), filters, min_group_size)
    if reason is not None:
        return GroupResult(filters, refused=reason)
    analysis = cache.analysis(engine, questionnaire, filters, min_group_size, min_quote_respondents)
    view = _BriefView(analysis, tr)
    sections = [getattr(view, name)() for name in PAGE_SECTIONS]
    for section in sections:
        if section is not None and section.anchor == "equity":
            section.items = _with_gap_tables(view, analysis, section.items)
    # A summary of every question (analysis.question_summaries), roles or not.
    sections.append(summary_section(view, analysis.summaries))
    return GroupResult(
        filters,
        analysis=analysis,
        scope=view.scope(),
        sections=[section for section in sections if section is not None and section.items],
        palette=view.palette,
    )


def _with_gap_tables(
    view: _BriefView, analysis: Analysis, figures: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """After each equity chart, its numbers as a table (the brief has the chart only).

    The brief's equity section draws one chart per equity question, in the order the
    gaps first name them, leaving out questions without a shown known-share.
    """
    _ = view.tr.gettext
    by_question: dict[str, dict[str, dict[str, Any]]] = {}
    for gap in analysis.gaps:
        by_question.setdefault(gap.question_id, {}).setdefault(gap.offer, {})[gap.measure] = gap
    tables = []
    for question_id, offers in by_question.items():
        group = view.labels.equity_group(question_id)
        rest = _("übrige Befragte")
        rows: list[list[Any]] = []
        for offer_id, gaps in offers.items():
            known, used = gaps.get("known"), gaps.get("used")
            if known is None or (known.member.empty and known.rest.empty):
                continue
            row: list[Any] = [view.labels.offer(offer_id)]
            for gap in (known, used):
                row += [view.pct(gap.member), view.pct(gap.rest)] if gap else ["–", "–"]
            rows.append(row)
        if rows:
            head = [
                _("Angebot"),
                f"{group}: {_('kennen')}",
                f"{rest}: {_('kennen')}",
                f"{group}: {_('nutzen')}",
                f"{rest}: {_('nutzen')}",
            ]
            tables.append((head, rows))
    items: list[dict[str, Any]] = []
    for figure, (head, rows) in zip(figures, tables, strict=False):
        caption = str(figure["caption"]).split(": ", 1)[-1]
        items += [figure, view.table(caption, head, rows)]
    return items
