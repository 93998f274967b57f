"""Findings about reach: equity gaps, use gaps and their reasons, barriers, districts
and life phases (see :mod:`analysis.findings` for the rules every sentence keeps)."""

from __future__ import annotations

from analysis.barriers import Barriers
from analysis.breakdowns import DISTRICT, LIFE_PHASE
from analysis.cells import Share
from analysis.disclosure import Relation, at_most
from analysis.equity import Gap, established
from analysis.finding_words import Finding, Writer, wilson_low
from analysis.groups import ALL_OFFERS, NOT_STATED
from analysis.statistics import bonferroni_z, multinomial_difference, newcombe_difference


class ReachFindings(Writer):
    """The sentences about offers: who knows, uses and gains from them, and who not."""

    # --- equity -----------------------------------------------------------------

    def equity_gaps(self) -> list[Finding]:
        """Established gaps between an equity group and the rest."""
        result = []
        for gap, holds in zip(self.analysis.gaps, established(self.analysis.gaps), strict=True):
            if holds:
                weight = 100 + 100 * abs(gap.difference)
                result.append(Finding("equity", self._gap_text(gap), "equity", weight))
        return result

    def _gap_text(self, gap: Gap) -> str:
        _ = self.tr.gettext
        interval = gap.interval
        values = {
            "group": self._subject(self.labels.equity_group(gap.question_id)),
            "offer": self.labels.offer(gap.offer),
            "member": self._pct(gap.member),
            "rest": self._pct(gap.rest),
            "difference": self.tr.points(gap.difference),
            "low": self.tr.points(interval.low),
            "high": self.tr.points(interval.high),
        }
        lower = gap.difference < 0
        if gap.measure == "known" and lower:
            message = _(
                "%(group)s kennen das Angebot „%(offer)s“ seltener als die übrigen Befragten: "
                "%(member)s gegenüber %(rest)s (%(difference)s Prozentpunkte, "
                "95-%%-Konfidenzintervall %(low)s bis %(high)s)."
            )
        elif gap.measure == "known":
            message = _(
                "%(group)s kennen das Angebot „%(offer)s“ häufiger als die übrigen Befragten: "
                "%(member)s gegenüber %(rest)s (%(difference)s Prozentpunkte, "
                "95-%%-Konfidenzintervall %(low)s bis %(high)s)."
            )
        elif lower:
            message = _(
                "%(group)s nutzen das Angebot „%(offer)s“ seltener als die übrigen Befragten: "
                "%(member)s gegenüber %(rest)s (%(difference)s Prozentpunkte, "
                "95-%%-Konfidenzintervall %(low)s bis %(high)s)."
            )
        else:
            message = _(
                "%(group)s nutzen das Angebot „%(offer)s“ häufiger als die übrigen Befragten: "
                "%(member)s gegenüber %(rest)s (%(difference)s Prozentpunkte, "
                "95-%%-Konfidenzintervall %(low)s bis %(high)s)."
            )
        return message % values

    # --- knowing and using ---------------------------------------------------------

    def use_gaps(self) -> list[Finding]:
        """Offers known clearly more often than used, with the reason that stands out."""
        _ = self.tr.gettext
        result = []
        tested = [b for b in self.analysis.barriers if b.offer not in (None, ALL_OFFERS) and b.base]
        z = bonferroni_z(len(tested))
        for offer in self.analysis.reach.offers:
            cell = self.analysis.reach.cell(offer.id)
            if cell is None or not (cell.known.shown and cell.used.shown):
                continue
            difference = cell.known.proportion - cell.used.proportion  # type: ignore[operator]
            if difference <= 0 or wilson_low(cell.known.count - cell.used.count, cell.n) <= 0:
                continue
            text = _(
                "Das Angebot „%(offer)s“ kennen %(known)s %(of_respondents)s, für die es gedacht ist; "
                "genutzt haben es %(used)s (n = %(n)s)."
            ) % {
                "offer": self.labels.offer(offer.id),
                "known": self._pct(cell.known),
                "of_respondents": self._of_respondents(),
                "used": self._pct(cell.used),
                "n": self.tr.number(cell.n),
            }
            reasons, claims = self._reasons(self._barriers_of(offer.id), z)
            if reasons:
                text += " " + reasons
            result.append(Finding("use_gap", text, "reach", 50 + 100 * difference, claims))
        return result

    def _barriers_of(self, offer_id: str) -> Barriers | None:
        return next((b for b in self.analysis.barriers if b.offer == offer_id), None)

    def _reasons(self, barriers: Barriers | None, z: float) -> tuple[str, tuple[Relation, ...]]:
        """The most frequent reason for not using an offer, if it stands out.

        Ranked on all reasons, hidden ones included: the lead is tested against the
        true runner-up, and nothing is said when a named place is hidden.
        """
        _ = self.tr.gettext
        if barriers is None or not barriers.base:
            return "", ()
        ranked = barriers.ranked()
        (top_reason, top), rest = ranked[0], ranked[1:]
        if not top.shown or top.count == 0:
            return "", ()
        second_count = rest[0][1].count if rest else 0
        if multinomial_difference(top.count, second_count, top.n, z).low > 0:
            claims = tuple(at_most(share.count_key, top.count_key) for _r, share in rest)
            text = _(
                "Häufigster Grund, es nicht zu nutzen: „%(reason)s“ "
                "(%(share)s von %(n)s Nennungen derer, die es kennen, aber nicht nutzen)."
            ) % {
                "reason": self.labels.reason(top_reason),
                "share": self._pct(top),
                "n": self.tr.number(top.n),
            }
            return text, claims
        if not rest or not rest[0][1].shown or rest[0][1].count == 0:
            return "", ()
        second_reason, second = rest[0]
        claims = (
            at_most(second.count_key, top.count_key),
            *(at_most(share.count_key, second.count_key) for _r, share in rest[1:]),
        )
        text = _(
            "Häufige Gründe, es nicht zu nutzen (%(n)s Nennungen derer, die es kennen, aber nicht "
            "nutzen): „%(first)s“ (%(first_share)s) und „%(second)s“ (%(second_share)s)."
        ) % {
            "first": self.labels.reason(top_reason),
            "first_share": self._pct(top),
            "second": self.labels.reason(second_reason),
            "second_share": self._pct(second),
            "n": self.tr.number(top.n),
        }
        return text, claims

    def barriers(self) -> list[Finding]:
        """The most frequent reasons over all offers (per offer they join the use gaps).

        The top three of all reasons, hidden ones included, cut before the first
        hidden one; at least two must remain.
        """
        _ = self.tr.gettext
        summary = next((b for b in self.analysis.barriers if b.offer == ALL_OFFERS), None)
        if summary is None or not summary.base:
            return []
        everything = summary.ranked()
        ranked = []
        for reason, share in everything[:3]:
            if not share.shown or share.count == 0:
                break
            ranked.append((reason, share))
        if len(ranked) < 2 or ranked[0][1].base_hidden:
            return []
        last = ranked[-1][1]
        claims = tuple(
            at_most(later[1].count_key, earlier[1].count_key)
            for earlier, later in zip(ranked, ranked[1:], strict=False)
        ) + tuple(
            at_most(share.count_key, last.count_key) for _r, share in everything[len(ranked) :]
        )
        reasons = [
            _("„%(reason)s“ (%(share)s)") % {"reason": self.labels.reason(r), "share": self._pct(s)}
            for r, s in ranked
        ]
        text = _(
            "Über alle Angebote hinweg sind die häufigsten Gründe, ein bekanntes Angebot nicht zu "
            "nutzen: %(reasons)s; n = %(n)s Nennungen."
        ) % {"reasons": self._and(reasons), "n": self.tr.number(summary.base)}
        weight = 40 + 40 * (ranked[0][1].proportion or 0)
        return [Finding("barrier", text, "barriers", weight, claims)]

    # --- districts and life phases -------------------------------------------------

    def district_differences(self) -> list[Finding]:
        """Districts where knowing or using an offer clearly differs from the rest."""
        reach = self.analysis.reach
        dimension = reach.dimension(DISTRICT)
        if dimension is None:
            return []
        comparisons = []
        for offer in reach.offers:
            total = reach.cell(offer.id)
            for group in dimension.groups:
                cell = reach.cell(offer.id, DISTRICT, group)
                if total is None or cell is None or group == NOT_STATED:
                    continue
                for measure in ("known", "used_of_known"):
                    share: Share = getattr(cell, measure)
                    overall: Share = getattr(total, measure)
                    if share.shown and overall.shown and overall.n > share.n:
                        comparisons.append((offer.id, group, measure, share, overall))
        z = bonferroni_z(len(comparisons))
        result = []
        for offer_id, group, measure, share, overall in comparisons:
            rest_count, rest_n = overall.count - share.count, overall.n - share.n
            interval = newcombe_difference(share.count, share.n, rest_count, rest_n, z)
            difference = (share.proportion or 0) - rest_count / rest_n
            if not interval.excludes_zero() or abs(difference) < 0.1:
                continue
            values = {
                "district": self.labels.district(group),
                "offer": self.labels.offer(offer_id),
                "value": self._pct(share),
                "total": self._pct(overall),
                "of_respondents": self._of_respondents(),
            }
            text = self._district_text(measure, difference < 0) % values
            result.append(Finding("district", text, "districts", 60 + 100 * abs(difference)))
        return result

    def _district_text(self, measure: str, lower: bool) -> str:
        _ = self.tr.gettext
        if measure == "known" and lower:
            return _(
                "Im Stadtteil „%(district)s“ kennen %(value)s %(of_respondents)s das Angebot „%(offer)s“ – "
                "deutlich weniger als insgesamt (%(total)s)."
            )
        if measure == "known":
            return _(
                "Im Stadtteil „%(district)s“ kennen %(value)s %(of_respondents)s das Angebot „%(offer)s“ – "
                "deutlich mehr als insgesamt (%(total)s)."
            )
        if lower:
            return _(
                "Im Stadtteil „%(district)s“ nutzen %(value)s derer, die das Angebot „%(offer)s“ kennen, "
                "es auch – deutlich weniger als insgesamt (%(total)s)."
            )
        return _(
            "Im Stadtteil „%(district)s“ nutzen %(value)s derer, die das Angebot „%(offer)s“ kennen, "
            "es auch – deutlich mehr als insgesamt (%(total)s)."
        )

    def lowest_reach_by_life_phase(self) -> list[Finding]:
        """The least known offers per life phase, ranked on all offers (hidden ones too).

        An offer counts as tied with the least known one unless the difference is
        established; nothing is said when a named offer is hidden or three are tied.
        """
        _ = self.tr.gettext
        reach = self.analysis.reach
        dimension = reach.dimension(LIFE_PHASE)
        if dimension is None:
            return []
        by_phase = {}
        for phase in dimension.groups:
            if phase == NOT_STATED:
                continue
            cells = [
                cell
                for offer in reach.offers
                if (cell := reach.cell(offer.id, LIFE_PHASE, phase)) is not None
                and not cell.known.empty
            ]
            if len(cells) >= 3:
                by_phase[phase] = sorted(cells, key=lambda cell: cell.known.proportion)
        z = bonferroni_z(sum(len(cells) - 1 for cells in by_phase.values()))
        result = []
        for phase, cells in by_phase.items():
            lowest = cells[0]
            tied = [
                cell
                for cell in cells[1:]
                if not newcombe_difference(
                    cell.known.count, cell.known.n, lowest.known.count, lowest.known.n, z
                ).excludes_zero()
            ]
            named = [lowest, *tied]
            if len(tied) >= 3 or not all(cell.known.shown for cell in named):
                continue
            highest = max(cell.known.proportion for cell in named)
            claims = tuple(
                Relation(
                    ((cell.known.base_key, highest), (cell.known.count_key, -1.0)), equal=False
                )
                for cell in cells
                if cell not in named
            )
            values = {
                "phase": self.labels.life_phase(phase),
                "of_respondents": self._of_respondents(),
            }
            if not tied:
                text = _(
                    "In der Lebensphase „%(phase)s“ ist das Angebot „%(offer)s“ am wenigsten bekannt: "
                    "%(known)s %(of_respondents)s kennen es (n = %(n)s)."
                ) % {
                    **values,
                    "offer": self.labels.offer(lowest.offer),
                    "known": self._pct(lowest.known),
                    "n": self.tr.number(lowest.n),
                }
            else:
                offers = [
                    _("„%(offer)s“ (%(known)s)")
                    % {"offer": self.labels.offer(c.offer), "known": self._pct(c.known)}
                    for c in named
                ]
                text = _("In der Lebensphase „%(phase)s“ sind %(offers)s am wenigsten bekannt.") % {
                    **values,
                    "offers": self._and(offers),
                }
            weight = 30 + 30 * (1 - lowest.known.proportion)
            result.append(Finding("life_phase", text, "life-phases", weight, claims))
        return result
