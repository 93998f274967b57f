"""One demo respondent's answers: hidden traits (:class:`Person`) and the answers they
give to every question of a questionnaire (:class:`ResponseGenerator`), drawn from the
demo population (:mod:`analysis.demo_population`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from analysis.demo_population import (
    BARRIER_WEIGHTS,
    CHILD_AGE_WEIGHTS,
    CHOICE_PREFERENCE,
    ELTERNCAFE_BARRIERS,
    KNOWN,
    LIFE_PHASE_WEIGHTS,
    PARENT_TEXTS,
    PLANTED,
    USED_IF_KNOWN,
    WISHES,
)
from analysis.roles import best_first
from survey_app.questionnaire.answers import check_answer
from survey_app.questionnaire.expressions import is_true
from survey_app.questionnaire.model import Question, Questionnaire


@dataclass
class Person:
    """The hidden traits behind one respondent's answers."""

    language: str
    district: str | None
    other_language: bool
    single_parent: bool
    strain: bool
    wellbeing: float
    flags: dict[str, bool] = field(default_factory=dict)


def pick(
    rng: np.random.Generator, weights: dict[Any, float], allowed: Iterable[Any] | None = None
) -> Any:
    """A random key of ``weights`` (only among ``allowed``; uniform if none is weighted)."""
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

    def person(self, language: str, home_district: str | None) -> Person:
        """Hidden traits; the language group depends only on the questionnaire language."""
        rng = self.rng
        other = rng.random() < (0.9 if language not in ("de", "de-x-ls") else 0.22)
        single = rng.random() < 0.18
        strain = rng.random() < 0.3
        wellbeing = float(np.clip(rng.normal(15.5 - 3.0 * strain - 1.5 * single, 4.5), 0, 25))
        return Person(language, home_district, bool(other), bool(single), bool(strain), wellbeing)

    def answers(self, person: Person) -> dict[str, Any]:
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

    def answer(self, question: Question, answers: dict[str, Any], person: Person) -> Any:
        """An answer to one question (None to skip it)."""
        rng = self.rng
        role = question.role
        if role == "life_phase":
            return pick(rng, LIFE_PHASE_WEIGHTS, self._visible(question, answers))
        if role == "child_age":
            low, high = int(question.min or 0), int(question.max or 18)
            if low >= 10:
                return int(rng.integers(low, high + 1))
            return pick(rng, CHILD_AGE_WEIGHTS, range(low, high + 1))
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

    def _equity(self, question: Question, answers: dict[str, Any], person: Person) -> Any:
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

    def _known_probability(self, offer_id: str, answers: dict[str, Any], person: Person) -> float:
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
        self, question: Question, answers: dict[str, Any], person: Person
    ) -> list[str] | None:
        if self.rng.random() < 0.03:
            return None
        return [
            offer
            for offer in self._visible(question, answers)
            if self.rng.random() < self._known_probability(offer, answers, person)
        ]

    def _used(self, question: Question, answers: dict[str, Any], person: Person) -> list[str]:
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
                result[row.value] = pick(self.rng, known)
        return result or None

    def _wellbeing(self, question: Question, person: Person) -> Any:
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
                pick(rng, dict(zip(visible, weights, strict=False)), visible)
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
            points[pick(rng, weights)] += 1
        return dict(points)
