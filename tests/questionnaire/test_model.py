"""The loaded model: resolved choices, relevance, filters, validation, scores, site."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey_app.questionnaire import Questionnaire, Text, load_site, model
from survey_app.questionnaire import answers as answers_module
from survey_app.questionnaire.answers import validate_answers

VALID = {
    "alter": 4,
    "stadtteil": "nord",
    "alleinerziehend": "no",
    "bekannt": ["babybesuch", "familienzentrum"],
    "genutzt": ["babybesuch"],
    "nutzen": {"babybesuch": "ja"},
    "who5_1": "5",
    "who5_2": 2,
    "punkte": {"ja": 3, "nein": 2},
    "geburtstag": "2024-02-29",
    "wunsch": "Mehr Spielplätze",
}


def codes(questionnaire: Questionnaire, answers: dict) -> list[tuple[str, str]]:
    return [(problem.question_id, problem.code) for problem in questionnaire.validate(answers)]


def test_load__resolves_lists_from_the_site_and_yes_no(questionnaire: Questionnaire) -> None:
    assert [c.value for c in questionnaire.question("stadtteil").choices] == ["altstadt", "nord"]
    offers = questionnaire.question("bekannt")
    assert offers.choice_list == "offers"
    assert offers.choices[1].attributes == {
        "category": "familienbildung",
        "life_phases": "0-3",
        "districts": "nord",
    }
    yes_no = questionnaire.question("alleinerziehend")
    assert [c.value for c in yes_no.choices] == ["yes", "no"]
    assert yes_no.choices[0].label.values == {"de": "Ja", "en": "Yes"}
    assert questionnaire.question("nutzen").row_list == "offers"
    assert questionnaire.site is not None and questionnaire.site_file == "site.yaml"


def test_load__keeps_metadata(questionnaire: Questionnaire, folder: Path) -> None:
    import hashlib

    assert questionnaire.version == "2"
    assert questionnaire.audience == "parents"
    assert (
        questionnaire.content_hash
        == hashlib.sha256((folder / "eltern.yaml").read_bytes()).hexdigest()
    )
    assert [q.id for q in questionnaire.questions_with_role("wellbeing")] == ["who5_1", "who5_2"]
    assert questionnaire.question("alter").line == 36  # "- id: alter" in QUESTIONNAIRE_YAML
    assert questionnaire.question("nope") is None


def test_text__falls_back_to_primary_then_fallback_then_any() -> None:
    text = Text({"de": "Hallo", "en": "Hello"})
    assert text.get("en") == "Hello"
    assert text.get("de-x-ls") == "Hallo"
    assert text.get("tr", fallback="en") == "Hello"
    assert text.get("tr") == "Hallo"
    assert text.languages == ["de", "en"]


def test_relevance__question_on_hidden_page_is_hidden(questionnaire: Questionnaire) -> None:
    page = questionnaire.page_of("genutzt")
    assert page is not None
    assert questionnaire.is_relevant(page, {"alter": 3})
    assert not questionnaire.is_relevant(page, {"alter": 8})
    assert not questionnaire.is_relevant(
        questionnaire.question("genutzt"), {"alter": 8, "bekannt": ["babybesuch"]}
    )
    assert questionnaire.is_relevant(
        questionnaire.question("genutzt"), {"alter": 3, "bekannt": ["babybesuch"]}
    )
    assert not questionnaire.is_relevant(questionnaire.question("genutzt"), {"alter": 3})


def test_relevance__page_relevance_on_unanswered_question_is_false(
    questionnaire: Questionnaire,
) -> None:
    assert not questionnaire.is_relevant(questionnaire.pages[1], {})


def test_visible_choices__choice_filter_uses_attributes(questionnaire: Questionnaire) -> None:
    question = questionnaire.question("bekannt")
    assert [
        c.value for c in questionnaire.visible_choices(question, {"stadtteil": "altstadt"})
    ] == ["familienzentrum"]
    assert len(questionnaire.visible_choices(question, {"stadtteil": "nord"})) == 2


def test_visible_choices__kept_per_value_of_the_answers_the_filter_reads(
    questionnaire: Questionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worked out once per value of ``stadtteil`` (the one answer the filter names):
    other answers do not matter, and alternating values never mix their lists."""
    question = questionnaire.question("bekannt")
    calls = []
    evaluate = model.is_true
    monkeypatch.setattr(model, "is_true", lambda *a, **k: calls.append(1) or evaluate(*a, **k))
    for other in range(3):
        for district, expected in (("altstadt", 1), ("nord", 2)):
            answers = {"stadtteil": district, "alter": other}
            assert len(questionnaire.visible_choices(question, answers)) == expected
    assert len(calls) == 2 * len(question.choices)  # the first round only
    assert len(questionnaire.visible_choices(question, {"stadtteil": "nord"})) == 2
    questionnaire.visible_choices(question, {"stadtteil": "nord"}).clear()  # a copy
    assert len(questionnaire.visible_choices(question, {"stadtteil": "nord"})) == 2


