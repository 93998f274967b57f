"""The brief's sections on what the respondents say (smileys, dot votes, approved
quotes) and on scores (mean and bands per group)."""

from __future__ import annotations

from typing import Any

from analysis import charts
from analysis.brief_parts import Cell, Section
from analysis.brief_view import BriefView
from analysis.groups import ALL, DISTRICT, LIFE_PHASE, NOT_STATED, REST


class VoiceSections(BriefView):
    """Children's (or respondents') voice and scores."""

    def voice_section(self) -> Section | None:
        """Smiley answers (chart and table), dot votes (charts) and approved quotes."""
        _ = self.tr.gettext
        analysis = self.analysis
        if not (analysis.smileys or analysis.priorities or analysis.quotes):
            return None
        children = analysis.questionnaire.audience == "children"
        title = _("Was Kinder sagen") if children else _("Was die Befragten sagen")
        section = Section("voice", title)
        groups: dict[tuple[str, ...], list[Any]] = {}
        for distribution in analysis.smileys:
            if distribution.n == 0:
                continue
            groups.setdefault(tuple(distribution.question.choice_values), []).append(distribution)
        for distributions in groups.values():
            question = distributions[0].question
            categories = [self.labels.choice(question, value) for value in question.choice_values]
            rows = [
                charts.StackRow(
                    self.labels.text(d.question.label),
                    tuple(self.value(d.shares[v]) for v in d.question.choice_values),
                    f"n = {self.n(next(iter(d.shares.values())))}",
                )
                for d in distributions
            ]
            alt = (
                _("Gestapelte Balken: Verteilung der Antworten je Frage.")
                + " "
                + "; ".join(
                    f"{row.label}: "
                    + ", ".join(
                        f"{c} {self.pct(d.shares[v])}"
                        for c, v in zip(categories, d.question.choice_values, strict=True)
                    )
                    for row, d in zip(rows, distributions, strict=True)
                )
            )
            svg = charts.stacked_chart(rows, categories, alt, self.palette)
            section.items.append(self.figure(svg, _("Antworten auf die Smiley-Fragen (in %)")))
            # The same numbers as a table: a finding may quote a share too narrow to label.
            table_rows: list[list[Cell | str]] = [
                [
                    self.labels.text(d.question.label),
                    self.n(next(iter(d.shares.values()))),
                    *(
                        Cell(self.pct(d.shares[v]), hidden=d.shares[v].hidden)
                        for v in d.question.choice_values
                    ),
                ]
                for d in distributions
            ]
            section.items.append(
                self.table(
                    _("Antworten auf die Smiley-Fragen (in %)"),
                    [_("Frage"), _("n"), *categories],
                    table_rows,
                )
            )
        for priority in analysis.priorities:
            bars = [
                charts.Bar(
                    self.labels.choice(priority.question, item.choice),
                    self.value(item.points),
                    self.pct(item.points),
                )
                for item in (
                    priority.items
                    if all(i.points.shown for i in priority.items)
                    else sorted(
                        priority.items,
                        key=lambda i: priority.question.choice_values.index(i.choice),
                    )
                )
            ]
            alt = (
                _("Balkendiagramm: Anteil an allen vergebenen Punkten je Wunsch.")
                + " "
                + "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
            )
            svg = charts.bar_chart(bars, alt, self.palette, _("Anteil an allen Punkten in %"))
            section.items.append(
                self.figure(
                    svg,
                    _(
                        "%(question)s – Anteil an allen Punkten (n = %(n)s)",
                        question=self.labels.text(priority.question.label),
                        n=self.n(priority.items[0].voters) if priority.items else "–",
                    ),
                )
            )
        if self.report.quotes:
            # A quote's language is attached only when that language's count is shown.
            section.items.append(
                {
                    "kind": "quotes",
                    "quotes": self.report.quotes,
                    "title": _(
                        "Wünsche in eigenen Worten (von der Koordination zum Zitieren freigegeben)"
                    ),
                }
            )
        return section

    def score_section(self) -> Section | None:
        """Per score a table: mean and share per band for every group."""
        _ = self.tr.gettext
        analysis = self.analysis
        summaries = [s for s in analysis.scores if s.cell() and s.cell().mean.n > 0]
        if not summaries:
            return None
        section = Section("scores", _("Wohlbefinden"))
        for summary in summaries:
            score = summary.score
            head = [
                _("Gruppe"),
                _("n"),
                _("Mittelwert"),
                *[self.labels.text(band.label) for band in score.bands],
            ]
            rows = []
            for dimension in analysis.dimensions:
                if (
                    dimension.id == LIFE_PHASE
                    and self.analysis.reach.dimension(LIFE_PHASE)
                    and len(dimension.groups) > 4
                ):
                    continue  # many phases: the table would not fit; the export has them
                for group in dimension.groups:
                    cell = summary.cell(dimension.id, group)
                    if cell is None or cell.mean.empty or group == NOT_STATED:
                        continue
                    label = (
                        self.labels.group(dimension.id, group)
                        if dimension.id != ALL
                        else _("alle Befragten")
                    )
                    if dimension.id == LIFE_PHASE or dimension.id == DISTRICT:
                        label = f"{self.labels.dimension(dimension.id)}: {label}"
                    elif dimension.is_equity and group == REST:
                        label = _(
                            "übrige Befragte (zu „%(group)s“)",
                            group=self.labels.equity_group(dimension.question_id or ""),
                        )
                    mean = cell.mean
                    mean_text = (
                        charts.GAP_MARK if mean.hidden else self.tr.number(mean.value or 0, 1)
                    )
                    rows.append(
                        [label, self.n(mean), Cell(mean_text, hidden=mean.hidden)]
                        + [
                            Cell(self.pct(cell.bands[band.id]), hidden=cell.bands[band.id].hidden)
                            for band in score.bands
                        ]
                    )
            section.items.append(
                self.table(
                    _(
                        "%(score)s: Mittelwert und Anteil je Bereich",
                        score=self.labels.text(score.label),
                    ),
                    head,
                    rows,
                )
            )
        return section
