"""Messages of the respondent pages, in two registers: "du" and "Sie".

Children and young people are addressed with "du" and short, friendly words; parents
with "Sie".  Each message is written out twice as a German msgid so the translators see
(and can keep) the difference; templates choose with ``ds(du, sie)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from survey_app.questionnaire.message_texts.mark import N_
from survey_app.questionnaire.model import Question
from survey_app.questionnaire.problems import AnswerProblem

INFORMAL_AUDIENCES = ("children", "youth")


#: The messages without parameters: ("du", "Sie") msgids, translated where they are used.
MESSAGES: dict[str, tuple[str, str]] = {
    "required_choice": (
        N_("Bitte wähle eine Antwort aus."),
        N_("Bitte wählen Sie eine Antwort aus."),
    ),
    "required_choices": (
        N_("Bitte wähle mindestens eine Antwort aus."),
        N_("Bitte wählen Sie mindestens eine Antwort aus."),
    ),
    "required": (
        N_("Bitte beantworte diese Frage."),
        N_("Bitte beantworten Sie diese Frage."),
    ),
    "required_row": (
        N_("Bitte wähle in dieser Zeile eine Antwort aus."),
        N_("Bitte wählen Sie in dieser Zeile eine Antwort aus."),
    ),
    "not_a_whole_number": (
        N_("Bitte schreib nur eine Zahl, zum Beispiel 7."),
        N_("Bitte geben Sie eine ganze Zahl ein, zum Beispiel 7."),
    ),
    "not_a_number": (
        N_("Bitte schreib nur eine Zahl, zum Beispiel 2,5."),
        N_("Bitte geben Sie eine Zahl ein, zum Beispiel 2,5."),
    ),
    "not_a_date": (
        N_("Bitte schreib das Datum so: 31.12.2024."),
        N_("Bitte geben Sie ein Datum ein, zum Beispiel 31.12.2024."),
    ),
    "constraint": (
        N_("Diese Antwort passt so nicht. Bitte schau noch mal."),
        N_("Diese Antwort passt so nicht. Bitte prüfen Sie sie."),
    ),
}


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


@dataclass(frozen=True)
class Wording:
    """The register of one questionnaire: ``informal`` means "du"."""

    informal: bool

    @classmethod
    def for_audience(cls, audience: str) -> Wording:
        """ "du" for children and youth, "Sie" for parents."""
        return cls(informal=audience in INFORMAL_AUDIENCES)

    def pick(self, du: str, sie: str) -> str:
        """``du`` in the informal register, else ``sie``."""
        return du if self.informal else sie

    def say(self, key: str) -> str:
        """The message ``key`` of :data:`MESSAGES` in this register, translated."""
        return _(self.pick(*MESSAGES[key]))

    def required(self, kind: str) -> str:
        """The default message for an unanswered required question."""
        if kind in ("single_choice", "yes_no", "smiley", "rating"):
            return self.say("required_choice")
        if kind == "multiple_choice":
            return self.say("required_choices")
        return self.say("required")

    def required_row(self) -> str:
        """An unanswered row of a required matrix."""
        return self.say("required_row")

    def not_a_whole_number(self) -> str:
        """Typed text that is not a whole number."""
        return self.say("not_a_whole_number")

    def not_a_number(self) -> str:
        """Typed text that is not a number."""
        return self.say("not_a_number")

    def not_a_date(self) -> str:
        """Typed text that is not a date."""
        return self.say("not_a_date")

    def number_range(self, question: Question) -> str:
        """A number outside the question's ``min``..``max``."""
        low, high = _number(question.min), _number(question.max)
        if question.min is not None and question.max is not None:
            return self.pick(
                _("Bitte schreib eine Zahl von %(low)s bis %(high)s.", low=low, high=high),
                _("Bitte geben Sie eine Zahl von %(low)s bis %(high)s ein.", low=low, high=high),
            )
        if question.min is not None:
            return self.pick(
                _("Die Zahl muss mindestens %(low)s sein.", low=low),
                _("Die Zahl muss mindestens %(low)s sein.", low=low),
            )
        return self.pick(
            _("Die Zahl darf höchstens %(high)s sein.", high=high),
            _("Die Zahl darf höchstens %(high)s sein.", high=high),
        )

    def points_range(self, points: int) -> str:
        """A dot-vote entry outside 0..points."""
        return self.pick(
            _("Bitte schreib eine Zahl von 0 bis %(points)d.", points=points),
            _("Bitte geben Sie eine Zahl von 0 bis %(points)d ein.", points=points),
        )

    def too_many_points(self, points: int, total: int) -> str:
        """A dot vote spending more points than there are."""
        return self.pick(
            _(
                "Du hast %(total)d Punkte verteilt, du hast aber nur %(points)d.",
                total=total,
                points=points,
            ),
            _(
                "Sie haben %(total)d Punkte verteilt, es sind aber nur %(points)d.",
                total=total,
                points=points,
            ),
        )

    def too_long(self, limit: int) -> str:
        """A text longer than allowed."""
        return self.pick(
            _("Bitte schreib höchstens %(limit)d Zeichen.", limit=limit),
            _("Bitte schreiben Sie höchstens %(limit)d Zeichen.", limit=limit),
        )

    def constraint(self) -> str:
        """A failed ``constraint`` without a message of its own."""
        return self.say("constraint")

    def problem(self, problem: AnswerProblem, question: Question) -> str:
        """The message for a problem the model found."""
        params = problem.params
        if problem.code == "required":
            return (
                self.required_row() if question.type == "matrix" else self.required(question.type)
            )
        if problem.code == "too_many_points":
            return self.too_many_points(int(params.get("points", 0)), int(params.get("total", 0)))
        if problem.code == "out_of_range":
            if question.type == "dot_vote":
                return self.points_range(question.points or 0)
            return self.number_range(question)
        if problem.code == "too_long":
            return self.too_long(int(params.get("max", 0)))
        if problem.code == "invalid_date":
            return self.not_a_date()
        return self.constraint()
