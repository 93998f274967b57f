"""Findings in plain words, generated from the protected numbers.

Every sentence is built from published cells only (never from a hidden one), and a
comparison is only stated when its 95 % interval excludes zero: a gap between groups
(Newcombe), the lead of the most frequent reason (multinomial difference), the lead
of children's top priority (paired points), a district's difference from the other
districts. Gaps between groups and district differences are tested by the dozen, so
they must also pass a Bonferroni correction over all comparisons of their kind before
a sentence states them (the printed interval stays the plain 95 % one). Comparisons
between offers treat the shares as independent, which is conservative when knowing
one offer goes with knowing others.

Each finding names the section of the brief with its chart or table (``ref``).
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.lists import format_list

from analysis.barriers import ALL_OFFERS, Barriers
from analysis.breakdowns import DISTRICT, LIFE_PHASE, NOT_STATED
from analysis.cells import Share
from analysis.equity import Gap
from analysis.i18n import Translator
from analysis.labels import Labels
from analysis.loading import MEMBER, REST
from analysis.results import Analysis
from analysis.roles import roles_of
from analysis.statistics import bonferroni_z, multinomial_difference, newcombe_difference, wilson

#: Sections of a brief a finding can point to.
SECTIONS = ("reach", "life-phases", "districts", "equity", "barriers", "voice", "scores")
#: The order in which kinds of findings are picked for the first page.
KEY_ORDER = (
    "equity",
    "use_gap",
    "district",
    "life_phase",
    "priority",
    "barrier",
    "score",
    "smiley",
)


@dataclass(frozen=True)
class Finding:
    """One sentence; ``kind`` says what it is about, ``ref`` where its chart is."""

    kind: str
    text: str
    ref: str
    weight: float


def findings(analysis: Analysis, tr: Translator) -> list[Finding]:
    """Every finding the numbers support, most important first."""
    if analysis.too_small:
        return []
    writer = _Writer(analysis, tr, Labels(roles_of(analysis.questionnaire), tr))
    result = [
        *writer.equity_gaps(),
        *writer.use_gaps(),
        *writer.district_differences(),
        *writer.lowest_reach_by_life_phase(),
        *writer.barriers(),
        *writer.priorities(),
        *writer.scores(),
        *writer.smileys(),
    ]
    return sorted(result, key=lambda finding: -finding.weight)


def key_findings(ranked: list[Finding], limit: int = 5) -> list[Finding]:
    """The first page's findings: the best of each kind first, then by weight."""
    chosen: list[Finding] = []
    for kind in KEY_ORDER:
        best = next((f for f in ranked if f.kind == kind), None)
        if best is not None and len(chosen) < limit:
            chosen.append(best)
    for finding in ranked:
        if len(chosen) >= limit:
            break
        if finding not in chosen:
            chosen.append(finding)
    return sorted(chosen, key=lambda finding: -finding.weight)


