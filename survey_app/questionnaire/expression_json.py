"""Expression trees as JSON, for the offline pages' small interpreter (``expressions.js``).

The browser never parses expression text: the server's parser builds the tree and this
module writes it as nested lists, one list per node, first the node's kind::

    ["lit", 3.0] ["lit", "a"] ["ref", "q"] ["cur"] ["attr", "name"]
    ["call", "selected", arg, arg] ["neg", operand] ["bin", "and", left, right]

Numbers stay JSON numbers and text stays JSON strings, so the interpreter sees the same
value types as :func:`survey_app.questionnaire.expressions.evaluate`.
"""

from __future__ import annotations

from typing import Any

from survey_app.questionnaire import expressions as ex


def tree_to_json(node: ex.Node) -> list[Any]:
    """One node (and everything below it) as nested lists."""
    if isinstance(node, ex.Literal):
        return ["lit", node.value]
    if isinstance(node, ex.Reference):
        return ["ref", node.name]
    if isinstance(node, ex.Current):
        return ["cur"]
    if isinstance(node, ex.ChoiceAttribute):
        return ["attr", node.name]
    if isinstance(node, ex.Call):
        return ["call", node.name, *(tree_to_json(argument) for argument in node.arguments)]
    if isinstance(node, ex.Negation):
        return ["neg", tree_to_json(node.operand)]
    return ["bin", node.operator, tree_to_json(node.left), tree_to_json(node.right)]


def expression_to_json(expression: ex.Expression | None) -> list[Any] | None:
    """An expression's tree as nested lists (None stays None)."""
    return None if expression is None else tree_to_json(expression.tree)
