"""What each question means to the analysis, read from the questionnaire's roles.

The analysis never looks at question ids: it asks the questionnaire which question
plays which role (see ``questionnaires/README.md``, "Roles"), so any questionnaire
written to that contract can be analysed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from survey_app.questionnaire.model import Choice, Question, Questionnaire
from survey_app.questionnaire.text import Text


@dataclass(frozen=True)
class OfferInfo:
    """An offer the questionnaire asks about.

    ``life_phases``/``districts`` are the phases and districts it is meant for; None
    means "everyone" (an offer written in place, without a site file entry).
    """

    id: str
    name: Text
    life_phases: tuple[str, ...] | None = None
    districts: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Roles:
    """The questions by role; single roles are None when the questionnaire lacks them."""

    questionnaire: Questionnaire
    child_age: Question | None = None
    life_phase: Question | None = None
    district: Question | None = None
    equity: tuple[Question, ...] = ()
    awareness: Question | None = None
    use: Question | None = None
    benefit: Question | None = None
    barrier: Question | None = None
    priority: tuple[Question, ...] = ()
    wish: tuple[Question, ...] = ()
    smileys: tuple[Question, ...] = ()
    offers: tuple[OfferInfo, ...] = field(default=())

    @property
    def has_life_phase(self) -> bool:
        """Whether a life phase can be worked out for a respondent."""
        site = self.questionnaire.site
        return self.life_phase is not None or (
            self.child_age is not None and site is not None and bool(site.life_phases)
        )

    @property
    def helpful_value(self) -> str | None:
        """The answer that counts as "helpful" on the benefit scale.

        The first choice (``ja`` of ``ja/teils/nein``) — unless every value is a
        number, as in ``1 = wenig … 3 = sehr``: then the highest number.
        """
        if self.benefit is None or not self.benefit.choices:
            return None
        return best_first(self.benefit.choice_values)[0]

    def offer(self, offer_id: str) -> OfferInfo | None:
        """The offer with this id, or None."""
        return next((offer for offer in self.offers if offer.id == offer_id), None)


def best_first(values: list[str]) -> list[str]:
    """A benefit scale ordered from best to worst (see :attr:`Roles.helpful_value`)."""
    try:
        numbers = [float(value) for value in values]
    except ValueError:
        return list(values)
    return [
        value for _, value in sorted(zip(numbers, values, strict=True), key=lambda pair: -pair[0])
    ]


def _one(questionnaire: Questionnaire, role: str) -> Question | None:
    questions = questionnaire.questions_with_role(role)
    return questions[0] if questions else None


def roles_of(questionnaire: Questionnaire) -> Roles:
    """Collect the questions of ``questionnaire`` by role, and the offers it asks about."""
    awareness = _one(questionnaire, "offer_awareness")
    use = _one(questionnaire, "offer_use")
    benefit = _one(questionnaire, "offer_benefit")
    barrier = _one(questionnaire, "barrier")
    return Roles(
        questionnaire=questionnaire,
        child_age=_one(questionnaire, "child_age"),
        life_phase=_one(questionnaire, "life_phase"),
        district=_one(questionnaire, "district"),
        equity=tuple(
            q for q in questionnaire.questions_with_role("equity_group") if q.equity_group
        ),
        awareness=awareness,
        use=use,
        benefit=benefit,
        barrier=barrier,
        priority=tuple(
            q for q in questionnaire.questions_with_role("priority") if q.type == "dot_vote"
        ),
        wish=tuple(questionnaire.questions_with_role("wish")),
        smileys=tuple(q for q in questionnaire.questions() if q.type == "smiley"),
        offers=tuple(_offers(questionnaire, awareness, use, benefit, barrier)),
    )


def _offers(questionnaire: Questionnaire, *questions: Question | None) -> list[OfferInfo]:
    """The offers the first offer question asks about, in site-file order where possible.

    Awareness comes first: the use, benefit and barrier questions only narrow it down.
    """
    labels: dict[str, Text] = {}
    for question in questions:
        if question is None or (question.role == "barrier" and question.type != "matrix"):
            continue  # a barrier list of reasons names no offers
        for choice in offered_choices(questionnaire, question):
            labels.setdefault(choice.value, choice.label)
        break
    site = questionnaire.site
    ordered: list[OfferInfo] = []
    if site is not None:
        for offer in site.offers:
            if offer.id in labels:
                ordered.append(
                    OfferInfo(
                        id=offer.id,
                        name=offer.name,
                        life_phases=tuple(offer.life_phases) or None,
                        districts=_served(offer.districts, [d.id for d in site.districts]),
                    )
                )
    known = {offer.id for offer in ordered}
    ordered += [
        OfferInfo(id=value, name=label) for value, label in labels.items() if value not in known
    ]
    return ordered


def offered_choices(questionnaire: Questionnaire, question: Question) -> list[Choice]:
    """The choices (matrix: rows) a question can ever show.

    A ``choice_filter`` that refers to no other answer (e.g. a fixed list of offers
    for young people) is applied; one that depends on answers keeps every choice.
    """
    is_matrix = question.type == "matrix"
    options = question.rows if is_matrix else question.choices
    if question.choice_filter is None or question.choice_filter.references:
        return list(options)
    if is_matrix:
        return questionnaire.visible_rows(question, {})
    return questionnaire.visible_choices(question, {})


def _served(districts: list[str], all_districts: list[str]) -> tuple[str, ...] | None:
    """None when the offer serves every district of the site."""
    if not districts or set(all_districts) <= set(districts):
        return None
    return tuple(districts)
