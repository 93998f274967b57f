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
from survey_app.questionnaire.messages import Term, term
from survey_app.questionnaire.model import (
    NUMBER_TYPES,
    SINGLE_CHOICE_TYPES,
    Page,
    Question,
    Score,
    number_of,
)
from survey_app.questionnaire.problems import Report, closest
from survey_app.questionnaire.reader import TextUse
from survey_app.questionnaire.site import Site
from survey_app.questionnaire.xlsform_columns import WORKBOOK_COLUMNS
from survey_app.questionnaire.xlsform_format import language_header

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
    what = term("key_of_page" if use.is_page else "key_of_question", key=use.key, id=use.owner)
    for node in use.expression.nodes():
        if isinstance(node, Reference):
            _check_reference(node, use, what, questions, parts)
        elif isinstance(node, Current) and use.key != "constraint":
            report.error(use.where, "dot_outside_constraint", what=what)
        elif isinstance(node, ChoiceAttribute):
            _check_attribute(node, use, what, questions, parts)
        elif isinstance(node, Binary | Call):
            _check_compared_value(node, use, what, questions, parts)


def _check_reference(
    node: Reference, use: ExpressionUse, what: Term, questions: dict[str, Question], parts: Parts
) -> None:
    report = parts.report
    name = node.name
    if name not in parts.declared:
        report.error(
            use.where,
            "ref_not_question",
            what=what,
            name=name,
            column=node.column,
            near=closest(name, parts.declared),
        )
        return
    position = parts.declared[name]
    later = position > use.position if use.key == "constraint" else position >= use.position
    if later:
        itself = not use.is_page and name == use.owner
        reason = term("the_question_itself" if itself else "a_later_question")
        fix = term("fix_use_dot" if itself and use.key == "constraint" else "fix_move")
        report.error(use.where, "ref_later", what=what, name=name, reason=reason, fix=fix)
        return
    question = questions.get(name)
    if question is not None and question.type in NOT_IN_EXPRESSIONS:
        report.error(use.where, "ref_no_value", what=what, name=name, type=question.type)


def _check_attribute(
    node: ChoiceAttribute,
    use: ExpressionUse,
    what: Term,
    questions: dict[str, Question],
    parts: Parts,
) -> None:
    if use.key != "choice_filter":
        hint = (
            term("hint_reference", name=node.name)
            if node.name in parts.declared
            else term("hint_quote")
        )
        parts.report.error(use.where, "bare_name", what=what, name=node.name, hint=hint)
        return
    question = questions.get(use.owner)
    if node.name == "name" or question is None:
        return
    options = question.rows if question.type == "matrix" else question.choices
    known = sorted({key for choice in options for key in choice.attributes})
    if node.name not in known:
        parts.report.error(
            use.where, "no_attribute", what=what, name=node.name, near=closest(node.name, known)
        )


def _check_compared_value(
    node: Binary | Call,
    use: ExpressionUse,
    what: Term,
    questions: dict[str, Question],
    parts: Parts,
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
        found = {"what": what, "name": side.name, "value": value}
        if value not in values and not (value == "" and isinstance(node, Binary)):
            listed = ", ".join(values[:12]) + (", ..." if len(values) > 12 else "")
            parts.report.error(
                use.where, "compared_value", **found, values=listed, near=closest(value, values)
            )
        elif question.type == "multiple_choice" and isinstance(node, Binary) and value != "":
            parts.report.warning(use.where, "multiple_compare", **found, operator=node.operator)


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
                "equity_role_missing",
                id=question.id,
            )
        if role is None:
            continue
        if role not in ROLES:
            report.error(where, "unknown_role", role=role, near=closest(role, ROLES), roles=ROLES)
            continue
        if role in SINGLE_USE_ROLES:
            if role in first_use:
                report.error(where, "role_twice", role=role, first=first_use[role])
                continue
            first_use[role] = question.id
        problem = _role_problem(role, question, parts.scores)
        if problem:
            report.error(where, "role_mismatch", id=question.id, role=role, problem=term(problem))


def _role_problem(role: str, question: Question, scores: list[Score]) -> str:
    """The term saying what ``role`` needs that ``question`` lacks, or an empty string."""
    kind = question.type

    def single_from(name: str) -> bool:
        return kind == "single_choice" and question.choice_list == name

    offers_multiple = (
        kind == "multiple_choice" and question.choice_list == "offers",
        "role_needs_offers_multiple",
    )
    offers_matrix = kind == "matrix" and question.row_list == "offers"
    needs = {
        "child_age": (kind == "integer", "role_needs_integer"),
        "life_phase": (single_from("life_phases"), "role_needs_life_phases"),
        "district": (single_from("districts"), "role_needs_districts"),
        "equity_group": (kind in _OPTION_TYPES and kind != "smiley", "role_needs_option"),
        "offer_awareness": offers_multiple,
        "offer_use": offers_multiple,
        "offer_benefit": (offers_matrix, "role_needs_offers_matrix"),
        "barrier": (offers_matrix or kind == "multiple_choice", "role_needs_barrier"),
        "wellbeing": (any(question.id in score.items for score in scores), "role_needs_score"),
        "priority": (kind == "dot_vote", "role_needs_dot_vote"),
        "wish": (kind in ("text", "long_text"), "role_needs_text"),
    }
    fits, code = needs[role]
    if not fits:
        return code
    if role == "equity_group" and question.equity_group is None:
        return "role_needs_equity_group"
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
                        "score_item_not_question",
                        id=score.id,
                        item=item,
                        near=closest(item, parts.declared),
                    )
                continue
            if not _is_numeric(question):
                parts.report.error(
                    where, "score_item_not_numeric", id=score.id, item=item, type=question.type
                )
            elif item in score.reverse and question.numeric_range() is None:
                parts.report.error(
                    parts.locations.scores[score.id].where_of("reverse"),
                    "reverse_needs_range",
                    id=score.id,
                    item=item,
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
                parts.report.error(where, "default_not_choice", id=question.id)
        elif (
            question.default is not None
            and question.type in ("integer", "decimal", "rating")
            and number_of(question.default) is None
        ):
            parts.report.error(where, "default_not_number", id=question.id)
        if question.equity_group is not None and question.choices:
            group = question.equity_group
            for what, values in (("members", group.members), ("not_stated", group.not_stated)):
                unknown = [m for m in values if m not in question.choice_values]
                if unknown:
                    parts.report.error(
                        parts.locations.question_key(question.id, "equity_group"),
                        "equity_not_choices",
                        what=what,
                        id=question.id,
                        unknown=unknown,
                    )


# --- translations --------------------------------------------------------------------


def check_translations(texts: Iterable[TextUse], languages: list[str], report: Report) -> None:
    """A warning for every text that lacks a declared language."""
    for use in texts:
        missing = [lang for lang in languages if not use.text.has(lang)]
        if missing:
            report.warning(
                use.where,
                "translation_missing",
                what=use.what,
                languages=missing,
                add=", ".join(repr(lang + ": ...") for lang in missing[:3]),
                **_workbook_columns(use, missing[0]),
            )


def site_language_gaps(site: Site, languages: list[str]) -> list[str]:
    """Questionnaire languages the site file does not declare (its names would be missing)."""
    return [lang for lang in languages if lang not in site.languages]


def _workbook_columns(use: TextUse, lang: str) -> dict[str, str]:
    """For a workbook: the column to fill in (``base``) and its header for ``lang``."""
    base = use.where.column.split("::")[0]
    if not base:
        base = WORKBOOK_COLUMNS.get(use.what, "label") if isinstance(use.what, str) else "label"
    return {"base": base, "example": language_header(base, lang)}
