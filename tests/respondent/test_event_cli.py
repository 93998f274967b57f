"""``ankommen event create`` and ``ankommen event list``."""

from __future__ import annotations

import datetime
import re

from flask import Flask

from survey_app.storage import event_store as events
from survey_app.storage.db import get_engine


def test_event_create__prints_code_and_both_urls_and_stores_the_event(app: Flask, runner) -> None:
    result = runner.invoke(
        args=[
            "event",
            "create",
            "Stadtteilfest Altstadt",
            "--questionnaire",
            "eltern-0-10",
            "--questionnaire",
            "kinder-6-10",
            "--district",
            "altstadt",
            "--date",
            "2025-06-14",
        ]
    )
    assert result.exit_code == 0, result.output
    code = re.search(r"code ([A-Z0-9]{6})", result.output).group(1)
    assert f"http://127.0.0.1:5000/k/{code}" in result.output
    assert f"http://127.0.0.1:5000/e/{code}" in result.output
    with app.app_context(), get_engine().connect() as conn:
        event = events.get_event(conn, code)
    assert event.questionnaire_ids == ["eltern-0-10", "kinder-6-10"]
    assert (
        event.district == "altstadt"
        and event.held_on == datetime.date(2025, 6, 14)
        and event.mode == "both"
    )
    assert app.test_client().get(f"/k/{code}").status_code == 200


def test_event_create__kiosk_only_prints_only_the_kiosk_url(runner) -> None:
    result = runner.invoke(
        args=[
            "event",
            "create",
            "Kita-Fest",
            "--questionnaire",
            "kinder-6-10",
            "--date",
            "2025-07-01",
            "--mode",
            "kiosk",
            "--base-url",
            "https://umfrage.example",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "https://umfrage.example/k/" in result.output and "/e/" not in result.output


def test_event_create__explains_wrong_input(runner) -> None:
    unknown = runner.invoke(
        args=["event", "create", "X", "--questionnaire", "nope", "--date", "2025-06-14"]
    )
    assert unknown.exit_code != 0 and "There is no questionnaire 'nope'" in unknown.output
    district = runner.invoke(
        args=[
            "event",
            "create",
            "X",
            "--questionnaire",
            "kinder-6-10",
            "--district",
            "mars",
            "--date",
            "2025-06-14",
        ]
    )
    assert district.exit_code != 0 and "There is no district 'mars'" in district.output
    date = runner.invoke(
        args=["event", "create", "X", "--questionnaire", "kinder-6-10", "--date", "14.6.2025"]
    )
    assert date.exit_code != 0 and "YYYY-MM-DD" in date.output
    blank = runner.invoke(
        args=["event", "create", " ", "--questionnaire", "kinder-6-10", "--date", "2025-06-14"]
    )
    assert blank.exit_code != 0 and "needs a name" in blank.output


def test_event_list__newest_first_with_state(app: Flask, runner) -> None:
    assert "No events yet" in runner.invoke(args=["event", "list"]).output
    for name, day in (("Frühlingsfest", "2025-04-01"), ("Sommerfest", "2025-07-01")):
        runner.invoke(
            args=["event", "create", name, "--questionnaire", "kinder-6-10", "--date", day]
        )
    with app.app_context(), get_engine().begin() as conn:
        spring = next(e for e in events.list_events(conn) if e.name == "Frühlingsfest")
        events.set_closed(conn, spring.code)
    output = runner.invoke(args=["event", "list"]).output
    assert output.index("Sommerfest") < output.index("Frühlingsfest")
    assert re.search(r"2025-04-01\s+closed", output) and re.search(r"2025-07-01\s+open", output)
