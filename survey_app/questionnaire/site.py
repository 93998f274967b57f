"""The municipality's site file: districts, life phases, offer categories and offers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from survey_app.questionnaire.text import Text


@dataclass(frozen=True)
class Named:
    """What the site file lists: an id and a translated name (subclasses add more)."""

    id: str
    name: Text


@dataclass(frozen=True)
class District(Named):
    """A Sozialraum of the municipality."""


@dataclass(frozen=True)
class LifePhase(Named):
    """A phase of the child's life; ages in years, ``from_age <= age < to_age``.

    A phase without ages (e.g. pregnancy) is never chosen by :meth:`Site.life_phase_for_age`.
    """

    from_age: int | None = None
    to_age: int | None = None

    def contains(self, age: float) -> bool:
        """True when a child of ``age`` years is in this phase."""
        if self.from_age is None:
            return False
        return self.from_age <= age and (self.to_age is None or age < self.to_age)


@dataclass(frozen=True)
class Category(Named):
    """A kind of offer, e.g. Frühe Hilfen."""


@dataclass(frozen=True)
class Offer(Named):
    """An entry of the Angebotslandkarte; ``districts`` lists every district it serves."""

    description: Text | None
    category: str | None
    life_phases: list[str]
    districts: list[str]


@dataclass(frozen=True)
class Site:
    """The shared site file; ``path`` is where it was read from."""

    path: str = field(compare=False)
    municipality: Text
    languages: list[str]
    branding: dict[str, Any]
    districts: list[District]
    life_phases: list[LifePhase]
    categories: list[Category]
    offers: list[Offer]
    default_language: str = ""

    def life_phase_for_age(self, age: float) -> LifePhase | None:
        """The first life phase whose age bounds contain ``age`` (years), or None."""
        return next((phase for phase in self.life_phases if phase.contains(age)), None)

    def offer(self, offer_id: str) -> Offer | None:
        """The offer with this id, or None."""
        return next((offer for offer in self.offers if offer.id == offer_id), None)

    def district(self, district_id: str) -> District | None:
        """The district with this id, or None."""
        return next((district for district in self.districts if district.id == district_id), None)

    def life_phase(self, phase_id: str) -> LifePhase | None:
        """The life phase with this id, or None."""
        return next((phase for phase in self.life_phases if phase.id == phase_id), None)

    def category(self, category_id: str) -> Category | None:
        """The category with this id, or None."""
        return next((category for category in self.categories if category.id == category_id), None)
