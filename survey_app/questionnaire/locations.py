"""Where the parts of a questionnaire are written, for checks on the built model."""

from __future__ import annotations

from dataclasses import dataclass, field

from survey_app.questionnaire.expressions import Expression
from survey_app.questionnaire.nodes import Node
from survey_app.questionnaire.problems import Where


@dataclass
class ExpressionUse:
    """Where an expression is written and what it belongs to (for the reference check)."""

    expression: Expression
    where: Where
    key: str
    owner: str
    position: int
    is_page: bool = False


@dataclass
class Locations:
    """Where things are written, for the checks that run on the built model."""

    expressions: list[ExpressionUse] = field(default_factory=list)
    questions: dict[str, Node] = field(default_factory=dict)
    scores: dict[str, Node] = field(default_factory=dict)
    top: Node | None = None

    def question_key(self, question_id: str, key: str) -> Where:
        """Where a key of a question is written (the question's start if absent)."""
        node = self.questions[question_id]
        value = node.get(key)
        return value.where if value is not None else node.where
