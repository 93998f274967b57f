"""Charts as inline SVG, drawn by hand (no plotting library).

Each chart is a self-contained ``<svg role="img">`` whose ``<title>`` is a full text
alternative (a tagged PDF takes it as the figure's alternate text). Colours are one
hue in several clearly different lightnesses, derived from the municipality's colour,
so charts survive greyscale printing and every kind of colour blindness; marks that
must be told apart also differ in shape or fill, and every value is written out.
A hidden (suppressed) value is drawn as a gap with the marker "•", never as a bar.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from html import escape

from analysis.pdf_engine import FONT_STACK

#: The bundled faces for SVG text: WeasyPrint splits this attribute at commas and strips
#: quotes but not spaces, so the list is written without either.
FONT = FONT_STACK.replace('"', "").replace(", ", ",")
WIDTH = 640
#: The marker for a hidden value, explained in each brief's footnote.
GAP_MARK = "•"
DEFAULT_COLOUR = "#1f5f7a"


@dataclass(frozen=True)
class Palette:
    """Lightness steps of one hue (dark to light) plus neutral inks."""

    steps: tuple[str, ...]
    ink: str = "#1a1a1a"
    muted: str = "#5f5f5f"
    grid: str = "#cfcfcf"

    @property
    def dark(self) -> str:
        """The darkest step (headings, the strongest bars)."""
        return self.steps[0]

    def text_on(self, step: int) -> str:
        """Readable text colour on ``steps[step]``."""
        return "#ffffff" if _luminance(self.steps[step]) < 0.3 else self.ink


def palette_for(colour: str | None, steps: int = 5) -> Palette:
    """A palette of ``steps`` lightnesses (about 20 % to 90 %) of ``colour``'s hue."""
    red, green, blue = _rgb(colour or DEFAULT_COLOUR)
    hue, _lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    saturation = min(max(saturation, 0.25), 0.7)
    lightnesses = [0.2 + i * (0.7 / max(steps - 1, 1)) for i in range(steps)]
    return Palette(
        tuple(_hex(*colorsys.hls_to_rgb(hue, lightness, saturation)) for lightness in lightnesses)
    )


def _rgb(colour: str) -> tuple[float, float, float]:
    value = colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    try:
        return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]
    except (ValueError, IndexError):
        return _rgb(DEFAULT_COLOUR)


def _hex(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in (red, green, blue))


