"""Reading values out of a source tree, reporting every problem with its line."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from survey_app.questionnaire.expression_parser import ExpressionError, parse_expression
from survey_app.questionnaire.expressions import Expression
from survey_app.questionnaire.languages import is_language_tag
from survey_app.questionnaire.messages import Term, term
from survey_app.questionnaire.nodes import Node
from survey_app.questionnaire.problems import Report, Where, closest
from survey_app.questionnaire.text import Text

#: Question ids, score ids and choice list names: usable as ``${id}`` and in exports.
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: Choice values, page ids, site ids.
VALUE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
#: Questionnaire ids (also used in URLs).
SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")

T = TypeVar("T")

#: What a file calls a thing: a key as written (``"id"``) or a translated :class:`Term`.
What = str | Term


@dataclass
class TextUse:
    """A translated text and where it is written (for the missing-translation check)."""

    text: Text
    where: Where
    what: What


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

    def _shaped(self, node: Node | None, kind: str, code: str, what: What) -> Node | None:
        """``node`` if it is of ``kind``; else reports ``code`` (unless absent) and gives None."""
        if node is None:
            return None
        if node.kind != kind:
            self.report.error(node.where, code, what=what, kind=_kind(node))
            return None
        return node

    def mapping(self, node: Node | None, what: What) -> Node | None:
        """``node`` if it is a mapping; else reports and returns None."""
        return self._shaped(node, "map", "not_mapping", what)

    def record(
        self, node: Node | None, what: What, known: Iterable[str], required: Iterable[str]
    ) -> Node | None:
        """A mapping whose keys are checked (see :meth:`keys`); None when it is no mapping."""
        entry = self.mapping(node, what)
        if entry is not None:
            self.keys(entry, known, required, what)
        return entry

    def sequence(self, node: Node | None, what: What) -> list[Node]:
        """The elements of a list (reports anything else)."""
        listed = self._shaped(node, "seq", "not_list", what)
        return listed.elements if listed is not None else []

    def keys(
        self,
        node: Node,
        known: Iterable[str],
        required: Iterable[str],
        what: What,
        example: str = "",
    ) -> None:
        """Report unknown keys (with the closest known one) and missing required keys."""
        known = list(known)
        for key in node.entries:
            if key not in known:
                self.report.error(
                    node.where_of(key),
                    "unknown_key",
                    key=key,
                    what=what,
                    near=closest(key, known),
                    known=known,
                )
        for key in required:
            if key not in node.entries:
                if example and key == "id":
                    self.report.error(
                        node.where, "missing_key_example", what=what, key=key, example=example
                    )
                else:
                    self.report.error(node.where, "missing_key", what=what, key=key)

    def unique(self, built: Iterable[tuple[T | None, Node]], code: str, **params: Any) -> list[T]:
        """The built items (anything with an ``id`` or ``value``) whose id is new.

        A repeated id is reported (message ``code`` with ``params``) with the line of its
        first use; None items are skipped.
        """
        first: dict[str, int] = {}
        kept: list[T] = []
        for item, node in built:
            if item is None:
                continue
            key = getattr(item, "id", None) or getattr(item, "value", "")
            if key in first:
                name = "value" if "value" in node.entries else "id"
                self.report.error(node.where_of(name), code, key=key, first=first[key], **params)
                continue
            first[key] = node.where.line
            kept.append(item)
        return kept

    # --- scalars --------------------------------------------------------------------

    def scalar(self, node: Node | None, what: What) -> Node | None:
        """``node`` if it is a non-empty scalar; else reports and returns None."""
        node = self._shaped(node, "scalar", "not_single", what)
        if node is None:
            return None
        if node.value is None or node.text.strip() == "":
            self.report.error(node.where, "empty_value", what=what)
            return None
        return node

    def string(self, node: Node | None, what: What) -> str | None:
        """A scalar as text, exactly as written (``1`` gives ``'1'``, ``no`` gives ``'no'``)."""
        scalar = self.scalar(node, what)
        return scalar.text.strip() if scalar is not None else None

    def identifier(
        self, node: Node | None, what: What, pattern: re.Pattern[str] = IDENTIFIER
    ) -> str | None:
        """A string matching ``pattern`` (identifiers by default)."""
        text = self.string(node, what)
        if text is None or node is None:
            return None
        if not pattern.fullmatch(text):
            rule = term("rule_identifier" if pattern is IDENTIFIER else "rule_value")
            suggestion = re.sub(r"[^A-Za-z0-9_]+", "_", text).strip("_") or "x"
            self.report.error(
                node.where, "bad_identifier", what=what, text=text, rule=rule, suggestion=suggestion
            )
            return None
        return text

    def _typed(self, node: Node | None, what: What, fits: Callable[[Any], bool], code: str) -> Any:
        """The scalar's value when ``fits(value)`` and it is not quoted; else reports ``code``."""
        scalar = self.scalar(node, what)
        if scalar is None:
            return None
        if scalar.quoted or not fits(scalar.value):
            self.report.error(scalar.where, code, what=what, text=scalar.text)
            return None
        return scalar.value

    def integer(self, node: Node | None, what: What) -> int | None:
        """A whole number."""
        return self._typed(node, what, _is_whole, "not_whole_number")

    def number(self, node: Node | None, what: What) -> float | None:
        """A number (whole numbers stay int)."""
        return self._typed(node, what, _is_number, "not_number")

    def boolean(self, node: Node | None, what: What) -> bool | None:
        """``true`` or ``false``."""
        return self._typed(node, what, lambda value: isinstance(value, bool), "not_boolean")

    def choice_of(self, node: Node | None, what: What, allowed: Iterable[str]) -> str | None:
        """A string that must be one of ``allowed``."""
        text = self.string(node, what)
        allowed = list(allowed)
        if text is None or node is None:
            return None
        if text not in allowed:
            near = closest(text, allowed)
            self.report.error(
                node.where, "not_one_of", what=what, text=text, allowed=allowed, near=near
            )
            return None
        return text

    def strings(
        self, node: Node | None, what: What, pattern: re.Pattern[str] | None = None
    ) -> list[str]:
        """A list of strings (each checked against ``pattern``); duplicates are reported."""
        values: list[str] = []
        for element in self.sequence(node, what):
            text = (
                self.identifier(element, term("entry_of", what=what), pattern)
                if pattern
                else self.string(element, what)
            )
            if text is None:
                continue
            if text in values:
                self.report.error(element.where, "listed_twice", text=text, what=what)
                continue
            values.append(text)
        return values

    # --- languages, texts, expressions ----------------------------------------------

    def language(self, node: Node | None, what: What) -> str | None:
        """A BCP-47 language tag."""
        text = self.string(node, what)
        if text is None or node is None:
            return None
        if not is_language_tag(text):
            self.report.error(node.where, "not_language_tag", what=what, text=text)
            return None
        return text

    def languages_list(self, node: Node | None) -> list[str]:
        """The ``languages`` list: valid tags, each once."""
        tags: list[str] = []
        for element in self.sequence(node, "languages"):
            tag = self.language(element, term("the_language"))
            if tag is None:
                continue
            if tag in tags:
                self.report.error(element.where, "language_listed_twice", tag=tag)
                continue
            tags.append(tag)
        if node is not None and node.kind == "seq" and not node.elements:
            self.report.error(node.where, "languages_empty")
        return tags

    def text(self, node: Node | None, what: What) -> Text | None:
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
                value = self.string(value_node, term("text_in", lang=lang, what=what))
                if value is not None:
                    values[lang] = value
            if not values:
                if node.entries:
                    return None
                self.report.error(node.where, "text_empty", what=what)
                return None
            text = Text(values)
        else:
            self.report.error(node.where, "text_is_list", what=what)
            return None
        self.texts.append(TextUse(text, node.where, what))
        return text

    def _known_language(self, lang: str, where: Where, what: What) -> bool:
        if not is_language_tag(lang):
            self.report.error(where, "key_not_language_tag", lang=lang, what=what)
            return False
        if self.languages is not None and lang not in self.languages:
            self.report.error(
                where,
                "language_not_declared",
                lang=lang,
                what=what,
                near=closest(lang, self.languages),
                languages=self.languages,
            )
            return False
        return True

    def expression(self, node: Node | None, what: What) -> Expression | None:
        """A parsed expression; a parse error is reported with its column."""
        text = self.string(node, what)
        if text is None or node is None:
            return None
        try:
            return parse_expression(text)
        except ExpressionError as error:
            start = max(error.column - 1, 0)
            excerpt = text[start : start + 20] or text[-20:]
            self.report.error(
                node.where,
                "expression_unreadable",
                what=what,
                column=error.column,
                excerpt=excerpt,
                reason=error.term,
            )
            return None


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    """An int or float, not a bool and not NaN."""
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _kind(node: Node) -> What:
    if node.kind in ("map", "seq"):
        return term(f"kind_{node.kind}")
    return f"'{node.text}'"
