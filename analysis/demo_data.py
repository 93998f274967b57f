"""Synthetic but realistic responses to the shipped questionnaires, with planted effects.

``ankommen demo-data --responses N`` (and ``make demo``) fill a database so that a
newcomer sees a brief with real-looking findings at once. The answers are generated
from the questionnaires' roles and types, respect relevance, choice filters and
constraints, and pass ``Questionnaire.validate``. Every demo response belongs to one of
the demo events (:data:`DEMO_EVENTS`), so ``--replace`` removes demo data only.

Planted effects (:data:`analysis.demo_population.PLANTED`), which the analysis must find again:

* families who speak another language at home know the Familienzentrum 25
  percentage points less often (75 % → 50 %);
* in Lindenhof, families who know the Schulsozialarbeit hardly use it (15 % instead
  of 55 %);
* among families who know the Elterncafé but do not use it, unsuitable opening
  hours are the most frequent reason (45 %).

All other parts of the model are independent of the planted ones, so each effect
is exactly the population value of the quantity the analysis reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from analysis.demo_answers import ResponseGenerator, pick
from analysis.quotes import all_quotes, decide_quote
from survey_app.questionnaire.model import Questionnaire
from survey_app.storage import Engine, NewResponse, count_start, new_token, store_response
from survey_app.storage.event_store import Event, get_event, insert_event
from survey_app.storage.submissions import delete_responses

DEMO_USER = "demo-data"


@dataclass(frozen=True)
class DemoEvent:
    """An example event; ``weight`` is its share of responses."""

    code: str
    name: str
    district: str
    held_on: date
    weight: float


DEMO_EVENTS = (
    DemoEvent("HAFEN5", "Stadtteilfest Am Hafen", "am-hafen", date(2025, 6, 14), 0.24),
    DemoEvent("KTA2NV", "Kita-Sommerfest Nordviertel", "nordviertel", date(2025, 7, 5), 0.16),
    DemoEvent("SEU3SD", "Schuleingangsuntersuchung Südstadt", "suedstadt", date(2025, 5, 20), 0.14),
    DemoEvent(
        "FZ4TAG",
        "Tag der offenen Tür im Familienzentrum Südstadt",
        "suedstadt",
        date(2025, 9, 13),
        0.14,
    ),
    DemoEvent("ASTD7F", "Altstadtfest", "altstadt", date(2025, 8, 23), 0.18),
    DemoEvent("SPF8HF", "Spielplatzfest Lindenhof", "lindenhof", date(2025, 9, 27), 0.14),
)

#: Share of all demo responses per questionnaire (others get what is left, evenly).
QUESTIONNAIRE_WEIGHTS = {"eltern-0-10": 0.62, "kinder-6-10": 0.23, "jugend-10-16": 0.15}

LANGUAGE_WEIGHTS = {
    "de": 0.66,
    "tr": 0.08,
    "ar": 0.07,
    "uk": 0.06,
    "ru": 0.04,
    "en": 0.04,
    "de-x-ls": 0.05,
}
DISTRICT_WEIGHTS = {
    "altstadt": 0.21,
    "nordviertel": 0.2,
    "am-hafen": 0.21,
    "lindenhof": 0.2,
    "suedstadt": 0.18,
}


@dataclass
class DemoSummary:
    """What a demo run stored."""

    responses: Counter[str] = field(default_factory=Counter)
    events: list[str] = field(default_factory=list)
    approved_quotes: int = 0
    removed: int = 0


def _split(total: int, questionnaires: Sequence[Questionnaire]) -> dict[str, int]:
    """How many responses each questionnaire gets (adds up to ``total``)."""
    known = {
        q.id: QUESTIONNAIRE_WEIGHTS[q.id] for q in questionnaires if q.id in QUESTIONNAIRE_WEIGHTS
    }
    rest = [q.id for q in questionnaires if q.id not in known]
    left = max(0.0, 1.0 - sum(known.values()))
    weights = {**known, **{qid: (left / len(rest) if left else 0.1) for qid in rest}}
    norm = sum(weights.values()) or 1.0
    counts = {qid: int(total * w / norm) for qid, w in weights.items()}
    first = next(iter(counts), None)
    if first is not None:
        counts[first] += total - sum(counts.values())
    return counts


def generate_responses(
    questionnaire: Questionnaire, count: int, rng: np.random.Generator
) -> list[dict[str, Any]]:
    """``count`` demo responses as records (event, language, day, mode, answers)."""
    generator = ResponseGenerator(questionnaire, rng)
    languages = {lang: w for lang, w in LANGUAGE_WEIGHTS.items() if lang in questionnaire.languages}
    site_districts = [d.id for d in questionnaire.site.districts] if questionnaire.site else []
    event_weights = {event.code: event.weight for event in DEMO_EVENTS}
    by_code = {event.code: event for event in DEMO_EVENTS}
    records = []
    for _ in range(count):
        event = by_code[pick(rng, event_weights)]
        language = pick(rng, languages) if languages else questionnaire.default_language
        if site_districts:
            home = (
                event.district
                if rng.random() < 0.7
                else pick(rng, DISTRICT_WEIGHTS, site_districts)
            )
        else:
            home = None
        person = generator.person(language, home)
        own_device = rng.random() < 0.2
        day = event.held_on + timedelta(days=int(rng.integers(0, 14)) if own_device else 0)
        records.append(
            {
                "event_code": event.code,
                "district": event.district,
                "language": language,
                "mode": "own_device" if own_device else "kiosk",
                "submitted_on": day,
                "answers": generator.answers(person),
            }
        )
    return records


def ensure_demo_events(conn: Any, questionnaire_ids: list[str]) -> list[str]:
    """Create the demo events that do not exist yet; return all their codes."""
    for event in DEMO_EVENTS:
        if get_event(conn, event.code) is None:
            insert_event(
                conn,
                Event(
                    code=event.code,
                    name=event.name,
                    questionnaire_ids=questionnaire_ids,
                    district=event.district,
                    held_on=event.held_on,
                    mode="both",
                    closed=True,
                ),
            )
    return [event.code for event in DEMO_EVENTS]


def remove_demo_data(conn: Any) -> int:
    """Delete the responses (and their quote decisions) of the demo events."""
    codes = [event.code for event in DEMO_EVENTS]
    return delete_responses(conn, event_codes=codes)


def fill_demo_data(
    engine: Engine,
    questionnaires: Sequence[Questionnaire],
    total: int,
    seed: int | None = None,
    replace: bool = False,
    approve_quotes: int = 6,
) -> DemoSummary:
    """Store ``total`` demo responses spread over ``questionnaires`` in one transaction.

    Re-running adds more; ``replace`` first removes earlier demo responses. A few
    children's wishes are approved as quotes (by the user ``demo-data``) so the
    children's brief shows some.
    """
    rng = np.random.default_rng(seed)
    summary = DemoSummary()
    plan = _split(total, questionnaires)
    with engine.begin() as conn:
        if replace:
            summary.removed = remove_demo_data(conn)
        summary.events = ensure_demo_events(conn, [q.id for q in questionnaires])
        for questionnaire in questionnaires:
            records = generate_responses(questionnaire, plan.get(questionnaire.id, 0), rng)
            for record in records:
                store_response(
                    conn,
                    NewResponse.to(
                        questionnaire,
                        language=record["language"],
                        mode=record["mode"],
                        event_code=record["event_code"],
                        district=record["district"],
                        answers=record["answers"],
                    ),
                    token=new_token(),
                    today=record["submitted_on"],
                )
            _count_starts(conn, questionnaire.id, records, rng)
            summary.responses[questionnaire.id] += len(records)
            summary.approved_quotes += _approve_some(conn, questionnaire, approve_quotes)
    return summary


def _count_starts(
    conn: Any, questionnaire_id: str, records: list[dict[str, Any]], rng: np.random.Generator
) -> None:
    """Started questionnaires: the completed ones plus about 15 % that were abandoned."""
    completed = Counter((r["event_code"], r["language"], r["submitted_on"]) for r in records)
    for (event_code, language, day), count in completed.items():
        started = count + int(rng.binomial(count, 0.15))
        count_start(
            conn,
            questionnaire_id=questionnaire_id,
            event_code=event_code,
            language=language,
            today=day,
            count=started,
        )


def _approve_some(conn: Any, questionnaire: Questionnaire, limit: int) -> int:
    """Approve up to ``limit`` distinct demo wishes as quotes (none if there are already some)."""
    wishes = all_quotes(conn, questionnaire)
    if not wishes or any(quote.approved for quote in wishes):
        return 0
    seen: set[str] = set()
    approved = 0
    for quote in wishes:
        if approved >= limit or quote.text in seen:
            continue
        seen.add(quote.text)
        decide_quote(conn, quote.response_id, quote.question_id, approved=True, user_name=DEMO_USER)
        approved += 1
    return approved