def test_visible_rows__matrix_rows_follow_earlier_answers(questionnaire: Questionnaire) -> None:
    question = questionnaire.question("nutzen")
    rows = questionnaire.visible_rows(question, {"genutzt": ["familienzentrum"]})
    assert [row.value for row in rows] == ["familienzentrum"]
    assert [c.value for c in questionnaire.visible_choices(question, {})] == ["ja", "nein"]


def test_constraint_holds(questionnaire: Questionnaire) -> None:
    question = questionnaire.question("genutzt")
    assert questionnaire.constraint_holds(question, ["a"], {})
    assert not questionnaire.constraint_holds(question, ["a", "b", "c", "d", "e", "f"], {})
    assert questionnaire.constraint_holds(questionnaire.question("alter"), 99, {})


def test_validate__a_valid_submission_has_no_problems(questionnaire: Questionnaire) -> None:
    assert questionnaire.validate(VALID) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"alter": None}, ("alter", "required")),
        ({"unbekannt": 1}, ("unbekannt", "unknown_question")),
        ({"alter": "4"}, ("alter", "wrong_type")),
        ({"alter": True}, ("alter", "wrong_type")),
        ({"alter": 18}, ("alter", "out_of_range")),
        ({"stadtteil": "mars"}, ("stadtteil", "unknown_choice")),
        ({"alleinerziehend": "ja"}, ("alleinerziehend", "unknown_choice")),
        ({"bekannt": "babybesuch"}, ("bekannt", "wrong_type")),
        ({"bekannt": ["babybesuch", "babybesuch"]}, ("bekannt", "wrong_type")),
        (
            {"genutzt": ["babybesuch"] * 1 + ["x1", "x2", "x3", "x4", "x5"]},
            ("genutzt", "unknown_choice"),
        ),
        ({"who5_2": 6}, ("who5_2", "out_of_range")),
        ({"who5_2": 2.5}, ("who5_2", "wrong_type")),
        ({"punkte": {"ja": 4, "nein": 2}}, ("punkte", "too_many_points")),
        ({"punkte": {"ja": -1}}, ("punkte", "out_of_range")),
        ({"punkte": {"vielleicht": 1}}, ("punkte", "unknown_choice")),
        ({"geburtstag": "2023-02-29"}, ("geburtstag", "invalid_date")),
        ({"geburtstag": "29.02.2024"}, ("geburtstag", "invalid_date")),
        ({"wunsch": "x" * 5001}, ("wunsch", "too_long")),
        ({"nutzen": {"familienzentrum": "ja"}}, ("nutzen", "unknown_choice")),
        ({"nutzen": {"babybesuch": "vielleicht"}}, ("nutzen", "unknown_choice")),
        ({"nutzen": ["ja"]}, ("nutzen", "wrong_type")),
        ({"danke": "x"}, ("danke", "wrong_type")),
    ],
)
def test_validate__reports_each_problem_code(
    questionnaire: Questionnaire, changes: dict, expected: tuple
) -> None:
    answers = {**VALID, **changes}
    answers = {key: value for key, value in answers.items() if value is not None}
    assert expected in codes(questionnaire, answers)


