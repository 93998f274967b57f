"""The brief's section "Antworten je Frage": a chart and a table for every question.

Used when a questionnaire gives the role-based sections nothing to show (e.g. a
coordinator's own XLSForm without ``ankommen_role`` columns). The numbers are those
of :mod:`analysis.question_summaries`, drawn by :mod:`analysis.summary_charts`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from analysis.brief_parts import Cell, Section
from analysis.summary_charts import summary_view

if TYPE_CHECKING:
    from analysis.charts import Palette
    from analysis.i18n import Translator
    from analysis.labels import Labels
    from analysis.question_summaries import QuestionSummary

#: The section's anchor (findings and links refer to it).
ANCHOR = "questions"


class _View(Protocol):
    tr: Translator
    labels: Labels
    palette: Palette

    def figure(self, svg: str, caption: str) -> dict[str, Any]: ...

    def table(
        self, caption: str, head: list[str], rows: list[list[Cell | str]], **extra: Any
    ) -> dict[str, Any]: ...


def summary_section(view: _View, summaries: list[QuestionSummary]) -> Section:
    """One figure (where there is a chart), one table and a note per question."""
    section = Section(ANCHOR, view.tr.gettext("Antworten je Frage"))
    for summary in summaries:
        shown = summary_view(summary, view.labels, view.palette)
        items: list[dict[str, Any]] = []
        if not (shown.svg or shown.rows):  # else the figure and table captions name it
            items.append({"kind": "question", "title": shown.caption})
        if shown.svg:
            items.append(view.figure(shown.svg, shown.caption))
        if shown.rows:
            rows: list[list[Cell | str]] = [
                [
                    row.label,
                    *(
                        Cell(text, detail, hidden=hidden)
                        for text, detail, hidden in zip(
                            row.cells, row.details, row.hidden, strict=True
                        )
                    ),
                ]
                for row in shown.rows
            ]
            items.append(view.table(shown.caption, shown.head, rows, inline=True))
        if shown.note:
            items.append({"kind": "note", "text": shown.note})
        section.items.append({"kind": "group", "items": items})
    return section
