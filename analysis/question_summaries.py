"""A summary of every question, for any questionnaire — with roles or without.

Each stored question gets one :class:`QuestionSummary`, a plain data structure that
the brief, the tables export and the planner's results page render alike:

==================  ===========================================================
kind                what is counted
==================  ===========================================================
``choice``          single choice, yes/no: count and share of each choice
``multiple``        multiple choice: share per option of all who answered,
                    "none ticked" (stored as ``[]``) in that base
``scale``           smiley: share per face (a stacked bar)
``rating``          share per point, and quartiles
``number``          integer, decimal: quartiles (25 %, median, 75 %)
``matrix``          per row: share of each choice among who answered the row
``dot_vote``        points per choice (:class:`analysis.voice.Priorities`)
``text``, ``date``  how many answered (texts only as approved quotes)
==================  ===========================================================

Every count is registered in the analysis' :class:`~analysis.suppression.Ledger`
with the sums and bounds that tie it (choices → answered; options and "none ticked"
→ answered through a latent "ticked at least one"; matrix choices → row → answered),
so primary, complementary suppression and the disclosure audit treat it like every
other cell. Smiley and dot-vote questions use the keys of :mod:`analysis.voice`: a
role question's summary *is* its voice table. Quartiles are shown only when the
number answered is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from analysis.cells import Key, Share
from analysis.disclosure import at_most, total_of
from analysis.groups import NONE_TICKED
from analysis.loading import ResponseData
from analysis.roles import offered_choices
from analysis.suppression import Ledger
from analysis.voice import Priorities, priorities, smiley_key, vote_key
from survey_app.questionnaire.model import Question

#: The scope total every "answered" count is a part of (see ``results.scope_key``).
TOTAL_KEY: Key = ("scope", "n", "*")


@dataclass(frozen=True)
class Quartiles:
    """The 25 % quantile, the median and the 75 % quantile of a number's answers."""

    low: float
    median: float
    high: float


@dataclass
class MatrixRow:
    """One row of a matrix question: who answered it, and each choice's share."""

    row: str
    answered: Share
    shares: dict[str, Share]


@dataclass
class QuestionSummary:
    """The summary of one question; see the module docstring for the kinds."""

    question: Question
    kind: str
    #: Who answered, out of all responses analysed.
    answered: Share
    #: Per choice (or rating point): count out of who answered.
    options: dict[str, Share] = field(default_factory=dict)
    #: Multiple choice: answered with nothing ticked, out of who answered.
    none_ticked: Share | None = None
    rows: list[MatrixRow] = field(default_factory=list)
    quartiles: Quartiles | None = None
    votes: Priorities | None = None

    @property
    def n(self) -> int:
        """How many answered the question."""
        return self.answered.count

    @property
    def shown(self) -> bool:
        """Whether the number answered may be published (and with it the quartiles)."""
        return self.answered.shown

    @property
    def shares(self) -> list[tuple[str, Share]]:
        """The option shares in questionnaire order, "none ticked" last."""
        result = list(self.options.items())
        if self.none_ticked is not None:
            result.append((NONE_TICKED, self.none_ticked))
        return result


def question_key(question_id: str, *parts: str) -> Key:
    """The ledger key of a per-question count (no parts: who answered)."""
    return ("q", question_id, *(parts or ("*",)))


def kind_of(question: Question) -> str:
    """The summary kind of a question type (see the module docstring)."""
    return {
        "single_choice": "choice",
        "yes_no": "choice",
        "multiple_choice": "multiple",
        "smiley": "scale",
        "rating": "rating",
        "integer": "number",
        "decimal": "number",
        "matrix": "matrix",
        "dot_vote": "dot_vote",
        "date": "date",
    }.get(question.type, "text")


def question_summaries(data: ResponseData, ledger: Ledger) -> list[QuestionSummary]:
    """A summary of every stored question of ``data``'s questionnaire, registered in
    ``ledger`` (protect the ledger afterwards, as for every other table)."""
    total = len(data.frame)
    ledger.share(total, total, TOTAL_KEY, TOTAL_KEY)
    result = []
    for question in data.questionnaire.questions():
        if not question.is_stored:
            continue
        kind = kind_of(question)
        builder = _BUILDERS.get(kind, _answered_only)
        result.append(builder(data, ledger, question, kind))
    return result


def _answered(ledger: Ledger, key: Key, count: int, total: int) -> Share:
    return ledger.share(count, total, key, TOTAL_KEY)


def _tally(
    ledger: Ledger, codes: np.ndarray, values: list[str], base: Share, key_of
) -> dict[str, Share]:
    """Counts of each category code, registered as a partition of ``base``."""
    counts = np.bincount(codes[codes >= 0], minlength=len(values))
    shares = {
        value: ledger.share(int(counts[i]), base.count, key_of(value), base.count_key)
        for i, value in enumerate(values)
    }
    if shares:
        ledger.partition(base.count_key, [share.count_key for share in shares.values()])
    return shares


def _offered(data: ResponseData, question: Question) -> list[str]:
    """The values a question can ever offer (a fixed ``choice_filter`` applied)."""
    return [choice.value for choice in offered_choices(data.questionnaire, question)]


