"""Server-side validation of a full submission against its questionnaire."""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from survey_app.questionnaire.expressions import is_true
from survey_app.questionnaire.model import MAX_TEXT_LENGTH, Question
from survey_app.questionnaire.problems import AnswerProblem

if TYPE_CHECKING:
    from survey_app.questionnaire.model import Questionnaire

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_empty(value: Any) -> bool:
    """True for values that mean 'not answered' (None, '', [], {})."""
    return value is None or (isinstance(value, str | list | dict) and not value)


def validate_answers(
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    only: Collection[str] | None = None,
) -> list[AnswerProblem]:
    """Check types, choices, ranges, constraints, relevance and required answers.

    Questions are visited in order; as in :meth:`Questionnaire.relevance`, answers to
    shown questions count for the relevance, filters and constraints of later ones.
    With ``only`` (question ids, e.g. one screen's) just those questions are checked
    (unknown keys are then not reported: they belong to no screen), and the walk ends
    after the last of them: later pages cannot change their problems.
    """
    problems = (
        []
        if only is not None
        else [
            AnswerProblem(str(key), "unknown_question")
            for key in answers
            if not isinstance(key, str) or questionnaire.question(key) is None
        ]
    )
    remaining = None if only is None else set(only)
    if remaining is not None and not remaining:
        return problems
    effective: dict[str, Any] = {}
    for page in questionnaire.pages:
        page_shown = page.relevant is None or is_true(page.relevant, effective)
        for question in page.questions:
            shown = page_shown and (
                question.relevant is None or is_true(question.relevant, effective)
            )
            present = question.id in answers
            if only is None or question.id in only:
                if not question.is_stored:
                    if present:
                        problems.append(
                            AnswerProblem(question.id, "wrong_type", {"expected": "nothing"})
                        )
                elif not shown:
                    if present:
                        problems.append(AnswerProblem(question.id, "not_relevant"))
                else:
                    problems.extend(
                        check_answer(questionnaire, question, answers.get(question.id), effective)
                    )
            if shown and question.is_stored and not is_empty(answers.get(question.id)):
                effective[question.id] = answers[question.id]
            if remaining is not None:
                remaining.discard(question.id)
                if not remaining:
                    return problems
    return problems


def check_answer(
    questionnaire: Questionnaire, question: Question, value: Any, earlier: Mapping[str, Any]
) -> list[AnswerProblem]:
    """The problems of one shown question's answer ``value`` (None: unanswered).

    ``earlier`` are the answers to the shown questions before it (they decide choice
    filters and constraints).  This is the one per-question rule: the respondent's
    screens, the final check before storing and the demo generator all use it.
    """
    if not question.is_stored:
        return []
    if is_empty(value):
        return [AnswerProblem(question.id, "required")] if question.required else []
    found = _check_value(questionnaire, question, value, earlier)
    if not found and not questionnaire.constraint_holds(question, value, earlier):
        found.append(AnswerProblem(question.id, "constraint"))
    if not found:
        found = _check_required_rows(questionnaire, question, value, earlier)
    return found


def offered_values(
    questionnaire: Questionnaire, question: Question, answers: Mapping[str, Any]
) -> set[str]:
    """The values a screen offers for ``question``, as the page sends them: the visible
    choices, a matrix's scale, a rating's points ``1``..``points``."""
    if question.type == "rating":
        return {str(point) for point in range(1, (question.points or 0) + 1)}
    if question.type == "matrix":
        return set(question.choice_values)
    return {choice.value for choice in questionnaire.visible_choices(question, answers)}


