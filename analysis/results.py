"""One analysis of one questionnaire: every table a brief or an export shows.

:func:`analyse` turns a :class:`~analysis.loading.ResponseData` into an
:class:`Analysis` — plain dataclasses, already protected by the minimum group
size — and :func:`analyse_stored` does the same straight from the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from analysis.barriers import Barriers, barriers
from analysis.breakdowns import Dimension, dimensions_of
from analysis.cells import Key, Share
from analysis.equity import Gap, equity_gaps
from analysis.groups import NOT_STATED, OTHERS
from analysis.loading import Filters, ResponseData, load_responses
from analysis.question_summaries import QuestionSummary, question_summaries
from analysis.quotes import Quote, approved_quotes
from analysis.reach import Reach, reach
from analysis.roles import Roles
from analysis.scores import ScoreSummary, score_summaries
from analysis.suppression import DEFAULT_MIN_GROUP_SIZE, DEFAULT_MIN_QUOTE_RESPONDENTS, Ledger
from analysis.voice import Priorities, SmileyDistribution, priorities, smiley_distributions
from survey_app.questionnaire.model import Questionnaire
from survey_app.storage import Engine
from survey_app.storage.event_store import Event, list_events


@dataclass
class Scope:
    """Who and what the analysis covers (page 1 and the method box of a brief)."""

    n: Share
    first_day: date | None
    last_day: date | None
    languages: dict[str, Share]
    events: dict[str, Share]
    event_details: dict[str, Event] = field(default_factory=dict)


@dataclass
class Analysis:
    """Every protected table of one analysis, and what it was made from."""

    questionnaire: Questionnaire
    filters: Filters
    min_group_size: int
    scope: Scope
    dimensions: list[Dimension]
    reach: Reach
    gaps: list[Gap]
    barriers: list[Barriers]
    scores: list[ScoreSummary]
    smileys: list[SmileyDistribution]
    priorities: list[Priorities]
    quotes: list[Quote]
    ledger: Ledger
    #: The questionnaire's questions by role (found once, when the responses were read).
    roles: Roles
    #: Which candidate findings passed the audit, per set of claims (see findings.py).
    released: dict = field(default_factory=dict)
    #: A summary of every question (see question_summaries.py), roles or not.
    summaries: list[QuestionSummary] = field(default_factory=list)

    @property
    def n(self) -> int:
        """Responses analysed."""
        return self.scope.n.n

    @property
    def too_small(self) -> bool:
        """Fewer responses than the minimum group size: nothing may be shown."""
        return self.scope.n.base_hidden


def scope_key(kind: str, group: str | None = None) -> Key:
    """The ledger key of a scope count (``group`` None for the total)."""
    return ("scope", kind, group or "*")


def analyse(
    data: ResponseData,
    *,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    events: list[Event] | None = None,
    quotes: list[Quote] | None = None,
    min_quote_respondents: int = DEFAULT_MIN_QUOTE_RESPONDENTS,
) -> Analysis:
    """Compute and protect every table for ``data``.

    ``events`` give names and dates to event codes; ``quotes`` are approved wishes
    (those of responses outside ``data`` are dropped, and all of them when fewer than
    ``min_quote_respondents`` responses are analysed: a quote in a small selection
    can point at a person).
    """
    ledger = Ledger()
    dimensions = dimensions_of(data)
    scope = _scope(data, ledger, min_group_size, {event.code: event for event in events or []})
    result_reach = reach(data, dimensions, ledger)
    analysis = Analysis(
        questionnaire=data.questionnaire,
        filters=data.filters,
        min_group_size=min_group_size,
        scope=scope,
        dimensions=dimensions,
        reach=result_reach,
        gaps=equity_gaps(result_reach),
        barriers=barriers(data, ledger),
        scores=score_summaries(data, dimensions, ledger),
        smileys=smiley_distributions(data, ledger),
        priorities=priorities(data, ledger),
        quotes=[],
        ledger=ledger,
        roles=data.roles,
        summaries=question_summaries(data, ledger),
    )
    ledger.protect(min_group_size)
    if quotes and not analysis.too_small and analysis.n >= min_quote_respondents:
        ids = set(data.frame["response_id"].tolist())
        analysis.quotes = [quote for quote in quotes if quote.response_id in ids]
    return analysis


def analyse_stored(
    engine: Engine,
    questionnaire: Questionnaire,
    filters: Filters | None = None,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    min_quote_respondents: int = DEFAULT_MIN_QUOTE_RESPONDENTS,
) -> Analysis:
    """Load the stored responses (with events and approved quotes) and analyse them."""
    data = load_responses(engine, questionnaire, filters)
    events, quotes = stored_events_and_quotes(engine, questionnaire)
    return analyse(
        data,
        min_group_size=min_group_size,
        events=events,
        quotes=quotes,
        min_quote_respondents=min_quote_respondents,
    )


def stored_events_and_quotes(
    engine: Engine, questionnaire: Questionnaire
) -> tuple[list[Event], list[Quote]]:
    """The events (names and days for event codes) and the approved quotes of
    ``questionnaire`` (none without a ``wish`` question), read fresh."""
    with engine.connect() as conn:
        events = list_events(conn)
        quotes = (
            approved_quotes(conn, questionnaire)
            if questionnaire.questions_with_role("wish")
            else []
        )
    return events, quotes


def _scope(data: ResponseData, ledger: Ledger, k: int, events: dict[str, Event]) -> Scope:
    frame = data.frame
    total = len(frame)
    n = ledger.share(total, total, scope_key("n"), scope_key("n"))
    days = frame["submitted_on"].dropna()
    languages = _tally(ledger, "language", _text(frame["language"]), total, k)
    codes = _text(frame["event_code"])
    event_counts = _tally(ledger, "event", codes, total, k)
    return Scope(
        n=n,
        first_day=days.min().date() if len(days) else None,
        last_day=days.max().date() if len(days) else None,
        languages=languages,
        events=event_counts,
        event_details={code: events[code] for code in event_counts if code in events},
    )


def _text(column: pd.Series) -> pd.Series:
    """A categorical or text column as text, missing values as :data:`NOT_STATED`."""
    return column.astype(object).where(column.notna(), NOT_STATED).astype(str)


def _tally(ledger: Ledger, kind: str, values, total: int, k: int) -> dict[str, Share]:
    """Counts per value, values with fewer than ``k`` responses pooled as :data:`OTHERS`."""
    counted = values.value_counts()
    result: dict[str, int] = {}
    others = 0
    for value, count in counted.items():
        if count >= k:
            result[str(value)] = int(count)
        else:
            others += int(count)
    ordered = dict(sorted(result.items(), key=lambda item: -item[1]))
    if others:
        ordered[OTHERS] = others
    shares = {
        value: ledger.share(count, total, scope_key(kind, value), scope_key("n"))
        for value, count in ordered.items()
    }
    if shares:
        ledger.partition(scope_key("n"), [scope_key(kind, value) for value in shares])
    assert int(np.sum(list(ordered.values()))) == total
    return shares
