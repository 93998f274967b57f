"""Versions that never lose an answer: the rename scenario of issue 13, on SQLite and
PostgreSQL, through publish, the raw export and the analysis loading."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine

from analysis.loading import load_responses
from survey_app import storage
from survey_app.exports import export_responses
from survey_app.publishing import publish
from survey_app.questionnaire import QuestionnaireLibrary
from survey_app.storage import make_engine, migrate
from survey_app.versions import list_versions, response_counts
from tests.coordinator.conftest import SITE_YAML

V1 = """\
id: kita
version: "1"
site: site.yaml
audience: parents
languages: [de, en]
default_language: de
title: {de: Kita-Start, en: Nursery start}
pages:
  - id: seite
    questions:
      - id: mitgebracht
        type: multiple_choice
        role: barrier
        label: {de: "Was habt ihr dabei?", en: "What did you bring?"}
        choices:
          - {value: rucksack, label: {de: Rucksack, en: Backpack}}
          - {value: brotdose, label: {de: Brotdose, en: Lunch box}}
"""
V2 = V1.replace('version: "1"', 'version: "2"').replace(
    "{value: rucksack, label: {de: Rucksack, en: Backpack}}",
    "{value: rucksack_kita, label: {de: Kita-Rucksack, en: Nursery backpack}}",
)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    (folder / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    return folder


def _publish(engine: Engine, folder: Path, text: str, **decisions: str | None):
    return publish(engine, folder, "kita.yaml", text, {}, "koordination", decisions)


def _store_ticks(engine: Engine, folder: Path, count: int) -> None:
    questionnaire = QuestionnaireLibrary(folder).get("kita")
    assert questionnaire is not None
    with engine.begin() as conn:
        for _ in range(count):
            storage.store_response(
                conn,
                storage.NewResponse(
                    questionnaire_id="kita",
                    questionnaire_version=questionnaire.version,
                    questionnaire_hash=questionnaire.content_hash,
                    language="de",
                    mode="kiosk",
                    event_code=None,
                    district=None,
                    answers={"mitgebracht": ["rucksack", "brotdose"]},
                ),
                token=storage.new_token(),
            )


def _exported(engine: Engine, folder: Path) -> pd.DataFrame:
    questionnaire = QuestionnaireLibrary(folder).get("kita")
    assert questionnaire is not None
    with engine.begin() as conn:
        export = export_responses(conn, questionnaire, "xlsx", "test")
    return pd.read_excel(io.BytesIO(export.files[0].content), sheet_name=None)


def test_rename_scenario__refused_then_renamed_or_retired(engine: Engine, folder: Path) -> None:
    assert _publish(engine, folder, V1).status == "published"
    _store_ticks(engine, folder, 10)

    refused = _publish(engine, folder, V2)
    assert refused.status == "needs_decisions"
    assert [(loss.key, loss.count) for loss in refused.losses] == [("mitgebracht:rucksack", 10)]
    assert "rucksack_kita" in refused.losses[0].candidates
    assert QuestionnaireLibrary(folder).get("kita").version == "1"  # nothing written

    # Decided: keep as retired (a dry run only), then: rename (published)
    retired = publish(
        engine, folder, "kita.yaml", V2, {}, "k", {"mitgebracht:rucksack": None}, dry_run=True
    )
    assert retired.status == "ready"
    renamed = _publish(engine, folder, V2, **{"mitgebracht:rucksack": "rucksack_kita"})
    assert renamed.status == "published", renamed
    assert QuestionnaireLibrary(folder).get("kita").version == "2"

    sheets = _exported(engine, folder)
    table, book = sheets["responses"], sheets["codebook"]
    assert table["mitgebracht__rucksack_kita"].tolist() == [1] * 10
    assert table["mitgebracht__brotdose"].tolist() == [1] * 10
    assert "mitgebracht__rucksack" not in table.columns
    assert "mitgebracht__rucksack_kita" in book["column"].tolist()

    questionnaire = QuestionnaireLibrary(folder).get("kita")
    frame = load_responses(engine, questionnaire).frame
    assert frame["reason:rucksack_kita"].sum() == 10

    with engine.connect() as conn:
        versions = list_versions(conn, "kita")
        counts = response_counts(conn, "kita")
    assert [v.version for v in versions] == ["1", "2"]
    assert versions[1].decisions[0].to == "rucksack_kita"
    assert counts == {versions[0].content_hash: 10}


def test_rename_scenario__retired_choice_keeps_its_column(engine: Engine, folder: Path) -> None:
    assert _publish(engine, folder, V1).status == "published"
    _store_ticks(engine, folder, 10)

    outcome = _publish(engine, folder, V2, **{"mitgebracht:rucksack": None})
    assert outcome.status == "published", outcome

    sheets = _exported(engine, folder)
    table, book = sheets["responses"], sheets["codebook"]
    assert table["mitgebracht__rucksack"].tolist() == [1] * 10
    assert table["mitgebracht__rucksack_kita"].tolist() == [0] * 10
    labels = dict(zip(book["column"], book["code_label"], strict=True))
    assert labels["mitgebracht__rucksack"].startswith("Rucksack")

    # The retired choice is remembered: the next version asks nothing more about it.
    v3 = V2.replace('version: "2"', 'version: "3"')
    assert _publish(engine, folder, v3).status == "published"
    assert _exported(engine, folder)["responses"]["mitgebracht__rucksack"].tolist() == [1] * 10


def test_wrong_target_and_unknown_file_are_refused(engine: Engine, folder: Path) -> None:
    assert _publish(engine, folder, V1).status == "published"
    _store_ticks(engine, folder, 2)
    wrong = _publish(engine, folder, V2, **{"mitgebracht:rucksack": "koffer"})
    assert wrong.status == "needs_decisions"
    assert wrong.decision_problems == ["mitgebracht:rucksack → koffer"]
    broken = _publish(engine, folder, V2.replace("type: multiple_choice", "type: viele"))
    assert broken.status == "invalid"
    assert any(p.is_error and p.path == "kita.yaml" for p in broken.problems)
    assert _publish(engine, folder, V1).status == "unchanged"


A1 = """\
id: kita
version: "1"
site: site.yaml
audience: parents
languages: [de]
default_language: de
title: {de: Kita}
choice_lists:
  skala:
    - {value: ja, label: {de: Ja}}
    - {value: nein, label: {de: Nein}}
