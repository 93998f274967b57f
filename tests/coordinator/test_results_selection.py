"""The results page's selections through Flask: what a planner gets for small groups,
bad values, and a cache that notices new responses."""

from __future__ import annotations

import re

from tests.coordinator.conftest import store


def _responses(html: str) -> str | None:
    found = re.search(r"<dt>Antworten</dt><dd>([^<]*)</dd>", html)
    return found.group(1) if found else None


def test_selection__small_groups_show_only_their_size_class(app, planner) -> None:
    for colour in ["rot"] * 9 + ["blau"] * 3:
        store(app, answers={"farbe": colour, "allein": "no"}, district="altstadt")
    page = "/admin/results/familie"
    assert _responses(planner.get(page).get_data(as_text=True)) == "12"

    small = planner.get(f"{page}?answer=farbe:blau").get_data(as_text=True)
    assert "Weniger als 5 Antworten" in small and _responses(small) is None
    assert "<table" not in small and "Kurzbericht für diese Auswahl" not in small
    # 9 responses, but all minus these 9 is a group of 3: comparing would show it.
    rest = planner.get(f"{page}?answer=farbe:rot").get_data(as_text=True)
    assert "um weniger als 5 Antworten" in rest and _responses(rest) is None
    for path in (f"{page}/brief.pdf?answer=farbe:blau", f"{page}/tables.json?answer=farbe:rot"):
        assert planner.get(path).status_code == 400, path
    shown = planner.get(f"{page}?answer=allein:no").get_data(as_text=True)
    assert _responses(shown) == "12" and "Alleinerziehend</dt><dd>Nein" in shown

    # A new response is on the page at once (the cache compares a fingerprint).
    store(app, answers={"farbe": "rot"}, district="altstadt")
    assert _responses(planner.get(page).get_data(as_text=True)) == "13"


def test_selection__bad_values_are_a_400_page_in_the_ui_language(app, planner) -> None:
    page = "/admin/results/familie"
    response = planner.get(f"{page}?since=2026-13-01&lang=en")
    assert response.status_code == 400
    assert "Not a date for “since”: 2026-13-01" in response.get_data(as_text=True)
    response = planner.get(f"{page}?compare_a=farbe=rot&compare_b=tiere:hund")  # still English
    assert response.status_code == 400
    assert "Unknown value for “compare_a”: farbe=rot" in response.get_data(as_text=True)
    for query in ("answer=alter:3", "district=mars", "district=altstadt&district=nordviertel"):
        assert planner.get(f"{page}?{query}").status_code == 400, query
    assert planner.get(f"{page}/brief.pdf?language=xx").status_code == 400
