"""Children's wishes as quotes: nothing free-text reaches a brief unless approved.

A coordinator reads each wish (answers to questions with role ``wish``) and approves
it for quoting or rejects it, e.g. because it names a person. The decision is stored
in the ``quotes`` table and written to the audit log. The CLI (``ankommen quotes``)
and the coordinator area both use these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from survey_app.questionnaire.model import Questionnaire
from survey_app.storage import Connection, log_action
from survey_app.storage.quote_store import (
    add_quote_decision,
    answer_rows,
    quote_decisions,
    stored_answers,
)


@dataclass(frozen=True)
class Quote:
    """One wish: the response and question it belongs to, and its text as written.

    ``approved`` is None while undecided.
    """

    response_id: str
    question_id: str
    text: str
    language: str
    submitted_on: date
    approved: bool | None = None


class QuoteError(ValueError):
    """A decision cannot be recorded as asked; the message says why."""


def wish_question_ids(questionnaire: Questionnaire) -> list[str]:
    """The questions whose answers are children's wishes."""
    return [question.id for question in questionnaire.questions_with_role("wish")]


def _wishes(
    conn: Connection, questionnaire: Questionnaire, approved_only: bool = False
) -> list[Quote]:
    question_ids = wish_question_ids(questionnaire)
    if not question_ids:
        return []
    decisions = quote_decisions(conn, questionnaire.id)
    result = []
    for row_id, language, submitted_on, answers in answer_rows(
        conn, questionnaire.id, approved_only=approved_only
    ):
        for question_id in question_ids:
            text = answers.get(question_id)
            if isinstance(text, str) and text.strip():
                result.append(
                    Quote(
                        response_id=row_id,
                        question_id=question_id,
                        text=text.strip(),
                        language=language,
                        submitted_on=submitted_on,
                        approved=decisions.get((row_id, question_id)),
                    )
                )
    return result


def pending_quotes(conn: Connection, questionnaire: Questionnaire) -> list[Quote]:
    """Wishes nobody has decided on yet, oldest first."""
    return [quote for quote in _wishes(conn, questionnaire) if quote.approved is None]


def approved_quotes(conn: Connection, questionnaire: Questionnaire) -> list[Quote]:
    """Wishes approved for quoting, oldest first."""
    return [quote for quote in _wishes(conn, questionnaire, approved_only=True) if quote.approved]


def all_quotes(conn: Connection, questionnaire: Questionnaire) -> list[Quote]:
    """Every wish with its decision (None while undecided)."""
    return _wishes(conn, questionnaire)


def decide_quote(
    conn: Connection,
    response_id: str,
    question_id: str,
    *,
    approved: bool,
    user_name: str,
    today: date | None = None,
) -> None:
    """Approve or reject one wish for quoting (a new decision replaces an old one).

    Raises :class:`QuoteError` when the response has no wish under ``question_id``.
    """
    answers = stored_answers(conn, response_id)
    if answers is None:
        raise QuoteError(f"There is no response {response_id}; see 'ankommen quotes list'.")
    text = answers.get(question_id)
    if not isinstance(text, str) or not text.strip():
        raise QuoteError(f"Response {response_id} has no text answer to {question_id!r}.")
    add_quote_decision(
        conn,
        response_id,
        question_id,
        approved=approved,
        decided_by=user_name,
        decided_on=today or date.today(),
        replace=True,
    )
    action = "quote_approve" if approved else "quote_reject"
    log_action(conn, user_name, action, f"{response_id} {question_id}")


def approve_quote(conn: Connection, response_id: str, question_id: str, user_name: str) -> None:
    """Approve one wish for quoting in briefs."""
    decide_quote(conn, response_id, question_id, approved=True, user_name=user_name)


def reject_quote(conn: Connection, response_id: str, question_id: str, user_name: str) -> None:
    """Reject one wish: it never appears in a brief."""
    decide_quote(conn, response_id, question_id, approved=False, user_name=user_name)