def test_validate__one_screen_s_questions_as_in_the_full_check_and_no_further(
    questionnaire: Questionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``only`` gives each question the problems the full check gives it, and stops
    after the last of them: no relevance of a later page is worked out."""
    broken = {**VALID, "alter": 18, "stadtteil": "mars", "wunsch": "x" * 5001, "danke": "x"}
    for answers in (VALID, broken, {**VALID, "alter": 8}):
        full = validate_answers(questionnaire, answers)
        for question in questionnaire.questions():
            alone = validate_answers(questionnaire, answers, only={question.id})
            assert alone == [p for p in full if p.question_id == question.id], question.id
    evaluated: list[object] = []
    evaluate = answers_module.is_true
    monkeypatch.setattr(
        answers_module, "is_true", lambda *a, **k: evaluated.append(a[0]) or evaluate(*a, **k)
    )
    first = questionnaire.pages[0]
    validate_answers(questionnaire, VALID, only={q.id for q in first.questions})
    later = {str(q.relevant) for page in questionnaire.pages[1:] for q in page.questions}
    later = (later | {str(page.relevant) for page in questionnaire.pages[1:]}) - {"None"}
    assert not {str(e) for e in evaluated} & later
    validate_answers(questionnaire, VALID)  # the whole walk does work them out
    assert {str(e) for e in evaluated} & later


def test_validate__not_relevant_answers_and_filtered_choices(questionnaire: Questionnaire) -> None:
    answers = {**VALID, "alter": 8}
    found = codes(questionnaire, answers)
    assert ("bekannt", "not_relevant") in found and ("nutzen", "not_relevant") in found
    filtered = {**VALID, "stadtteil": "altstadt", "bekannt": ["babybesuch"]}
    assert ("bekannt", "unknown_choice") in codes(questionnaire, filtered)


def test_validate__constraint(folder: Path) -> None:
    from survey_app.questionnaire import load_questionnaire

    path = folder / "eltern.yaml"
    path.write_text(path.read_text().replace("count-selected(.) <= 5", "count-selected(.) <= 1"))
    questionnaire = load_questionnaire(path)
    answers = {**VALID, "genutzt": ["babybesuch", "familienzentrum"]}
    assert codes(questionnaire, answers) == [("genutzt", "constraint")]
    assert questionnaire.validate(VALID) == []


def test_validate__text_length_limits(questionnaire: Questionnaire) -> None:
    assert questionnaire.validate({**VALID, "wunsch": "x" * 5000}) == []
    problem = questionnaire.validate({**VALID, "wunsch": "x" * 5001})[0]
    assert problem.params == {"max": 5000}


def test_clean__drops_answers_to_hidden_questions_in_order(questionnaire: Questionnaire) -> None:
    cleaned = questionnaire.clean({**VALID, "alter": 8, "danke": "x", "unbekannt": 1})
    assert "bekannt" not in cleaned and "genutzt" not in cleaned and "nutzen" not in cleaned
    assert "danke" not in cleaned and "unbekannt" not in cleaned
    assert cleaned["alter"] == 8 and cleaned["who5_1"] == "5"


def test_score__sum_reverse_factor_and_bands(questionnaire: Questionnaire) -> None:
    score = questionnaire.score("who5")
    assert score is not None
    # who5_1 = 5; who5_2 = 2 reversed on 1..5 gives 4; (5 + 4) * 10
    assert score.compute(VALID) == 90
    assert score.band_for(90).id == "gut"
    assert score.band_for(49.9).id == "gering"
    assert score.compute({"who5_1": "0"}) is None
    assert score.band_for(None) is None


def test_score__mean_method(folder: Path) -> None:
    from survey_app.questionnaire import load_questionnaire

    path = folder / "eltern.yaml"
    path.write_text(path.read_text().replace("method: sum", "method: mean"))
    assert load_questionnaire(path).score("who5").compute(VALID) == 45


def test_site__lookups(folder: Path) -> None:
    site = load_site(folder / "site.yaml")
    assert site.life_phase_for_age(0).id == "0-3"
    assert site.life_phase_for_age(3).id == "3-6"
    assert site.life_phase_for_age(2.5).id == "0-3"
    assert site.life_phase_for_age(6) is None
    assert site.offer("familienzentrum").districts == ["altstadt", "nord"]
    assert site.offer("babybesuch").life_phases == ["0-3"]
    assert site.district("nord").name.get("en") == "North"
    assert site.offer("nope") is None
    assert site.branding == {"colour": "#1f5f7a"}
    assert site.municipality.get("de") == "Stadt Beispielstadt"
