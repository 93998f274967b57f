"""Reading values out of a source tree, reporting every problem with its line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from survey_app.questionnaire.expressions import Expression, ExpressionError, parse_expression
from survey_app.questionnaire.languages import is_language_tag
from survey_app.questionnaire.nodes import Node
from survey_app.questionnaire.problems import Report, Where, did_you_mean
from survey_app.questionnaire.text import Text

#: Question ids, score ids and choice list names: usable as ``${id}`` and in exports.
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: Choice values, page ids, site ids.
VALUE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
#: Questionnaire ids (also used in URLs).
SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")

T = TypeVar("T")

IDENTIFIER_RULE = "letters, digits and _, not starting with a digit"
VALUE_RULE = "letters, digits, - and _"


@dataclass
class TextUse:
    """A translated text and where it is written (for the missing-translation check)."""

    text: Text
    where: Where
    what: str


@dataclass
class Reader:
    """Typed access to tree nodes; problems go to ``report``.

    ``languages`` are the declared languages (None while unknown, which turns the
    undeclared-language check off); plain-string texts are in ``default_language``.
    """

    report: Report
    languages: list[str] | None = None
    default_language: str = ""
    texts: list[TextUse] = field(default_factory=list)

    # --- shapes -------------------------------------------------------------------

    def mapping(self, node: Node | None, what: str) -> Node | None:
        """``node`` if it is a mapping; else reports and returns None."""
        if node is None:
            return None
        if node.kind != "map":
            self.report.error(
                node.where, f"{what} must be a mapping of 'key: value' lines, not {_kind(node)}"
            )
            return None
        return node

    def sequence(self, node: Node | None, what: str) -> list[Node]:
        """The elements of a list (reports anything else)."""
        if node is None:
            return []
        if node.kind != "seq":
            self.report.error(
                node.where, f"{what} must be a list (lines starting with '- '), not {_kind(node)}"
            )
            return []
        return node.elements

    def keys(
        self,
        node: Node,
        known: Iterable[str],
        required: Iterable[str],
        what: str,
        example: str = "",
    ) -> None:
        """Report unknown keys (with the closest known one) and missing required keys."""
        known = list(known)
        for key in node.entries:
            if key not in known:
                self.report.error(
                    node.where_of(key),
                    f"unknown key '{key}' in {what}{did_you_mean(key, known)}; known keys: {', '.join(known)}",
                )
        for key in required:
            if key not in node.entries:
                hint = f", e.g. '{key}: {example}'" if example and key == "id" else ""
                self.report.error(node.where, f"{what} has no '{key}'; add it{hint}")

    def unique(self, built: Iterable[tuple[T | None, Node]], what: str, place: str = "") -> list[T]:
        """The built items (anything with an ``id`` or ``value``) whose id is new.

        A repeated id is reported with the line of its first use; None items are skipped.
        """
        first: dict[str, int] = {}
        kept: list[T] = []
        for item, node in built:
            if item is None:
                continue
            key = getattr(item, "id", None) or getattr(item, "value", "")
            if key in first:
                self.report.error(
                    node.where,
                    f"duplicate {what} '{key}'{place} (first on line {first[key]}); each may appear only once",
                )
                continue
            first[key] = node.where.line
            kept.append(item)
        return kept

    # --- scalars --------------------------------------------------------------------

    def scalar(self, node: Node | None, what: str) -> Node | None:
        """``node`` if it is a non-empty scalar; else reports and returns None."""
        if node is None:
            return None
        if node.kind != "scalar":
            self.report.error(node.where, f"{what} must be a single value, not {_kind(node)}")
            return None
        if node.value is None or node.text.strip() == "":
            self.report.error(node.where, f"{what} is empty; give a value or remove the key")
            return None
        return node

    def string(self, node: Node | None, what: str) -> str | None:
        """A scalar as text, exactly as written (``1`` gives ``'1'``, ``no`` gives ``'no'``)."""
        scalar = self.scalar(node, what)
        return scalar.text.strip() if scalar is not None else None

    def identifier(
        self, node: Node | None, what: str, pattern: re.Pattern[str] = IDENTIFIER
    ) -> str | None:
        """A string matching ``pattern`` (identifiers by default)."""
        text = self.string(node, what)
        if text is None or node is None:
            return None
        if not pattern.fullmatch(text):
            rule = {IDENTIFIER: IDENTIFIER_RULE, VALUE: VALUE_RULE, SLUG: VALUE_RULE}.get(
                pattern, pattern.pattern
            )
            suggestion = re.sub(r"[^A-Za-z0-9_]+", "_", text).strip("_") or "x"
            self.report.error(
                node.where, f"{what} '{text}' may only contain {rule}; e.g. '{suggestion}'"
            )
            return None
        return text

    def integer(self, node: Node | None, what: str) -> int | None:
        """A whole number."""
        scalar = self.scalar(node, what)
        if scalar is None:
            return None
        if isinstance(scalar.value, bool) or not isinstance(scalar.value, int) or scalar.quoted:
            self.report.error(scalar.where, f"{what} must be a whole number, not '{scalar.text}'")
            return None
        return scalar.value

    def number(self, node: Node | None, what: str) -> float | None:
        """A number (whole numbers stay int)."""
        scalar = self.scalar(node, what)
        if scalar is None:
            return None
        value = scalar.value
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or scalar.quoted
            or value != value
        ):
            self.report.error(scalar.where, f"{what} must be a number, not '{scalar.text}'")
            return None
        return value

    def boolean(self, node: Node | None, what: str) -> bool | None:
        """``true`` or ``false``."""
        scalar = self.scalar(node, what)
        if scalar is None:
            return None
        if not isinstance(scalar.value, bool) or scalar.quoted:
            self.report.error(scalar.where, f"{what} must be true or false, not '{scalar.text}'")
            return None
        return scalar.value

    def choice_of(self, node: Node | None, what: str, allowed: Iterable[str]) -> str | None:
        """A string that must be one of ``allowed``."""
        text = self.string(node, what)
        allowed = list(allowed)
        if text is None or node is None:
            return None
        if text not in allowed:
            self.report.error(
                node.where,
                f"{what} '{text}' is not one of {', '.join(allowed)}{did_you_mean(text, allowed)}",
            )
            return None
        return text

    def strings(
        self, node: Node | None, what: str, pattern: re.Pattern[str] | None = None
    ) -> list[str]:
        """A list of strings (each checked against ``pattern``); duplicates are reported."""
        values: list[str] = []
        for element in self.sequence(node, what):
            text = (
                self.identifier(element, f"an entry of {what}", pattern)
                if pattern
                else self.string(element, what)
            )
            if text is None:
                continue
            if text in values:
                self.report.error(element.where, f"'{text}' is listed twice in {what}; remove one")
                continue
            values.append(text)
        return values

    # --- languages, texts, expressions ----------------------------------------------

    def language(self, node: Node | None, what: str) -> str | None:
        """A BCP-47 language tag."""
        text = self.string(node, what)
        if text is None or node is None:
            return None
        if not is_language_tag(text):
            self.report.error(node.where, f"{what} '{text}' {_NOT_A_TAG}")
            return None
        return text

    def languages_list(self, node: Node | None) -> list[str]:
        """The ``languages`` list: valid tags, each once."""
        tags: list[str] = []
        for element in self.sequence(node, "languages"):
            tag = self.language(element, "the language")
            if tag is None:
                continue
            if tag in tags:
                self.report.error(
                    element.where, f"'{tag}' is listed twice in languages; remove one"
                )
                continue
            tags.append(tag)
        if node is not None and node.kind == "seq" and not node.elements:
            self.report.error(node.where, "languages is empty; list at least one, e.g. [de]")
        return tags

    def text(self, node: Node | None, what: str) -> Text | None:
        """A translated text: a mapping ``{lang: text}`` or a plain string (default language)."""
        if node is None:
            return None
        if node.kind == "scalar":
            value = self.string(node, what)
            if value is None:
                return None
            text = Text({self.default_language: value})
        elif node.kind == "map":
            values = {}
            for lang, value_node in node.entries.items():
                where = node.where_of(lang)
                if not self._known_language(lang, where, what):
                    continue
                value = self.string(value_node, f"the {lang} text of {what}")
                if value is not None:
                    values[lang] = value
            if not values:
                if node.entries:
                    return None
                self.report.error(node.where, f"{what} has no text; write e.g. 'de: ...'")
                return None
            text = Text(values)
        else:
            self.report.error(
                node.where, f"{what} must be a text or a mapping 'language: text', not a list"
            )
            return None
        self.texts.append(TextUse(text, node.where, what))
        return text

    def _known_language(self, lang: str, where: Where, what: str) -> bool:
        if not is_language_tag(lang):
            self.report.error(where, f"'{lang}' in {what} {_NOT_A_TAG}")
            return False
        if self.languages is not None and lang not in self.languages:
            self.report.error(
                where,
                f"language '{lang}' in {what} is not declared{did_you_mean(lang, self.languages)}; "
                f"add it to 'languages' ({', '.join(self.languages)}) or remove this text",
            )
            return False
        return True

    def expression(self, node: Node | None, what: str) -> Expression | None:
        """A parsed expression; a parse error is reported with its column."""
        text = self.string(node, what)
        if text is None or node is None:
            return None
        try:
            return parse_expression(text)
        except ExpressionError as error:
            self.report.error(
                node.where,
                f"{what}: cannot read the expression at column {error.column}: {error.reason}",
            )
            return None


_NOT_A_TAG = "is not a BCP-47 language tag; write e.g. de, en, tr, ar, uk, pt-BR, or de-x-ls for Leichte Sprache"


def _kind(node: Node) -> str:
    return {"map": "a mapping", "seq": "a list"}.get(node.kind, f"'{node.text}'")
