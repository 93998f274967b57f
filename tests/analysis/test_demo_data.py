"""Demo data: valid answers, and every planted effect is found again."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select

from analysis.demo_data import fill_demo_data, generate_responses
from analysis.demo_population import PLANTED
from analysis.equity import established
from analysis.loading import responses_from_records
from analysis.results import analyse
from analysis.statistics import newcombe_difference, wilson
from survey_app.questionnaire import QuestionnaireLibrary
from survey_app.storage import events, make_engine, migrate, quotes, responses

SHIPPED = Path(__file__).resolve().parents[2] / "questionnaires"


@pytest.fixture(scope="module")
def library() -> QuestionnaireLibrary:
    return QuestionnaireLibrary(SHIPPED)


@pytest.fixture(scope="module")
def parents_analysis(library):
    questionnaire = library.get("eltern-0-10")
    records = generate_responses(questionnaire, 3000, np.random.default_rng(2024))
    return analyse(responses_from_records(records, questionnaire), min_group_size=5)


@pytest.mark.parametrize("questionnaire_id", ["eltern-0-10", "kinder-6-10", "jugend-10-16"])
def test_generated_answers__pass_validation(library, questionnaire_id):
    questionnaire = library.get(questionnaire_id)
    for record in generate_responses(questionnaire, 150, np.random.default_rng(1)):
        assert questionnaire.validate(record["answers"]) == [], record["answers"]


def test_planted__familienzentrum_known_25_points_less_by_other_language(parents_analysis):
    gap = next(
        g
        for g in parents_analysis.gaps
        if (g.offer, g.question_id, g.measure) == ("familienzentrum", "home_languages", "known")
    )
    interval = newcombe_difference(gap.member.count, gap.member.n, gap.rest.count, gap.rest.n)
    assert interval.low <= PLANTED.familienzentrum_language_gap <= interval.high
    assert established(parents_analysis.gaps)[parents_analysis.gaps.index(gap)]


def test_planted__schulsozialarbeit_hardly_used_in_lindenhof(parents_analysis):
    reach = parents_analysis.reach
    there = reach.cell(
        "schulsozialarbeit", "district", PLANTED.schulsozialarbeit_district
    ).used_of_known
    interval = wilson(there.count, there.n)
    assert interval.low <= PLANTED.schulsozialarbeit_used_if_known_there <= interval.high
    elsewhere = reach.cell("schulsozialarbeit", "district", "altstadt").used_of_known
    interval = wilson(elsewhere.count, elsewhere.n)
    assert interval.low <= PLANTED.schulsozialarbeit_used_if_known_elsewhere <= interval.high


def test_planted__opening_hours_top_barrier_for_the_elterncafe(parents_analysis):
    barriers = next(b for b in parents_analysis.barriers if b.offer == "elterncafe")
    reason, share = barriers.ranked()[0]
    assert reason == PLANTED.elterncafe_top_barrier
    interval = wilson(share.count, share.n)
    assert interval.low <= PLANTED.elterncafe_top_barrier_share <= interval.high


def test_fill__adds_events_responses_and_quotes__replace_removes_the_old(tmp_path, library):
    engine = make_engine(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    migrate(engine)
    first = fill_demo_data(engine, library.all(), 120, seed=1)
    assert sum(first.responses.values()) == 120 and first.approved_quotes > 0
    fill_demo_data(engine, library.all(), 60, seed=2)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(responses)).scalar() == 180
        assert conn.execute(select(func.count()).select_from(events)).scalar() == 6
    replaced = fill_demo_data(engine, library.all(), 30, seed=3, replace=True)
    assert replaced.removed == 180
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(responses)).scalar() == 30
        approved = conn.execute(select(func.count()).select_from(quotes)).scalar()
        assert approved == replaced.approved_quotes
    engine.dispose()
