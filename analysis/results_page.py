"""What the planner's results page shows for one selection, without Flask.

The page shows the brief's own scope rows and its reach and equity sections (charts as
inline SVG, each with its table), drawn by the brief's sections from the same
:class:`~analysis.report.Report` — so "Brief for this selection" prints exactly the
numbers on the page — and then a summary of every question. A selection that
:func:`analysis.selection.refusal` refuses shows only its size class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from analysis.brief_groups import GroupSections
from analysis.brief_parts import Section
from analysis.brief_reach import ReachSections
from analysis.brief_summaries import summary_section

if TYPE_CHECKING:
    from analysis.filters import Filters
    from analysis.report import Report
    from analysis.results import Analysis


@dataclass
class GroupResult:
    """One selection's part of the page."""

    filters: Filters
    refused: str | None = None
    analysis: Analysis | None = None
    scope: list[tuple[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    palette: Any = None


class _PageView(ReachSections, GroupSections):
    """The brief's reach and equity sections, each equity chart followed by its table."""

    def equity_with_tables(self) -> Section | None:
        """The equity section, a table of its numbers after each chart (the brief has
        the chart only; one chart per equity question with a shown known-share)."""
        section = self.equity_section()
        if section is None:
            return None
        _ = self.tr.gettext
        rest = _("übrige Befragte")
        tables = []
        for question_id, offers in self.report.gap_groups.items():
            group = self.labels.equity_group(question_id)
            rows: list[list[Any]] = []
            for offer_id, gaps in offers.items():
                known, used = gaps.get("known"), gaps.get("used")
                if known is None or (known.member.empty and known.rest.empty):
                    continue
                row: list[Any] = [self.labels.offer(offer_id)]
                for gap in (known, used):
                    row += [self.pct(gap.member), self.pct(gap.rest)] if gap else ["–", "–"]
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
        for figure, (head, rows) in zip(section.items, tables, strict=False):
            caption = str(figure["caption"]).split(": ", 1)[-1]
            items += [figure, self.table(caption, head, rows)]
        section.items = items
        return section


def refused_group(filters: Filters, reason: str) -> GroupResult:
    """A selection the page does not show (``reason`` as from ``selection.refusal``)."""
    return GroupResult(filters, refused=reason)


def group_result(filters: Filters, report: Report) -> GroupResult:
    """The scope rows and sections of the shown selection ``filters``."""
    view = _PageView(report)
    sections = [
        view.reach_section(),
        view.equity_with_tables(),
        # A summary of every question (analysis.question_summaries), roles or not.
        summary_section(view, report.analysis.summaries),
    ]
    return GroupResult(
        filters,
        analysis=report.analysis,
        scope=view.scope(),
        sections=[section for section in sections if section is not None and section.items],
        palette=view.palette,
    )
