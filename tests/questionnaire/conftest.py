"""Fixtures for the questionnaire model: a small site file and questionnaire in a folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from survey_app.questionnaire import Questionnaire, load_questionnaire

SITE_YAML = """\
municipality: {de: Stadt Beispielstadt, en: City of Beispielstadt}
languages: [de, en]
branding:
  colour: "#1f5f7a"
districts:
  - id: altstadt
    name: {de: Altstadt, en: Old Town}
  - id: nord
    name: {de: Nordviertel, en: North}
life_phases:
  - id: vor-geburt
    name: {de: Schwangerschaft, en: Pregnancy}
  - id: "0-3"
    name: {de: unter 3 Jahre, en: under 3}
    from_age: 0
    to_age: 3
  - id: "3-6"
    name: {de: 3 bis 6 Jahre, en: 3 to 6}
    from_age: 3
    to_age: 6
categories:
  - id: familienbildung
    name: {de: Familienbildung, en: Family education}
offers:
  - id: familienzentrum
    name: {de: Familienzentrum, en: Family centre}
    category: familienbildung
    life_phases: ["0-3", "3-6"]
    districts: all
  - id: babybesuch
    name: {de: Babybesuch, en: Baby visit}
    category: familienbildung
    life_phases: ["0-3"]
    districts: [nord]
"""

QUESTIONNAIRE_YAML = """\
id: eltern
version: "2"
site: site.yaml
audience: parents
languages: [de, en]
default_language: de
title: {de: Elternbefragung, en: Parent survey}
choice_lists:
  ja_nein:
    - value: ja
      label: {de: Ja, en: "Yes"}
    - value: nein
      label: {de: Nein, en: "No"}
  who5_skala:
    - value: "0"
      label: {de: zu keinem Zeitpunkt, en: at no time}
    - value: "5"
      label: {de: die ganze Zeit, en: all of the time}
scores:
  - id: who5
    label: {de: WHO-5, en: WHO-5}
    items: [who5_1, who5_2]
    method: sum
    reverse: [who5_2]
    factor: 10
    bands:
      - id: gering
        label: {de: gering, en: poor}
        below: 50
      - id: gut
        label: {de: gut, en: good}
pages:
  - id: kind
    title: {de: Ihr Kind, en: Your child}
    questions:
      - id: alter
        type: integer
        label: {de: "Wie alt ist Ihr Kind?", en: "How old is your child?"}
        required: true
        min: 0
        max: 17
        role: child_age
      - id: stadtteil
        type: single_choice
        label: {de: "Wo wohnen Sie?", en: "Where do you live?"}
        choices: districts
        role: district
      - id: alleinerziehend
        type: yes_no
        label: {de: "Sind Sie alleinerziehend?", en: "Are you a single parent?"}
        role: equity_group
        equity_group:
          label: {de: Alleinerziehende, en: Single parents}
          members: ["yes"]
  - id: angebote
    relevant: ${alter} < 6
    questions:
      - id: bekannt
        type: multiple_choice
        label: {de: "Welche Angebote kennen Sie?", en: "Which offers do you know?"}
        choices: offers
        choice_filter: selected(districts, ${stadtteil})
        role: offer_awareness
      - id: genutzt
        type: multiple_choice
        label: {de: "Welche haben Sie genutzt?", en: "Which have you used?"}
        choices: offers
        relevant: count-selected(${bekannt}) > 0
        constraint: count-selected(.) <= 5
        constraint_message: {de: Höchstens fünf, en: At most five}
        role: offer_use
      - id: nutzen
        type: matrix
        label: {de: "Wie hilfreich war das?", en: "How helpful was it?"}
        rows: offers
        choice_filter: selected(${genutzt}, name)
        choices: ja_nein
        role: offer_benefit
  - id: wohl
    questions:
      - id: who5_1
        type: single_choice
        label: {de: Ich war froh, en: I felt cheerful}
        choices: who5_skala
        role: wellbeing
      - id: who5_2
        type: rating
        points: 5
        label: {de: Ich war ruhig, en: I felt calm}
        low_label: {de: nie, en: never}
        high_label: {de: immer, en: always}
        role: wellbeing
      - id: punkte
        type: dot_vote
        points: 5
        label: {de: "Was ist am wichtigsten?", en: "What matters most?"}
        choices: ja_nein
        role: priority
      - id: geburtstag
        type: date
        label: {de: Datum, en: Date}
      - id: wunsch
        type: long_text
        label: {de: Ihr Wunsch, en: Your wish}
        role: wish
      - id: danke
        type: note
        label: {de: Danke!, en: Thank you!}
"""


def write(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` (dedented) to ``folder/name`` and return the path."""
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A questionnaire folder with the sample site file and questionnaire."""
    write(tmp_path, "site.yaml", SITE_YAML)
    write(tmp_path, "eltern.yaml", QUESTIONNAIRE_YAML)
    (tmp_path / "pictograms").mkdir()
    return tmp_path


@pytest.fixture
def questionnaire(folder: Path) -> Questionnaire:
    """The sample questionnaire, loaded."""
    return load_questionnaire(folder / "eltern.yaml")


@pytest.fixture(autouse=True)
def english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI speaks the environment's language: tests expect English unless they say."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
