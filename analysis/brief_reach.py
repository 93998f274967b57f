"""The brief's reach sections: per offer (table and impact staircase), and per life
phase and district (known / used per offer and group)."""

from __future__ import annotations

from typing import Any

from analysis import charts
from analysis.brief_parts import Cell, Section
from analysis.brief_view import BriefView
from analysis.groups import DISTRICT, LIFE_PHASE


class ReachSections(BriefView):
    """Reach per offer, per life phase and per district."""

    def reach_section(self) -> Section | None:
        """Reach per offer: the table with intervals, then the impact staircase."""
        _ = self.tr.gettext
        reach = self.analysis.reach
        offers = self.report.offers
        if not offers:
            return None
        section = Section("reach", _("Reichweite der Angebote"))
        rows = []
        has_benefit = self.analysis.questionnaire.questions_with_role("offer_benefit") != []
        steps = (
            (_("kennen"), _("nutzen"), _("hilft")) if has_benefit else (_("kennen"), _("nutzen"))
        )
        for offer in offers:
            cell = reach.cell(offer)
            assert cell is not None
            shares = [cell.known, cell.used] + (
                [cell.helped] if has_benefit and cell.helped else []
            )
            rows.append(
                charts.StaircaseRow(
                    label=self.labels.offer(offer),
                    values=tuple(self.value(share) for share in shares),
                    texts=tuple(self.pct(share) for share in shares),
                )
            )
        alt = (
            _(
                "Balkendiagramm: Für jedes Angebot der Anteil der Befragten, für die es gedacht ist, "
                "die es kennen, nutzen und hilfreich finden."
            )
            + " "
            + "; ".join(
                f"{row.label}: "
                + ", ".join(f"{step} {text}" for step, text in zip(steps, row.texts, strict=False))
                for row in rows
            )
        )
        svg = charts.staircase_chart(
            rows,
            steps,
            alt,
            self.palette,
            _("Anteil in Prozent der Befragten, für die das Angebot gedacht ist"),
        )
        section.items.append(
            self.figure(
                svg,
                _(
                    "Wirkungstreppe je Angebot: kennen, nutzen, hilft (in Prozent der Befragten, für die das Angebot gedacht ist)"
                ),
            )
        )
        head = [
            _("Angebot"),
            _("n"),
            _("kennen"),
            _("nutzen"),
            _("nutzen, von denen, die es kennen"),
        ]
        if has_benefit:
            head.append(_("hilfreich, von denen, die es nutzen"))
        table_rows = []
        for offer in offers:
            cell = reach.cell(offer)
            assert cell is not None
            row: list[Cell | str] = [
                self.labels.offer(offer),
                self.n(cell.known),
                self.interval_cell(cell.known),
                self.interval_cell(cell.used),
                self.interval_cell(cell.used_of_known),
            ]
            if has_benefit:
                row.append(self.interval_cell(cell.helpful) if cell.helpful else Cell("–"))
            table_rows.append(row)
        # The table first: it fits below the key findings, the chart starts a page.
        section.items.insert(
            0,
            self.table(
                _("Reichweite je Angebot mit 95-%-Konfidenzintervall"),
                head,
                table_rows,
                inline=True,
            ),
        )
        return section

    def _breakdown_table(
        self, dimension_id: str, caption: str, group_label
    ) -> dict[str, Any] | None:
        _ = self.tr.gettext
        reach = self.analysis.reach
        dimension = reach.dimension(dimension_id)
        if dimension is None:
            return None
        offers = self.report.offers
        groups = [
            g
            for g in dimension.groups
            if any((c := reach.cell(o, dimension_id, g)) is not None and c.n > 0 for o in offers)
        ]
        if not groups or not offers:
            return None
        head = [_("Angebot"), *[group_label(g) for g in groups]]
        rows = []
        for offer in offers:
            row: list[Cell | str] = [self.labels.offer(offer)]
            for group in groups:
                cell = reach.cell(offer, dimension_id, group)
                if cell is None:
                    row.append(Cell("·", css="not-offered"))
                elif cell.known.empty:
                    row.append(Cell("–"))
                else:
                    known, used = self.pct(cell.known), self.pct(cell.used)
                    row.append(
                        Cell(
                            f"{known} / {used}",
                            f"n = {self.n(cell.known)}",
                            self.shade(cell.known),
                            # Only a hidden value is greyed, never the shown one beside it.
                            cell.known.hidden and cell.used.hidden,
                            parts=(
                                (known, cell.known.hidden),
                                (" / ", False),
                                (used, cell.used.hidden),
                            ),
                        )
                    )
            rows.append(row)
        return self.table(caption, head, rows, shaded=True)

    def _breakdown_section(
        self, anchor: str, title: str, dimension_id: str, caption: str, group_label
    ) -> Section | None:
        table = self._breakdown_table(dimension_id, caption, group_label)
        return None if table is None else Section(anchor, title, items=[table])

    def life_phase_section(self) -> Section | None:
        """Known / used per offer and life phase."""
        _ = self.tr.gettext
        caption = _(
            "Kennen / nutzen je Angebot und Lebensphase (in Prozent der Befragten, für die das Angebot gedacht ist; · = nicht für diese Lebensphase)"
        )
        return self._breakdown_section(
            "life-phases", _("Nach Lebensphase"), LIFE_PHASE, caption, self.labels.life_phase
        )

    def district_section(self) -> Section | None:
        """Known / used per offer and district."""
        _ = self.tr.gettext
        caption = _(
            "Kennen / nutzen je Angebot und Stadtteil (in Prozent der Befragten, für die das Angebot gedacht ist; · = dort nicht angeboten)"
        )
        return self._breakdown_section(
            "districts", _("Stadtteile im Vergleich"), DISTRICT, caption, self.labels.district
        )
