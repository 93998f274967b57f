"""Small questionnaires written inline, so each test reads as a specification."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from analysis.loading import ResponseData, responses_from_records
from survey_app.questionnaire import Questionnaire, load_questionnaire

SITE = """
municipality: {de: Teststadt, en: Test Town}
languages: [de, en]
branding: {colour: "#2a6041"}
districts:
  - {id: nord, name: {de: Nord, en: North}}
  - {id: sued, name: {de: Süd, en: South}}
  - {id: west, name: {de: West, en: West}}
life_phases:
  - {id: vor-geburt, name: {de: Schwangerschaft, en: Pregnancy}}
  - {id: "0-3", name: {de: 0 bis 2 Jahre, en: 0 to 2 years}, from_age: 0, to_age: 3}
  - {id: "3-6", name: {de: 3 bis 5 Jahre, en: 3 to 5 years}, from_age: 3, to_age: 6}
offers:
  - {id: treff, name: {de: Elterntreff, en: Parents' meeting}, life_phases: ["0-3", "3-6"], districts: all}
  - {id: kita, name: {de: Kita-Beratung, en: Kita advice}, life_phases: ["3-6"], districts: all}
  - {id: nordhaus, name: {de: Nordhaus, en: North house}, life_phases: ["0-3", "3-6"], districts: [nord]}
"""

PARENTS = """
id: mini
version: "1"
site: site.yaml
audience: parents
languages: [de, en]
default_language: de
title: {de: Mini-Befragung, en: Mini survey}
choice_lists:
  sprachen:
    - {value: deutsch, label: {de: Deutsch, en: German}}
    - {value: andere, label: {de: Andere, en: Other}}
  hilft:
    - {value: ja, label: {de: Ja, en: "Yes"}}
    - {value: teils, label: {de: Teils, en: Partly}}
    - {value: nein, label: {de: Nein, en: "No"}}
  gruende:
    - {value: zeit, label: {de: Zeiten passen nicht, en: Times}}
    - {value: kosten, label: {de: Zu teuer, en: Cost}}
    - {value: bedarf, label: {de: Kein Bedarf, en: No need}}
  skala:
    - {value: "0", label: {de: nie, en: never}}
    - {value: "1", label: {de: manchmal, en: sometimes}}
    - {value: "2", label: {de: oft, en: often}}
scores:
  - id: wohl
    label: {de: Wohlbefinden, en: Wellbeing}
    items: [w1, w2]
    method: sum
    factor: 10
    bands:
      - {id: niedrig, label: {de: niedrig, en: low}, below: 20}
      - {id: hoch, label: {de: hoch, en: high}}
pages:
  - id: p1
    questions:
      - {id: alter, type: integer, role: child_age, min: 0, max: 17, label: {de: Alter, en: Age}}
      - {id: wohnort, type: single_choice, choices: districts, role: district, label: {de: Wo, en: Where}}
      - id: sprache
        type: multiple_choice
        choices: sprachen
        role: equity_group
        equity_group: {label: {de: Familien mit anderer Sprache, en: Other language}, members: [andere]}
        label: {de: Sprache, en: Language}
      - id: allein
        type: yes_no
        role: equity_group
        equity_group: {label: {de: Alleinerziehende, en: Single parents}, members: ["yes"]}
        label: {de: "Allein?", en: "Alone?"}
      - {id: kennt, type: multiple_choice, choices: offers, role: offer_awareness, label: {de: Kennen, en: Know}}
      - {id: nutzt, type: multiple_choice, choices: offers, role: offer_use, label: {de: Nutzen, en: Use}}
      - {id: hilft, type: matrix, rows: offers, choices: hilft, role: offer_benefit, label: {de: Hilft, en: Helps}}
      - {id: warum, type: matrix, rows: offers, choices: gruende, role: barrier, label: {de: Warum, en: Why}}
      - {id: w1, type: single_choice, choices: skala, role: wellbeing, label: {de: W1, en: W1}}
      - {id: w2, type: single_choice, choices: skala, role: wellbeing, label: {de: W2, en: W2}}
"""

CHILDREN = """
id: kids
version: "1"
site: site.yaml
audience: children
languages: [de, en]
default_language: de
title: {de: Kinder, en: Children}
choice_lists:
  gesicht:
    - {value: "1", label: {de: schlecht, en: bad}}
    - {value: "2", label: {de: geht so, en: so-so}}
    - {value: "3", label: {de: gut, en: good}}
pages:
  - id: p1
    questions:
      - {id: alter, type: integer, role: child_age, min: 3, max: 5, label: {de: Alter, en: Age}}
      - {id: spass, type: smiley, points: 3, choices: gesicht, label: {de: "Spaß?", en: "Fun?"}}
      - id: wunschliste
        type: dot_vote
        role: priority
        points: 3
        label: {de: Punkte, en: Points}
        choices:
          - {value: spielplatz, label: {de: Spielplatz, en: Playground}}
          - {value: park, label: {de: Park, en: Park}}
          - {value: wege, label: {de: Wege, en: Paths}}
      - {id: wunsch, type: text, role: wish, label: {de: Wunsch, en: Wish}}
"""


def write_questionnaire(folder: Path, text: str, name: str = "q.yaml") -> Questionnaire:
    """Write the site file and ``text`` into ``folder`` and load the questionnaire."""
    (folder / "site.yaml").write_text(SITE, encoding="utf-8")
    (folder / name).write_text(text, encoding="utf-8")
    return load_questionnaire(folder / name)


@pytest.fixture
def parents(tmp_path: Path) -> Questionnaire:
    """The small parents' questionnaire (offers treff, kita, nordhaus)."""
    return write_questionnaire(tmp_path, PARENTS)


@pytest.fixture
def children(tmp_path: Path) -> Questionnaire:
    """The small children's questionnaire (smiley, dot vote, wish)."""
    return write_questionnaire(tmp_path, CHILDREN, "kids.yaml")


def records(rows: list[dict[str, Any]], **meta: Any) -> list[dict[str, Any]]:
    """Plain records with answers; ``meta`` (language, district, ...) for every row."""
    return [{"id": f"r{i}", "language": "de", **meta, "answers": row} for i, row in enumerate(rows)]


@pytest.fixture
def frame_of() -> Callable[..., ResponseData]:
    """Build response data from answer dicts: ``frame_of(questionnaire, [answers, ...])``."""

    def build(
        questionnaire: Questionnaire, rows: list[dict[str, Any]], **meta: Any
    ) -> ResponseData:
        return responses_from_records(records(rows, **meta), questionnaire)

    return build
