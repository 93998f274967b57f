"""``ankommen demo-data``, ``brief``, ``analyse`` and ``quotes`` through the CLI."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def demo(runner):
    result = runner.invoke(args=["demo-data", "--responses", "150", "--seed", "4"])
    assert result.exit_code == 0, result.output
    return result


def test_demo_data__stores_responses_and_prints_the_brief_path(runner, tmp_path):
    result = runner.invoke(
        args=[
            "demo-data",
            "--responses",
            "150",
            "--seed",
            "4",
            "--brief",
            str(tmp_path / "demo.pdf"),
        ]
    )
    assert result.exit_code == 0, result.output
    assert "demo responses to eltern-0-10" in result.output
    assert f"Brief: {tmp_path / 'demo.pdf'}" in result.output
    assert (tmp_path / "demo.pdf").read_bytes().startswith(b"%PDF")


def test_brief__filtered_by_district_in_english(demo, runner, tmp_path):
    target = tmp_path / "out" / "nord.pdf"
    result = runner.invoke(
        args=[
            "brief",
            "eltern-0-10",
            "-o",
            str(target),
            "--district",
            "nordviertel",
            "--lang",
            "en",
        ]
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF") and "Wrote" in result.output


def test_brief__unknown_questionnaire_or_district__says_what_exists(runner, tmp_path):
    result = runner.invoke(args=["brief", "nope", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code != 0 and "known: eltern-0-10" in result.output
    result = runner.invoke(
        args=["brief", "eltern-0-10", "--district", "mars", "-o", str(tmp_path / "x.pdf")]
    )
    assert (
        result.exit_code != 0
        and "Unknown value for “district”: mars" in result.output
        and "lindenhof" in result.output
    )


def test_analyse__json_tables(demo, runner, tmp_path):
    target = tmp_path / "tables.json"
    result = runner.invoke(args=["analyse", "eltern-0-10", "--format", "json", "-o", str(target)])
    assert result.exit_code == 0, result.output
    payload = json.loads(target.read_text(encoding="utf-8"))
    assert (
        payload["meta"]["questionnaire"] == "eltern-0-10" and payload["meta"]["min_group_size"] == 5
    )
    assert payload["reach"] and all(r["count"] is None or r["count"] >= 5 for r in payload["reach"])


def test_quotes__list_approve_reject(demo, runner):
    listed = runner.invoke(args=["quotes", "list", "kinder-6-10"])
    assert listed.exit_code == 0
    first, second = listed.output.splitlines()[:2]
    response_id, question_id = first.split(":")[0].split()
    assert (
        runner.invoke(
            args=["quotes", "approve", response_id, question_id, "--user", "anna"]
        ).exit_code
        == 0
    )
    response_id2, question_id2 = second.split(":")[0].split()
    assert runner.invoke(args=["quotes", "reject", response_id2, question_id2]).exit_code == 0
    everything = runner.invoke(args=["quotes", "list", "kinder-6-10", "--all"]).output
    assert f"{response_id} {question_id} [approved]" in everything
    assert f"{response_id2} {question_id2} [rejected]" in everything
    missing = runner.invoke(args=["quotes", "approve", "no-such-id", "wunsch"])
    assert missing.exit_code != 0 and "There is no response" in missing.output


def test_analyse__takes_the_results_pages_filters(demo, app, runner, tmp_path):
    from sqlalchemy import select

    from survey_app.storage import responses
    from survey_app.storage.db import get_engine

    with app.app_context(), get_engine().connect() as conn:
        stored = conn.execute(
            select(responses.c.answers).where(responses.c.questionnaire_id == "eltern-0-10")
        ).scalars()
        singles = sum(json.loads(text).get("single_parent") == "yes" for text in stored)
    target = tmp_path / "single.json"
    args = ["analyse", "eltern-0-10", "--format", "json", "-o", str(target)]
    result = runner.invoke(args=[*args, "--answer", "single_parent=yes"])
    assert result.exit_code == 0, result.output
    meta = json.loads(target.read_text(encoding="utf-8"))["meta"]
    assert meta["filters"] == {"answer": ["single_parent:yes"]} and meta["responses"] == singles
    bad = runner.invoke(args=[*args, "--since", "gestern"])
    assert bad.exit_code != 0 and "Not a date for “since”: gestern" in bad.output
