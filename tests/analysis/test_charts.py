"""Charts: greyscale-safe palettes, text alternatives, gaps instead of hidden bars."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from analysis import charts

SVG = "{http://www.w3.org/2000/svg}"


def test_palette__steps_differ_clearly_in_lightness_for_any_colour():
    for colour in ("#1f5f7a", "#ffcc00", "#000000", "#e0e0e0", "not a colour"):
        palette = charts.palette_for(colour)
        lightness = [charts._luminance(step) for step in palette.steps]
        assert lightness == sorted(lightness)
        assert all(b - a > 0.04 for a, b in zip(lightness, lightness[1:], strict=False))
        assert lightness[-1] - lightness[0] > 0.5


def test_bar_chart__title_is_the_text_alternative_and_hidden_bar_is_a_gap():
    svg = charts.bar_chart(
        [charts.Bar("Zeiten", 0.4, "40 %"), charts.Bar("Kosten", None, charts.GAP_MARK)],
        "Balken: Zeiten 40 %, Kosten •",
        charts.palette_for(None),
    )
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Balken: Zeiten 40 %, Kosten •"
    assert len(root.findall(f"{SVG}rect")) == 1  # one bar: the hidden value has none
    assert charts.GAP_MARK in [t.text for t in root.iter(f"{SVG}text")]


def test_staircase__labels_escaped_and_shortened():
    row = charts.StaircaseRow(
        "Beratung <für> Eltern & Kinder mit einem sehr langen Namen", (0.5, 0.2), ("50 %", "20 %")
    )
    svg = charts.staircase_chart([row], ("kennen", "nutzen"), "t", charts.palette_for(None), "%")
    texts = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert any(text.startswith("Beratung <für> Eltern") and text.endswith("…") for text in texts)
