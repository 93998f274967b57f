"""Parsing XLSForm expressions: a tokenizer and a recursive-descent parser that turn
the text into the tree of :mod:`survey_app.questionnaire.expressions` (never ``eval``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from survey_app.questionnaire.expressions import (
    FUNCTIONS,
    Binary,
    Call,
    ChoiceAttribute,
    Current,
    Expression,
    Literal,
    Negation,
    Node,
    Reference,
)
from survey_app.questionnaire.messages import Term, english_translate, message_term, term
from survey_app.questionnaire.problems import Problem, QuestionnaireError

MAX_LENGTH = 2000
#: Parentheses, calls and minus signs may nest this deep (the parser recurses on them).
MAX_NESTING = 40
#: The tree may be this high (the evaluator recurses on it).
MAX_HEIGHT = 150


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
