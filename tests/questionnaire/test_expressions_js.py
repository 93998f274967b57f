"""The offline pages' interpreter (static/js/expressions.js) against the Python evaluator.

Both evaluate the same trees on the same answers; every value must agree in type and
text.  Node.js runs the script (it is written to load there as well as in a browser).
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from typing import Any

import pytest

from survey_app.questionnaire import QuestionnaireLibrary
from survey_app.questionnaire.expression_json import expression_to_json, tree_to_json
from survey_app.questionnaire.expression_parser import parse_expression
from survey_app.questionnaire.expressions import evaluate, to_string
from survey_app.questionnaire.model import Choice
from tests.conftest import PROJECT_ROOT, unavailable

SCRIPT = PROJECT_ROOT / "survey_app" / "static" / "js" / "expressions.js"

RUNNER = """
const X = require(process.argv[1]);
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const typed = (v) => typeof v === 'boolean' ? ['bool', v] :
  typeof v === 'number' ? ['number', X.toString(v)] : ['string', v];
const out = cases.map((c) => c.kind === 'relevance'
  ? X.relevance(c.description, c.answers)
  : typed(X.evaluate(c.tree, c.answers, c.current, c.choice)));
process.stdout.write(JSON.stringify(out));
"""

ANSWERS: dict[str, Any] = {
    "alter": 9,
    "gewicht": 2.5,
    "name": "  Anna ",
    "leer": "",
    "wahl": ["kita", "schule"],
    "nichts": [],
    "datum": "2020-05-01",
    "datum2": "2019-12-31",
    "ja": "yes",
    "matrix": {"a": "1"},
    "zahltext": " 12 ",
    "flag": True,
}

SOURCES = [
    "${alter} > 6",
    "${alter} = '9'",
    "${alter} != 9",
    "${gewicht} * 2 = 5",
    "${gewicht} div 0",
    "-${gewicht} div 0",
    "0 div 0",
    "7 mod 3",
    "-7 mod 3",
    "7 mod 0",
    "7.5 mod 2",
    "1 div 3",
    "0.00001 * 1",
    "123456789 * 1000000000",
    "-(3)",
    "- ${leer}",
    "${name}",
    "string-length(${name})",
    "string-length('äöü😀')",
    "selected(${wahl}, 'kita')",
    "selected(${wahl}, ' schule ')",
    "selected(${wahl}, 'hort')",
    "count-selected(${wahl})",
    "count-selected(${nichts})",
    "count-selected(${unbekannt})",
    "not(${leer})",
    "${leer} = ''",
    "${leer} < 3",
    "${leer} != 3",
    "${leer} = 0",
    "${datum} > ${datum2}",
    "${datum} < '2020-05-02'",
    "${datum} > 5",
    "'b' > 'a'",
    "'10' > '9'",
    "${zahltext} = 12",
    "${zahltext} + 1",
    "${ja} = 'yes' and ${alter} >= 9",
    "${ja} = 'no' or ${alter} <= 8",
    "true() = 1",
    "false() != ${leer}",
    "true() = 'x'",
    "${flag}",
    "${flag} = 1",
    "${matrix} = ''",
    "1 + 2 * 3 - 4",
    "(1 + 2) * 3",
    "2 < 3 = true()",
    ". > 3",
    "selected(., 'x') and count-selected(.) > 1",
    "name = 'kita'",
    "typ = 'schule' or name = 'hort'",
    "fehlt = ''",
]


def _typed(value: Any) -> list[Any]:
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, float):
        return ["number", to_string(value)]
    return ["string", value]


def _relevance_description(questionnaire: Any) -> dict[str, Any]:
    """What the offline page's description holds for relevance (offline_document.py)."""
    return {
        "pages": [
            {
                "id": page.id,
                "relevant": expression_to_json(page.relevant),
                "questions": [question.id for question in page.questions],
            }
            for page in questionnaire.pages
        ],
        "questions": {
            question.id: {"relevant": expression_to_json(question.relevant)}
            for question in questionnaire.questions()
        },
    }


def _run(cases: list[dict[str, Any]]) -> list[Any]:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        unavailable(
            "Node.js not found (needed to run expressions.js). Install: apt-get install nodejs"
        )
    result = subprocess.run(
        [node, "-e", RUNNER, str(SCRIPT)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return list(json.loads(result.stdout))


def test_expressions_js__agrees_with_the_python_evaluator() -> None:
    choices = [
        None,
        Choice("kita", label=None, attributes={"typ": "kita"}),  # type: ignore[arg-type]
        Choice("hort", label=None, attributes={"typ": "schule"}),  # type: ignore[arg-type]
    ]
    currents: list[Any] = [None, 5, ["x", "y"], "x"]
    cases, expected = [], []
    for source in SOURCES:
        tree = parse_expression(source).tree
        for current in currents:
            for choice in choices:
                cases.append(
                    {
                        "tree": tree_to_json(tree),
                        "answers": ANSWERS,
                        "current": current,
                        "choice": None
                        if choice is None
                        else {"value": choice.value, "attributes": choice.attributes},
                    }
                )
                expected.append(_typed(evaluate(tree, ANSWERS, current, choice)))
    got = _run(cases)
    mismatches = [
        (case["tree"], case["current"], want, have)
        for case, want, have in zip(cases, expected, got, strict=True)
        if want != have
    ]
    assert not mismatches, mismatches[:5]


@pytest.mark.parametrize("seed", [1, 2])
def test_expressions_js__relevance_of_the_shipped_questionnaires_agrees(seed: int) -> None:
    randomness = random.Random(seed)
    library = QuestionnaireLibrary(PROJECT_ROOT / "questionnaires")
    cases, expected = [], []
    for questionnaire in library.all():
        description = _relevance_description(questionnaire)
        for _ in range(30):
            answers: dict[str, Any] = {}
            for question in questionnaire.questions():
                values = question.choice_values
                if randomness.random() < 0.3 or question.type == "note":
                    continue
                if question.type == "multiple_choice":
                    answers[question.id] = randomness.sample(
                        values, randomness.randint(0, len(values))
                    )
                elif values and question.type != "matrix":
                    answers[question.id] = randomness.choice(values)
                elif question.type in ("integer", "rating", "decimal"):
                    answers[question.id] = randomness.randint(0, 20)
            cases.append({"kind": "relevance", "description": description, "answers": answers})
            expected.append(questionnaire.relevance(answers))
    got = _run(cases)
    assert got == expected
    assert any(not all(shown.values()) for shown in expected)  # some relevance was exercised
