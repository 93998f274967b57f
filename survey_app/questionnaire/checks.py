"""Checks of how a questionnaire's parts fit together: references, roles, scores, texts.

They run on the parts that could be built, so that a file with several mistakes gets
all of them reported in one run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from survey_app.questionnaire.expressions import (
    Binary,
    Call,
    ChoiceAttribute,
    Current,
    Literal,
    Reference,
    to_string,
)
from survey_app.questionnaire.locations import ExpressionUse, Locations
from survey_app.questionnaire.model import (
    NUMBER_TYPES,
    SINGLE_CHOICE_TYPES,
    Page,
    Question,
    Score,
    number_of,
)
from survey_app.questionnaire.problems import Report, did_you_mean
from survey_app.questionnaire.reader import TextUse
from survey_app.questionnaire.site import Site

ROLES = (
    "child_age",
    "life_phase",
    "district",
    "equity_group",
    "offer_awareness",
    "offer_use",
    "offer_benefit",
    "barrier",
    "wellbeing",
    "priority",
    "wish",
)
#: Roles the analysis reads from one question only.
SINGLE_USE_ROLES = (
    "child_age",
    "life_phase",
    "district",
    "offer_awareness",
    "offer_use",
    "offer_benefit",
    "barrier",
)
#: Types whose answers cannot be used in an expression.
NOT_IN_EXPRESSIONS = ("note", "matrix", "dot_vote")
_OPTION_TYPES = (*SINGLE_CHOICE_TYPES, "multiple_choice")


@dataclass
class Parts:
    """What the checks look at: the built pages and scores and where things are written."""

    pages: list[Page]
    scores: list[Score]
    locations: Locations
    declared: dict[str, int]
    report: Report

    @property
    def questions(self) -> dict[str, Question]:
        return {question.id: question for page in self.pages for question in page.questions}


def check_all(parts: Parts) -> None:
    """Run every cross check."""
    questions = parts.questions
    for use in parts.locations.expressions:
        _check_expression(use, questions, parts)
    _check_roles(questions, parts)
    _check_scores(questions, parts)
    _check_defaults(questions, parts)


# --- expressions ---------------------------------------------------------------------


def _check_expression(use: ExpressionUse, questions: dict[str, Question], parts: Parts) -> None:
    report = parts.report
    owner = f"page '{use.owner}'" if use.is_page else f"question '{use.owner}'"
    what = f"{use.key} of {owner}"
    for node in use.expression.nodes():
        if isinstance(node, Reference):
            _check_reference(node, use, what, questions, parts)
        elif isinstance(node, Current) and use.key != "constraint":
            report.error(
                use.where,
                f"{what}: '.' (the answer itself) only works in a constraint; use ${{id}}",
            )
        elif isinstance(node, ChoiceAttribute):
            _check_attribute(node, use, what, questions, parts)
        elif isinstance(node, Binary | Call):
            _check_compared_value(node, use, what, questions, parts)


def _check_reference(
    node: Reference, use: ExpressionUse, what: str, questions: dict[str, Question], parts: Parts
) -> None:
    report = parts.report
    name = node.name
    if name not in parts.declared:
        report.error(
            use.where,
            f"{what}: ${{{name}}} (column {node.column}) is not a question{did_you_mean(name, parts.declared)}; "
            "fix the id",
        )
        return
    position = parts.declared[name]
    later = position > use.position if use.key == "constraint" else position >= use.position
    if later:
        itself = not use.is_page and name == use.owner
        reason = "the question itself" if itself else "a question that comes later"
        fix = (
            "use '.' for the answer itself"
            if itself and use.key == "constraint"
            else "move the question or the condition"
        )
        report.error(
            use.where,
            f"{what}: ${{{name}}} is {reason}; an expression may only use answers given before it ({fix})",
        )
        return
    question = questions.get(name)
    if question is not None and question.type in NOT_IN_EXPRESSIONS:
        report.error(
            use.where,
            f"{what}: ${{{name}}} is a {question.type} question, which has no single value to use",
        )


def _check_attribute(
    node: ChoiceAttribute,
    use: ExpressionUse,
    what: str,
    questions: dict[str, Question],
    parts: Parts,
) -> None:
    if use.key != "choice_filter":
        hint = (
            f"; did you mean ${{{node.name}}}?"
            if node.name in parts.declared
            else "; quote text as 'text'"
        )
        parts.report.error(
            use.where, f"{what}: the bare name '{node.name}' only works in choice_filter{hint}"
        )
        return
    question = questions.get(use.owner)
    if node.name == "name" or question is None:
        return
    options = question.rows if question.type == "matrix" else question.choices
    known = sorted({key for choice in options for key in choice.attributes})
    if node.name not in known:
        parts.report.error(
            use.where,
            f"{what}: no choice has the attribute '{node.name}'{did_you_mean(node.name, known)}; "
            f"add 'attributes: {{{node.name}: ...}}' to the choices or use 'name' for the choice's value",
        )


def _check_compared_value(
    node: Binary | Call, use: ExpressionUse, what: str, questions: dict[str, Question], parts: Parts
) -> None:
    """``${q} = 'maybe'`` and ``selected(${q}, 'maybe')`` with a value q does not offer."""
    if isinstance(node, Binary) and node.operator in ("=", "!="):
        pairs = [(node.left, node.right), (node.right, node.left)]
    elif isinstance(node, Call) and node.name == "selected":
        pairs = [(node.arguments[0], node.arguments[1])]
    else:
        return
    for side, other in pairs:
        if not isinstance(side, Reference) or not isinstance(other, Literal):
            continue
        question = questions.get(side.name)
        if question is None or question.type not in _OPTION_TYPES or not question.choices:
            continue
        value = to_string(other.value)
        values = question.choice_values
        if value not in values and not (value == "" and isinstance(node, Binary)):
            parts.report.error(
                use.where,
                f"{what}: ${{{side.name}}} is compared with '{value}', which is not one of its choices "
                f"({', '.join(values[:12])}{', ...' if len(values) > 12 else ''}){did_you_mean(value, values)}; "
                "use one of these values",
            )
        elif question.type == "multiple_choice" and isinstance(node, Binary) and value != "":
            parts.report.warning(
                use.where,
                f"{what}: ${{{side.name}}} allows several answers; write selected(${{{side.name}}}, '{value}') "
                f"instead of {node.operator} '{value}'",
            )


# --- roles ---------------------------------------------------------------------------


def _check_roles(questions: dict[str, Question], parts: Parts) -> None:
    report = parts.report
    first_use: dict[str, str] = {}
    for question in questions.values():
        where = parts.locations.question_key(question.id, "role")
        role = question.role
        if question.equity_group is not None and role != "equity_group":
            report.error(
                parts.locations.question_key(question.id, "equity_group"),
                f"question '{question.id}' has an equity_group but its role is not 'equity_group'; add 'role: equity_group'",
            )
        if role is None:
            continue
        if role not in ROLES:
            report.error(
                where,
                f"unknown role '{role}'{did_you_mean(role, ROLES)}; roles: {', '.join(ROLES)}",
            )
            continue
        if role in SINGLE_USE_ROLES:
            if role in first_use:
                report.error(
                    where,
                    f"role '{role}' is used twice (first by question '{first_use[role]}'); "
                    "the analysis reads it from one question only",
                )
                continue
            first_use[role] = question.id
        problem = _role_problem(role, question, parts.scores)
        if problem:
            report.error(where, f"question '{question.id}' has role '{role}', but {problem}")


def _role_problem(role: str, question: Question, scores: list[Score]) -> str:
    kind = question.type
    needs = {
        "child_age": (kind == "integer", "that role needs an integer question (age in years)"),
        "life_phase": (
            kind == "single_choice" and question.choice_list == "life_phases",
            "that role needs a single_choice with 'choices: life_phases'",
        ),
        "district": (
            kind == "single_choice" and question.choice_list == "districts",
            "that role needs a single_choice with 'choices: districts'",
        ),
        "equity_group": (
            kind in _OPTION_TYPES and kind != "smiley",
            "that role needs a single_choice, multiple_choice or yes_no question",
        ),
        "offer_awareness": (
            kind == "multiple_choice" and question.choice_list == "offers",
            "that role needs a multiple_choice with 'choices: offers'",
        ),
        "offer_use": (
            kind == "multiple_choice" and question.choice_list == "offers",
            "that role needs a multiple_choice with 'choices: offers'",
        ),
        "offer_benefit": (
            kind == "matrix" and question.row_list == "offers",
            "that role needs a matrix with 'rows: offers'",
        ),
        "barrier": (
            (kind == "matrix" and question.row_list == "offers") or kind == "multiple_choice",
            "that role needs a matrix with 'rows: offers' or a multiple_choice of reasons",
        ),
        "wellbeing": (
            any(question.id in score.items for score in scores),
            "it is not an item of any score; add it to a score's items",
        ),
        "priority": (kind == "dot_vote", "that role needs a dot_vote question"),
        "wish": (kind in ("text", "long_text"), "that role needs a text or long_text question"),
    }
    fits, message = needs[role]
    if not fits:
        return message
    if role == "equity_group" and question.equity_group is None:
        return "it has no 'equity_group: {label: ..., members: [...]}'; add one"
    return ""


# --- scores and defaults -------------------------------------------------------------


def _check_scores(questions: dict[str, Question], parts: Parts) -> None:
    for score in parts.scores:
        where = parts.locations.scores[score.id].where_of("items")
        for item in score.items:
            question = questions.get(item)
            if question is None:
                if item not in parts.declared:
                    parts.report.error(
                        where,
                        f"score '{score.id}': item '{item}' is not a question{did_you_mean(item, parts.declared)}",
                    )
                continue
            if not _is_numeric(question):
                parts.report.error(
                    where,
                    f"score '{score.id}': item '{item}' is a {question.type} question without numeric answers; "
                    "use rating, integer, decimal or choices with numeric values",
                )
            elif item in score.reverse and question.numeric_range() is None:
                parts.report.error(
                    parts.locations.scores[score.id].where_of("reverse"),
                    f"score '{score.id}': reverse-coding '{item}' needs its lowest and highest value; "
                    "give the question min and max",
                )


def _is_numeric(question: Question) -> bool:
    if question.type in NUMBER_TYPES:
        return True
    return question.type in ("single_choice", "smiley") and all(
        number_of(value) is not None for value in question.choice_values
    )


def _check_defaults(questions: dict[str, Question], parts: Parts) -> None:
    for question in questions.values():
        where = parts.locations.question_key(question.id, "default")
        if question.default is not None and question.is_choice_type and question.choices:
            wrong = [v for v in question.default.split() if v not in question.choice_values]
            if wrong or (question.type != "multiple_choice" and len(question.default.split()) != 1):
                parts.report.error(
                    where,
                    f"default of question '{question.id}' is not one of its choice values; fix or remove it",
                )
        elif (
            question.default is not None
            and question.type in ("integer", "decimal", "rating")
            and number_of(question.default) is None
        ):
            parts.report.error(where, f"default of question '{question.id}' must be a number")
        if question.equity_group is not None and question.choices:
            group = question.equity_group
            for what, values in (("members", group.members), ("not_stated", group.not_stated)):
                unknown = [m for m in values if m not in question.choice_values]
                if unknown:
                    parts.report.error(
                        parts.locations.question_key(question.id, "equity_group"),
                        f"equity_group {what} of question '{question.id}' are not among its choices: "
                        f"{', '.join(unknown)}; list choice values",
                    )


# --- translations --------------------------------------------------------------------


def check_translations(texts: Iterable[TextUse], languages: list[str], report: Report) -> None:
    """A warning for every text that lacks a declared language."""
    for use in texts:
        missing = [lang for lang in languages if not use.text.has(lang)]
        if missing:
            report.warning(
                use.where,
                f"{use.what} has no translation for {', '.join(missing)}; add "
                f"{', '.join(repr(lang + ': ...') for lang in missing[:3])}",
            )


def site_language_gaps(site: Site, languages: list[str]) -> list[str]:
    """Questionnaire languages the site file does not declare (its names would be missing)."""
    return [lang for lang in languages if lang not in site.languages]
