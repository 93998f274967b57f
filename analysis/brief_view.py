"""The brief's view of a report: formatting helpers every section shares.

:class:`BriefView` turns the cells of a :class:`~analysis.report.Report` into the
strings, table cells and numbered figures the brief's template (and the results page)
shows. The sections are in ``brief_reach.py``, ``brief_groups.py``, ``brief_voice.py``
and ``brief_summaries.py``; the document in ``brief.py``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from markupsafe import Markup

from analysis import charts
from analysis.brief_parts import Cell
from analysis.groups import NOT_STATED, OTHERS

if TYPE_CHECKING:
    from analysis.cells import Mean, Portion, Share
    from analysis.report import Report

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}")


class BriefView:
    """Formats one report's cells; counts the figures and tables it numbers."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.analysis = report.analysis
        self.tr = report.tr
        self.labels = report.labels
        site = self.analysis.questionnaire.site
        branding = site.branding if site else {}
        colour = str(branding.get("colour") or "")
        self.colour = colour if _COLOUR.fullmatch(colour) else charts.DEFAULT_COLOUR
        self.palette = charts.palette_for(self.colour)
        self.figures = 0
        self.tables = 0

    def pct(self, share: Share | Portion) -> str:
        """A share (or a portion of points) in percent; "–" when empty, • when hidden."""
        if share.empty:
            return "–"
        if share.hidden:
            return charts.GAP_MARK
        return self.tr.percent(share.proportion)

    def n(self, share: Share | Mean) -> str:
        """A base ``n``; • when the base is hidden."""
        if share.base_hidden:
            return charts.GAP_MARK
        return self.tr.number(share.n)

    def value(self, share: Share | None) -> float | None:
        """A shown share's proportion for a chart (None when not shown)."""
        return share.proportion if share is not None and share.shown else None

    def figure(self, svg: str, caption: str) -> dict[str, Any]:
        """A numbered figure (inline SVG) with its caption."""
        self.figures += 1
        label = self.tr.gettext("Abbildung %(number)d", number=self.figures)
        return {"kind": "figure", "svg": Markup(svg), "caption": f"{label}: {caption}"}

    def table(
        self,
        caption: str,
        head: list[str],
        rows: list[list[Cell | str]],
        text_columns: tuple[int, ...] = (),
        **extra: Any,
    ) -> dict[str, Any]:
        """A numbered table; plain strings become cells (numeric unless in ``text_columns``)."""
        self.tables += 1
        label = self.tr.gettext("Tabelle %(number)d", number=self.tables)
        cells = [
            [
                cell if isinstance(cell, Cell) else Cell(cell, numeric=i not in text_columns)
                for i, cell in enumerate(row)
            ]
            for row in rows
        ]
        return {
            "kind": "table",
            "caption": f"{label}: {caption}",
            "head": head,
            "rows": cells,
            "text_columns": text_columns,
            **extra,
        }

    def shade(self, share: Share) -> int | None:
        """The shade step (0–4) of a shown share, for shaded tables."""
        if not share.shown or share.proportion is None:
            return None
        return min(4, int(share.proportion * 5))

    def interval_cell(self, share: Share) -> Cell:
        """A share with its 95 % interval as a second line (none when not shown)."""
        if not share.shown:
            return Cell(self.pct(share), hidden=share.hidden)
        interval = share.interval
        detail = f"{round(interval.low * 100)}–{round(interval.high * 100)}"
        return Cell(self.pct(share), detail)

    def n_of(self, share: Share) -> str:
        """A scope count; • when hidden."""
        return charts.GAP_MARK if share.hidden else self.tr.number(share.count)

    def scope(self) -> list[tuple[str, str]]:
        """The scope rows: survey, districts, life phase, period, events, selection, n."""
        _ = self.tr.gettext
        analysis = self.analysis
        scope = analysis.scope
        filters = analysis.filters
        site = analysis.questionnaire.site
        rows = [(_("Befragung"), self.labels.title())]
        if filters.district:
            rows.append((_("Stadtteil"), self.labels.district(filters.district)))
        elif site and site.districts:
            rows.append((_("Stadtteile"), _("alle (%(count)d)", count=len(site.districts))))
        if filters.life_phase:
            rows.append((_("Lebensphase"), self.labels.life_phase(filters.life_phase)))
        if scope.first_day and scope.last_day:
            rows.append(
                (
                    _("Zeitraum"),
                    _(
                        "%(first)s bis %(last)s",
                        first=format_date(scope.first_day, format="medium", locale=self.tr.locale),
                        last=format_date(scope.last_day, format="medium", locale=self.tr.locale),
                    ),
                )
            )
        events = [code for code in scope.events if code not in (NOT_STATED, OTHERS)]
        if filters.event:
            details = scope.event_details.get(filters.event)
            rows.append((_("Veranstaltung"), details.name if details else filters.event))
        elif events:
            rows.append((_("Veranstaltungen"), str(len(events))))
        if filters.language is not None:
            rows.append((_("Sprache"), self.labels.language(filters.language)))
        for question_id, value in filters.answers:
            question = analysis.questionnaire.question(question_id)
            if question is not None:
                rows.append((self.labels.text(question.label), self.labels.choice(question, value)))
        rows.append((_("Antworten"), self.n(scope.n)))
        return rows
