"""Adding or changing translations in a questionnaire's YAML text, keeping the rest as written.

The texts are addressed by the keys of the translation table (``title``, ``page kind /
question alter / label``, ``choices ja_nein / ja / label``, …; see
``survey_app/coordinator/coverage.py``).  The file is not dumped again: each change is
spliced into the source text at the place PyYAML's composer reports, so comments, order,
quoting and line breaks of everything else stay exactly as they were.

- a text written per language (``label: {de: …}`` or one language per line) gets the
  language added (a new line in the same indentation, or ``, tr: "…"`` before ``}``) or
  its value replaced;
- a text written as a plain string (the default language) becomes
  ``{de: <as written>, tr: "…"}``.

New values are written as double-quoted YAML strings.  No Flask here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

#: The text keys of a question (in the order of the translation table).
QUESTION_TEXTS = (
    "label",
    "hint",
    "required_message",
    "constraint_message",
    "low_label",
    "high_label",
)
ROOT_TEXTS = ("title", "description", "consent")


class TextEditError(ValueError):
    """A text that cannot be edited: unknown key, or a source written in an unusual way."""


@dataclass(frozen=True)
class _Splice:
    start: int
    end: int
    text: str


def _entries(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _elements(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _identified(
    node: yaml.Node | None, key: str = "id"
) -> Iterator[tuple[str, dict[str, yaml.Node]]]:
    """(id, fields) of each mapping in the list ``node`` that has a scalar ``key``."""
    for element in _elements(node):
        fields = _entries(element)
        identifier = _scalar(fields.get(key))
        if identifier is not None:
            yield identifier, fields


def _choice_nodes(prefix: str, node: yaml.Node | None) -> Iterator[tuple[str, yaml.Node]]:
    for value, fields in _identified(node, "value"):
        for name in ("label", "image_alt"):
            if name in fields:
                yield f"{prefix} / {value} / {name}", fields[name]


def text_nodes(root: yaml.Node) -> dict[str, yaml.Node]:
    """Every text node of a composed questionnaire by its translation-table key."""
    found: dict[str, yaml.Node] = {}
    top = _entries(root)
    for name in ROOT_TEXTS:
        if name in top:
            found[name] = top[name]
    for list_name, choices in _entries(top.get("choice_lists")).items():
        found.update(_choice_nodes(f"choices {list_name}", choices))
    for page_id, page_fields in _identified(top.get("pages")):
        if "title" in page_fields:
            found[f"page {page_id} / title"] = page_fields["title"]
        for question in _elements(page_fields.get("questions")):
            found.update(_question_nodes(f"page {page_id}", _entries(question)))
    for score_id, fields in _identified(top.get("scores")):
        if "label" in fields:
            found[f"score {score_id} / label"] = fields["label"]
        for band_id, band_fields in _identified(fields.get("bands")):
            if "label" in band_fields:
                found[f"score {score_id} / band {band_id} / label"] = band_fields["label"]
    return found


def _question_nodes(page: str, fields: dict[str, yaml.Node]) -> Iterator[tuple[str, yaml.Node]]:
    question_id = _scalar(fields.get("id"))
    if question_id is None:
        return
    prefix = f"{page} / question {question_id}"
    for name in QUESTION_TEXTS:
        if name in fields:
            yield f"{prefix} / {name}", fields[name]
    equity = _entries(fields.get("equity_group"))
    if "label" in equity:
        yield f"{prefix} / equity_group / label", equity["label"]
    yield from _choice_nodes(f"{prefix} / choice", fields.get("choices"))
    yield from _choice_nodes(f"{prefix} / row", fields.get("rows"))


def quote(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def line_end(source: str, index: int) -> int:
    """The index just after the line break that ends the line holding ``index``."""
    if index > 0 and source[index - 1] == "\n":
        return index
    newline = source.find("\n", index)
    return len(source) if newline < 0 else newline + 1


def _end(source: str, node: yaml.Node) -> int:
    """Where ``node`` ends; for a block scalar just after its last line of text."""
    end = node.end_mark.index
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        content = len(source[:end].rstrip())
        return line_end(source, content)
    return end


def _splice_for(source: str, node: yaml.Node, language: str, default: str, text: str) -> _Splice:
    if isinstance(node, yaml.ScalarNode):
        start, end = node.start_mark.index, _end(source, node)
        if node.style in ("|", ">"):
            original = quote(node.value)
            tail = "\n"
        else:
            original = source[start:end]
            tail = ""
        if language == default:
            return _Splice(start, end, quote(text) + tail)
        return _Splice(start, end, f"{{{default}: {original}, {language}: {quote(text)}}}{tail}")
    if not isinstance(node, yaml.MappingNode) or not node.value:
        raise TextEditError("the text is not a mapping of languages")
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == language:
            if not isinstance(value, yaml.ScalarNode):
                raise TextEditError("the text in this language is not a plain string")
            tail = "\n" if value.style in ("|", ">") else ""
            return _Splice(value.start_mark.index, _end(source, value), quote(text) + tail)
    last_key, last_value = node.value[-1]
    if node.flow_style:
        at = last_value.end_mark.index
        return _Splice(at, at, f", {language}: {quote(text)}")
    at = line_end(source, _end(source, last_value))
    indent = " " * last_key.start_mark.column
    prefix = "" if at == 0 or source[at - 1] == "\n" else "\n"
    return _Splice(at, at, f"{prefix}{indent}{language}: {quote(text)}\n")


def set_node_texts(
    source: str, edits: list[tuple[yaml.Node, str, str]], default_language: str
) -> str:
    """``source`` with each (text node, language, text) of ``edits`` set, as :func:`set_texts`."""
    splices = [
        _splice_for(source, node, language, default_language, text)
        for node, language, text in edits
    ]
    return _apply(source, splices)


def _apply(source: str, splices: list[_Splice]) -> str:
    result = source
    for splice in sorted(splices, key=lambda s: s.start, reverse=True):
        result = result[: splice.start] + splice.text + result[splice.end :]
    return result


def editable_keys(source: str) -> set[str]:
    """The keys of the texts written in ``source`` (built-in texts such as yes/no are not)."""
    root = yaml.compose(source, Loader=yaml.SafeLoader)
    return set(text_nodes(root)) if root is not None else set()


def set_texts(source: str, language: str, default_language: str, texts: dict[str, str]) -> str:
    """``source`` with each text of ``texts`` (key → new text) set in ``language``.

    Raises :class:`TextEditError` for a key the file has no text for.
    """
    root = yaml.compose(source, Loader=yaml.SafeLoader)
    nodes = text_nodes(root) if root is not None else {}
    splices: list[_Splice] = []
    seen: set[int] = set()
    for key, text in texts.items():
        node = nodes.get(key)
        if node is None:
            raise TextEditError(f"no text '{key}' in this file")
        if id(node) in seen:
            continue
        seen.add(id(node))
        splices.append(_splice_for(source, node, language, default_language, text))
    return _apply(source, splices)


def declare_language(source: str, tag: str) -> str:
    """``source`` with ``tag`` added to its ``languages`` list (unchanged if it is there).

    A flow list (``languages: [de, en]``) gets ``, tag`` before its ``]``; a block list
    gets a new ``- tag`` line in the same indentation after its last item.  Raises
    :class:`TextEditError` when the file has no ``languages`` list.
    """
    root = yaml.compose(source, Loader=yaml.SafeLoader)
    node = _entries(root).get("languages")
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise TextEditError("the file has no 'languages' list")
    if tag in (_scalar(item) for item in node.value):
        return source
    if node.flow_style:
        close = source.rindex("]", 0, node.end_mark.index)
        return _apply(source, [_Splice(close, close, f", {tag}")])
    last = node.value[-1]
    indent = " " * node.start_mark.column
    after = line_end(source, _end(source, last))
    return _apply(source, [_Splice(after, after, f"{indent}- {tag}\n")])
