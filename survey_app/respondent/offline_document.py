"""The offline answering page's content: every screen's form and the JSON the script needs.

The forms are the online pages' forms (``build_form`` and the same macros), built for an
unanswered questionnaire with every choice and row present: ``choice_filter`` and
relevance are applied in the browser by ``expressions.js`` on the trees described here,
and the tablet's answers are checked again by the server when the queue is sent.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from survey_app.answering.screens import Screen, plan_screens
from survey_app.questionnaire.expression_json import expression_to_json
from survey_app.questionnaire.model import MAX_TEXT_LENGTH, Choice, Question, Questionnaire
from survey_app.questionnaire.problems import AnswerProblem
from survey_app.respondent.forms import ScreenFormView, build_form
from survey_app.respondent.wording import Wording

_UNFILTERED: dict[int, tuple[Questionnaire, Questionnaire]] = {}


def unfiltered(questionnaire: Questionnaire) -> Questionnaire:
    """The questionnaire with every ``choice_filter`` removed (all choices are rendered)."""
    entry = _UNFILTERED.get(id(questionnaire))
    if entry is not None and entry[0] is questionnaire:
        return entry[1]
    pages = [
        dataclasses.replace(
            page,
            questions=[dataclasses.replace(q, choice_filter=None) for q in page.questions],
        )
        for page in questionnaire.pages
    ]
    copy = dataclasses.replace(questionnaire, pages=pages)
    if len(_UNFILTERED) > 64:
        _UNFILTERED.clear()
    _UNFILTERED[id(questionnaire)] = (questionnaire, copy)
    return copy


def screen_views(
    questionnaire: Questionnaire, lang: str, child_mode: bool
) -> list[tuple[Screen, ScreenFormView]]:
    """Every screen with its unanswered form (all choices, rows and questions)."""
    wording = Wording.for_audience(questionnaire.audience)
    full = unfiltered(questionnaire)
    result = []
    for screen in plan_screens(questionnaire, child_mode):
        questions = [full.question(q.id) for q in screen.questions]
        view = build_form(full, [q for q in questions if q is not None], {}, wording, lang)
        result.append((screen, view))
    return result


def _choices(choices: list[Choice]) -> list[list[Any]]:
    return [[choice.value, dict(choice.attributes)] for choice in choices]


def _messages(question: Question, wording: Wording, lang: str, default: str) -> dict[str, str]:
    """The messages the offline page can show, already in the page language."""

    def message(code: str, **params: Any) -> str:
        if code == "constraint" and question.constraint_message is not None:
            return question.constraint_message.get(lang, default)
        if code == "required" and question.required_message is not None:
            return question.required_message.get(lang, default)
        return wording.problem(AnswerProblem(question.id, code, params), question)

    found = {"required": message("required"), "constraint": message("constraint")}
    if question.type in ("integer", "decimal", "rating", "dot_vote"):
        found["range"] = message("out_of_range")
        found["number"] = (
            wording.not_a_number() if question.type == "decimal" else wording.not_a_whole_number()
        )
    if question.type == "dot_vote":
        found["points"] = message("too_many_points", points=question.points or 0, total=0)
    if question.type == "date":
        found["date"] = wording.not_a_date()
    if question.type in MAX_TEXT_LENGTH:
        found["long"] = message("too_long", max=MAX_TEXT_LENGTH[question.type])
    return found


def describe(questionnaire: Questionnaire, lang: str) -> dict[str, Any]:
    """Pages, questions, choices and expression trees, for the offline page's script."""
    wording = Wording.for_audience(questionnaire.audience)
    default = questionnaire.default_language
    questions: dict[str, Any] = {}
    pages = []
    for page in questionnaire.pages:
        pages.append(
            {
                "id": page.id,
                "relevant": expression_to_json(page.relevant),
                "questions": [question.id for question in page.questions],
            }
        )
        for question in page.questions:
            questions[question.id] = {
                "type": question.type,
                "required": question.required,
                "relevant": expression_to_json(question.relevant),
                "constraint": expression_to_json(question.constraint),
                "filter": expression_to_json(question.choice_filter),
                "choices": _choices(question.choices),
                "rows": _choices(question.rows),
                "min": question.min,
                "max": question.max,
                "points": question.points,
                "messages": _messages(question, wording, lang, default),
            }
    return {
        "questionnaire": questionnaire.id,
        "version": questionnaire.version,
        "hash": questionnaire.content_hash,
        "language": lang,
        "pages": pages,
        "questions": questions,
    }
