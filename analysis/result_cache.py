"""Keeps decoded responses and finished analyses between requests of the results page.

Decoding the stored JSON is most of the work (about 2 s for 100 000 responses), and a
planner trying filters asks for the same responses again and again. So the unfiltered
:class:`~analysis.loading.ResponseData` of a questionnaire is kept and every selection
is cut from it in memory; finished analyses are kept per selection too.

What makes this safe: an entry is used only while the stored responses look the same
— the fingerprint (count, smallest and largest id, last day) is read from the
database on every call — and for at most ``max_age`` seconds, so responses purged
or replaced one for one disappear from the page within that time at the latest.
Approved quotes and event names are read fresh for every analysis and are part of
its key. Everything kept is already aggregated or stays in this process's memory.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from analysis.loading import Filters, ResponseData, load_responses
from analysis.results import Analysis, analyse, stored_events_and_quotes
from survey_app.questionnaire.model import Questionnaire
from survey_app.storage import Engine
from survey_app.storage.tallies import responses_fingerprint


class ResultCache:
    """Decoded responses per questionnaire and analyses per selection (LRU)."""

    def __init__(self, max_analyses: int = 64, max_age: float = 300.0) -> None:
        self.max_analyses = max_analyses
        self.max_age = max_age
        self._data: dict[Hashable, tuple[float, Any, ResponseData]] = {}
        self._analyses: OrderedDict[Hashable, tuple[float, Analysis]] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._data.clear()
            self._analyses.clear()

    def data(self, engine: Engine, questionnaire: Questionnaire) -> ResponseData:
        """All stored responses to ``questionnaire``, unfiltered."""
        return self._load(engine, questionnaire)[1]

    def _load(self, engine: Engine, questionnaire: Questionnaire) -> tuple[Hashable, ResponseData]:
        """The responses and a stamp that names this very load (for analysis keys)."""
        key = (str(engine.url), questionnaire.id, questionnaire.content_hash)
        fingerprint = _fingerprint(engine, questionnaire)
        now = time.monotonic()
        with self._lock:
            entry = self._data.get(key)
        if entry is not None and entry[1] == fingerprint and now - entry[0] < self.max_age:
            return (key, fingerprint, entry[0]), entry[2]
        data = load_responses(engine, questionnaire)
        with self._lock:
            self._data[key] = (now, fingerprint, data)
        return (key, fingerprint, now), data

    def analysis(
        self,
        engine: Engine,
        questionnaire: Questionnaire,
        filters: Filters,
        min_group_size: int,
        min_quote_respondents: int,
    ) -> Analysis:
        """The protected analysis of one selection (see :func:`analysis.results.analyse`)."""
        stamp, data = self._load(engine, questionnaire)
        events, quotes = stored_events_and_quotes(engine, questionnaire)
        key = (
            stamp,
            filters,
            min_group_size,
            min_quote_respondents,
            tuple((event.code, event.name, event.district) for event in events),
            tuple((quote.response_id, quote.question_id, quote.text) for quote in quotes),
        )
        now = time.monotonic()
        with self._lock:
            entry = self._analyses.get(key)
            if entry is not None and now - entry[0] < self.max_age:
                self._analyses.move_to_end(key)
                return entry[1]
        result = analyse(
            data.filtered(filters) if filters.active else data,
            min_group_size=min_group_size,
            events=events,
            quotes=quotes,
            min_quote_respondents=min_quote_respondents,
        )
        with self._lock:
            self._analyses[key] = (now, result)
            while len(self._analyses) > self.max_analyses:
                self._analyses.popitem(last=False)
        return result


def _fingerprint(engine: Engine, questionnaire: Questionnaire) -> tuple[Any, ...]:
    with engine.connect() as conn:
        return responses_fingerprint(conn, questionnaire.id)
