"""Findings about children's voice (dot votes, smileys) and scores (see
:mod:`analysis.findings` for the rules every sentence keeps)."""

from __future__ import annotations

from analysis.disclosure import at_most
from analysis.finding_words import Finding, Writer
from analysis.groups import MEMBER, REST
from analysis.statistics import bonferroni_z, newcombe_difference


class VoiceFindings(Writer):
    """The sentences about priorities, smiley questions and score bands."""

    # --- children's voice and scores ------------------------------------------------

    def priorities(self) -> list[Finding]:
        """The top dot-vote choice (if its lead is established), else the top two."""
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
        """The first band of each score, and established differences between groups."""
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
        """The smiley question with the largest share of its worst face."""
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