class _Writer:
    def __init__(self, analysis: Analysis, tr: Translator, labels: Labels) -> None:
        self.analysis = analysis
        self.tr = tr
        self.labels = labels

    # --- wording helpers ----------------------------------------------------------

    def _of_respondents(self) -> str:
        _ = self.tr.gettext
        audience = self.analysis.questionnaire.audience
        if audience == "children":
            return _("der befragten Kinder")
        if audience == "youth":
            return _("der befragten Jugendlichen")
        return _("der befragten Familien")

    def _pct(self, share: Share) -> str:
        return self.tr.percent(share.proportion)

    def _and(self, items: list[str]) -> str:
        return format_list(items, locale=self.tr.locale)

    @staticmethod
    def _subject(label: str) -> str:
        """A group label as sentence subject; a relative clause needs a closing comma."""
        return label + "," if ", " in label else label

    # --- equity -----------------------------------------------------------------

    def equity_gaps(self) -> list[Finding]:
        result = []
        tested = [gap for gap in self.analysis.gaps if gap.shown]
        z = bonferroni_z(len(tested))
        for gap in tested:
            strict = newcombe_difference(
                gap.member.count, gap.member.n, gap.rest.count, gap.rest.n, z
            )
            if not (gap.significant and strict.excludes_zero()):
                continue
            result.append(
                Finding("equity", self._gap_text(gap), "equity", 100 + 100 * abs(gap.difference))
            )
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
        _ = self.tr.gettext
        result = []
        for offer in self.analysis.reach.offers:
            cell = self.analysis.reach.cell(offer.id)
            if cell is None or not (cell.known.shown and cell.used.shown):
                continue
            difference = cell.known.proportion - cell.used.proportion  # type: ignore[operator]
            if difference <= 0 or _wilson_low(cell.known.count - cell.used.count, cell.n) <= 0:
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
            reasons = self._reasons(self._barriers_of(offer.id))
            if reasons:
                text += " " + reasons
            result.append(Finding("use_gap", text, "reach", 50 + 100 * difference))
        return result

    def _barriers_of(self, offer_id: str) -> Barriers | None:
        return next((b for b in self.analysis.barriers if b.offer == offer_id), None)

    def _reasons(self, barriers: Barriers | None) -> str:
        """The most frequent reason for not using an offer, if one stands out."""
        _ = self.tr.gettext
        if barriers is None:
            return ""
        ranked = [(reason, share) for reason, share in barriers.ranked() if share.shown]
        if not ranked:
            return ""
        top_reason, top = ranked[0]
        hidden_siblings = any(share.hidden for share in barriers.reasons.values())
        if len(ranked) == 1 and hidden_siblings:
            return ""  # the lead over hidden reasons cannot be shown
        second_count = ranked[1][1].count if len(ranked) > 1 else 0
        if multinomial_difference(top.count, second_count, top.n).low > 0:
            return _(
                "Häufigster Grund, es nicht zu nutzen: „%(reason)s“ "
                "(%(share)s von %(n)s Nennungen derer, die es kennen, aber nicht nutzen)."
            ) % {
                "reason": self.labels.reason(top_reason),
                "share": self._pct(top),
                "n": self.tr.number(top.n),
            }
        if len(ranked) < 2:
            return ""
        second_reason, second = ranked[1]
        return _(
            "Häufige Gründe, es nicht zu nutzen (%(n)s Nennungen derer, die es kennen, aber nicht "
            "nutzen): „%(first)s“ (%(first_share)s) und „%(second)s“ (%(second_share)s)."
        ) % {
            "first": self.labels.reason(top_reason),
            "first_share": self._pct(top),
            "second": self.labels.reason(second_reason),
            "second_share": self._pct(second),
            "n": self.tr.number(top.n),
        }

    def barriers(self) -> list[Finding]:
        """The most frequent reasons over all offers (per offer they join the use gaps)."""
        _ = self.tr.gettext
        summary = next((b for b in self.analysis.barriers if b.offer == ALL_OFFERS), None)
        if summary is None:
            return []
        ranked = [(reason, share) for reason, share in summary.ranked() if share.shown][:3]
        if len(ranked) < 2:
            return []
        reasons = [
            _("„%(reason)s“ (%(share)s)") % {"reason": self.labels.reason(r), "share": self._pct(s)}
            for r, s in ranked
        ]
        text = _(
            "Über alle Angebote hinweg sind die häufigsten Gründe, ein bekanntes Angebot nicht zu "
            "nutzen: %(reasons)s; n = %(n)s Nennungen."
        ) % {"reasons": self._and(reasons), "n": self.tr.number(summary.base)}
        return [Finding("barrier", text, "barriers", 40 + 40 * (ranked[0][1].proportion or 0))]

    # --- districts and life phases -------------------------------------------------

    def district_differences(self) -> list[Finding]:
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
        _ = self.tr.gettext
        reach = self.analysis.reach
        dimension = reach.dimension(LIFE_PHASE)
        if dimension is None:
            return []
        result = []
        for phase in dimension.groups:
            if phase == NOT_STATED:
                continue
            cells = [
                cell
                for offer in reach.offers
                if (cell := reach.cell(offer.id, LIFE_PHASE, phase)) is not None
                and cell.known.shown
            ]
            if len(cells) < 3:
                continue
            cells.sort(key=lambda cell: cell.known.proportion)
            lowest = cells[0]
            tied = [
                cell
                for cell in cells[1:]
                if not newcombe_difference(
                    cell.known.count, cell.known.n, lowest.known.count, lowest.known.n
                ).excludes_zero()
            ]
            if len(tied) >= 3:
                continue
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
                    for c in [lowest, *tied]
                ]
                text = _("In der Lebensphase „%(phase)s“ sind %(offers)s am wenigsten bekannt.") % {
                    **values,
                    "offers": self._and(offers),
                }
            result.append(
                Finding("life_phase", text, "life-phases", 30 + 30 * (1 - lowest.known.proportion))
            )
        return result

    # --- children's voice and scores ------------------------------------------------

    def priorities(self) -> list[Finding]:
        _ = self.tr.gettext
        result = []
        children = self.analysis.questionnaire.audience == "children"
        for priority in self.analysis.priorities:
            shown = [item for item in priority.items if item.points.shown]
            if not shown or not priority.items[0].points.shown:
                continue
            top = priority.items[0]
            values = {
                "choice": self.labels.choice(priority.question, top.choice),
                "share": self.tr.percent(top.points.proportion),
                "n": self.tr.number(priority.n),
            }
            if priority.lead is not None and priority.lead.low > 0:
                if children:
                    message = _(
                        "Am meisten wünschen sich die Kinder: „%(choice)s“ (%(share)s aller Punkte von %(n)s Kindern)."
                    )
                else:
                    message = _(
                        "Am meisten wünschen sich die Befragten: „%(choice)s“ (%(share)s aller Punkte von %(n)s Befragten)."
                    )
                text = message % values
            elif len(shown) > 1 and priority.items[1].points.shown:
                second = priority.items[1]
                text = _(
                    "Die meisten Punkte gingen an „%(first)s“ (%(first_share)s) und „%(second)s“ (%(second_share)s); n = %(n)s."
                ) % {
                    "first": values["choice"],
                    "first_share": values["share"],
                    "second": self.labels.choice(priority.question, second.choice),
                    "second_share": self.tr.percent(second.points.proportion),
                    "n": values["n"],
                }
            else:
                continue
            result.append(Finding("priority", text, "voice", 45))
        return result

    def scores(self) -> list[Finding]:
        _ = self.tr.gettext
        result = []
        for summary in self.analysis.scores:
            score = summary.score
            if len(score.bands) < 2:
                continue
            band = score.bands[0]
            overall = summary.cell()
            if overall is None:
                continue
            share = overall.bands[band.id]
            if share.shown:
                text = _(
                    "Beim „%(score)s“ liegen %(share)s der Befragten im Bereich „%(band)s“ (n = %(n)s)."
                ) % {
                    "score": self.labels.text(score.label),
                    "share": self._pct(share),
                    "band": self.labels.text(band.label),
                    "n": self.tr.number(share.n),
                }
                result.append(Finding("score", text, "scores", 20))
            for dimension in self.analysis.dimensions:
                if not dimension.is_equity:
                    continue
                member = summary.cell(dimension.id, MEMBER)
                rest = summary.cell(dimension.id, REST)
                if member is None or rest is None:
                    continue
                m, r = member.bands[band.id], rest.bands[band.id]
                if not (m.shown and r.shown):
                    continue
                interval = newcombe_difference(m.count, m.n, r.count, r.n)
                if not interval.excludes_zero():
                    continue
                difference = (m.proportion or 0) - (r.proportion or 0)
                values = {
                    "group": self._subject(self.labels.equity_group(dimension.question_id or "")),
                    "band": self.labels.text(band.label),
                    "score": self.labels.text(score.label),
                    "member": self._pct(m),
                    "rest": self._pct(r),
                }
                if difference > 0:
                    message = _(
                        "%(group)s liegen beim „%(score)s“ häufiger im Bereich „%(band)s“ als die übrigen "
                        "Befragten: %(member)s gegenüber %(rest)s."
                    )
                else:
                    message = _(
                        "%(group)s liegen beim „%(score)s“ seltener im Bereich „%(band)s“ als die übrigen "
                        "Befragten: %(member)s gegenüber %(rest)s."
                    )
                result.append(
                    Finding("score", message % values, "scores", 35 + 100 * abs(difference))
                )
        return result

    def smileys(self) -> list[Finding]:
        _ = self.tr.gettext
        candidates = []
        for distribution in self.analysis.smileys:
            worst = (
                distribution.question.choice_values[0] if distribution.question.choices else None
            )
            share = distribution.shares.get(worst) if worst else None
            if share is not None and share.shown:
                candidates.append((share.proportion or 0, distribution, worst, share))
        if not candidates:
            return []
        _proportion, distribution, worst, share = max(candidates, key=lambda item: item[0])
        text = _(
            "Bei der Frage „%(question)s“ wählten %(share)s %(of_respondents)s die Antwort „%(answer)s“ (n = %(n)s)."
        ) % {
            "question": self.labels.text(distribution.question.label),
            "share": self._pct(share),
            "of_respondents": self._of_respondents(),
            "answer": self.labels.choice(distribution.question, worst),
            "n": self.tr.number(share.n),
        }
        return [Finding("smiley", text, "voice", 25)]


def _wilson_low(count: int, n: int) -> float:
    return wilson(max(count, 0), n).low if n else 0.0
