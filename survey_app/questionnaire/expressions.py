"""XLSForm expressions: the parsed tree and the evaluator (the parser: :mod:`expression_parser`).

This is ankommen's one evaluator for ``relevant``, ``constraint`` and ``choice_filter``.
It never uses ``eval``: the text becomes a small tree which :func:`evaluate` walks.

Values follow XPath 1.0 as ODK uses it: an unanswered question is the empty string,
a multiple-choice answer is its values joined by spaces, and a comparison of a number
with something that is not a number (such as the empty string) is false.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

#: Functions an expression may call, with their number of arguments.
FUNCTIONS: dict[str, int] = {
    "not": 1,
    "selected": 2,
    "count-selected": 1,
    "string-length": 1,
    "true": 0,
    "false": 0,
}

_COMPARISONS = ("=", "!=", "<", "<=", ">", ">=")


# --- the tree -----------------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    """A number or a quoted string."""

    value: float | str
    column: int


@dataclass(frozen=True)
class _NamedNode:
    """A node that is a name at a column (the base of :class:`Reference` and
    :class:`ChoiceAttribute`)."""

    name: str
    column: int


@dataclass(frozen=True)
class Reference(_NamedNode):
    """``${name}``: the answer to another question."""


@dataclass(frozen=True)
class Current:
    """``.``: the answer being checked (in ``constraint``)."""

    column: int


@dataclass(frozen=True)
class ChoiceAttribute(_NamedNode):
    """A bare name in ``choice_filter``: ``name`` is the choice's value, others attributes."""


@dataclass(frozen=True)
class Call:
    """A function call such as ``selected(${q}, 'a')``."""

    name: str
    arguments: tuple[Node, ...]
    column: int


@dataclass(frozen=True)
class Negation:
    """Unary minus."""

    operand: Node
    column: int


@dataclass(frozen=True)
class Binary:
    """A binary operator: ``or and = != < <= > >= + - * div mod``."""

    operator: str
    left: Node
    right: Node
    column: int


Node = Literal | Reference | Current | ChoiceAttribute | Call | Negation | Binary


@dataclass(frozen=True)
class Expression:
    """A parsed expression; equal to another when the source text is equal."""

    source: str
    tree: Node = field(compare=False, repr=False)

    def nodes(self) -> Iterator[Node]:
        """Every node of the tree, parents before children."""
        return walk(self.tree)

    @property
    def references(self) -> list[Reference]:
        """The ``${...}`` references, in the order they appear."""
        return [node for node in self.nodes() if isinstance(node, Reference)]

    def __str__(self) -> str:
        return self.source


