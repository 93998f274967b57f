"""Responses into a tidy frame: roles, life phases, districts, equity groups."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.frame_builder import score_values
from analysis.loading import (
    Filters,
    load_export,
    load_responses,
    responses_from_records,
)
from survey_app.storage import NewResponse, make_engine, migrate, new_token, store_response
from tests.analysis.handmade import PARENT_ROWS


def test_frame__life_phase_from_age_and_district_from_answer(parents, frame_of):
    frame = frame_of(parents, PARENT_ROWS).frame
    assert list(frame["life_phase"].astype(object).where(frame["life_phase"].notna(), None)) == [
        "0-3", "3-6", "3-6", "0-3", None, "3-6", "0-3", "3-6", "0-3",
    ]  # fmt: skip
    assert frame["district"].isna().tolist() == [
        False,
        False,
        False,
        True,
        False,
        False,
        False,
        False,
        False,
    ]


def test_frame__equity_groups__member_rest_or_missing(parents, frame_of):
    frame = frame_of(parents, PARENT_ROWS).frame
    language = frame["eq:sprache"].astype(object).where(frame["eq:sprache"].notna(), None).tolist()
    assert language == ["rest", "member", "member", None, None, "rest", "rest", None, "member"]
    single = frame["eq:allein"].astype(object).where(frame["eq:allein"].notna(), None).tolist()
    assert single[:3] == ["rest", "member", None]


def test_frame__used_counts_as_known_and_matrix_answers_by_offer(parents, frame_of):
    frame = frame_of(parents, PARENT_ROWS).frame
    assert frame["known:treff"].tolist() == [
        True,
        False,
        True,
        False,
        True,
        False,
        True,
        False,
        True,
    ]
    assert frame["used:treff"].tolist() == [
        True,
        False,
        True,
        False,
        False,
        False,
        False,
        False,
        True,
    ]
    assert frame["answered:awareness"].tolist() == [True] * 7 + [False, True]
    assert frame["benefit:treff"].tolist()[:3] == ["ja", np.nan, "teils"]
    assert frame["barrier:nordhaus"].tolist()[0] == "zeit"


def test_frame__score_only_when_all_items_answered(parents, frame_of):
    frame = frame_of(parents, PARENT_ROWS).frame
    assert frame["score:wohl"].tolist()[:3] == [30.0, 10.0, 40.0]
    assert frame["score:wohl"].isna().sum() == 6


def test_score_values__same_as_score_compute(parents):
    score = parents.scores[0]
    answers = [
        {"w1": "2", "w2": "0"},
        {"w1": "1"},
        {"w1": 2, "w2": "x"},
        {"w1": "0", "w2": "2"},
        {},
    ]
    expected = [score.compute(a) for a in answers]
    got = score_values(score, [[a.get(item) for a in answers] for item in score.items])
    assert [None if np.isnan(v) else v for v in got] == expected


def test_filtered__district_and_life_phase(parents, frame_of):
    data = frame_of(parents, PARENT_ROWS)
    assert len(data.filtered(Filters(district="sued"))) == 3
    assert len(data.filtered(Filters(life_phase="3-6"))) == 4
    assert len(data.filtered(Filters(district="sued", life_phase="0-3"))) == 2


def store(engine, questionnaire, rows, **meta):
    with engine.begin() as conn:
        for answers in rows:
            store_response(
                conn,
                NewResponse(
                    questionnaire_id=questionnaire.id,
                    questionnaire_version=questionnaire.version,
                    questionnaire_hash=questionnaire.content_hash,
                    language=meta.get("language", "de"),
                    mode="kiosk",
                    event_code=meta.get("event_code"),
                    district=meta.get("district"),
                    answers=answers,
                ),
                token=new_token(),
            )


def test_load_responses__database_gives_the_same_frame_as_records(db_url, parents):
    engine = make_engine(db_url)
    migrate(engine)
    store(engine, parents, PARENT_ROWS, event_code="FEST22")
    store(engine, parents, PARENT_ROWS[:2], event_code="OTHER2")
    data = load_responses(engine, parents, batch_size=4)
    assert len(data) == 11
    only = load_responses(engine, parents, Filters(event="FEST22"))
    expected = responses_from_records([{"answers": a} for a in PARENT_ROWS], parents).frame
    columns = [
        c
        for c in expected.columns
        if c not in ("response_id", "submitted_on", "language", "event_code")
    ]
    got = only.frame.sort_values("score:wohl", kind="stable")
    # Row order follows the database; compare column sums, which do not depend on it.
    for column in columns:
        if expected[column].dtype == bool or expected[column].dtype == float:
            assert got[column].sum() == pytest.approx(expected[column].sum()), column
        else:
            assert (
                got[column].value_counts().to_dict() == expected[column].value_counts().to_dict()
            ), column
    assert str(only.frame["submitted_on"].dtype).startswith("datetime64")
    engine.dispose()


def test_load_responses__no_responses__gives_an_empty_frame_with_all_columns(tmp_path, parents):
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    migrate(engine)
    data = load_responses(engine, parents)
    assert len(data) == 0 and "known:treff" in data.frame and "score:wohl" in data.frame


def test_load_responses__district_without_district_question__comes_from_the_event(
    tmp_path, children
):
    engine = make_engine(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    migrate(engine)
    store(engine, children, [{"alter": 4}], district="west")
    data = load_responses(engine, children)
    assert data.frame["district"].tolist() == ["west"]


def test_load_export__json_lines_and_json(tmp_path: Path, parents):
    lines = tmp_path / "export.jsonl"
    lines.write_text(
        "\n".join(json.dumps({"id": f"x{i}", "answers": a}) for i, a in enumerate(PARENT_ROWS))
    )
    listed = tmp_path / "export.json"
    listed.write_text(json.dumps([{"id": "y", **PARENT_ROWS[0]}]))  # flat record
    assert load_export(lines, parents).frame["known:treff"].sum() == 5
    flat = load_export(listed, parents).frame
    assert flat["used:treff"].tolist() == [True] and flat["response_id"].tolist() == ["y"]


def test_frame__values_the_questionnaire_does_not_know__are_ignored(parents):
    rows = [{"alter": 1, "kennt": ["treff", "gibts-nicht"], "nutzt": ["treff"],
             "hilft": {"treff": "vielleicht", "unbekannt": "ja"}, "w1": "7", "w2": "1"}]  # fmt: skip
    frame = responses_from_records([{"answers": r} for r in rows], parents).frame
    assert frame["known:treff"].tolist() == [True]
    assert frame["benefit:treff"].isna().all()
    assert frame["score:wohl"].tolist() == [80.0]  # the score takes numbers as they are


def test_frame__malformed_answers__are_read_as_missing(parents):
    rows = [
        {
            "alter": "vier",
            "wohnort": ["nord"],
            "kennt": "treff",
            "hilft": ["x"],
            "w1": [1],
            "w2": "1",
        }
    ]
    frame = responses_from_records([{"answers": r} for r in rows], parents).frame
    assert pd.isna(frame["life_phase"][0]) and pd.isna(frame["district"][0])
    assert np.isnan(frame["score:wohl"][0])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_load_export__raw_export_file__same_frame_as_the_database(tmp_path, parents, fmt):
    from survey_app.exports import build_export
    from survey_app.storage import iter_responses

    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    migrate(engine)
    store(engine, parents, PARENT_ROWS, event_code="FEST22", district="nord")
    with engine.connect() as conn:
        export = build_export(parents, list(iter_responses(conn, parents.id)), fmt)
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(export.files[0].content)
    from_file = load_export(path, parents).frame
    from_db = load_responses(engine, parents).frame
    assert list(from_file.columns) == list(from_db.columns)
    for column in from_db.columns:
        if column == "submitted_on":
            continue
        left = from_file[column].astype(object).where(from_file[column].notna(), None).tolist()
        right = from_db[column].astype(object).where(from_db[column].notna(), None).tolist()
        assert left == right, column
    engine.dispose()