pages:
  - id: seite
    questions:
      - {id: alter, type: integer, label: {de: Alter}}
      - {id: notiz, type: text, label: {de: Notiz}}
      - id: orte
        type: matrix
        label: {de: Orte}
        choices: skala
        rows:
          - {value: park, label: {de: Park}}
          - {value: schule, label: {de: Schule}}
"""
A2 = (
    A1.replace('version: "1"', 'version: "2"')
    .replace(
        "{id: alter, type: integer, label: {de: Alter}}",
        "{id: alter_kind, type: integer, label: {de: Alter des Kindes}}",
    )
    .replace("      - {id: notiz, type: text, label: {de: Notiz}}\n", "")
    .replace(
        "{value: schule, label: {de: Schule}}", "{value: grundschule, label: {de: Grundschule}}"
    )
)


def test_questions_and_matrix_rows__renamed_and_retired(engine: Engine, folder: Path) -> None:
    assert publish(engine, folder, "kita.yaml", A1, {}, "k", {}).status == "published"
    questionnaire = QuestionnaireLibrary(folder).get("kita")
    with engine.begin() as conn:
        for _ in range(4):
            storage.store_response(
                conn,
                storage.NewResponse(
                    questionnaire_id="kita",
                    questionnaire_version="1",
                    questionnaire_hash=questionnaire.content_hash,
                    language="de",
                    mode="kiosk",
                    event_code=None,
                    district=None,
                    answers={"alter": 5, "notiz": "x", "orte": {"park": "ja", "schule": "nein"}},
                ),
                token=storage.new_token(),
            )
    refused = publish(engine, folder, "kita.yaml", A2, {}, "k", {})
    assert refused.status == "needs_decisions"
    assert [(loss.key, loss.count) for loss in refused.losses] == [
        ("alter", 4),
        ("notiz", 4),
        ("orte/schule", 4),
    ]
    decisions = {"alter": "alter_kind", "notiz": None, "orte/schule": "grundschule"}
    assert publish(engine, folder, "kita.yaml", A2, {}, "k", decisions).status == "published"

    table = _exported(engine, folder)["responses"]
    assert table["alter_kind"].tolist() == [5] * 4
    assert table["notiz"].tolist() == ["x"] * 4
    assert table["orte__grundschule"].tolist() == ["nein"] * 4
    assert table["orte__park"].tolist() == ["ja"] * 4
