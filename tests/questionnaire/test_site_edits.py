"""Entries added to and renamed in the shipped site file: it loads, and nothing else changes."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from survey_app.questionnaire.nodes import parse_yaml
from survey_app.questionnaire.pipeline import site_from_tree
from survey_app.questionnaire.problems import Report
from survey_app.questionnaire.site_edits import add_entry, rename_entry
from survey_app.questionnaire.text_edits import TextEditError

SITE = Path(__file__).resolve().parents[2] / "questionnaires" / "site.yaml"


def _site(source: str):  # type: ignore[no-untyped-def]
    report = Report()
    site, problems = site_from_tree(
        parse_yaml(source.encode(), str(SITE), report), str(SITE), report
    )
    assert site is not None, [str(p) for p in problems if p.is_error]
    return site


@pytest.mark.parametrize(
    ("kind", "entry"),
    [
        (
            "offers",
            {
                "id": "fz-lindenhof",
                "name": {"de": "Familienzentrum Lindenhof"},
                "life_phases": ["0-1"],
                "districts": ["lindenhof"],
            },
        ),
        ("districts", {"id": "mitte", "name": {"de": "Mitte", "en": "Centre"}}),
        ("life_phases", {"id": "27-99", "name": {"de": "27 und älter"}, "from_age": 27}),
    ],
)
def test_add_entry__appended_only(kind: str, entry: dict) -> None:
    source = SITE.read_text(encoding="utf-8")
    edited = add_entry(source, kind, entry)
    site = _site(edited)
    items = {"offers": site.offers, "districts": site.districts, "life_phases": site.life_phases}
    assert items[kind][-1].id == entry["id"]
    removed = [
        line
        for line in difflib.unified_diff(source.splitlines(), edited.splitlines(), n=0)
        if line.startswith("-") and not line.startswith("---")
    ]
    assert removed == []
    with pytest.raises(TextEditError):
        add_entry(edited, kind, entry)


def test_rename__one_line_changed() -> None:
    source = SITE.read_text(encoding="utf-8")
    edited = rename_entry(source, "offers", "familienzentrum", {"en": "Family centre (new)"}, "de")
    assert _site(edited).offer("familienzentrum").name.values["en"] == "Family centre (new)"
    changed = [
        line
        for line in difflib.unified_diff(source.splitlines(), edited.splitlines(), n=0)
        if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))
    ]
    assert len(changed) == 2
