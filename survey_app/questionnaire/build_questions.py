"""Reading one question's own keys: its type, the keys its type allows, number bounds,
points and equity group (the builder in :mod:`build_questionnaire` puts them together)."""

from __future__ import annotations

from survey_app.questionnaire.messages import Term, term
from survey_app.questionnaire.model import CHOICE_TYPES, QUESTION_TYPES, Choice, EquityGroup
from survey_app.questionnaire.nodes import Node
from survey_app.questionnaire.problems import closest
from survey_app.questionnaire.reader import Reader

QUESTION_KEYS = (
    "id",
    "type",
    "label",
    "hint",
    "required",
    "required_message",
    "relevant",
    "constraint",
    "constraint_message",
    "choices",
    "choice_filter",
    "rows",
    "min",
    "max",
    "points",
    "low_label",
    "high_label",
    "role",
    "equity_group",
    "appearance",
    "default",
    "audio",
)
EXPRESSION_KEYS = ("relevant", "constraint", "choice_filter")

_ANSWERED = tuple(t for t in QUESTION_TYPES if t != "note")
#: Which question types may use a key; keys not listed here work for every type.
TYPES_FOR_KEY: dict[str, tuple[str, ...]] = {
    "choices": tuple(t for t in CHOICE_TYPES if t != "yes_no"),
    "choice_filter": tuple(t for t in CHOICE_TYPES if t != "yes_no"),
    "rows": ("matrix",),
    "min": ("integer", "decimal"),
    "max": ("integer", "decimal"),
    "points": ("rating", "smiley", "dot_vote"),
    "low_label": ("rating",),
    "high_label": ("rating",),
    "required": _ANSWERED,
    "required_message": _ANSWERED,
    "constraint": _ANSWERED,
    "constraint_message": _ANSWERED,
    "default": tuple(t for t in _ANSWERED if t not in ("matrix", "dot_vote")),
}
#: XLSForm spellings people will try, and the ankommen type to use instead.
TYPE_HINTS = {
    "select_one": "single_choice",
    "select_multiple": "multiple_choice",
    "string": "text",
    "int": "integer",
    "number": "integer",
    "textarea": "long_text",
    "boolean": "yes_no",
    "likert": "rating",
}


def question_type(reader: Reader, entry: Node) -> str | None:
    """The ``type`` of a question (None, reported, when unknown; XLSForm names get a hint)."""
    node = entry.get("type")
    kind = reader.string(node, "type")
    if kind is None or node is None:
        return None
    if kind not in QUESTION_TYPES:
        hint = term("hint_use_type", type=TYPE_HINTS[kind]) if kind in TYPE_HINTS else ""
        reader.report.error(
            node.where,
            "unknown_type",
            kind=kind,
            hint=hint,
            near="" if hint else closest(kind, QUESTION_TYPES),
            types=QUESTION_TYPES,
        )
        return None
    return kind


def check_type_keys(reader: Reader, entry: Node, kind: str, name: Term) -> None:
    """Report keys the question type does not use, and keys it needs but lacks."""
    for key, types in TYPES_FOR_KEY.items():
        if key in entry.entries and kind not in types:
            reader.report.error(
                entry.where_of(key), "key_not_for_type", key=key, kind=kind, name=name
            )
    needs = {
        "choices": CHOICE_TYPES,
        "rows": ("matrix",),
        "points": ("rating", "smiley", "dot_vote"),
    }
    for key, types in needs.items():
        if kind in types and kind != "yes_no" and key not in entry.entries:
            reader.report.error(entry.where, "type_needs_key", name=name, kind=kind, key=key)


def bounds(
    reader: Reader, entry: Node, kind: str | None, name: Term
) -> tuple[float | None, float | None]:
    """``min`` and ``max`` of a number question (None where not given)."""
    if kind not in ("integer", "decimal"):
        return None, None
    read = reader.integer if kind == "integer" else reader.number
    low = read(entry.get("min"), "min") if "min" in entry.entries else None
    high = read(entry.get("max"), "max") if "max" in entry.entries else None
    if low is not None and high is not None and low > high:
        reader.report.error(entry.where_of("max"), "max_below_min", name=name, high=high, low=low)
    return low, high


def points(
    reader: Reader, entry: Node, kind: str | None, choices: list[Choice], name: Term
) -> int | None:
    """``points`` of a rating, smiley or dot-vote question, checked for its type."""
    if kind not in ("rating", "smiley", "dot_vote") or "points" not in entry.entries:
        return None
    where = entry.where_of("points")
    points = reader.integer(entry.get("points"), "points")
    if points is None:
        return None
    if kind == "rating" and not 2 <= points <= 11:
        reader.report.error(where, "rating_points", name=name, points=points)
    elif kind == "smiley" and points not in (3, 5):
        reader.report.error(where, "smiley_points", name=name, points=points)
    elif kind == "smiley" and choices and len(choices) != points:
        reader.report.error(where, "smiley_choices", name=name, points=points, count=len(choices))
    elif kind == "dot_vote" and points < 1:
        reader.report.error(where, "dot_vote_points", name=name)
    return points


def equity_group(reader: Reader, node: Node | None, name: Term) -> EquityGroup | None:
    """The ``equity_group`` of a question (None when absent or incomplete)."""

    def of(key: str) -> Term:
        return term("key_of_question", key=key, id=id_in(name))

    entry = reader.record(
        node, of("equity_group"), ("label", "members", "not_stated"), ("label", "members")
    )
    if entry is None:
        return None
    label = reader.text(entry.get("label"), of("equity_group label"))
    members = reader.strings(entry.get("members"), of("equity_group members"))
    if "members" in entry.entries and not members:
        reader.report.error(entry.where_of("members"), "equity_no_members", name=name)
    not_stated = []
    if "not_stated" in entry.entries:
        not_stated = reader.strings(entry.get("not_stated"), of("equity_group not_stated"))
    if label is None or not members:
        return None
    return EquityGroup(label, members, list(not_stated or []))


def id_in(name: Term) -> str | None:
    """The id inside a ``question`` term."""
    return dict(name.params).get("id")
