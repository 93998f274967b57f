"""Builds the analysis frame from decoded responses: a column per analysed fact.

:mod:`analysis.loading` reads the responses (database or export file) in batches and
hands each batch to a :class:`FrameBuilder`; the columns are listed there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis.answer_columns import (
    categorical,
    flags,
    matrix_columns,
    numbers,
    present,
    question_columns,
    vote_columns,
)
from analysis.filters import filter_questions
from analysis.groups import MEMBER, REST
from analysis.roles import Roles
from survey_app.questionnaire.model import Question, Score

#: The stored metadata every frame keeps (beside the answers' columns).
META_COLUMNS = ("response_id", "language", "event_code", "submitted_on", "district")


class FrameBuilder:
    """Turns batches of (metadata, answers) into frames with fixed column types."""

    def __init__(self, roles: Roles) -> None:
        self.roles = roles
        questionnaire = roles.questionnaire
        site = questionnaire.site
        self.offer_ids = [offer.id for offer in roles.offers]
        self.phase_ids = [phase.id for phase in site.life_phases] if site else []
        self.district_ids = [district.id for district in site.districts] if site else []
        wanted = [
            roles.child_age,
            roles.life_phase,
            roles.district,
            roles.awareness,
            roles.use,
            roles.benefit,
            roles.barrier,
            *roles.equity,
            *roles.smileys,
            *roles.priority,
        ]
        ids = [question.id for question in wanted if question is not None]
        ids += [item for score in questionnaire.scores for item in score.items]
        # Every stored question gets its summary columns (analysis.answer_columns).
        ids += [question.id for question in questionnaire.questions() if question.is_stored]
        self.filter_questions = filter_questions(questionnaire)
        ids += [question.id for question in self.filter_questions]
        #: The answers the frame is built from (all others are never looked at).
        self.question_ids = list(dict.fromkeys(ids))

    def concat(self, frames: list[pd.DataFrame]) -> pd.DataFrame:
        """Join the batches (an empty frame with all columns when there are none)."""
        if not frames:
            return self.build({name: [] for name in META_COLUMNS}, [])
        if len(frames) == 1:
            return frames[0]
        frame = pd.concat(frames, ignore_index=True)
        for column in ("language", "event_code"):  # batches saw different values
            frame[column] = frame[column].astype("category")
        return frame

    def build(
        self, meta: Mapping[str, Sequence[Any]], answers: list[dict[str, Any]]
    ) -> pd.DataFrame:
        """One batch: ``meta`` columns (see :data:`META_COLUMNS`) and decoded answers."""
        roles = self.roles
        table = pd.DataFrame(answers, columns=self.question_ids, dtype=object) if answers else None

        def values(question_id: str) -> np.ndarray:
            if table is None:
                return np.empty(0, dtype=object)
            return table[question_id].to_numpy(dtype=object)

        columns: dict[str, Any] = {
            "response_id": np.array([str(value) for value in meta["response_id"]], dtype=object),
            "language": pd.Categorical(list(meta["language"])),
            "event_code": pd.Categorical(list(meta["event_code"])),
            "submitted_on": _days(meta["submitted_on"]),
        }
        columns["life_phase"] = self._life_phase(values, len(answers))
        columns["district"] = self._district(meta["district"], values)
        for question in roles.equity:
            columns[f"eq:{question.id}"] = _equity(values(question.id), question)
        columns.update(self._offers(values, len(answers)))
        for score in roles.questionnaire.scores:
            columns[f"score:{score.id}"] = score_values(
                score, [values(item) for item in score.items]
            )
        for question in roles.smileys:
            columns[f"smiley:{question.id}"] = categorical(
                values(question.id), question.choice_values
            )
        for question in roles.priority:
            columns.update(vote_columns(values(question.id), question))
        columns.update(question_columns(values, roles.questionnaire.questions(), columns))
        for question in self.filter_questions:
            if question.type == "multiple_choice":
                ticked = flags(values(question.id), question.choice_values)
                for j, choice in enumerate(question.choice_values):
                    columns[f"choice:{question.id}:{choice}"] = ticked[:, j]
            else:
                columns[f"choice:{question.id}"] = categorical(
                    values(question.id), question.choice_values
                )
        frame = pd.DataFrame(columns)
        frame.index = pd.RangeIndex(len(frame))
        return frame

    def _life_phase(self, values, n: int) -> pd.Categorical:
        roles = self.roles
        if roles.life_phase is not None:
            return categorical(values(roles.life_phase.id), self.phase_ids)
        site = roles.questionnaire.site
        if roles.child_age is not None and site is not None:
            ages = pd.to_numeric(
                pd.Series(values(roles.child_age.id), dtype=object), errors="coerce"
            )
            lookup = {}
            for age in ages.dropna().unique():
                phase = site.life_phase_for_age(float(age))
                lookup[age] = phase.id if phase else None
            return categorical(ages.map(lookup).to_numpy(dtype=object), self.phase_ids)
        return categorical(np.full(n, None, dtype=object), self.phase_ids)

    def _district(self, stored: Sequence[Any], values) -> pd.Categorical:
        question = self.roles.district
        answered = (
            values(question.id) if question is not None else np.array(list(stored), dtype=object)
        )
        categories = self.district_ids or sorted({v for v in answered if isinstance(v, str)})
        return categorical(answered, categories)

    def _offers(self, values, n: int) -> dict[str, Any]:
        roles = self.roles
        offers = self.offer_ids
        columns: dict[str, Any] = {}
        known = np.zeros((n, len(offers)), dtype=bool)
        used = np.zeros((n, len(offers)), dtype=bool)
        if roles.awareness is not None:
            answers = values(roles.awareness.id)
            columns["answered:awareness"] = present(answers)
            known |= flags(answers, offers)
        if roles.use is not None:
            answers = values(roles.use.id)
            columns["answered:use"] = present(answers)
            used |= flags(answers, offers)
        known |= used  # whoever used an offer knows it
        if roles.awareness is not None or roles.use is not None:
            for j, offer in enumerate(offers):
                columns[f"known:{offer}"] = known[:, j]
                columns[f"used:{offer}"] = used[:, j]
        if roles.benefit is not None:
            columns.update(
                matrix_columns(values(roles.benefit.id), roles.benefit, "benefit", offers)
            )
        barrier = roles.barrier
        if barrier is not None and barrier.type == "matrix":
            columns.update(matrix_columns(values(barrier.id), barrier, "barrier", offers))
        elif barrier is not None and barrier.type == "multiple_choice":
            answers = values(barrier.id)
            columns["answered:barrier"] = present(answers)
            ticked = flags(answers, barrier.choice_values)
            for j, reason in enumerate(barrier.choice_values):
                columns[f"reason:{reason}"] = ticked[:, j]
        return columns


def _days(values: Sequence[Any]) -> pd.Series:
    """Days as datetimes; ISO text (SQLite) and date objects (PostgreSQL) both work."""
    series = pd.Series(list(values), dtype=object)
    if len(series) and isinstance(series.iloc[0], str):
        return pd.to_datetime(series, format="%Y-%m-%d", errors="coerce")
    return pd.to_datetime(series, errors="coerce")


def score_values(score: Score, items: Sequence[Sequence[Any]]) -> np.ndarray:
    """``score.compute`` for many responses at once (NaN where it gives None).

    ``items`` holds, per item of the score, the stored answers of all responses.
    """
    n = len(items[0]) if items else 0
    if not score.items:
        return np.full(n, np.nan)
    columns = []
    for item, answers in zip(score.items, items, strict=True):
        values = numbers(answers)
        if item in score.reverse:
            low, high = score.item_ranges[item]
            values = low + high - values
        columns.append(values)
    total = np.column_stack(columns).sum(axis=1)  # NaN when any item is missing
    if score.method == "mean":
        total = total / len(score.items)
    return total * float(score.factor)


def _equity(values: Any, question: Question) -> pd.Categorical:
    """``member``/``rest`` for each answer, missing where the question was skipped or
    answered only with a "not stated" choice (e.g. "I'd rather not say")."""
    assert question.equity_group is not None
    members = list(question.equity_group.members)
    not_stated = list(question.equity_group.not_stated)
    answered = present(values)
    if question.type == "multiple_choice":
        exploded = pd.Series(values, dtype=object).explode()
        member = exploded.isin(members).groupby(level=0).any().to_numpy(dtype=bool)
        if not_stated:
            said = (exploded.isna() | ~exploded.isin(not_stated)).groupby(level=0).any()
            answered = answered & said.to_numpy(dtype=bool)
    else:
        series = pd.Series(values, dtype=object)
        member = series.isin(members).to_numpy(dtype=bool)
        if not_stated:
            answered = answered & ~series.isin(not_stated).to_numpy(dtype=bool)
    codes = np.where(answered, np.where(member, 0, 1), -1).astype(np.int8)
    return pd.Categorical.from_codes(codes, categories=[MEMBER, REST])
