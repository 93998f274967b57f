"""A chart and a table for each question summary, for every renderer.

:func:`summary_view` turns one :class:`~analysis.question_summaries.QuestionSummary`
into a :class:`SummaryView`: a small inline SVG (drawn with :mod:`analysis.charts`,
its ``<title>`` the full text alternative) and the same numbers as a table
(``head`` and ``rows`` of plain strings) for screen readers and print. The brief,
and the planner's results page, show both. Hidden values are "•" in both; bars keep
questionnaire order, so their order says nothing about a hidden count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from analysis import charts
from analysis.groups import NONE_TICKED

if TYPE_CHECKING:
    from analysis.cells import Portion, Share
    from analysis.i18n import Translator
    from analysis.labels import Labels
    from analysis.question_summaries import QuestionSummary


@dataclass
class SummaryRow:
    """One table row: a label, then the cells (``hidden`` per cell, for styling)."""

    label: str
    cells: list[str]
    details: list[str] = field(default_factory=list)
    hidden: list[bool] = field(default_factory=list)


@dataclass
class SummaryView:
    """What a renderer shows for one question."""

    question_id: str
    title: str
    caption: str
    svg: str | None
    head: list[str]
    rows: list[SummaryRow]
    #: A sentence for summaries without a table (texts, dates) or quartiles.
    note: str = ""


def summary_view(summary: QuestionSummary, labels: Labels, palette: charts.Palette) -> SummaryView:
    """The chart, table and caption of one question summary."""
    tr = labels.tr
    _ = tr.gettext
    question = summary.question
    title = labels.text(question.label) or question.id
    n_text = _count(tr, summary.answered)
    caption = _("%(question)s (n = %(n)s)", question=title, n=n_text)
    view = SummaryView(question.id, title, caption, None, [], [])
    if summary.quartiles is not None and summary.shown:
        q = summary.quartiles
        view.note = _(
            "Median %(median)s, mittlere Hälfte %(low)s bis %(high)s",
            median=tr.number(q.median, 1 if q.median % 1 else 0),
            low=tr.number(q.low, 1 if q.low % 1 else 0),
            high=tr.number(q.high, 1 if q.high % 1 else 0),
        )
    if summary.kind == "number" and summary.quartiles is not None and summary.shown:
        view.svg = box_chart(summary, title, view.note, palette, tr)
    if summary.kind in ("text", "date"):
        if summary.kind == "text":
            view.note = _(
                "%(count)s freie Antworten (Texte erscheinen nur als freigegebene Zitate)",
                count=n_text,
            )
        return view
    if summary.kind == "matrix":
        return _matrix(summary, labels, palette, view)
    if summary.kind == "dot_vote":
        return _votes(summary, labels, palette, view)
    shares = summary.shares
    names = [
        _("nichts angekreuzt") if value == NONE_TICKED else labels.choice(question, value)
        for value, _share in shares
    ]
    if not shares:  # a number: the quartiles are all there is
        return view
    view.head = [_("Antwort"), _("Anzahl"), _("Anteil")]
    for name, (_value, share) in zip(names, shares, strict=True):
        view.rows.append(
            SummaryRow(
                name,
                [_count_of(tr, share), _percent(tr, share)],
                ["", _interval(share)],
                [share.hidden, share.hidden],
            )
        )
    values = [share.proportion if share.shown else None for _value, share in shares]
    texts = [_percent(tr, share) for _value, share in shares]
    alt = (
        _("Balkendiagramm: Anteil je Antwort in Prozent derer, die die Frage beantwortet haben.")
        + " "
        + "; ".join(f"{name}: {text}" for name, text in zip(names, texts, strict=True))
    )
    if summary.kind in ("scale", "rating"):
        row = charts.StackRow(title, tuple(values), f"n = {n_text}")
        view.svg = charts.stacked_chart([row], names, alt, palette)
    else:
        bars = [
            charts.Bar(name, value, text)
            for name, value, text in zip(names, values, texts, strict=True)
        ]
        view.svg = charts.bar_chart(bars, alt, palette, _("Anteil"))
    return view


def _matrix(
    summary: QuestionSummary, labels: Labels, palette: charts.Palette, view: SummaryView
) -> SummaryView:
    tr = labels.tr
    question = summary.question
    choices = [labels.choice(question, value) for value in question.choice_values]
    view.head = [tr.gettext("Teilfrage"), tr.gettext("n"), *choices]
    stack = []
    for row in summary.rows:
        label = next((labels.text(r.label) for r in question.rows if r.value == row.row), row.row)
        shares = [row.shares[value] for value in question.choice_values]
        view.rows.append(
            SummaryRow(
                label,
                [_count(tr, row.answered), *(_percent(tr, share) for share in shares)],
                ["", *(_interval(share) for share in shares)],
                [row.answered.hidden, *(share.hidden for share in shares)],
            )
        )
        values = tuple(share.proportion if share.shown else None for share in shares)
        stack.append(charts.StackRow(label, values, f"n = {_count(tr, row.answered)}"))
    alt = (
        tr.gettext("Gestapelte Balken: Verteilung der Antworten je Frage.")
        + " "
        + "; ".join(
            f"{row.label}: "
            + ", ".join(f"{c} {t}" for c, t in zip(choices, row.cells[1:], strict=True))
            for row in view.rows
        )
    )
    view.svg = charts.stacked_chart(stack, choices, alt, palette)
    return view


def _votes(
    summary: QuestionSummary, labels: Labels, palette: charts.Palette, view: SummaryView
) -> SummaryView:
    tr = labels.tr
    votes = summary.votes
    if votes is None:
        return view
    order = votes.question.choice_values
    items = sorted(votes.items, key=lambda item: order.index(item.choice))
    view.head = [
        tr.gettext("Antwort"),
        tr.gettext("Anzahl"),
        tr.gettext("Anteil an allen Punkten in %"),
    ]
    bars = []
    for item in items:
        name = labels.choice(votes.question, item.choice)
        points = _portion(tr, item.points)
        view.rows.append(
            SummaryRow(
                name,
                [_count_of(tr, item.voters), points],
                ["", ""],
                [item.voters.hidden, item.points.hidden],
            )
        )
        value = item.points.proportion if item.points.shown else None
        bars.append(charts.Bar(name, value, points))
    alt = (
        tr.gettext("Balkendiagramm: Anteil an allen vergebenen Punkten je Wunsch.")
        + " "
        + "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
    )
    view.svg = charts.bar_chart(bars, alt, palette, tr.gettext("Anteil an allen Punkten in %"))
    return view


def _count(tr: Translator, share: Share) -> str:
    """The number answered (a share's count as a base of its own)."""
    return charts.GAP_MARK if share.hidden else tr.number(share.count)


def _count_of(tr: Translator, share: Share) -> str:
    if share.empty:
        return "–"
    return charts.GAP_MARK if share.hidden else tr.number(share.count)


def _percent(tr: Translator, share: Share) -> str:
    if share.empty:
        return "–"
    return charts.GAP_MARK if share.hidden else tr.percent(share.proportion)


def _portion(tr: Translator, portion: Portion) -> str:
    if portion.empty:
        return "–"
    return charts.GAP_MARK if portion.hidden else tr.percent(portion.proportion)


def _interval(share: Share) -> str:
    if not share.shown:
        return ""
    interval = share.interval
    return f"{round(interval.low * 100)}–{round(interval.high * 100)}"


def box_chart(
    summary: QuestionSummary, label: str, title: str, palette: charts.Palette, tr: Translator
) -> str:
    """The middle half of a number's answers as a box, the median as a line.

    The axis spans the question's declared range, else the quartiles widened by the
    box's length: never the smallest or largest answer (one person's value).
    """
    q = summary.quartiles
    assert q is not None
    declared = summary.question.numeric_range()
    spread = max(q.high - q.low, 1.0)
    low, high = declared or (q.low - spread, q.high + spread)
    low, high = math.floor(min(low, q.low)), math.ceil(max(high, q.high))
    high = low + 4 * max(math.ceil((high - low) / 4), 1)  # whole-number ticks
    x0, width, top = 238.0, charts.WIDTH - 238.0 - 60, 6.0

    def x(value: float) -> float:
        return x0 + (value - low) / (high - low) * width

    ticks = tuple(low + i * (high - low) / 4 for i in range(5))
    body = charts._axis(
        x0,
        width,
        top,
        top + 24,
        palette,
        low,
        high,
        ticks,
        lambda v: tr.number(v, 0 if v % 1 == 0 else 1),
    )
    body.append(
        f'<rect x="{x(q.low):.1f}" y="{top + 4}" width="{max(x(q.high) - x(q.low), 1.5):.1f}" '
        f'height="16" fill="{palette.steps[3]}" stroke="{palette.dark}" stroke-width="0.8"/>'
    )
    body.append(
        f'<line x1="{x(q.median):.1f}" y1="{top + 2}" x2="{x(q.median):.1f}" y2="{top + 22}" '
        f'stroke="{palette.dark}" stroke-width="2.2"/>'
    )
    body.append(charts._text(230, top + 16, charts._fit(label, 220, 9.5), 9.5, "end", palette.ink))
    return charts._svg(top + 40, title, body)