def _check_value(
    questionnaire: Questionnaire, question: Question, value: Any, answers: Mapping[str, Any]
) -> list[AnswerProblem]:
    kind = question.type
    if question.is_single_choice:
        if not isinstance(value, str):
            return [_wrong(question, "text")]
        return _check_choices(questionnaire, question, [value], answers)
    if kind == "multiple_choice":
        if (
            not isinstance(value, list)
            or not all(isinstance(v, str) for v in value)
            or len(set(value)) < len(value)
        ):
            return [_wrong(question, "list")]
        return _check_choices(questionnaire, question, value, answers)
    if kind in ("integer", "rating"):
        if not isinstance(value, int) or isinstance(value, bool):
            return [_wrong(question, "integer")]
        return _check_range(question, value)
    if kind == "decimal":
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not math.isfinite(value)
        ):
            return [_wrong(question, "number")]
        return _check_range(question, value)
    if kind in MAX_TEXT_LENGTH:
        if not isinstance(value, str):
            return [_wrong(question, "text")]
        if len(value) > MAX_TEXT_LENGTH[kind]:
            return [AnswerProblem(question.id, "too_long", {"max": MAX_TEXT_LENGTH[kind]})]
        return []
    if kind == "date":
        return _check_date(question, value)
    if kind == "matrix":
        return _check_matrix(questionnaire, question, value, answers)
    return _check_dot_vote(questionnaire, question, value, answers)


def _wrong(question: Question, expected: str) -> AnswerProblem:
    return AnswerProblem(question.id, "wrong_type", {"expected": expected})


def _check_choices(
    questionnaire: Questionnaire, question: Question, values: list[str], answers: Mapping[str, Any]
) -> list[AnswerProblem]:
    allowed = offered_values(questionnaire, question, answers)
    return [
        AnswerProblem(question.id, "unknown_choice", {"value": v})
        for v in values
        if v not in allowed
    ]


def _check_range(question: Question, value: float) -> list[AnswerProblem]:
    low, high = (1, question.points) if question.type == "rating" else (question.min, question.max)
    if (low is not None and value < low) or (high is not None and value > high):
        return [AnswerProblem(question.id, "out_of_range", {"min": low, "max": high})]
    return []


def _check_date(question: Question, value: Any) -> list[AnswerProblem]:
    if not isinstance(value, str):
        return [_wrong(question, "date")]
    try:
        valid = bool(_DATE.fullmatch(value)) and datetime.date.fromisoformat(value) is not None
    except ValueError:
        valid = False
    return [] if valid else [AnswerProblem(question.id, "invalid_date", {"value": value})]


def _check_matrix(
    questionnaire: Questionnaire, question: Question, value: Any, answers: Mapping[str, Any]
) -> list[AnswerProblem]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return [_wrong(question, "mapping")]
    rows = {row.value for row in questionnaire.visible_rows(question, answers)}
    scale = offered_values(questionnaire, question, answers)
    problems = []
    for row, choice in value.items():
        if row not in rows:
            problems.append(AnswerProblem(question.id, "unknown_choice", {"row": row}))
        elif choice not in scale:
            problems.append(
                AnswerProblem(question.id, "unknown_choice", {"row": row, "value": choice})
            )
    return problems


def _check_required_rows(
    questionnaire: Questionnaire, question: Question, value: Any, answers: Mapping[str, Any]
) -> list[AnswerProblem]:
    """A required matrix needs an answer in every row shown."""
    if question.type != "matrix" or not question.required:
        return []
    missing = [
        row.value for row in questionnaire.visible_rows(question, answers) if row.value not in value
    ]
    return [AnswerProblem(question.id, "required", {"rows": missing})] if missing else []


def _check_dot_vote(
    questionnaire: Questionnaire, question: Question, value: Any, answers: Mapping[str, Any]
) -> list[AnswerProblem]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
        for k, v in value.items()
    ):
        return [_wrong(question, "mapping")]
    allowed = offered_values(questionnaire, question, answers)
    problems = [
        AnswerProblem(question.id, "unknown_choice", {"value": k})
        for k in value
        if k not in allowed
    ]
    # Each entry on its own first (named by its choice), then the sum.
    problems += [
        AnswerProblem(question.id, "out_of_range", {"min": 0, "max": question.points, "choice": k})
        for k, v in value.items()
        if v < 0 or (question.points is not None and v > question.points)
    ]
    total = sum(value.values())
    if not problems and question.points is not None and total > question.points:
        problems.append(
            AnswerProblem(
                question.id, "too_many_points", {"points": question.points, "total": total}
            )
        )
    return problems
