"""Stored answers (JSON values) into compact, typed columns, vectorised.

The helpers read one question's answers for a batch of responses (an object array)
and return NumPy/pandas columns; :func:`question_columns` gives every stored
question of a questionnaire its columns for the per-question summaries
(:mod:`analysis.question_summaries`):

==============================  ==================================================
column                          meaning
==============================  ==================================================
``q:<question>``                single choice, yes/no, smiley: the choice
                                (categorical); numbers: the value (float, NaN if
                                missing); multiple choice, text, date: answered
``q:<question>:<choice>``       multiple choice: the choice was ticked
``q:<question>:<row>``          matrix: the choice in that row (categorical)
``vote:<question>:<choice>``    dot-vote points; NaN if the question was skipped
==============================  ==================================================

Text answers are never kept: a free text becomes "answered", nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from survey_app.questionnaire.model import NUMBER_TYPES, Question, number_of


def question_columns(
    values: Callable[[str], np.ndarray], questions: Iterable[Question], existing: Iterable[str] = ()
) -> dict[str, Any]:
    """The summary columns of every stored question (see the table above).

    ``values(question_id)`` gives that question's stored answers; columns named in
    ``existing`` (e.g. dot votes the roles already read) are not built again.
    """
    have = set(existing)
    columns: dict[str, Any] = {}
    for question in questions:
        if not question.is_stored:
            continue
        answers = values(question.id)
        name = f"q:{question.id}"
        if question.is_single_choice:
            columns[name] = categorical(answers, question.choice_values)
        elif question.type == "multiple_choice":
            columns[name] = np.array([isinstance(value, list) for value in answers], dtype=bool)
            ticked = flags(answers, question.choice_values)
            for j, value in enumerate(question.choice_values):
                columns[f"{name}:{value}"] = ticked[:, j]
        elif question.type in NUMBER_TYPES:
            columns[name] = numbers(answers)
        elif question.type == "matrix":
            rows = [row.value for row in question.rows]
            columns.update(matrix_columns(answers, question, name, rows))
        elif question.type == "dot_vote":
            votes = vote_columns(answers, question)
            columns.update({key: column for key, column in votes.items() if key not in have})
        else:  # text, long text, date: only whether it was answered
            columns[name] = present(answers)
    return columns


def numbers(answers: Sequence[Any]) -> np.ndarray:
    """Each stored answer as a number (as ``number_of`` reads it), NaN otherwise."""
    try:
        codes, uniques = pd.factorize(pd.Series(answers, dtype=object))
    except TypeError:  # unhashable answers (lists): read one by one
        return np.array([_number(value) for value in answers], dtype=float)
    lookup = np.array([_number(value) for value in uniques] + [np.nan], dtype=float)
    return lookup[codes]


def _number(value: Any) -> float:
    number = number_of(value)
    return np.nan if number is None else number


def present(values: Any) -> np.ndarray:
    """Which answers are there (missing cells are None or NaN).

    A plain loop: ``pd.notna`` is slow on object arrays holding lists.
    """
    return np.fromiter(
        (
            value is not None and not (isinstance(value, float) and value != value)
            for value in values
        ),
        dtype=bool,
        count=len(values),
    )


def positions(values: Any, categories: Sequence[str]) -> np.ndarray:
    """For each value, its position in ``categories``; -1 for anything else."""
    index = pd.Index(list(categories), dtype=object)
    try:
        return index.get_indexer(pd.Index(values, dtype=object))
    except TypeError:  # an unhashable answer where one value belongs: treat as missing
        cleaned = [value if isinstance(value, str) else None for value in values]
        return index.get_indexer(pd.Index(cleaned, dtype=object))


def categorical(values: Any, categories: Sequence[str]) -> pd.Categorical:
    """Values as a categorical over ``categories``; unknown values become missing."""
    return pd.Categorical.from_codes(positions(values, categories), categories=list(categories))


def flags(values: Any, options: Sequence[str]) -> np.ndarray:
    """A boolean matrix: row i, column j is set when answer i (a list) contains option j."""
    flags = np.zeros((len(values), len(options)), dtype=bool)
    if not len(values) or not len(options):
        return flags
    exploded = pd.Series(values, dtype=object).explode()
    codes = positions(exploded.to_numpy(dtype=object), options)
    chosen = codes >= 0
    flags[exploded.index.to_numpy()[chosen], codes[chosen]] = True
    return flags


def items(values: Any) -> tuple[list[int], list[Any], list[Any]]:
    """The (row, key, value) triples of mapping answers (matrix rows, dot votes)."""
    rows: list[int] = []
    keys: list[Any] = []
    entries: list[Any] = []
    for index, value in enumerate(values):
        if isinstance(value, dict):
            for key, entry in value.items():
                rows.append(index)
                keys.append(key)
                entries.append(entry)
    return rows, keys, entries


def matrix_columns(
    values: Any, question: Question, prefix: str, offers: Sequence[str]
) -> dict[str, Any]:
    """One categorical column per wanted row (e.g. offer) of a matrix answer."""
    wanted = [offer for offer in offers if any(row.value == offer for row in question.rows)]
    scale = question.choice_values
    codes = np.full((len(values), len(wanted)), -1, dtype=np.int16)
    rows, keys, entries = items(values)
    if rows:
        row_codes = positions(keys, wanted)
        value_codes = positions(entries, scale)
        keep = row_codes >= 0
        codes[np.asarray(rows)[keep], row_codes[keep]] = value_codes[keep]
    return {
        f"{prefix}:{offer}": pd.Categorical.from_codes(codes[:, j], categories=scale)
        for j, offer in enumerate(wanted)
    }


def vote_columns(values: Any, question: Question) -> dict[str, np.ndarray]:
    """Dot-vote points per choice (NaN for responses that skipped the question)."""
    choices = question.choice_values
    points = np.zeros((len(values), len(choices)), dtype=float)
    rows, keys, entries = items(values)
    if rows:
        codes = positions(keys, choices)
        amounts = (
            pd.to_numeric(pd.Series(entries, dtype=object), errors="coerce")
            .fillna(0)
            .to_numpy(dtype=float)
        )
        keep = codes >= 0
        np.add.at(points, (np.asarray(rows)[keep], codes[keep]), amounts[keep])
    answered = np.array([isinstance(value, dict) for value in values], dtype=bool)
    points[~answered] = np.nan
    return {f"vote:{question.id}:{choice}": points[:, j] for j, choice in enumerate(choices)}
