"""The brief's sections on differences between groups (equity gaps as dot-and-whisker
charts) and on barriers (why known offers are not used)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis import charts
from analysis.brief_parts import Section
from analysis.brief_view import BriefView
from analysis.groups import ALL_OFFERS

if TYPE_CHECKING:
    from analysis.cells import Share


class GroupSections(BriefView):
    """Equity gaps and barriers."""

    def equity_section(self) -> Section | None:
        """One dot-and-whisker chart per equity group: member minus rest, known and used."""
        _ = self.tr.gettext
        analysis = self.analysis
        if not analysis.gaps:
            return None
        section = Section("equity", _("Unterschiede zwischen Gruppen"))
        for question_id, offers in self.report.gap_groups.items():
            rows = []
            for offer_id, gaps in offers.items():
                known, used = gaps.get("known"), gaps.get("used")
                if known is None or (known.member.empty and known.rest.empty):
                    continue

                def mark(gap):
                    if gap is None or not gap.shown:
                        return None
                    interval = gap.interval
                    return charts.GapMark(
                        gap.difference, interval.low, interval.high, self.report.holds(gap)
                    )

                text = _(
                    "kennen %(member)s / %(rest)s",
                    member=self.pct(known.member),
                    rest=self.pct(known.rest),
                )
                rows.append(
                    charts.GapRow(self.labels.offer(offer_id), mark(known), mark(used), text)
                )
            if not rows:
                continue
            group = self.labels.equity_group(question_id)
            alt = (
                _(
                    "Punktdiagramm: Unterschied in Prozentpunkten zwischen der Gruppe „%(group)s“ und den "
                    "übrigen Befragten beim Kennen (Kreis) und Nutzen (Quadrat), mit 95-%%-Konfidenzintervall.",
                    group=group,
                )
                + " "
                + "; ".join(
                    f"{row.label}: "
                    + (self.tr.points(row.known.difference) if row.known else charts.GAP_MARK)
                    for row in rows
                )
            )
            svg = charts.gap_chart(
                rows,
                alt,
                self.palette,
                (_("kennen"), _("nutzen"), _("gefüllt: gesichert"), _("leer: nicht gesichert")),
                _("Prozentpunkte: Gruppe minus übrige Befragte"),
                lambda value: self.tr.points(value),
            )
            section.items.append(
                self.figure(
                    svg,
                    _(
                        "%(group)s im Vergleich zu den übrigen Befragten (rechts: kennen in der Gruppe / bei den übrigen)",
                        group=group,
                    ),
                )
            )
        return section

    def barrier_section(self) -> Section | None:
        """Reasons over all offers (chart) and the top two per offer (table)."""
        _ = self.tr.gettext
        analysis = self.analysis
        if not analysis.barriers:
            return None
        section = Section("barriers", _("Warum Angebote nicht genutzt werden"))
        summary = next((b for b in analysis.barriers if b.offer in (ALL_OFFERS, None)), None)
        if summary is not None and summary.base:
            bars = [
                charts.Bar(self.labels.reason(reason), self.value(share), self.pct(share))
                for reason, share in _ordered(summary)
            ]
            alt = (
                _(
                    "Balkendiagramm: Gründe, ein bekanntes Angebot nicht zu nutzen, über alle Angebote."
                )
                + " "
                + "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
            )
            svg = charts.bar_chart(bars, alt, self.palette, _("Anteil an allen Nennungen in %"))
            caption = _(
                "Gründe, ein bekanntes Angebot nicht zu nutzen, über alle Angebote (n = %(n)s Nennungen)",
                n=self.n(next(iter(summary.reasons.values()))),
            )
            section.items.append(self.figure(svg, caption))
        rows = []
        for barriers in analysis.barriers:
            if barriers.offer in (ALL_OFFERS, None) or barriers.base == 0:
                continue
            # The true top two (hidden reasons ranked too), cut before a hidden one.
            shown = []
            for reason, share in barriers.ranked()[:2]:
                if not share.shown or share.count == 0:
                    break
                shown.append((reason, share))
            reasons = "; ".join(
                f"{self.labels.reason(reason)} {self.pct(share)}" for reason, share in shown
            )
            base_share = next(iter(barriers.reasons.values()))
            rows.append(
                [self.labels.offer(barriers.offer), self.n(base_share), reasons or charts.GAP_MARK]
            )
        if rows:
            section.items.append(
                self.table(
                    _(
                        "Die zwei häufigsten Gründe je Angebot (in Prozent derer, die es kennen, aber nicht nutzen und einen Grund nannten)"
                    ),
                    [_("Angebot"), _("n"), _("häufigste Gründe")],
                    rows,
                    text_columns=(2,),
                )
            )
        return section


def _ordered(barriers) -> list[tuple[str, Share]]:
    """Reasons by frequency — or in questionnaire order when one is hidden, so that
    the order of the bars says nothing about a hidden count."""
    if any(share.hidden for share in barriers.reasons.values()):
        return list(barriers.reasons.items())
    return barriers.ranked()
