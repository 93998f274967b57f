"""Which responses an analysis covers: :class:`Filters` and how a frame is cut by them.

Parsing filters from a query or CLI options is :mod:`analysis.selection`'s job; the
frame columns named here are built by :mod:`analysis.loading`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from survey_app.questionnaire.model import Question, Questionnaire


@dataclass(frozen=True)
class Filters:
    """Which responses an analysis covers (None = no restriction).

    ``answers`` holds (question id, choice value) pairs: only responses that gave that
    answer (single choice) or ticked it (multiple choice); see :func:`filter_questions`.
    Parse them from query arguments or CLI options with :mod:`analysis.selection`.
    """

    district: str | None = None
    life_phase: str | None = None
    event: str | None = None
    since: date | None = None
    until: date | None = None
    language: str | None = None
    answers: tuple[tuple[str, str], ...] = ()

    @property
    def active(self) -> bool:
        """Whether any restriction is set."""
        return any(value not in (None, ()) for value in vars(self).values())

    def conditions(self) -> list[tuple[str, Any]]:
        """The restrictions one by one, as (field, value) pairs (answers each on its own)."""
        pairs: list[tuple[str, Any]] = [
            (name, value)
            for name, value in vars(self).items()
            if name != "answers" and value is not None
        ]
        return pairs + [("answers", answer) for answer in self.answers]


def filter_questions(questionnaire: Questionnaire) -> list[Question]:
    """The choice questions a selection may filter by ("only single parents").

    Single and multiple choice questions; district and life phase have filters of
    their own.
    """
    skip = {"district", "life_phase"}
    return [
        question
        for question in questionnaire.questions()
        if question.type in ("single_choice", "yes_no", "multiple_choice")
        and question.role not in skip
        and question.choices
    ]


def condition_mask(frame: pd.DataFrame, name: str, value: Any) -> np.ndarray:
    """Which rows of ``frame`` meet one restriction of :meth:`Filters.conditions`."""
    if name == "since":
        return (frame["submitted_on"] >= pd.Timestamp(value)).to_numpy(dtype=bool)
    if name == "until":
        return (frame["submitted_on"] <= pd.Timestamp(value)).to_numpy(dtype=bool)
    if name == "answers":
        question_id, choice = value
        flag = f"choice:{question_id}:{choice}"
        if flag in frame:
            return frame[flag].to_numpy(dtype=bool)
        column = f"choice:{question_id}"
        if column not in frame:
            raise KeyError(f"no answers of {question_id!r} were loaded")
        return (frame[column] == choice).fillna(False).to_numpy(dtype=bool)
    column = {"event": "event_code"}.get(name, name)
    return (frame[column] == value).fillna(False).to_numpy(dtype=bool)
