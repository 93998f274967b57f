"""Source trees: YAML (or spreadsheet rows) as mappings, lists and scalars with lines.

The loader reads these instead of plain Python data so that every problem can name
the line it is on. YAML is composed with PyYAML's safe composer; values are resolved
here, so ``no`` as a language tag or ``1`` as a choice value keep their text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
import yaml.constructor

from survey_app.questionnaire.limits import MAX_YAML_BYTES, MAX_YAML_NESTING, MAX_YAML_NODES
from survey_app.questionnaire.problems import Report, Where

MAX_NODES = MAX_YAML_NODES
MAX_NESTING = MAX_YAML_NESTING

_STR = "tag:yaml.org,2002:str"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass(eq=False)
class Node:
    """A mapping (``kind == 'map'``), list (``'seq'``) or scalar (``'scalar'``).

    For a mapping, ``entries`` maps each key to its value node and ``key_where`` to
    where the key is written; for a list, ``elements``; for a scalar, ``value`` is the
    resolved value (str, int, float, bool or None) and ``text`` the text as written.
    """

    kind: str
    where: Where
    entries: dict[str, Node] = field(default_factory=dict)
    key_where: dict[str, Where] = field(default_factory=dict)
    elements: list[Node] = field(default_factory=list)
    value: Any = None
    text: str = ""
    quoted: bool = False

    def get(self, key: str) -> Node | None:
        """The value of ``key`` in a mapping, or None."""
        return self.entries.get(key)

    def where_of(self, key: str) -> Where:
        """Where ``key`` is written (the mapping's start when it is absent)."""
        return self.key_where.get(key, self.where)

    def plain(self) -> Any:
        """The tree as plain Python data (dicts, lists and scalars)."""
        if self.kind == "map":
            return {key: value.plain() for key, value in self.entries.items()}
        if self.kind == "seq":
            return [element.plain() for element in self.elements]
        return self.value


def from_plain(data: Any, where: Where) -> Node:
    """A tree for plain data, every node placed at ``where`` (used for spreadsheet rows)."""
    if isinstance(data, Node):
        return data
    if isinstance(data, dict):
        node = Node("map", where)
        for key, value in data.items():
            node.entries[str(key)] = from_plain(value, where)
            node.key_where[str(key)] = where
        return node
    if isinstance(data, list | tuple):
        return Node("seq", where, elements=[from_plain(item, where) for item in data])
    text = "" if data is None else str(data)
    return Node("scalar", where, value=data, text=text, quoted=isinstance(data, str))


def parse_yaml(data: bytes, source: str, report: Report) -> Node | None:
    """Compose ``data`` into a tree; problems (encoding, syntax, empty) go to ``report``."""
    start = Where(source, 1)
    if len(data) > MAX_YAML_BYTES:
        report.error(start, "file_too_large", limit=MAX_YAML_BYTES // 1024 // 1024)
        return None
    if not data.strip():
        report.error(start, "file_empty")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        report.error(Where(source, line), "not_utf8", byte=f"{data[error.start]:02x}")
        return None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        detail = error.problem or error.context or "invalid YAML"
        flow = "flow" in f"{error.context} {error.problem}"
        report.error(
            Where(source, line), "yaml_syntax_flow" if flow else "yaml_syntax", detail=detail
        )
        return None
    except yaml.YAMLError as error:
        report.error(start, "not_yaml", detail=_first_line(error))
        return None
    except RecursionError:
        report.error(start, "yaml_nested")
        return None
    if root is None:
        report.error(start, "no_data")
        return None
    if _expanded_size(root, {}, set(), 0) > MAX_NODES:
        report.error(start, "yaml_too_large", limit=MAX_NODES)
        return None
    return _Converter(source, report).convert(root, 0, frozenset())


def _expanded_size(node: yaml.Node, sizes: dict[int, int], active: set[int], depth: int) -> int:
    """How many nodes ``node`` becomes with aliases expanded, counted without expanding
    them (an alias bomb is refused at once); stops counting past the limit."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in active or depth > MAX_NESTING or isinstance(node, yaml.ScalarNode):
        return 1  # the converter reports self-references and deep nesting
    active.add(key)
    size = 1
    children = (
        node.value
        if isinstance(node, yaml.SequenceNode)
        else [child for pair in node.value for child in pair]
    )
    for child in children:
        size += _expanded_size(child, sizes, active, depth + 1)
        if size > MAX_NODES:
            break
    active.discard(key)
    sizes[key] = size
    return size


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


class _Converter:
    def __init__(self, source: str, report: Report) -> None:
        self.source = source
        self.report = report
        self.count = 0

    def where(self, node: yaml.Node) -> Where:
        return Where(self.source, node.start_mark.line + 1)

    def convert(self, node: yaml.Node, depth: int, active: frozenset[int]) -> Node | None:
        where = self.where(node)
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self.report.error(where, "yaml_too_large", limit=MAX_NODES)
            return None
        if depth > MAX_NESTING or id(node) in active:
            self.report.error(where, "yaml_nested_alias")
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, where)
        inner = active | {id(node)}
        if isinstance(node, yaml.SequenceNode):
            elements = [self.convert(item, depth + 1, inner) for item in node.value]
            return Node(
                "seq", where, elements=[element for element in elements if element is not None]
            )
        return self.mapping(node, where, depth, inner)

    def mapping(
        self, node: yaml.MappingNode, where: Where, depth: int, active: frozenset[int]
    ) -> Node:
        result = Node("map", where)
        for key_node, value_node in node.value:
            key_where = self.where(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.report.error(key_where, "key_not_plain")
                continue
            key = key_node.value
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.report.error(key_where, "merge_key")
                continue
            if key in result.entries:
                first = result.key_where[key].line
                self.report.error(key_where, "duplicate_key", key=key, first=first)
                continue
            value = self.convert(value_node, depth + 1, active)
            if value is not None:
                result.entries[key] = value
                result.key_where[key] = key_where
        return result

    def scalar(self, node: yaml.ScalarNode, where: Where) -> Node:
        text = node.value
        quoted = node.style in ("'", '"', "|", ">")
        tag = node.tag
        value: Any = text
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool"):
            value = self.construct(node)
        elif tag == "tag:yaml.org,2002:null":
            value = None
        elif tag not in (_STR, "tag:yaml.org,2002:timestamp"):
            self.report.error(where, "yaml_tag", tag=tag)
        return Node("scalar", where, value=value, text=text, quoted=quoted)

    def construct(self, node: yaml.ScalarNode) -> Any:
        build = {
            "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
            "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
            "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
        }[node.tag]
        try:
            return build(node)
        except (yaml.YAMLError, ValueError, OverflowError):
            return node.value
