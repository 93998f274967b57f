"""Synthetic but realistic responses to the shipped questionnaires, with planted effects.

``ankommen demo-data --responses N`` (and ``make demo``) fill a database so that a
newcomer sees a brief with real-looking findings at once. The answers are generated
from the questionnaires' roles and types, respect relevance, choice filters and
constraints, and pass ``Questionnaire.validate``. Every demo response belongs to one of
the demo events (:data:`DEMO_EVENTS`), so ``--replace`` removes demo data only.

Planted effects (:data:`PLANTED`), which the analysis must find again:

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from analysis.quotes import all_quotes, decide_quote
from analysis.roles import best_first
from survey_app.questionnaire.answers import check_answer
from survey_app.questionnaire.expressions import is_true
from survey_app.questionnaire.model import Question, Questionnaire
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
LIFE_PHASE_WEIGHTS = {"vor-geburt": 0.07, "0-1": 0.13, "1-3": 0.19, "3-6": 0.28, "6-10": 0.33}
CHILD_AGE_WEIGHTS = {5: 0.04, 6: 0.17, 7: 0.2, 8: 0.2, 9: 0.19, 10: 0.14, 11: 0.04, 12: 0.02}

#: Probability of knowing an offer meant for the family's life phase.
KNOWN = {
    "babybegruessung": 0.85,
    "familienhebamme": 0.55,
    "elterncafe": 0.55,
    "krabbelgruppe": 0.6,
    "sprachfoerderung-kita": 0.35,
    "familienzentrum": 0.75,
    "erziehungsberatung": 0.45,
    "schulsozialarbeit": 0.7,
    "hausaufgabenhilfe": 0.5,
    "jugendclub": 0.55,
    "but-zuschuss": 0.4,
    "ferienangebote": 0.65,
}
#: Probability of using an offer one knows.
USED_IF_KNOWN = {
    "babybegruessung": 0.8,
    "familienhebamme": 0.4,
    "elterncafe": 0.25,
    "krabbelgruppe": 0.45,
    "sprachfoerderung-kita": 0.55,
    "familienzentrum": 0.45,
    "erziehungsberatung": 0.25,
    "schulsozialarbeit": 0.55,
    "hausaufgabenhilfe": 0.4,
    "jugendclub": 0.45,
    "but-zuschuss": 0.45,
    "ferienangebote": 0.5,
}
BARRIER_WEIGHTS = {
    "kein-bedarf": 0.3,
    "passt-nicht": 0.15,
    "oeffnungszeiten": 0.12,
    "entfernung": 0.1,
    "nicht-gewusst-wie": 0.09,
    "sprache": 0.08,
    "kosten": 0.06,
    "warteliste": 0.04,
    "scham": 0.04,
    "anderes": 0.02,
}
ELTERNCAFE_BARRIERS = {
    "oeffnungszeiten": 0.45,
    "kein-bedarf": 0.15,
    "passt-nicht": 0.1,
    "sprache": 0.07,
    "entfernung": 0.06,
    "kosten": 0.05,
    "nicht-gewusst-wie": 0.04,
    "scham": 0.04,
    "warteliste": 0.02,
    "anderes": 0.02,
}


@dataclass(frozen=True)
class PlantedEffects:
    """The effects the demo data contains (see the module docstring)."""

    familienzentrum_known: float = 0.75
    familienzentrum_language_gap: float = -0.25
    schulsozialarbeit_district: str = "lindenhof"
    schulsozialarbeit_used_if_known_there: float = 0.15
    schulsozialarbeit_used_if_known_elsewhere: float = 0.55
    elterncafe_top_barrier: str = "oeffnungszeiten"
    elterncafe_top_barrier_share: float = 0.45


PLANTED = PlantedEffects()

WISHES = {
    "de": [
        "Mehr Spielplätze mit Schaukeln",
        "Dass die Schule schöner wird",
        "Ein Schwimmbad im Viertel",
        "Mehr Bäume und Blumen",
        "Sichere Wege zur Schule",
        "Einen Bolzplatz für alle",
        "Dass niemand ausgelacht wird",
        "Mehr Platz zum Spielen draußen",
        "Einen Jugendraum mit Musik",
        "Saubere Spielplätze ohne Scherben",
    ],
    "en": ["More playgrounds", "A safe way to school", "A football pitch near my home"],
    "tr": ["Daha fazla oyun parkı", "Okul yolu güvenli olsun", "Mahallemize bir havuz"],
    "ar": ["ملاعب أكثر للأطفال", "طريق آمن إلى المدرسة", "حديقة كبيرة فيها أشجار"],
    "uk": ["Більше дитячих майданчиків", "Безпечна дорога до школи", "Басейн у нашому районі"],
    "ru": ["Больше детских площадок", "Безопасная дорога в школу", "Футбольное поле рядом с домом"],
}
#: Relative weights of some choice values in generic multiple-choice answers.
CHOICE_PREFERENCE = {"schule": 4.0, "hort": 1.5, "kita": 0.5, "zuhause": 0.1}

PARENT_TEXTS = [
    "Kinderbetreuung auch am Nachmittag",
    "Mehr Angebote am Wochenende",
    "Beratung auf Arabisch",
    "Günstigere Ferienangebote",
    "Infos in einfacher Sprache",
    "Einen Kitaplatz in unserer Nähe",
]


@dataclass
class DemoSummary:
    """What a demo run stored."""

    responses: Counter[str] = field(default_factory=Counter)
    events: list[str] = field(default_factory=list)
    approved_quotes: int = 0
    removed: int = 0


@dataclass
class _Person:
    """The hidden traits behind one respondent's answers."""

    language: str
    district: str | None
    other_language: bool
    single_parent: bool
    strain: bool
    wellbeing: float
    flags: dict[str, bool] = field(default_factory=dict)


