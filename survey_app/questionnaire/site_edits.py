"""Adding and renaming offers, districts and life phases in the site file's YAML text.

Like ``text_edits.py``, the changes are spliced into the text (comments and layout of
everything else stay): a new entry is appended to its list in the list's indentation
(a missing or empty list is written out), a new name replaces or adds the text of one
language.  The result must still be checked (``read_site``) before it is saved.
No Flask here.
"""

from __future__ import annotations

from typing import Any

import yaml

from survey_app.questionnaire.text_edits import TextEditError, line_end, set_node_texts

#: The lists of the site file a coordinator maintains in the browser.
SITE_ENTRY_LISTS = ("offers", "districts", "life_phases")


def _top(source: str) -> yaml.MappingNode:
    root = yaml.compose(source, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        raise TextEditError("the site file is not a mapping")
    return root


def _entry(list_node: yaml.Node | None, entry_id: str) -> yaml.MappingNode | None:
    if not isinstance(list_node, yaml.SequenceNode):
        return None
    for item in list_node.value:
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                if (
                    key.value == "id"
                    and isinstance(value, yaml.ScalarNode)
                    and value.value == entry_id
                ):
                    return item
    return None


def _list_node(root: yaml.MappingNode, list_name: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == list_name:
            return key, value
    return None


def rename_entry(
    source: str, list_name: str, entry_id: str, names: dict[str, str], default_language: str
) -> str:
    """``source`` with the ``name`` of entry ``entry_id`` of ``list_name`` set per language."""
    found = _list_node(_top(source), list_name)
    entry = _entry(found[1] if found else None, entry_id)
    name = None
    if entry is not None:
        name = next((value for key, value in entry.value if key.value == "name"), None)
    if name is None:
        raise TextEditError(f"no {list_name} entry '{entry_id}' with a name")
    edits = [(name, language, text) for language, text in names.items() if text]
    return set_node_texts(source, edits, default_language)


def _dump(entry: dict[str, Any], indent: int) -> str:
    text = yaml.safe_dump(
        [entry], allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )
    return "".join(" " * indent + line if line.strip() else line for line in text.splitlines(True))


def add_entry(source: str, list_name: str, entry: dict[str, Any]) -> str:
    """``source`` with ``entry`` (plain data, ``id`` first) appended to ``list_name``."""
    if list_name not in SITE_ENTRY_LISTS:
        raise TextEditError(f"'{list_name}' is not a list of the site file")
    root = _top(source)
    if _entry(found[1] if (found := _list_node(root, list_name)) else None, entry["id"]):
        raise TextEditError(f"the {list_name} entry '{entry['id']}' exists already")
    if found is None:
        ending = "" if source.endswith("\n") or not source else "\n"
        return f"{source}{ending}{list_name}:\n{_dump(entry, 2)}"
    key, node = found
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        last = node.value[-1]
        at = line_end(source, last.end_mark.index)
        if source[at - 1 : at] != "\n":
            source, at = source[:at] + "\n" + source[at:], at + 1
        indent = node.value[0].start_mark.column - 2
        return source[:at] + _dump(entry, max(indent, 0)) + source[at:]
    if isinstance(node, yaml.SequenceNode) and not node.value or _is_null(node):
        start = key.end_mark.index
        end = node.end_mark.index if not _is_null(node) else start
        rest = source[end:]
        if rest.startswith(":"):
            rest = rest[1:]
        line_rest = rest.split("\n", 1)
        tail = line_rest[1] if len(line_rest) > 1 else ""
        comment = line_rest[0].strip()
        comment = f" {comment}" if comment.startswith("#") else ""
        head = source[:start].rstrip(":")
        return f"{head}:{comment}\n{_dump(entry, key.start_mark.column + 2)}{tail}"
    raise TextEditError(f"'{list_name}' is written in a way that cannot be extended here")


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"
