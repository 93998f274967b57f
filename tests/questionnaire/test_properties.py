"""Property tests: the parser, the evaluator and the checker never crash on any input."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from survey_app.questionnaire import Problem, check_files
from survey_app.questionnaire.expression_parser import ExpressionError, parse_expression
from survey_app.questionnaire.expressions import evaluate

EXPRESSION_PIECES = st.sampled_from(
    [
        "${a}",
        "${b}",
        ".",
        "name",
        "cf",
        "1",
        "2.5",
        "'x'",
        '"y"',
        "=",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "and",
        "or",
        "div",
        "mod",
        "+",
        "-",
        "*",
        "(",
        ")",
        ",",
        "not(",
        "selected(",
        "count-selected(",
        "string-length(",
        "true()",
        "false()",
        " ",
        "$",
        "{",
        "}",
        "'",
        "==",
        "..",
        "today(",
    ]
)
ANSWERS = st.dictionaries(
    st.sampled_from(["a", "b"]),
    st.one_of(
        st.none(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(max_size=5),
        st.lists(st.text(max_size=3), max_size=3),
        st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    ),
)


class Choice:
    value = "v"
    attributes = {"cf": "1"}


def _parse_or_none(source: str) -> object:
    try:
        return parse_expression(source)
    except ExpressionError as error:
        assert error.column >= 1
        return None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_parser__arbitrary_text_raises_only_expression_error(source: str) -> None:
    _parse_or_none(source)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(EXPRESSION_PIECES, max_size=25).map(" ".join),
    ANSWERS,
    st.one_of(st.none(), st.integers(), st.text(max_size=3)),
)
def test_evaluator__any_parsed_expression_evaluates_without_error(
    source: str, answers: dict, current: object
) -> None:
    expression = _parse_or_none(source)
    if expression is not None:
        result = evaluate(expression, answers, current=current, choice=Choice())  # type: ignore[arg-type]
        assert isinstance(result, bool | float | str)


YAML_PIECES = st.sampled_from(
    [
        "id: q\n",
        "version: 1\n",
        "audience: parents\n",
        "languages: [de, en]\n",
        "title: {de: T}\n",
        "pages:\n",
        "  - id: p\n",
        "    questions:\n",
        "      - id: a\n",
        "        type: integer\n",
        "        label: A\n",
        "        relevant: ${a} > 1\n",
        "        choices: offers\n",
        "site: site.yaml\n",
        "scores: [{id: s}]\n",
        "  - ",
        "- ",
        ": ",
        "{",
        "}",
        "[",
        "]",
        "&x ",
        "*x ",
        "!!python/object ",
        "'",
        '"',
        "\t",
        "\x00",
        "\xff",
        "municipality: X\n",
        "choice_lists: {a: [1, 2]}\n",
        "<<: *x\n",
        "? ",
        "|\n",
        "yes\n",
        "no: no\n",
    ]
)


def _check_bytes(content: bytes, name: str) -> list[Problem]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        (Path(folder) / "site.yaml").write_bytes(content[: len(content) // 2])
        return check_files([folder])


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_checker__arbitrary_bytes_give_problems_not_exceptions(content: bytes) -> None:
    problems = _check_bytes(content, "q.yaml")
    assert all(isinstance(problem, Problem) for problem in problems)


@settings(max_examples=200, deadline=None)
@given(st.lists(YAML_PIECES, max_size=30).map("".join))
def test_checker__yaml_like_text_gives_problems_not_exceptions(text: str) -> None:
    problems = _check_bytes(text.encode("utf-8", "surrogatepass"), "q.yaml")
    assert all(isinstance(problem, Problem) for problem in problems)
    assert all(problem.line >= 1 for problem in problems)


MUTATION_VALUES = st.sampled_from(
    [
        "[]",
        "{}",
        "1",
        "-1",
        "null",
        "yes",
        "[a, b]",
        "{a: 1}",
        "''",
        "'${x}'",
        "offers",
        "districts",
        "life_phases",
        "ja_nein",
        "true",
        "3.5",
        "{de: x}",
        "'de-x-ls'",
        "${alter} >",
        "!!binary aGk=",
    ]
)


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_checker__mutated_sample_files_give_problems_not_exceptions(data: st.DataObject) -> None:
    from tests.questionnaire.conftest import QUESTIONNAIRE_YAML, SITE_YAML

    with tempfile.TemporaryDirectory() as folder:
        for name, text in (("eltern.yaml", QUESTIONNAIRE_YAML), ("site.yaml", SITE_YAML)):
            lines = text.splitlines()
            for _ in range(data.draw(st.integers(1, 4))):
                index = data.draw(st.integers(0, len(lines) - 1))
                key = lines[index].partition(":")[0]
                if data.draw(st.booleans()) and ":" in lines[index]:
                    lines[index] = f"{key}: {data.draw(MUTATION_VALUES)}"
                else:
                    del lines[index]
            (Path(folder) / name).write_text("\n".join(lines), encoding="utf-8")
        assert all(isinstance(problem, Problem) for problem in check_files([folder]))