def _pick(
    rng: np.random.Generator, weights: dict[Any, float], allowed: Iterable[Any] | None = None
) -> Any:
    options = (
        list(weights) if allowed is None else [option for option in allowed if option in weights]
    )
    if not options:
        options = list(allowed or weights)
        return options[int(rng.integers(len(options)))]
    probabilities = np.array([weights[option] for option in options], dtype=float)
    return options[int(rng.choice(len(options), p=probabilities / probabilities.sum()))]


class ResponseGenerator:
    """Answers for one questionnaire, by role and type, with the planted effects."""

    def __init__(self, questionnaire: Questionnaire, rng: np.random.Generator) -> None:
        self.questionnaire = questionnaire
        self.rng = rng
        site = questionnaire.site
        self.offers = {offer.id: offer for offer in site.offers} if site else {}
        self.site = site
        self._static: dict[str, list[str]] = {}

    def person(self, language: str, home_district: str | None) -> _Person:
        """Hidden traits; the language group depends only on the questionnaire language."""
        rng = self.rng
        other = rng.random() < (0.9 if language not in ("de", "de-x-ls") else 0.22)
        single = rng.random() < 0.18
        strain = rng.random() < 0.3
        wellbeing = float(np.clip(rng.normal(15.5 - 3.0 * strain - 1.5 * single, 4.5), 0, 25))
        return _Person(language, home_district, bool(other), bool(single), bool(strain), wellbeing)

    def answers(self, person: _Person) -> dict[str, Any]:
        """One full, valid set of answers."""
        questionnaire = self.questionnaire
        answers: dict[str, Any] = {}
        for page in questionnaire.pages:
            # Only shown questions are answered, so the answers so far are exactly
            # what the relevance of the next page or question may refer to.
            if page.relevant is not None and not is_true(page.relevant, answers):
                continue
            for question in page.questions:
                if not question.is_stored:
                    continue
                if question.relevant is not None and not is_true(question.relevant, answers):
                    continue
                value = self.answer(question, answers, person)
                if value is not None:
                    answers[question.id] = value
        return questionnaire.clean(answers)

    def answer(self, question: Question, answers: dict[str, Any], person: _Person) -> Any:
        """An answer to one question (None to skip it)."""
        rng = self.rng
        role = question.role
        if role == "life_phase":
            return _pick(rng, LIFE_PHASE_WEIGHTS, self._visible(question, answers))
        if role == "child_age":
            low, high = int(question.min or 0), int(question.max or 18)
            if low >= 10:
                return int(rng.integers(low, high + 1))
            return _pick(rng, CHILD_AGE_WEIGHTS, range(low, high + 1))
        if role == "district":
            return person.district if rng.random() < 0.92 else None
        if role == "equity_group":
            return self._equity(question, answers, person)
        if role == "offer_awareness":
            return self._known(question, answers, person)
        if role == "offer_use":
            return self._used(question, answers, person)
        if role == "offer_benefit":
            order = best_first(question.choice_values)
            weights = dict(zip(order, [0.62, 0.27, 0.11, 0.05, 0.05], strict=False))
            return self._scale_per_row(
                question, answers, [weights.get(v, 0.05) for v in question.choice_values], 0.95
            )
        if role == "barrier" and question.type == "matrix":
            return self._barriers(question, answers)
        if role == "wellbeing":
            return self._wellbeing(question, person)
        if role == "wish":
            if rng.random() < 0.4:
                pool = WISHES.get(person.language.split("-")[0], WISHES["de"])
                return pool[int(rng.integers(len(pool)))]
            return None
        return self._by_type(question, answers)

    def _visible(self, question: Question, answers: dict[str, Any]) -> list[str]:
        static = question.choice_filter is None or not question.choice_filter.references
        if static and question.id in self._static:
            return self._static[question.id]
        values = [choice.value for choice in self.questionnaire.visible_choices(question, answers)]
        if static:
            self._static[question.id] = values
        return values

    def _life_phase(self, answers: dict[str, Any]) -> str | None:
        questionnaire = self.questionnaire
        for question in questionnaire.questions_with_role("life_phase"):
            return answers.get(question.id)
        for question in questionnaire.questions_with_role("child_age"):
            age = answers.get(question.id)
            if age is not None and self.site is not None:
                phase = self.site.life_phase_for_age(age)
                return phase.id if phase else None
        return None

    def _equity(self, question: Question, answers: dict[str, Any], person: _Person) -> Any:
        rng = self.rng
        assert question.equity_group is not None
        if rng.random() < 0.07:
            return None
        members = [m for m in question.equity_group.members if m in question.choice_values]
        others = [v for v in question.choice_values if v not in members]
        if question.type == "multiple_choice" and "deutsch" in question.choice_values:
            if not person.other_language:
                return ["deutsch"]
            language = {
                "tr": "tuerkisch",
                "ar": "arabisch",
                "uk": "ukrainisch",
                "ru": "russisch",
                "en": "englisch",
            }
            home = language.get(person.language, members[int(rng.integers(len(members)))])
            home = home if home in members else members[0]
            return [home, "deutsch"] if rng.random() < 0.45 else [home]
        if question.type == "yes_no":
            return "yes" if person.single_parent else "no"
        if person.strain and members:
            return members[int(rng.integers(len(members)))]
        polite = [v for v in others if v not in ("keine-angabe",)]
        if "keine-angabe" in others and rng.random() < 0.06:
            return "keine-angabe"
        choices = polite or others or question.choice_values
        return choices[int(rng.integers(len(choices)))]

    def _known_probability(self, offer_id: str, answers: dict[str, Any], person: _Person) -> float:
        offer = self.offers.get(offer_id)
        phase = self._life_phase(answers)
        meant_for = offer is None or not offer.life_phases or phase in offer.life_phases
        if offer_id == "familienzentrum" and meant_for:
            return (
                PLANTED.familienzentrum_known
                + PLANTED.familienzentrum_language_gap * person.other_language
            )
        p = KNOWN.get(offer_id, 0.5)
        if offer_id == "sprachfoerderung-kita":
            p += 0.15 * person.other_language
        elif offer_id == "babybegruessung":
            p -= 0.15 * person.other_language
        elif offer_id == "but-zuschuss":
            p += 0.2 * person.strain
        elif offer_id == "erziehungsberatung":
            p -= 0.12 * person.strain
        return p if meant_for else 0.35 * p

    def _known(
        self, question: Question, answers: dict[str, Any], person: _Person
    ) -> list[str] | None:
        if self.rng.random() < 0.03:
            return None
        return [
            offer
            for offer in self._visible(question, answers)
            if self.rng.random() < self._known_probability(offer, answers, person)
        ]

    def _used(self, question: Question, answers: dict[str, Any], person: _Person) -> list[str]:
        used = []
        for offer in self._visible(question, answers):
            p = USED_IF_KNOWN.get(offer, 0.4)
            if offer == "schulsozialarbeit":
                there = person.district == PLANTED.schulsozialarbeit_district
                p = (
                    PLANTED.schulsozialarbeit_used_if_known_there
                    if there
                    else PLANTED.schulsozialarbeit_used_if_known_elsewhere
                )
            elif offer == "but-zuschuss":
                p += 0.2 * person.strain
            if self.rng.random() < p:
                used.append(offer)
        return used

    def _scale_per_row(
        self,
        question: Question,
        answers: dict[str, Any],
        weights: Sequence[float],
        answer_rate: float,
    ) -> dict[str, str] | None:
        scale = question.choice_values
        probabilities = np.array(
            list(weights)[: len(scale)] + [0.05] * max(0, len(scale) - len(weights))
        )
        probabilities = probabilities / probabilities.sum()
        result = {}
        for row in self.questionnaire.visible_rows(question, answers):
            if self.rng.random() < answer_rate:
                result[row.value] = scale[int(self.rng.choice(len(scale), p=probabilities))]
        return result or None

    def _barriers(self, question: Question, answers: dict[str, Any]) -> dict[str, str] | None:
        result = {}
        for row in self.questionnaire.visible_rows(question, answers):
            if self.rng.random() < 0.88:
                weights = ELTERNCAFE_BARRIERS if row.value == "elterncafe" else BARRIER_WEIGHTS
                scale = question.choice_values
                known = {value: weights.get(value, 0.02) for value in scale}
                result[row.value] = _pick(self.rng, known)
        return result or None

    def _wellbeing(self, question: Question, person: _Person) -> Any:
        numbers = question.numeric_range()
        low, high = numbers if numbers else (1.0, 5.0)
        level = person.wellbeing / 25 * (high - low) + low
        value = int(np.clip(round(level + self.rng.normal(0, 0.8)), low, high))
        if question.type in ("single_choice", "smiley"):
            for choice in question.choices:
                if float(choice.value) == value:
                    return choice.value
            return question.choices[0].value
        return value

    def _by_type(self, question: Question, answers: dict[str, Any]) -> Any:
        rng = self.rng
        kind = question.type
        visible = self._visible(question, answers) if question.is_choice_type else []
        if kind == "smiley":
            weights = [0.05, 0.08, 0.2, 0.37, 0.3] if len(visible) == 5 else [0.12, 0.28, 0.6]
            return (
                _pick(rng, dict(zip(visible, weights, strict=False)), visible)
                if rng.random() < 0.95
                else None
            )
        if kind in ("single_choice", "yes_no"):
            if kind == "yes_no":
                visible = ["yes", "no"]
            return (
                visible[int(rng.integers(len(visible)))] if visible and rng.random() < 0.9 else None
            )
        if kind == "multiple_choice":
            return self._some(question, visible, answers)
        if kind == "dot_vote":
            return self._dots(question, visible)
        if kind == "rating":
            points = question.points or 5
            return int(np.clip(round(rng.normal(points * 0.7, points * 0.2)), 1, points))
        if kind in ("integer", "decimal"):
            low, high = (
                question.min if question.min is not None else 0,
                question.max if question.max is not None else 10,
            )
            value = int(rng.integers(int(low), int(high) + 1))
            return value if kind == "integer" else float(value)
        if kind in ("text", "long_text"):
            return (
                PARENT_TEXTS[int(rng.integers(len(PARENT_TEXTS)))] if rng.random() < 0.12 else None
            )
        if kind == "matrix":
            return self._scale_per_row(question, answers, [0.4, 0.35, 0.25], answer_rate=0.9)
        return None

    def _some(
        self, question: Question, visible: list[str], answers: dict[str, Any]
    ) -> list[str] | None:
        rng = self.rng
        if not visible:
            return None
        weights = np.array([CHOICE_PREFERENCE.get(value, 1.0) for value in visible])
        for _ in range(6):
            size = min(len(visible), int(rng.choice([1, 1, 1, 2, 2, 3])))
            chosen = rng.choice(len(visible), size=size, replace=False, p=weights / weights.sum())
            picked = [visible[i] for i in sorted(chosen)]
            if not check_answer(self.questionnaire, question, picked, answers):
                return picked
        return [visible[0]] if question.required else None

    def _dots(self, question: Question, visible: list[str]) -> dict[str, int] | None:
        rng = self.rng
        if not visible or rng.random() < 0.08:
            return None
        preference = {
            "spielplaetze": 0.3,
            "wege": 0.2,
            "treffpunkte": 0.15,
            "parks": 0.15,
            "sportplaetze": 0.12,
            "schule": 0.08,
        }
        weights = {value: preference.get(value, 0.15) for value in visible}
        points: Counter[str] = Counter()
        for _ in range(question.points or 3):
            points[_pick(rng, weights)] += 1
        return dict(points)


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
        event = by_code[_pick(rng, event_weights)]
        language = _pick(rng, languages) if languages else questionnaire.default_language
        if site_districts:
            home = (
                event.district
                if rng.random() < 0.7
                else _pick(rng, DISTRICT_WEIGHTS, site_districts)
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
