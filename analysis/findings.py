"""Findings in plain words, generated from the protected numbers.

Every sentence prints published cells only (never a hidden one), and every ranking
("the most frequent reason", "the least known offers", "the second") is computed on
*all* cells, hidden ones included, and then either stated without naming a hidden
value or not stated at all: a sentence is true of the full data. A ranking whose
first places are hidden is not stated.

One rule for "gesichert" (statistically established), as the brief's method box says:
a comparison is stated only when its 95 % interval, widened by a Bonferroni
correction over all comparisons of its kind, excludes zero — gaps between groups
(Newcombe), district differences, score bands between groups, the lead of the most
frequent reason (multinomial difference), the lead of children's top priority
(paired points), and the offers tied for least known. The printed interval stays the
plain 95 % one. Comparisons between offers treat the shares as independent, which is
conservative when knowing one offer goes with knowing others.

What a sentence implies about hidden cells (e.g. that no hidden reason is more
frequent) is recorded as ``claims`` and audited with everything else
(:func:`published_findings`): a finding that would let a hidden small cell be worked
out is dropped.

Each finding names the section of the brief with its chart or table (``ref``).
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.lists import format_list

from analysis.barriers import ALL_OFFERS, Barriers
from analysis.breakdowns import DISTRICT, LIFE_PHASE, NOT_STATED
from analysis.cells import Share
from analysis.disclosure import Relation, at_most
from analysis.equity import Gap, established
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
    #: What the sentence implies about the cells it ranks (ledger relations).
    claims: tuple[Relation, ...] = ()


def findings(analysis: Analysis, tr: Translator) -> list[Finding]:
    """Every finding the numbers support and the audit allows, most important first."""
    if analysis.too_small:
        return []
    candidates = _candidates(analysis, tr)
    allowed = published_findings(analysis, candidates)
    return [finding for i, finding in enumerate(candidates) if i in allowed]


def published_findings(analysis: Analysis, candidates: list[Finding]) -> set[int]:
    """The indices of ``candidates`` whose claims, audited with every published
    number, let no hidden small cell be worked out (the result is kept per analysis:
    the claims do not depend on the language)."""
    signature = tuple(finding.claims for finding in candidates)
    cached = analysis.released.get(signature)
    if cached is not None:
        return cached
    allowed = set(range(len(candidates)))
    ledger = analysis.ledger
    while any(candidates[i].claims for i in allowed):
        extra = [claim for i in sorted(allowed) for claim in candidates[i].claims]
        near = {key for claim in extra for key, _ in claim.terms}
        audit = ledger.run_audit(analysis.min_group_size, extra=extra, near=near)
        if not audit.exposed:
            break
        touched = set(audit.exposed)
        for key in audit.exposed:
            touched.update(audit.binding.get(key, ()))
        dropped = {
            i
            for i in allowed
            if any(key in touched for claim in candidates[i].claims for key, _ in claim.terms)
        }
        allowed -= dropped or {i for i in allowed if candidates[i].claims}
    analysis.released[signature] = allowed
    return allowed


def _candidates(analysis: Analysis, tr: Translator) -> list[Finding]:
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
        _ = self.tr.gettext
        result = []
        tested = [b for b in self.analysis.barriers if b.offer not in (None, ALL_OFFERS) and b.base]
        z = bonferroni_z(len(tested))
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

    # --- children's voice and scores ------------------------------------------------

    def priorities(self) -> list[Finding]:
        _ = self.tr.gettext
        result = []
        children = self.analysis.questionnaire.audience == "children"
        z = bonferroni_z(len(self.analysis.priorities))
        for priority in self.analysis.priorities:
            shown = [item for item in priority.items if item.points.shown]
            if not shown or not priority.items[0].points.shown or priority.n < 1:
                continue
            top = priority.items[0]
            values = {
                "choice": self.labels.choice(priority.question, top.choice),
                "share": self.tr.percent(top.points.proportion),
                "n": self.tr.number(priority.n),
            }
            others = [item.points.amount_key for item in priority.items[1:]]
            if priority.lead is not None and priority.lead_at(z).low > 0:
                claims = tuple(at_most(key, top.points.amount_key) for key in others)
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
                claims = (
                    at_most(second.points.amount_key, top.points.amount_key),
                    *(at_most(key, second.points.amount_key) for key in others[1:]),
                )
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
            result.append(Finding("priority", text, "voice", 45, claims))
        return result

    def _score_comparisons(self) -> int:
        """How many member/rest comparisons of score bands can be made (for Bonferroni)."""
        count = 0
        for summary in self.analysis.scores:
            if len(summary.score.bands) < 2:
                continue
            band = summary.score.bands[0].id
            for dimension in self.analysis.dimensions:
                member = summary.cell(dimension.id, MEMBER)
                rest = summary.cell(dimension.id, REST)
                if dimension.is_equity and member and rest:
                    count += member.bands[band].shown and rest.bands[band].shown
        return count

    def scores(self) -> list[Finding]:
        _ = self.tr.gettext
        result = []
        z = bonferroni_z(self._score_comparisons())
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
                interval = newcombe_difference(m.count, m.n, r.count, r.n, z)
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