def _luminance(colour: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in _rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _text(
    x: float,
    y: float,
    content: str,
    size: float = 10,
    anchor: str = "start",
    fill: str = "#1a1a1a",
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" '
        f'font-weight="{weight}">{escape(content)}</text>'
    )


def _svg(height: float, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" font-family="{FONT}" class="chart">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def _fit(label: str, width: float, size: float = 10) -> str:
    """Shorten a label to about ``width`` pixels (an ellipsis marks the cut)."""
    limit = int(width / (size * 0.55))
    return label if len(label) <= limit else label[: max(limit - 1, 1)].rstrip() + "…"


def _axis(
    x0: float,
    width: float,
    top: float,
    bottom: float,
    palette: Palette,
    low: float = 0,
    high: float = 1,
    ticks: tuple[float, ...] = (0, 0.25, 0.5, 0.75, 1),
    formatter=None,
) -> list[str]:
    body = []
    for tick in ticks:
        x = x0 + (tick - low) / (high - low) * width
        body.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="{palette.grid}" stroke-width="0.6"/>'
        )
        label = formatter(tick) if formatter else f"{round(tick * 100)}"
        body.append(_text(x, bottom + 11, label, 8.5, "middle", palette.muted))
    return body


# --- the staircase ---------------------------------------------------------------


@dataclass(frozen=True)
class StaircaseRow:
    """One offer: the staircase steps as fractions of all relevant respondents.

    A value of None is hidden; ``texts`` are the written-out values, same order.
    """

    label: str
    values: tuple[float | None, ...]
    texts: tuple[str, ...]


def staircase_chart(
    rows: list[StaircaseRow], steps: tuple[str, ...], title: str, palette: Palette, axis_label: str
) -> str:
    """Nested horizontal bars per offer: known ⊇ used ⊇ helped, darker for higher steps."""
    label_width, bar_x, bar_width = 170, 176, 290
    value_x = bar_x + bar_width + 14
    column = (WIDTH - value_x) / max(len(steps), 1)
    row_height, top = 17, 26
    shades = [palette.steps[4], palette.steps[2], palette.steps[0]][: len(steps)]
    body = []
    for i, step in enumerate(steps):
        x = value_x + i * column + column / 2
        body.append(
            f'<rect x="{x - 16:.1f}" y="4" width="9" height="9" fill="{shades[i]}" stroke="{palette.ink}" stroke-width="0.4"/>'
        )
        body.append(_text(x - 4, 12, step, 9, "start", palette.ink))
    bottom = top + row_height * len(rows)
    body += _axis(bar_x, bar_width, top - 4, bottom, palette)
    body.append(_text(bar_x + bar_width / 2, bottom + 22, axis_label, 8.5, "middle", palette.muted))
    for r, row in enumerate(rows):
        y = top + r * row_height
        body.append(
            _text(label_width, y + 11.5, _fit(row.label, label_width), 9.5, "end", palette.ink)
        )
        heights = [13, 8, 4]
        for i, value in enumerate(row.values):
            if value is None:
                continue
            h = heights[i]
            body.append(
                f'<rect x="{bar_x}" y="{y + 2 + (13 - h) / 2:.1f}" width="{max(value, 0) * bar_width:.1f}" '
                f'height="{h}" fill="{shades[i]}"/>'
            )
        if all(value is None for value in row.values):
            body.append(_text(bar_x + 4, y + 11.5, GAP_MARK, 10, "start", palette.muted))
        for i, text in enumerate(row.texts):
            x = value_x + i * column + column / 2
            body.append(_text(x, y + 11.5, text, 9.5, "middle", palette.ink))
    return _svg(bottom + 28, title, body)


# --- simple bars ---------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One bar: ``value`` a fraction (None = hidden), ``text`` the written-out value."""

    label: str
    value: float | None
    text: str


def bar_chart(bars: list[Bar], title: str, palette: Palette, axis_label: str = "%") -> str:
    """Horizontal bars, longest first as given, values written at the bar's end."""
    label_width, bar_x = 230, 238
    bar_width = WIDTH - bar_x - 60
    row_height, top = 18, 6
    bottom = top + row_height * len(bars)
    high = max([bar.value or 0 for bar in bars] + [0.25])
    high = min(1.0, (int(high * 4) + 1) / 4)
    ticks = tuple(t / 4 for t in range(int(high * 4) + 1))
    body = _axis(bar_x, bar_width, top, bottom, palette, 0, high, ticks)
    body.append(_text(bar_x + bar_width / 2, bottom + 22, axis_label, 8.5, "middle", palette.muted))
    for r, bar in enumerate(bars):
        y = top + r * row_height
        body.append(
            _text(label_width, y + 12, _fit(bar.label, label_width, 9.5), 9.5, "end", palette.ink)
        )
        if bar.value is None:
            body.append(_text(bar_x + 4, y + 12, GAP_MARK, 10, "start", palette.muted))
            continue
        width = bar.value / high * bar_width
        body.append(
            f'<rect x="{bar_x}" y="{y + 3}" width="{width:.1f}" height="12" fill="{palette.steps[1]}"/>'
        )
        body.append(_text(bar_x + width + 4, y + 12, bar.text, 9.5, "start", palette.ink))
    return _svg(bottom + 28, title, body)


# --- gaps between groups ------------------------------------------------------------------


@dataclass(frozen=True)
class GapMark:
    """A difference in percentage points with its interval (fractions)."""

    difference: float
    low: float
    high: float
    significant: bool


@dataclass(frozen=True)
class GapRow:
    """One offer: the awareness and use gaps (None = hidden)."""

    label: str
    known: GapMark | None
    used: GapMark | None
    text: str


def gap_chart(
    rows: list[GapRow],
    title: str,
    palette: Palette,
    legend: tuple[str, str, str, str],
    axis_label: str,
    formatter,
) -> str:
    """Dots with interval whiskers around a zero line: circle = known, square = used;
    filled when the difference is established (``GapMark.significant``, the brief's one
    rule), hollow otherwise. ``legend``: known, used, filled, hollow."""
    label_width, plot_x = 170, 180
    plot_width = 300
    text_x = plot_x + plot_width + 10
    row_height, top = 17, 24
    extent = max(
        [0.3]
        + [
            abs(v)
            for row in rows
            for mark in (row.known, row.used)
            if mark
            for v in (mark.low, mark.high)
        ]
    )
    extent = min(1.0, (int(extent * 10) + 1) / 10)
    ticks = tuple(round(-extent + i * extent / 2, 4) for i in range(5))

    def x_of(value: float) -> float:
        return plot_x + (value + extent) / (2 * extent) * plot_width

    bottom = top + row_height * len(rows)
    body = _axis(plot_x, plot_width, top - 4, bottom, palette, -extent, extent, ticks, formatter)
    body.append(
        f'<line x1="{x_of(0):.1f}" y1="{top - 6}" x2="{x_of(0):.1f}" y2="{bottom}" stroke="{palette.ink}" stroke-width="1"/>'
    )
    body.append(
        _text(plot_x + plot_width / 2, bottom + 22, axis_label, 8.5, "middle", palette.muted)
    )
    left = 10
    body.append(
        f'<circle cx="{left + 4}" cy="9" r="4" fill="#ffffff" stroke="{palette.dark}" stroke-width="1.2"/>'
    )
    body.append(_text(left + 12, 12, _fit(legend[0], 70, 9), 9))
    body.append(
        f'<rect x="{left + 90}" y="5" width="8" height="8" fill="#ffffff" stroke="{palette.steps[2]}" stroke-width="1.2"/>'
    )
    body.append(_text(left + 102, 12, _fit(legend[1], 70, 9), 9))
    body.append(f'<circle cx="{left + 184}" cy="9" r="4" fill="{palette.dark}"/>')
    body.append(_text(left + 192, 12, _fit(legend[2], 150, 9), 9))
    body.append(
        f'<circle cx="{left + 354}" cy="9" r="4" fill="#ffffff" stroke="{palette.dark}" stroke-width="1.2"/>'
    )
    body.append(_text(left + 362, 12, _fit(legend[3], 150, 9), 9))
    for r, row in enumerate(rows):
        y = top + r * row_height
        body.append(
            _text(label_width, y + 11, _fit(row.label, label_width), 9.5, "end", palette.ink)
        )
        if row.known is None and row.used is None:
            body.append(_text(x_of(0) + 5, y + 11, GAP_MARK, 10, "start", palette.muted))
        for offset, mark, square in ((5, row.known, False), (12, row.used, True)):
            if mark is None:
                continue
            cy = y + offset
            colour = palette.dark if not square else palette.steps[2]
            body.append(
                f'<line x1="{x_of(mark.low):.1f}" y1="{cy}" x2="{x_of(mark.high):.1f}" y2="{cy}" stroke="{colour}" stroke-width="1.4"/>'
            )
            fill = colour if mark.significant else "#ffffff"
            if square:
                body.append(
                    f'<rect x="{x_of(mark.difference) - 3.5:.1f}" y="{cy - 3.5}" width="7" height="7" fill="{fill}" stroke="{colour}" stroke-width="1.2"/>'
                )
            else:
                body.append(
                    f'<circle cx="{x_of(mark.difference):.1f}" cy="{cy}" r="3.8" fill="{fill}" stroke="{colour}" stroke-width="1.2"/>'
                )
        body.append(_text(text_x, y + 11, row.text, 9, "start", palette.ink))
    return _svg(bottom + 28, title, body)


# --- distributions ------------------------------------------------------------------


@dataclass(frozen=True)
class StackRow:
    """One question: the share of each answer (fractions, None = hidden), worst first."""

    label: str
    values: tuple[float | None, ...]
    n_text: str


def stacked_chart(rows: list[StackRow], categories: list[str], title: str, palette: Palette) -> str:
    """100 % bars, one per question; the best answer darkest, shares written inside."""
    label_width, bar_x = 210, 218
    bar_width = WIDTH - bar_x - 56
    row_height, top = 24, 8
    count = max(len(categories), 1)
    # Worst answer lightest: reverse the palette and spread it over the categories.
    indices = [round(i * (len(palette.steps) - 1) / max(count - 1, 1)) for i in range(count)]
    shades = [palette.steps[len(palette.steps) - 1 - i] for i in indices]
    inks = [palette.text_on(len(palette.steps) - 1 - i) for i in indices]
    body = []
    for r, row in enumerate(rows):
        y = top + r * row_height
        body.append(
            _text(label_width, y + 13, _fit(row.label, label_width, 9), 9, "end", palette.ink)
        )
        x = bar_x
        if any(value is None for value in row.values):
            body.append(_text(bar_x + 4, y + 13, GAP_MARK, 10, "start", palette.muted))
        else:
            for i, value in enumerate(row.values):
                width = (value or 0) * bar_width
                body.append(
                    f'<rect x="{x:.1f}" y="{y + 2}" width="{width:.1f}" height="16" fill="{shades[i]}" stroke="#ffffff" stroke-width="0.6"/>'
                )
                if width > 22:
                    body.append(
                        _text(
                            x + width / 2,
                            y + 13.5,
                            f"{round((value or 0) * 100)}",
                            8.5,
                            "middle",
                            inks[i],
                        )
                    )
                x += width
        body.append(_text(bar_x + bar_width + 6, y + 13, row.n_text, 8.5, "start", palette.muted))
    legend_y = top + row_height * len(rows) + 8
    x = bar_x
    for i, category in enumerate(categories):
        body.append(
            f'<rect x="{x:.1f}" y="{legend_y}" width="9" height="9" fill="{shades[i]}" stroke="{palette.ink}" stroke-width="0.4"/>'
        )
        body.append(_text(x + 12, legend_y + 8, category, 8.5))
        x += 14 + len(category) * 5 + 10
    return _svg(legend_y + 16, title, body)
