"""XLSForm expressions: a tokenizer, a recursive-descent parser and an evaluator.

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

from survey_app.questionnaire.messages import Term, english_translate, message_term, term
from survey_app.questionnaire.problems import Problem, QuestionnaireError

MAX_LENGTH = 2000
#: Parentheses, calls and minus signs may nest this deep (the parser recurses on them).
MAX_NESTING = 40
#: The tree may be this high (the evaluator recurses on it).
MAX_HEIGHT = 150

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


class ExpressionError(QuestionnaireError):
    """An expression that cannot be parsed; ``column`` is 1-based.

    ``term`` says why (a message term, translated where it is shown), ``reason`` in English.
    """

    def __init__(self, why: Term, column: int, source: str = "") -> None:
        self.term = why
        self.reason = message_term(why, english_translate)
        self.column = column
        self.source = source
        super().__init__([Problem("<expression>", 1, "error", f"column {column}: {self.reason}")])


# --- the tree -----------------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    """A number or a quoted string."""

    value: float | str
    column: int


@dataclass(frozen=True)
class Reference:
    """``${name}``: the answer to another question."""

    name: str
    column: int


@dataclass(frozen=True)
class Current:
    """``.``: the answer being checked (in ``constraint``)."""

    column: int


@dataclass(frozen=True)
class ChoiceAttribute:
    """A bare name in ``choice_filter``: ``name`` is the choice's value, others attributes."""

    name: str
    column: int


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


# --- tokens -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # number string ref name op ( ) , . end
    text: str
    column: int


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_REF_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+")
_OPERATORS = ("!=", "<=", ">=", "=", "<", ">", "+", "-", "*")


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(source):
        char = source[position]
        column = position + 1
        if char.isspace():
            position += 1
        elif char == "$":
            position = _read_reference(source, position, tokens)
        elif char in "'\"":
            end = source.find(char, position + 1)
            if end < 0:
                raise ExpressionError(term("expr_text_not_closed", char=char), column)
            tokens.append(_Token("string", source[position + 1 : end], column))
            position = end + 1
        elif number := _NUMBER.match(source, position):
            tokens.append(_Token("number", number.group(), column))
            position = number.end()
        elif char == ".":
            if source.startswith("..", position):
                raise ExpressionError(term("expr_dotdot"), column)
            tokens.append(_Token(".", ".", column))
            position += 1
        elif char in "(),":
            tokens.append(_Token(char, char, column))
            position += 1
        elif name := _NAME.match(source, position):
            tokens.append(_Token("name", name.group(), column))
            position = name.end()
        else:
            operator = next((op for op in _OPERATORS if source.startswith(op, position)), None)
            if operator is None:
                raise ExpressionError(term("expr_unexpected_char", char=repr(char)), column)
            if operator == "=" and source.startswith("==", position):
                raise ExpressionError(term("expr_double_equals"), column)
            tokens.append(_Token("op", operator, column))
            position += len(operator)
    tokens.append(_Token("end", "", len(source) + 1))
    return tokens


def _read_reference(source: str, position: int, tokens: list[_Token]) -> int:
    column = position + 1
    if not source.startswith("${", position):
        raise ExpressionError(term("expr_dollar"), column)
    end = source.find("}", position + 2)
    if end < 0:
        raise ExpressionError(term("expr_ref_not_closed"), column)
    name = source[position + 2 : end]
    if not _REF_NAME.fullmatch(name):
        raise ExpressionError(term("expr_bad_ref_name", name=name), column + 2)
    tokens.append(_Token("ref", name, column))
    return end + 1


# --- parser -------------------------------------------------------------------------