def walk(node: Node) -> Iterator[Node]:
    """Every node below (and including) ``node``, parents first."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, Binary):
            stack.extend((current.right, current.left))
        elif isinstance(current, Negation):
            stack.append(current.operand)
        elif isinstance(current, Call):
            stack.extend(reversed(current.arguments))


# --- evaluation ---------------------------------------------------------------------


class ChoiceLike(Protocol):
    """What ``choice_filter`` needs of a choice: its value and attributes."""

    value: str
    attributes: Mapping[str, str]


Value = float | str | bool


def evaluate(
    expression: Expression | Node,
    answers: Mapping[str, Any],
    current: Any = None,
    choice: ChoiceLike | None = None,
) -> Value:
    """Evaluate against stored answers; ``current`` is ``.``, ``choice`` the filtered choice.

    Never raises for well-formed trees: division by zero gives infinity or NaN as in XPath.
    """
    tree = expression.tree if isinstance(expression, Expression) else expression
    return _Evaluator(answers, current, choice).value(tree)


def is_true(
    expression: Expression, answers: Mapping[str, Any], current: Any = None, choice: Any = None
) -> bool:
    """Evaluate and convert to a boolean (XPath rules)."""
    return to_boolean(evaluate(expression, answers, current, choice))


def stored_to_value(answer: Any) -> Value:
    """An answer in its stored JSON form as an expression value."""
    if answer is None:
        return ""
    if isinstance(answer, bool):
        return answer
    if isinstance(answer, int | float):
        return float(answer)
    if isinstance(answer, str):
        return answer
    if isinstance(answer, list | tuple):
        return " ".join(str(item) for item in answer)
    return ""


def to_number(value: Value) -> float:
    """XPath ``number()``: NaN for text that is not a number (and for the empty string)."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    text = value.strip()
    if not re.fullmatch(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", text):
        return math.nan
    return float(text)


def to_string(value: Value) -> str:
    """XPath ``string()``: ``5`` for 5.0, ``true``/``false`` for booleans."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        if value == int(value):
            return str(int(value))
        return repr(value)
    return value


def to_boolean(value: Value) -> bool:
    """XPath ``boolean()``: non-zero numbers and non-empty text are true."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return not math.isnan(value) and value != 0
    return value != ""


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _compare(operator: str, left: Value, right: Value) -> bool:
    if operator in ("=", "!="):
        if isinstance(left, bool) or isinstance(right, bool):
            equal = to_boolean(left) == to_boolean(right)
        elif isinstance(left, float) or isinstance(right, float):
            a, b = to_number(left), to_number(right)
            equal = a == b
            if operator == "!=":
                return a != b
        else:
            equal = left == right
        return equal if operator == "=" else not equal
    if (
        isinstance(left, str)
        and isinstance(right, str)
        and _DATE.fullmatch(left)
        and _DATE.fullmatch(right)
    ):
        a_text, b_text = left, right
        return {
            "<": a_text < b_text,
            "<=": a_text <= b_text,
            ">": a_text > b_text,
            ">=": a_text >= b_text,
        }[operator]
    a, b = to_number(left), to_number(right)
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[operator]


def _arithmetic(operator: str, left: float, right: float) -> float:
    if operator == "+":
        return left + right
    if operator == "-":
        return left - right
    if operator == "*":
        return left * right
    if operator == "div":
        if right == 0:
            return math.nan if left == 0 or math.isnan(left) else math.copysign(math.inf, left)
        return left / right
    if right == 0 or math.isinf(left) or math.isnan(right):
        return math.nan
    return math.fmod(left, right)


class _Evaluator:
    def __init__(self, answers: Mapping[str, Any], current: Any, choice: ChoiceLike | None) -> None:
        self.answers = answers
        self.current = current
        self.choice = choice

    def value(self, node: Node) -> Value:
        if isinstance(node, Literal):
            return node.value
        if isinstance(node, Reference):
            return stored_to_value(self.answers.get(node.name))
        if isinstance(node, Current):
            return stored_to_value(self.current)
        if isinstance(node, ChoiceAttribute):
            if self.choice is None:
                return ""
            if node.name == "name":
                return self.choice.value
            return str(self.choice.attributes.get(node.name, ""))
        if isinstance(node, Negation):
            return -to_number(self.value(node.operand))
        if isinstance(node, Call):
            return self.call(node)
        return self.binary(node)

    def binary(self, node: Binary) -> Value:
        operator = node.operator
        if operator == "or":
            return to_boolean(self.value(node.left)) or to_boolean(self.value(node.right))
        if operator == "and":
            return to_boolean(self.value(node.left)) and to_boolean(self.value(node.right))
        left, right = self.value(node.left), self.value(node.right)
        if operator in _COMPARISONS:
            return _compare(operator, left, right)
        return _arithmetic(operator, to_number(left), to_number(right))

    def call(self, node: Call) -> Value:
        arguments = [self.value(argument) for argument in node.arguments]
        if node.name == "not":
            return not to_boolean(arguments[0])
        if node.name == "selected":
            return to_string(arguments[1]).strip() in to_string(arguments[0]).split()
        if node.name == "count-selected":
            return float(len(to_string(arguments[0]).split()))
        if node.name == "string-length":
            return float(len(to_string(arguments[0])))
        return node.name == "true"