def _choice(data: ResponseData, ledger: Ledger, question: Question, kind: str) -> QuestionSummary:
    values = _offered(data, question) if kind == "choice" else question.choice_values
    # Positions among all choices -> positions among the offered ones (-1: not offered).
    recode = np.array([values.index(v) if v in values else -1 for v in question.choice_values])
    codes = data.frame[f"q:{question.id}"].cat.codes.to_numpy()
    codes = np.where(codes >= 0, recode[np.clip(codes, 0, None)] if len(recode) else -1, -1)
    total = len(codes)
    count = int((codes >= 0).sum())
    key = smiley_key if kind == "scale" else question_key
    answered = _answered(ledger, key(question.id), count, total)
    options = _tally(ledger, codes, values, answered, lambda v: key(question.id, v))
    return QuestionSummary(question, kind, answered, options)


def _multiple(data: ResponseData, ledger: Ledger, question: Question, kind: str) -> QuestionSummary:
    frame = data.frame
    answered_rows = frame[f"q:{question.id}"].to_numpy(dtype=bool)
    values = _offered(data, question)
    ticked = (
        np.column_stack([frame[f"q:{question.id}:{v}"].to_numpy(dtype=bool) for v in values])
        if values
        else np.zeros((len(frame), 0), dtype=bool)
    )
    ticked &= answered_rows[:, None]
    any_ticked = ticked.any(axis=1)
    answered = _answered(ledger, question_key(question.id), int(answered_rows.sum()), len(frame))
    base = answered.count_key
    options = {
        value: ledger.share(
            int(ticked[:, j].sum()), answered.count, question_key(question.id, value), base
        )
        for j, value in enumerate(values)
    }
    none = ledger.share(
        int((answered_rows & ~any_ticked).sum()),
        answered.count,
        question_key(question.id, NONE_TICKED),
        base,
    )
    # Who ticked at least one option is never published, but ties the others.
    some = question_key(question.id, "_some")
    ledger.latent_count(some, int(any_ticked.sum()))
    ledger.relate(total_of(base, [some, none.count_key]))
    for share in options.values():
        ledger.relate(at_most(share.count_key, some))
    if options:
        ledger.relate(at_most(some, *(share.count_key for share in options.values())))
    return QuestionSummary(question, kind, answered, options, none_ticked=none)


def _numbers(data: ResponseData, ledger: Ledger, question: Question, kind: str) -> QuestionSummary:
    values = data.frame[f"q:{question.id}"].to_numpy(dtype=float)
    given = values[~np.isnan(values)]
    answered = _answered(ledger, question_key(question.id), len(given), len(values))
    quartiles = None
    if len(given):
        low, median, high = np.quantile(given, [0.25, 0.5, 0.75])
        quartiles = Quartiles(float(low), float(median), float(high))
    options: dict[str, Share] = {}
    if kind == "rating" and question.points:
        points = [str(point) for point in range(1, question.points + 1)]
        codes = np.full(len(values), -1)
        whole = ~np.isnan(values)
        codes[whole] = values[whole].astype(int) - 1
        codes[(codes >= len(points))] = -1
        options = _tally(ledger, codes, points, answered, lambda v: question_key(question.id, v))
    return QuestionSummary(question, kind, answered, options, quartiles=quartiles)


def _matrix(data: ResponseData, ledger: Ledger, question: Question, kind: str) -> QuestionSummary:
    frame = data.frame
    rows = _offered(data, question)
    codes = (
        np.column_stack([frame[f"q:{question.id}:{row}"].cat.codes.to_numpy() for row in rows])
        if rows
        else np.full((len(frame), 0), -1)
    )
    answered = _answered(
        ledger, question_key(question.id), int((codes >= 0).any(axis=1).sum()), len(frame)
    )
    result = []
    for j, row in enumerate(rows):
        row_answered = ledger.share(
            int((codes[:, j] >= 0).sum()),
            answered.count,
            question_key(question.id, row),
            answered.count_key,
        )
        shares = _tally(
            ledger,
            codes[:, j],
            question.choice_values,
            row_answered,
            lambda v, row=row: question_key(question.id, row, v),
        )
        result.append(MatrixRow(row, row_answered, shares))
    return QuestionSummary(question, kind, answered, rows=result)


def _dot_vote(data: ResponseData, ledger: Ledger, question: Question, kind: str) -> QuestionSummary:
    votes = priorities(data, ledger, [question])
    frame = data.frame
    columns = [f"vote:{question.id}:{choice}" for choice in question.choice_values]
    count = int(frame[columns].notna().any(axis=1).sum()) if columns else 0
    answered = _answered(ledger, vote_key("n", question.id), count, len(frame))
    return QuestionSummary(question, kind, answered, votes=votes[0] if votes else None)


def _answered_only(
    data: ResponseData, ledger: Ledger, question: Question, kind: str
) -> QuestionSummary:
    count = int(data.frame[f"q:{question.id}"].to_numpy(dtype=bool).sum())
    answered = _answered(ledger, question_key(question.id), count, len(data.frame))
    return QuestionSummary(question, kind, answered)


_BUILDERS = {
    "choice": _choice,
    "scale": _choice,
    "multiple": _multiple,
    "rating": _numbers,
    "number": _numbers,
    "matrix": _matrix,
    "dot_vote": _dot_vote,
}
