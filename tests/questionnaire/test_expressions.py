"""The expression language: parsing, errors with columns, ODK-like evaluation."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pytest

from survey_app.questionnaire.expression_parser import ExpressionError, parse_expression
from survey_app.questionnaire.expressions import Expression, evaluate
from survey_app.questionnaire.problems import QuestionnaireError


@dataclass
class FakeChoice:
    value: str
    attributes: dict[str, str] = field(default_factory=dict)


def value_of(source: str, answers: dict | None = None, **kwargs: object) -> object:
    return evaluate(parse_expression(source), answers or {}, **kwargs)


@pytest.mark.parametrize(
    ("source", "answers", "expected"),
    [
        ("${a} = 'ja'", {"a": "ja"}, True),
        ('${a} = "ja"', {"a": "nein"}, False),
        ("${a} != 'ja'", {"a": "nein"}, True),
        ("${n} > 3 and ${n} <= 10", {"n": 5}, True),
        ("${n} >= 6 or ${m} < 1", {"n": 2, "m": 0}, True),
        ("not(${n} > 3)", {"n": 5}, False),
        ("1 + 2 * 3", {}, 7.0),
        ("(1 + 2) * 3", {}, 9.0),
        ("7 div 2", {}, 3.5),
        ("7 mod 3", {}, 1.0),
        ("-${n} + 1", {"n": 3}, -2.0),
        ("selected(${m}, 'b')", {"m": ["a", "b"]}, True),
        ("selected(${m}, 'c')", {"m": ["a", "b"]}, False),
        ("count-selected(${m})", {"m": ["a", "b"]}, 2.0),
        ("count-selected(${m})", {}, 0.0),
        ("string-length(${t})", {"t": "abc"}, 3.0),
        ("true() and not(false())", {}, True),
        ("${q} = 1", {"q": "1"}, True),
        ("${d} < '2024-05-01'", {"d": "2024-04-30"}, True),
    ],
)
def test_evaluate__operators_and_functions(source: str, answers: dict, expected: object) -> None:
    assert value_of(source, answers) == expected


@pytest.mark.parametrize("source", ["${n} > 3", "${n} < 3", "${n} = 0", "${n} >= 0"])
def test_evaluate__numeric_comparison_with_unanswered_is_false(source: str) -> None:
    assert value_of(source, {}) is False


def test_evaluate__unanswered_is_the_empty_string() -> None:
    assert value_of("${a} = ''", {}) is True
    assert value_of("${a} = ''", {"a": "x"}) is False


def test_evaluate__division_by_zero_gives_infinity_or_nan() -> None:
    assert value_of("1 div 0") == math.inf
    assert math.isnan(value_of("0 div 0"))  # type: ignore[arg-type]
    assert math.isnan(value_of("5 mod 0"))  # type: ignore[arg-type]


def test_evaluate__current_answer_in_constraint() -> None:
    assert value_of(". >= 0 and . <= 17", current=4) is True
    assert value_of(". >= 0 and . <= 17", current=18) is False
    assert value_of("count-selected(.) <= 2", current=["a", "b", "c"]) is False


def test_evaluate__bare_names_are_the_current_choice() -> None:
    choice = FakeChoice("king", {"cf": "washington"})
    assert value_of("cf = ${state}", {"state": "washington"}, choice=choice) is True
    assert value_of("name = 'king'", choice=choice) is True
    assert value_of("missing = ''", choice=choice) is True
    assert value_of("selected(${used}, name)", {"used": ["king"]}, choice=choice) is True


def test_expression__keeps_source_and_references() -> None:
    expression = parse_expression("  ${a} = 'x' or ${b} > 1 ")
    assert isinstance(expression, Expression)
    assert expression.source == "${a} = 'x' or ${b} > 1"
    assert [reference.name for reference in expression.references] == ["a", "b"]
    assert expression == parse_expression("${a} = 'x' or ${b} > 1")


@pytest.mark.parametrize(
    ("source", "column", "fragment"),
    [
        ("${a} == 1", 6, "single '='"),
        ("${a = 1", 1, "not closed"),
        ("${a b} = 1", 3, "not a question id"),
        ("'open", 1, "not closed"),
        ("today() > 1", 1, "unknown function 'today()'"),
        ("selected(${a})", 1, "takes 2 arguments"),
        ("(${a} = 1", 10, "expected ')'"),
        ("${a} = 1 )", 10, "unexpected ')'"),
        ("${a} = ", 7, "expected a value"),
        ("", 1, "empty"),
        ("${a} & 1", 6, "unexpected character '&'"),
        ("../a", 1, "'..'"),
        ("$a", 1, "must start a reference"),
    ],
)
def test_parse__errors_carry_the_column(source: str, column: int, fragment: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_expression(source)
    assert caught.value.column == column
    assert fragment in caught.value.reason


def test_parse__error_is_a_questionnaire_error() -> None:
    with pytest.raises(QuestionnaireError):
        parse_expression("1 +")


def test_parse__deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse_expression("(" * 500 + "1" + ")" * 500)
    with pytest.raises(ExpressionError, match="too long"):
        parse_expression(" + ".join(["1"] * 400))
