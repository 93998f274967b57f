"""Every message code and term the model uses has a text (a missing one would raise
while a problem is being reported)."""

from __future__ import annotations

import ast
from pathlib import Path

from survey_app.questionnaire import message_texts
from survey_app.questionnaire.xlsform_import import UNSUPPORTED
from tests.conftest import PROJECT_ROOT

MODEL = PROJECT_ROOT / "survey_app" / "questionnaire"


def _calls(path: Path) -> list[ast.Call]:
    return [node for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.Call)]


def _name(call: ast.Call) -> str:
    function = call.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")


def _choices(argument: ast.expr) -> list[ast.Constant]:
    """A literal, or both literals of ``"a" if x else "b"``."""
    if isinstance(argument, ast.IfExp):
        return [*_choices(argument.body), *_choices(argument.orelse)]
    return [argument] if isinstance(argument, ast.Constant) else []


def test_every_reported_code_has_a_text() -> None:
    used: set[str] = set()
    for path in MODEL.glob("*.py"):
        for call in _calls(path):
            name = _name(call)
            if name in ("error", "warning") and len(call.args) >= 2:
                argument = call.args[1]
            elif name == "make_problem" and len(call.args) >= 3:
                argument = call.args[2]
            else:
                continue
            if isinstance(argument, ast.Constant):
                used.add(argument.value)
            else:  # a variable: Reader.unique passes its code on
                assert ast.unparse(argument) in (
                    "code",
                    "'yaml_syntax_flow' if flow else 'yaml_syntax'",
                ), (
                    path.name,
                    ast.unparse(call),
                )
    used |= {"yaml_syntax_flow", "yaml_syntax"}
    assert used and used <= set(message_texts.MESSAGES), used - set(message_texts.MESSAGES)


def test_every_term_has_a_text() -> None:
    used = {
        node.value
        for path in MODEL.glob("*.py")
        for call in _calls(path)
        if _name(call) == "term" and call.args
        for node in _choices(call.args[0])
    }
    used |= {"kind_map", "kind_seq"}  # term(f"kind_{node.kind}")
    used |= set(UNSUPPORTED.values())
    used |= {
        node.value
        for node in ast.walk(ast.parse((MODEL / "checks.py").read_text()))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith("role_needs_")
    }
    assert used <= set(message_texts.TERMS), used - set(message_texts.TERMS)
