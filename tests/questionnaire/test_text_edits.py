"""Translations spliced into YAML: the file loads, checks and differs only in that text."""

from __future__ import annotations

import dataclasses
import difflib
import re
from pathlib import Path
from typing import Any

import pytest

from survey_app.coordinator.coverage import questionnaire_texts
from survey_app.questionnaire import loads_questionnaire
from survey_app.questionnaire.loader import parse_questionnaire
from survey_app.questionnaire.text_edits import TextEditError, editable_keys, set_texts

SHIPPED = Path(__file__).resolve().parents[2] / "questionnaires"
NAMES = ["eltern-0-10", "kinder-6-10", "jugend-10-16"]
NEW = 'Neu: "Zitat" {x}, #1 — ąść'


def _declare_polish(folder: Path, name: str) -> str:
    """The shipped file with Polish declared (so every text is missing in pl)."""
    source = (SHIPPED / f"{name}.yaml").read_text(encoding="utf-8")
    declared, count = re.subn(r"^languages: \[(.*)\]$", r"languages: [\1, pl]", source, flags=re.M)
    assert count == 1
    (folder / f"{name}.yaml").write_text(declared, encoding="utf-8")
    site = (SHIPPED / "site.yaml").read_text(encoding="utf-8")
    (folder / "site.yaml").write_text(site.replace("de-x-ls]", "de-x-ls, pl]", 1), encoding="utf-8")
    if not (folder / "pictograms").exists():
        (folder / "pictograms").symlink_to(SHIPPED / "pictograms")
    return declared


def _differences(old: Any, new: Any, path: str = "") -> list[str]:
    """Where two loaded questionnaires differ (paths into the dataclasses)."""
    if dataclasses.is_dataclass(old) and dataclasses.is_dataclass(new):
        return [
            difference
            for item in dataclasses.fields(old)
            if item.compare
            for difference in _differences(
                getattr(old, item.name), getattr(new, item.name), f"{path}.{item.name}"
            )
        ]
    if isinstance(old, list | tuple) and isinstance(new, list | tuple) and len(old) == len(new):
        return [
            d
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for d in _differences(a, b, f"{path}[{i}]")
        ]
    if isinstance(old, dict) and isinstance(new, dict) and old.keys() == new.keys():
        return [d for key in old for d in _differences(old[key], new[key], f"{path}[{key}]")]
    return [] if old == new else [path]


@pytest.mark.parametrize("name", NAMES)
def test_one_translation_added__loads_checks_and_differs_only_in_that_text(
    name: str, tmp_path: Path
) -> None:
    source = _declare_polish(tmp_path, name)
    path = tmp_path / f"{name}.yaml"
    before = loads_questionnaire(source, path)
    keys = [key for key, _ in questionnaire_texts(before) if key in editable_keys(source)]
    # One text of every kind of place: first and last of each key shape.
    shapes: dict[str, list[str]] = {}
    for key in keys:
        shapes.setdefault(re.sub(r" [^/]+ /", " * /", key), []).append(key)
    chosen = {group[0] for group in shapes.values()}
    for key in sorted(chosen):
        edited = set_texts(source, "pl", before.default_language, {key: NEW})
        after, problems = parse_questionnaire(edited, path)
        assert after is not None, (key, [str(p) for p in problems if p.is_error])
        assert not [p for p in problems if p.is_error]
        texts_after = dict(questionnaire_texts(after))
        assert texts_after[key].values["pl"] == NEW
        changed = [
            other
            for other, text in questionnaire_texts(before)
            if texts_after[other].values != text.values
        ]
        assert changed == [key]
        differences = _differences(before, after)
        assert differences and all(d.endswith(".values") for d in differences), (key, differences)
        # The source text changed only where that text is written.
        diff = [
            line
            for line in difflib.unified_diff(source.splitlines(), edited.splitlines(), n=0)
            if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
        ]
        assert len([line for line in diff if line.startswith("-")]) <= 1, (key, diff)
        assert all(line.startswith("+") and "pl:" in line for line in diff if "pl:" in line), (
            key,
            diff,
        )


@pytest.mark.parametrize("name", NAMES)
def test_every_text_translated_at_once(name: str, tmp_path: Path) -> None:
    source = _declare_polish(tmp_path, name)
    path = tmp_path / f"{name}.yaml"
    before = loads_questionnaire(source, path)
    keys = [key for key, _ in questionnaire_texts(before) if key in editable_keys(source)]
    edited = set_texts(source, "pl", "de", {key: f"pl {key}" for key in keys})
    after = loads_questionnaire(edited, path)
    texts = dict(questionnaire_texts(after))
    assert all(texts[key].values["pl"] == f"pl {key}" for key in keys)
    # The German texts are untouched, and changing one again replaces it in place.
    assert all(
        texts[key].values["de"] == text.values["de"] for key, text in questionnaire_texts(before)
    )
    again = loads_questionnaire(set_texts(edited, "pl", "de", {"title": "Tytuł"}), path)
    assert again.title.values["pl"] == "Tytuł"


PLAIN_YAML = """\
id: einfach
version: "1"
audience: parents
languages: [de, en]
title: Einfach   # a comment stays
description: |-
  Zwei Zeilen
  Text.

pages:
  - id: p
    questions:
      - id: q
        type: text
        label:
          de: |
            Block
        hint: 'Hinweis: kurz'
"""


def test_plain_and_block_texts_become_mappings(tmp_path: Path) -> None:
    path = tmp_path / "einfach.yaml"
    texts = {
        "title": "Simple",
        "description": "Two lines",
        "page p / question q / label": "Block en",
        "page p / question q / hint": "Hint",
    }
    edited = set_texts(PLAIN_YAML, "en", "de", texts)
    after = loads_questionnaire(edited, path)
    assert after.title.values == {"de": "Einfach", "en": "Simple"}
    assert after.description.values == {"de": "Zwei Zeilen\nText.", "en": "Two lines"}
    question = after.pages[0].questions[0]
    assert question.label.values == {"de": "Block", "en": "Block en"}
    assert question.hint.values == {"de": "Hinweis: kurz", "en": "Hint"}
    assert "# a comment stays" in edited and "\n\npages:" in edited


def test_unknown_key_is_refused() -> None:
    with pytest.raises(TextEditError):
        set_texts(PLAIN_YAML, "en", "de", {"page p / question nope / label": "x"})