_LEVELS: tuple[tuple[str, ...], ...] = (
    ("or",),
    ("and",),
    ("=", "!="),
    ("<", "<=", ">", ">="),
    ("+", "-"),
    ("*", "div", "mod"),
)


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = _tokenize(source)
        self.index = 0
        self.depth = 0
        self.heights: dict[int, int] = {}

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, kind: str, what: str) -> _Token:
        if self.token.kind != kind:
            raise ExpressionError(
                term("expr_expected", expected=what, found=_describe(self.token)),
                self.token.column,
            )
        return self.advance()

    def parse(self) -> Node:
        if self.token.kind == "end":
            raise ExpressionError(term("expr_empty"), 1)
        tree = self.binary(0)
        if self.token.kind != "end":
            raise ExpressionError(
                term("expr_unexpected", found=_describe(self.token)), self.token.column
            )
        return tree

    def binary(self, level: int) -> Node:
        if level == len(_LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        operators = _LEVELS[level]
        while self.token.kind in ("op", "name") and self.token.text in operators:
            operator = self.advance()
            right = self.binary(level + 1)
            left = self.made(Binary(operator.text, left, right, operator.column), left, right)
        return left

    def unary(self) -> Node:
        token = self.token
        if token.kind == "op" and token.text == "-":
            self.advance()
            self.enter(token.column)
            operand = self.unary()
            self.depth -= 1
            return self.made(Negation(operand, token.column), operand)
        return self.primary()

    def primary(self) -> Node:
        token = self.advance()
        if token.kind == "number":
            return Literal(float(token.text), token.column)
        if token.kind == "string":
            return Literal(token.text, token.column)
        if token.kind == "ref":
            return Reference(token.text, token.column)
        if token.kind == ".":
            return Current(token.column)
        if token.kind == "(":
            self.enter(token.column)
            inner = self.binary(0)
            self.expect(")", "')'")
            self.depth -= 1
            return inner
        if token.kind == "name":
            if self.token.kind == "(":
                return self.call(token)
            return ChoiceAttribute(token.text, token.column)
        raise ExpressionError(term("expr_expected_value", found=_describe(token)), token.column)

    def call(self, name: _Token) -> Node:
        if name.text not in FUNCTIONS:
            known = ", ".join(f"{function}()" for function in FUNCTIONS)
            raise ExpressionError(
                term("expr_unknown_function", name=name.text, known=known), name.column
            )
        self.advance()  # (
        self.enter(name.column)
        arguments: list[Node] = []
        if self.token.kind != ")":
            arguments.append(self.binary(0))
            while self.token.kind == ",":
                self.advance()
                arguments.append(self.binary(0))
        self.expect(")", "')' or ','")
        self.depth -= 1
        wanted = FUNCTIONS[name.text]
        if len(arguments) != wanted:
            code = "expr_argument_one" if wanted == 1 else "expr_arguments"
            raise ExpressionError(
                term(code, name=name.text, wanted=wanted, got=len(arguments)), name.column
            )
        return self.made(Call(name.text, tuple(arguments), name.column), *arguments)

    def enter(self, column: int) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ExpressionError(term("expr_nested"), column)

    def made(self, node: Node, *children: Node) -> Node:
        """Record the height of a new inner node; evaluation recurses that deep."""
        height = 1 + max((self.heights.get(id(child), 1) for child in children), default=0)
        if height > MAX_HEIGHT:
            raise ExpressionError(term("expr_too_long"), node.column)
        self.heights[id(node)] = height
        return node


def _describe(token: _Token) -> Term | str:
    if token.kind == "end":
        return term("token_end")
    if token.kind == "string":
        return term("token_text", text=token.text)
    if token.kind == "ref":
        return f"${{{token.text}}}"
    return f"'{token.text}'"


def parse_expression(source: str) -> Expression:
    """Parse ``source``; raises :class:`ExpressionError` (with the column) when it can't."""
    if not isinstance(source, str):
        raise ExpressionError(term("expr_not_text"), 1)
    text = source.strip()
    if len(text) > MAX_LENGTH:
        raise ExpressionError(term("expr_longer", limit=MAX_LENGTH), MAX_LENGTH)
    offset = len(source) - len(source.lstrip())
    try:
        tree = _Parser(text).parse()
    except ExpressionError as error:
        raise ExpressionError(error.term, error.column + offset, source) from None
    return Expression(text, tree)


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
